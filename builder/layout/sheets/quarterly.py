"""Quarterly: reported quarters, the rebuilt prior year, and the first forecast year's bridge."""

from __future__ import annotations

from builder.inputs.schema import Assumptions
from builder.layout.sheets.common import present, units_note
from builder.layout.spec import Gap, Heading, ItemRow, SheetSpec
from builder.model.history import QUARTERLY_ROWS, quarterly_key
from builder.model.items import Model
from builder.model.quarters import BRIDGED, bridge_key, implied_key
from builder.model.timeline import QUARTERLY

NAME = "Quarterly"


def quarterly_sheet(model: Model, assumptions: Assumptions) -> SheetSpec:
    rows: list = [
        Heading("Reported quarterly figures (hover a cell for its source)"),
        *present(model, [quarterly_key(metric) for metric, _, _ in QUARTERLY_ROWS]),
        Gap(),
        Heading("Segments by quarter: reported, or rebuilt as this year's quarter / (1 + growth)"),
        *present(model, [bridge_key(metric) for metric, _ in BRIDGED]),
        Gap(),
        Heading("First forecast year: the quarter still to report, implied by the annual forecast"),
    ]
    for metric, _ in BRIDGED:
        rows += present(model, [implied_key(metric), f"{implied_key(metric)}_yoy"])
    checks = [k for k in ("chk_quarter_segments", *(f"chk_implied_{m}" for m, _ in BRIDGED))
              if k in model.items]
    if checks:
        rows += [Gap(), Heading("Checks (1 = fails; counted on the Checks sheet)")]
        rows += [ItemRow(k) for k in checks]
    return SheetSpec(NAME, "Quarterly figures and the current-year bridge", QUARTERLY,
                     tuple(rows), subtitle=units_note(assumptions.company.reporting_currency))

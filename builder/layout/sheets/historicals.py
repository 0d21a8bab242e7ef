"""Historicals: every reported annual figure, blue, with its document and quote in a comment."""

from __future__ import annotations

from builder.inputs.schema import Assumptions
from builder.layout.sheets.common import present, units_note
from builder.layout.spec import Heading, SheetSpec
from builder.model.history import ANNUAL_ROWS, annual_key
from builder.model.items import Model
from builder.model.timeline import ANNUAL

NAME = "Historicals"


def historicals_sheet(model: Model, assumptions: Assumptions) -> SheetSpec:
    rows = (
        Heading("Reported annual figures (hover a cell for its source)"),
        *present(model, [annual_key(metric) for metric, _, _ in ANNUAL_ROWS]),
    )
    return SheetSpec(NAME, "Historical figures", ANNUAL, rows,
                     subtitle=units_note(assumptions.company.reporting_currency))

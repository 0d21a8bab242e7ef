"""Historicals: every reported annual figure, blue, with its document and quote in a comment,
grouped by statement; an analyst's estimate of a missing figure is marked as one."""

from __future__ import annotations

from builder.inputs.schema import Assumptions
from builder.layout.sheets.common import units_note
from builder.layout.spec import Gap, Heading, ItemRow, Row, SheetSpec
from builder.model.history import annual_key, grouped
from builder.model.items import Model
from builder.model.segments import revenue_tree
from builder.model.timeline import ANNUAL

NAME = "Historicals"


def historicals_sheet(model: Model, assumptions: Assumptions) -> SheetSpec:
    tree = revenue_tree(assumptions)
    segments = tuple(m for n in tree.walk() if not n.is_root
                     for m in (n.metric, f"{n.metric}_yoy"))
    prefix = annual_key("")
    present = {k[len(prefix):] for k in model.items if k.startswith(prefix)}
    rows: list[Row] = []
    for heading, metrics in grouped(present, segments):
        rows += [Heading(f"{heading}, as reported (hover a cell for its source)"),
                 *(ItemRow(annual_key(m)) for m in metrics), Gap()]
    return SheetSpec(NAME, "Historical figures", ANNUAL, tuple(rows),
                     subtitle=units_note(assumptions.company.reporting_currency))

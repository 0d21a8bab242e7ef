"""Street: brokers' published forecasts beside ours, with the differences by formula."""

from __future__ import annotations

from builder.inputs.schema import Assumptions
from builder.layout.sheets.common import units_note
from builder.layout.spec import Gap, Heading, ItemRow, Row, SheetSpec
from builder.model.items import Model
from builder.model.timeline import ANNUAL

NAME = "Street"


def street_sheet(model: Model, assumptions: Assumptions) -> SheetSpec | None:
    """One block per metric, in the model's order: ours, then each broker and our difference."""
    rows: list[Row] = []
    metric = None
    for key, item in model.items.items():
        if not key.startswith("st_") or item.timeline != ANNUAL:
            continue
        this = key.removeprefix("st_ours_") if key.startswith("st_ours_") else \
            key.removeprefix("st_").split("__")[0]
        if this != metric:
            if rows:
                rows.append(Gap())
            label = item.label.removeprefix("Our forecast: ") if key.startswith("st_ours_") \
                else item.label.split(": ", 1)[-1]
            rows.append(Heading(label))
            metric = this
        rows.append(ItemRow(key))
    if not rows:
        return None
    return SheetSpec(NAME, "Street: published estimates (brokers, the press) vs our forecast",
                     ANNUAL, tuple(rows),
                     subtitle=units_note(assumptions.company.reporting_currency))

"""Football Field: each method's value per share across the scenarios, and its chart's cells."""

from __future__ import annotations

from builder.inputs.schema import Assumptions
from builder.layout.spec import Heading, ItemRow, SheetSpec
from builder.model.football import FOOTBALL
from builder.model.items import Model

NAME = "Football Field"


def football_sheet(model: Model, assumptions: Assumptions) -> SheetSpec | None:
    keys = [k for k, item in model.items.items() if item.timeline == FOOTBALL]
    if not keys:
        return None
    unit = model.items[keys[0]].unit_text
    rows = (Heading(f"Value per unit of the rating listing ({unit}) in each scenario, and the "
                    "lowest and highest"),
            *(ItemRow(k) for k in keys))
    return SheetSpec(NAME, "Valuation ranges (football field)", FOOTBALL, rows,
                     subtitle="Low and high are the scenario sheets' values; the chart on the "
                              "Charts sheet draws these cells.")

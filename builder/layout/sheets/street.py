"""Street: brokers' published forecasts beside ours, with the differences by formula."""

from __future__ import annotations

from builder.inputs.schema import Assumptions
from builder.layout.sheets.common import units_note
from builder.layout.spec import Gap, Heading, ItemRow, Row, SheetSpec
from builder.model.items import Model
from builder.model.street import STREET_METRICS, street_prefix
from builder.model.timeline import ANNUAL

NAME = "Street"


def street_sheet(model: Model, assumptions: Assumptions) -> SheetSpec | None:
    rows: list[Row] = []
    for spec in STREET_METRICS:
        prefix = street_prefix(spec.metric)
        estimates = [k for k in model.items if k.startswith(prefix) and not k.endswith("_diff")]
        if not estimates:
            continue
        rows += [Heading(spec.label)]
        if f"st_ours_{spec.metric}" in model.items:
            rows.append(ItemRow(f"st_ours_{spec.metric}"))
        for key in estimates:
            rows.append(ItemRow(key))
            if f"{key}_diff" in model.items:
                rows.append(ItemRow(f"{key}_diff"))
        rows.append(Gap())
    if not rows:
        return None
    return SheetSpec(NAME, "Street: brokers' published estimates vs our forecast", ANNUAL,
                     tuple(rows), subtitle=units_note(assumptions.company.reporting_currency))

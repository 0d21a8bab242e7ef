"""Inputs: every analyst assumption in one place, scenarios side by side."""

from __future__ import annotations

from builder.inputs.schema import Assumptions
from builder.layout.sheets.common import present, units_note
from builder.layout.spec import Gap, Heading, ItemRow, SheetSpec
from builder.model.drivers import SCENARIOS
from builder.model.items import Model, Role
from builder.model.namespace import scenario_row_key
from builder.model.timeline import ANNUAL

NAME = "Inputs"
GENERAL = ("tax_rate", "tax_losses_brought_forward", "in_minimum_cash", "in_revolver_rate",
           "segment_tolerance", "check_tolerance")


def inputs_sheet(model: Model, assumptions: Assumptions) -> SheetSpec:
    rows: list = [
        Heading("Scenario"),
        *present(model, [f"scenario_name_{s}" for s in SCENARIOS]),
        *present(model, ["scenario", "scenario_index"]),
        Gap(),
        Heading("General: tax, funding, tolerances"),
        *present(model, GENERAL),
    ]
    extra = [k for k, item in model.items.items() if k.startswith("in_") and item.timeline is None
             and item.role is Role.INPUT and k not in GENERAL]
    if extra:
        rows += [Gap(), Heading("Valuation and market inputs"), *present(model, extra)]
    rows += [Gap(), Heading("Forecast drivers by scenario (the selected row feeds the model)")]
    live = [k for k, item in model.items.items()
            if k.startswith("drv_") and "__" not in k and item.timeline == ANNUAL]
    for key in live:
        rows += [ItemRow(scenario_row_key(key, s)) for s in SCENARIOS]
        rows += [ItemRow(key), Gap()]
    return SheetSpec(NAME, "Inputs and assumptions", ANNUAL, tuple(rows),
                     subtitle=units_note(assumptions.company.reporting_currency),
                     tab_color="#0000FF")

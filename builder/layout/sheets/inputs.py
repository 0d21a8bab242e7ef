"""Inputs: every analyst assumption in one place, scenarios side by side."""

from __future__ import annotations

from builder.inputs.schema import Assumptions
from builder.layout.sheets.common import present, units_note
from builder.layout.spec import Gap, Heading, ItemRow, SheetSpec
from builder.model.drivers import DRIVERS, SCENARIOS, scenario_row_key
from builder.model.items import Model
from builder.model.timeline import ANNUAL

NAME = "Inputs"


def inputs_sheet(model: Model, assumptions: Assumptions) -> SheetSpec:
    rows: list = [
        Heading("Scenario"),
        *present(model, [f"scenario_name_{s}" for s in SCENARIOS]),
        *present(model, ["scenario", "scenario_index"]),
        Gap(),
        Heading("General"),
        *present(model, ["tax_rate", "segment_tolerance", "check_tolerance"]),
    ]
    extra = [k for k in model.items if k.startswith("in_") and model.items[k].timeline is None]
    if extra:
        rows += [Gap(), Heading("Valuation and market inputs"), *present(model, extra)]
    rows += [Gap(), Heading("Forecast drivers by scenario (the selected row feeds the model)")]
    for spec in DRIVERS:
        if spec.key not in model.items:
            continue  # a segment this company does not report
        rows += [ItemRow(scenario_row_key(spec, s)) for s in SCENARIOS]
        rows += [ItemRow(spec.key), Gap()]
    return SheetSpec(NAME, "Inputs and assumptions", ANNUAL, tuple(rows),
                     subtitle=units_note(assumptions.company.reporting_currency),
                     tab_color="#0000FF")

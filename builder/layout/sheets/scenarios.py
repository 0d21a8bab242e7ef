"""Scenario sheets: the three statements and the valuation re-run on one scenario's drivers, so
the Valuation sheet can show Bear, Base and Bull side by side as live formulas."""

from __future__ import annotations

from collections.abc import Callable

from builder.inputs.schema import Assumptions
from builder.layout.sheets.common import units_note
from builder.layout.sheets.statements import statement_rows
from builder.layout.spec import Gap, Heading, ItemRow, Row, SheetSpec
from builder.model.items import Model
from builder.model.namespace import scenario_prefix
from builder.model.timeline import ANNUAL


def sheet_name(scenario: str) -> str:
    return f"Scenario {scenario.capitalize()}"


def scenario_sheet(scenario: str) -> Callable[[Model, Assumptions], SheetSpec]:
    def build(model: Model, assumptions: Assumptions) -> SheetSpec:
        prefix = scenario_prefix(scenario)
        statements = statement_rows(model, prefix)
        valuation = [k for k in model.items if k.startswith(f"{prefix}val_")]
        rows_ = [k for k in valuation if model.items[k].timeline]
        scalars = [k for k in valuation if not model.items[k].timeline]
        rows: list[Row] = [Heading(f"Forecast on the {scenario.capitalize()} drivers (Inputs "
                                   "sheet rows)")]
        for kind in ("is", "bs", "cf"):
            rows += statements[kind]
        rows += [Gap(), Heading("Valuation (WACC, bridge, multiples and weights as on the "
                                "Valuation sheet)"),
                 *(ItemRow(k) for k in rows_), *(ItemRow(k) for k in scalars)]
        return SheetSpec(sheet_name(scenario), f"{scenario.capitalize()} scenario", ANNUAL,
                         tuple(rows), subtitle=units_note(assumptions.company.reporting_currency))

    return build

"""Sensitivity: the target price re-computed cell by cell under other WACCs, growth rates and
exit multiples. Every cell is a formula; each grid boxes the cell at the base axes and says what
it equals."""

from __future__ import annotations

from builder.inputs.schema import Assumptions
from builder.layout.sheets.common import present
from builder.layout.spec import Gap, Heading, ItemRow, SheetSpec, TextRow
from builder.model.items import Model
from builder.model.sensitivity import GRID, GRID_ANSWERS, OFFSETS

NAME = "Sensitivity"


def sensitivity_sheet(model: Model, assumptions: Assumptions) -> SheetSpec:
    valuation = assumptions.valuation
    assert valuation is not None
    chosen = valuation.terminal.method
    rows = (
        TextRow("How to read", "Each cell re-discounts the forecast FCFF at its row's or column's "
                "WACC and re-blends with the other methods."),
        TextRow("Held fixed", "The forecast, the equity bridge, the share count, the other "
                "methods' values and every method's weight."),
        *present(model, ["val_target_ex_dcf", *(key for key, _, _ in GRID_ANSWERS.values())]),
        Gap(),
        Heading("Target price: WACC down (column C), terminal growth across (Gordon growth)"),
        _marked("gordon", chosen),
        ItemRow("sens_growth_axis"),
        *(ItemRow(f"sens_gordon_{i}", total_key=f"sens_wacc_axis_{i}")
          for i in range(len(OFFSETS))),
        Gap(),
        Heading("Target price: exit EV / EBITDA down (column C), WACC across (exit multiple)"),
        _marked("exit_multiple", chosen),
        ItemRow("sens_wacc_axis"),
        *(ItemRow(f"sens_exit_{i}", total_key=f"sens_exit_axis_{i}")
          for i in range(len(OFFSETS))),
    )
    return SheetSpec(NAME, "Sensitivity of the target price", GRID, rows,
                     subtitle="Quoted-unit prices; steps are inputs on the Inputs sheet.",
                     tab_color="#375623", wrap_text=True)


def _marked(method: str, chosen: str) -> TextRow:
    """What the boxed cell of a grid equals: the target price in the grid of the terminal method
    the model uses, otherwise the target that method would give (its own defined name)."""
    _, name, _ = GRID_ANSWERS[method]
    if method == chosen:
        return TextRow("Boxed cell", f"TargetPrice: this is the terminal method the model uses "
                       f"(also {name})")
    return TextRow("Boxed cell", f"{name}: the target had this terminal method been chosen; "
                   "not the model's target (the other grid's boxed cell is)")

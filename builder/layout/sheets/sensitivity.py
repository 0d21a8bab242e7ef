"""Sensitivity: the target price re-computed cell by cell under other WACCs, growth rates and
exit multiples. Every cell is a formula; the base case sits in the centre of each grid."""

from __future__ import annotations

from builder.inputs.schema import Assumptions
from builder.layout.sheets.common import present
from builder.layout.spec import Gap, Heading, ItemRow, SheetSpec, TextRow
from builder.model.items import Model
from builder.model.sensitivity import GRID, OFFSETS

NAME = "Sensitivity"


def sensitivity_sheet(model: Model, assumptions: Assumptions) -> SheetSpec:
    rows = (
        TextRow("How to read", "Each grid re-discounts the forecast FCFF with the WACC of its "
                "row or column and blends with the other methods; the centre cell is the base."),
        *present(model, ["val_target_ex_dcf"]),
        Gap(),
        Heading("Target price: WACC down (column C), terminal growth across (Gordon growth)"),
        ItemRow("sens_growth_axis"),
        *(ItemRow(f"sens_gordon_{i}", total_key=f"sens_wacc_axis_{i}")
          for i in range(len(OFFSETS))),
        Gap(),
        Heading("Target price: exit EV / EBITDA down (column C), WACC across (exit multiple)"),
        ItemRow("sens_wacc_axis"),
        *(ItemRow(f"sens_exit_{i}", total_key=f"sens_exit_axis_{i}")
          for i in range(len(OFFSETS))),
    )
    return SheetSpec(NAME, "Sensitivity of the target price", GRID, rows,
                     subtitle="Quoted-unit prices; steps are inputs on the Inputs sheet.",
                     tab_color="#375623")

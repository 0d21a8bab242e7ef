"""Checks: the master check, which must read 0, and where each failure count comes from."""

from __future__ import annotations

from builder.inputs.schema import Assumptions
from builder.layout.spec import Heading, ItemRow, SheetSpec, TextRow
from builder.model.checks import MASTER
from builder.model.items import Model

NAME = "Checks"


def checks_sheet(model: Model, assumptions: Assumptions) -> SheetSpec:
    scalar_checks = [k for k, item in model.items.items()
                     if k.startswith("chk_") and item.timeline is None]
    warnings = [k for k, item in model.items.items()
                if k.startswith("warn_") and item.timeline is None]
    rows: tuple = (
        Heading("Master check"),
        ItemRow(MASTER),
        TextRow("How to read", "0 means every check passes; each check below counts its failures."),
        Heading("Each check: number of failures (0 = pass)"),
        *(ItemRow(k) for k in scalar_checks),
    )
    if warnings:
        rows += (Heading("Warnings: judgements to review, not in the master check"),
                 *(ItemRow(k) for k in warnings))
    return SheetSpec(NAME, "Checks", None, rows, tab_color="#C00000")

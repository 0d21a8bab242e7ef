"""Checks: the master check, which must read 0, where each failure count comes from, and the
warnings with the reasons the YAML gives for them."""

from __future__ import annotations

from builder.inputs.schema import Assumptions
from builder.layout.spec import Heading, ItemRow, Row, SheetSpec, TextRow
from builder.model.checks import MASTER
from builder.model.items import Model

NAME = "Checks"


def checks_sheet(model: Model, assumptions: Assumptions) -> SheetSpec:
    scalar_checks = [k for k, item in model.items.items()
                     if k.startswith("chk_") and item.timeline is None]
    warnings = [k for k, item in model.items.items()
                if k.startswith("warn_") and item.timeline is None]
    rows: list[Row] = [
        Heading("Master check"),
        ItemRow(MASTER),
        TextRow("How to read", "0 means every check passes; each check below counts its "
                               "failures."),
        Heading("Each check: number of failures (0 = pass)"),
        *(ItemRow(k) for k in scalar_checks),
    ]
    if warnings:
        rows.append(Heading("Warnings: judgements to review, not in the master check"))
        for key in warnings:
            rows.append(ItemRow(key))
            reason = model.items[key].description
            if reason:
                rows.append(TextRow("Why the YAML accepts it", reason))
    limit = model.items.get("in_tv_share_limit")
    if limit is not None and limit.description:
        rows.append(TextRow("Terminal value limit raised because", limit.description))
    return SheetSpec(NAME, "Checks", None, tuple(rows), tab_color="#C00000", wrap_text=True)

"""Render expressions as Excel formulas, using the placement map for every address.

This is the only place a cell address is spelled: sheet code never assembles formula text.
References within the current column stay relative (so a forecast row reads the same in every
column); fixed references are absolute; named scalars are referred to by name.

A forecast row renders the same references once per column and many rows refer to the same
cells, so addresses and period shifts are memoised per renderer (one per sheet).
"""

from __future__ import annotations

from collections.abc import Sequence

from xlsxwriter.utility import quote_sheetname, xl_range_abs

from builder.layout.placement import Placement
from builder.model.expr import Expr, ModelError


class FormulaRenderer:
    """A :class:`~builder.model.expr.Resolver` that answers with addresses on ``sheet``."""

    def __init__(self, placement: Placement, sheet: str):
        self.placement = placement
        self.sheet = sheet
        self._addresses: dict[tuple[str, str | None, bool], str] = {}
        self._shifts: dict[tuple[str, int], str | None] = {}
        self._prefixes: dict[str, str] = {}  # other sheets' quoted names, with the "!"

    def formula(self, expr: Expr, period: str | None) -> str:
        return "=" + strip_outer(expr.render(self, period))

    def value(self, key: str, period: str | None):
        raise ModelError("rendering does not read values")

    def address(self, key: str, period: str | None, absolute: bool = False) -> str:
        cached = self._addresses.get((key, period, absolute))
        if cached is None:
            cached = self._addresses[key, period, absolute] = self._address(key, period, absolute)
        return cached

    def _address(self, key: str, period: str | None, absolute: bool) -> str:
        sheet, cell = self.placement.reference(key, period, absolute)
        return cell if sheet is None else self._qualify(sheet, cell)

    def address_range(self, key: str, periods: Sequence[str | None]) -> str:
        positions = [self.placement.position(key, p) for p in periods]
        rows = {p.row for p in positions}
        columns = sorted(p.column for p in positions)
        contiguous = columns == list(range(columns[0], columns[0] + len(columns)))
        if len(rows) != 1 or not contiguous:
            raise ModelError(f"{key}: periods {list(periods)} are not one contiguous range")
        row = positions[0].row
        cells = xl_range_abs(row, columns[0], row, columns[-1])
        return self._qualify(positions[0].sheet, cells)

    def shift(self, period: str | None, offset: int) -> str | None:
        if period is None:
            raise ModelError("a scalar has no previous period")
        if (period, offset) not in self._shifts:
            self._shifts[period, offset] = self._shift(period, offset)
        return self._shifts[period, offset]

    def _shift(self, period: str, offset: int) -> str | None:
        for timeline in self.placement.model.timelines.values():
            if period in timeline.keys:
                return timeline.keys[timeline.index(period) + offset]
        raise ModelError(f"unknown period {period}")

    def _qualify(self, sheet: str, cell: str) -> str:
        if sheet == self.sheet:
            return cell
        prefix = self._prefixes.get(sheet)
        if prefix is None:
            prefix = self._prefixes[sheet] = f"{quote_sheetname(sheet)}!"
        return prefix + cell


def strip_outer(text: str) -> str:
    """Drop one pair of parentheses around the whole formula: ``=(A1+B1)`` reads as ``=A1+B1``."""
    if not (text.startswith("(") and text.endswith(")")):
        return text
    depth = 0
    for index, char in enumerate(text):
        depth += char == "("
        depth -= char == ")"
        if depth == 0 and index < len(text) - 1:
            return text
    return text[1:-1]

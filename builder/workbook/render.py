"""Render expressions as Excel formulas, using the placement map for every address.

This is the only place a cell address is spelled: sheet code never assembles formula text.
References within the current column stay relative (so a forecast row reads the same in every
column); fixed references are absolute; named scalars are referred to by name.

A forecast row is one expression repeated across its columns. Each expression is rendered once
per sheet into a template, the formula text with a hole for every reference relative to the
column, and each cell fills the holes with its own addresses: the same text as rendering the tree
for that column, without walking it again. Addresses and period shifts are memoised too.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple

from xlsxwriter.utility import quote_sheetname, xl_range_abs

from builder.layout.placement import Placement
from builder.model.expr import Expr, ModelError, span
from builder.workbook.sheet import is_classic


class FormulaRenderer:
    """A :class:`~builder.model.expr.Resolver` that answers with addresses on ``sheet``."""

    def __init__(self, placement: Placement, sheet: str):
        self.placement = placement
        self.sheet = sheet
        self._addresses: dict[tuple[str, str | None, bool], str] = {}
        self._shifts: dict[tuple[str, int], str | None] = {}
        self._prefixes: dict[str, str] = {}  # other sheets' quoted names, with the "!"
        self._templates: dict[int, _Template] = {}  # by id(expr); the template keeps expr alive

    def formula_cell(self, expr: Expr, period: str | None) -> tuple[str, bool]:
        """The formula text, and whether it calls only classic functions (:func:`is_classic`),
        which the worksheet may then store without searching it."""
        if period is None:  # a scalar: one cell, nothing to reuse
            text = "=" + strip_outer(expr.render(self, period))
            return text, is_classic(text)
        template = self._templates.get(id(expr))
        if template is None:
            template = self._templates[id(expr)] = _Template.of(expr, self)
        return template.fill(self, period), template.classic

    def value(self, key: str, period: str | None):
        raise ModelError("rendering does not read values")

    def address(self, key: str, period: str | None, absolute: bool = False) -> str:
        cached = self._addresses.get((key, period, absolute))
        if cached is None:
            cached = self._addresses[key, period, absolute] = self._address(key, period, absolute)
        return cached

    def _address(self, key: str, period: str | None, absolute: bool) -> str:
        sheet, cell = self.placement.reference(key, period, absolute)
        return cell if sheet is None else self.qualify(sheet, cell)

    def address_span(self, first: str, last: str, period: str | None,
                     absolute: bool = False) -> str:
        return span(self.address(first, period, absolute), self.address(last, period, absolute))

    def address_range(self, key: str, periods: Sequence[str | None]) -> str:
        positions = [self.placement.position(key, p) for p in periods]
        rows = {p.row for p in positions}
        columns = sorted(p.column for p in positions)
        contiguous = columns == list(range(columns[0], columns[0] + len(columns)))
        if len(rows) != 1 or not contiguous:
            raise ModelError(f"{key}: periods {list(periods)} are not one contiguous range")
        row = positions[0].row
        cells = xl_range_abs(row, columns[0], row, columns[-1])
        return self.qualify(positions[0].sheet, cells)

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

    def qualify(self, sheet: str, cell: str) -> str:
        if sheet == self.sheet:
            return cell
        prefix = self._prefixes.get(sheet)
        if prefix is None:
            prefix = self._prefixes[sheet] = f"{quote_sheetname(sheet)}!"
        return prefix + cell


class _Column:
    """The column being rendered, ``offset`` columns along, while a template is recorded."""

    __slots__ = ("offset",)

    def __init__(self, offset: int):
        self.offset = offset


_HOLE = "\x00"  # stands for an address in a template; no formula text contains it


class _Recorder:
    """A resolver that renders an expression for a symbolic column: each reference relative to
    the column becomes a hole; fixed references and ranges are spelled by the real renderer."""

    def __init__(self, renderer: FormulaRenderer):
        self.renderer = renderer
        self.holes: list[_Hole] = []

    def value(self, key: str, period: str | None):
        raise ModelError("rendering does not read values")

    def address(self, key: str, period, absolute: bool = False) -> str:
        if isinstance(period, _Column):
            self.holes.append(_Hole.of(key, period.offset, absolute, self.renderer))
            return _HOLE
        return self.renderer.address(key, period, absolute)

    def address_span(self, first: str, last: str, period, absolute: bool = False) -> str:
        if isinstance(period, _Column):
            self.holes.append(_Hole(first, period.offset, absolute, "", "", None, last))
            return _HOLE
        return self.renderer.address_span(first, last, period, absolute)

    def address_range(self, key: str, periods: Sequence[str | None]) -> str:
        return self.renderer.address_range(key, periods)

    def shift(self, period, offset: int):
        if isinstance(period, _Column):
            return _Column(period.offset + offset)
        return self.renderer.shift(period, offset)


class _Template:
    """One expression's formula on one sheet, with holes for its column-relative addresses.

    Sound because expressions get every address, and every span of addresses, from the resolver
    and never edit one: the text around a hole is the same in every column.

    A hole on a row item is filled from that row's text and its sheet's period -> column map
    (two lookups per cell); any other hole asks the renderer, as rendering the tree would.
    """

    __slots__ = ("classic", "expr", "holes", "letters", "pairs", "parts")

    def __init__(self, expr: Expr, parts: list[str], holes: list[_Hole], letters: Sequence[str]):
        self.expr = expr  # held so that id(expr), the cache key, is not reused
        self.parts = parts
        self.holes = holes
        self.pairs = tuple(zip(holes, parts[1:], strict=True))  # each hole, then the text after it
        self.letters = letters
        # Addresses call no function: the template's functions are every filled formula's.
        self.classic = is_classic("".join(parts))

    @classmethod
    def of(cls, expr: Expr, renderer: FormulaRenderer) -> _Template:
        recorder = _Recorder(renderer)
        # Addresses hold no parentheses, so stripping the template strips every filled formula.
        text = "=" + strip_outer(expr.render(recorder, _Column(0)))  # type: ignore[arg-type]
        parts = text.split(_HOLE)
        if len(parts) != len(recorder.holes) + 1:
            raise ModelError(f"formula text contains the template marker: {text!r}")
        return cls(expr, parts, recorder.holes, renderer.placement.letters)

    def fill(self, renderer: FormulaRenderer, period: str) -> str:
        if not self.holes:
            return self.parts[0]
        letters = self.letters
        texts = [self.parts[0]]
        for hole, part in self.pairs:
            target = renderer.shift(period, hole.offset) if hole.offset else period
            column = hole.columns.get(target) if hole.columns is not None else None
            if column is not None:
                texts.append(f"{hole.prefix}{letters[column]}{hole.row}")
            elif hole.last is not None:
                texts.append(renderer.address_span(hole.key, hole.last, target, hole.absolute))
            else:  # a scalar, or a period off the row's sheet: the general path
                texts.append(renderer.address(hole.key, target, hole.absolute))
            texts.append(part)
        return "".join(texts)


class _Hole(NamedTuple):
    key: str
    offset: int
    absolute: bool
    prefix: str  # the sheet qualifier ("" on the same sheet), then "$" for an absolute column
    row: str  # the row number as written, "$" first for an absolute row
    columns: Mapping[str | None, int] | None  # the row's sheet's period -> column; None: scalar
    last: str | None = None  # a span's last item: the hole is first:last in the column

    @classmethod
    def of(cls, key: str, offset: int, absolute: bool, renderer: FormulaRenderer) -> _Hole:
        located = renderer.placement.row_of(key)
        if located is None:
            return cls(key, offset, absolute, "", "", None)
        sheet, row, columns = located
        dollar = "$" if absolute else ""
        return cls(key, offset, absolute, renderer.qualify(sheet, dollar), f"{dollar}{row + 1}",
                   columns)


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

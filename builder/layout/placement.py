"""Where every cell goes: the one map from (line item, period) to (sheet, row, column).

Every time-based sheet puts its timeline in the same columns (D onwards), so FY2026E is the
same column letter on Inputs, Historicals, Forecast and Valuation. Scalars sit in column C.

The writer asks for a position once per cell and the renderer for an address once per reference
(tens of thousands of times for a long horizon with many peers), so each sheet's period -> column
map and every column's letters are worked out once, and an answer is two lookups.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import NamedTuple

from xlsxwriter.utility import xl_col_to_name

from builder.layout.spec import ItemRow, SheetSpec
from builder.model.items import Model, Timeline

LABEL_COLUMN = 0
UNIT_COLUMN = 1
SCALAR_COLUMN = 2
FIRST_PERIOD_COLUMN = 3
HEADER_ROWS = 5  # title, subtitle, blank, period labels, actual/forecast flags


class Position(NamedTuple):
    """A cell; a named tuple, as the writer asks for one per cell and tuples are cheap to make."""

    sheet: str
    row: int  # 0-based, as xlsxwriter counts
    column: int


class LayoutError(Exception):
    pass


class Placement:
    """Answers where an item's cell for a period is, for the writer and the formula renderer."""

    def __init__(self, model: Model, specs: Iterable[SheetSpec]):
        self.model = model
        self.specs = tuple(specs)
        self.rows: dict[str, tuple[str, int]] = {}
        self.scalars: dict[str, Position] = {}
        self.sheet_timelines: dict[str, Timeline | None] = {}
        self._columns: dict[str, dict[str, int]] = {}
        for spec in self.specs:
            timeline = model.timelines[spec.timeline] if spec.timeline else None
            self.sheet_timelines[spec.name] = timeline
            if timeline is not None:
                self._columns[spec.name] = {
                    p: FIRST_PERIOD_COLUMN + i for i, p in enumerate(timeline.keys)}
            for offset, row in enumerate(spec.rows):
                if isinstance(row, ItemRow):
                    self._place(spec, HEADER_ROWS + offset, row)
        widest = max((len(columns) for columns in self._columns.values()), default=0)
        self.letters = [xl_col_to_name(c) for c in range(FIRST_PERIOD_COLUMN + widest)]
        unplaced = [k for k in model.items if k not in self.rows and k not in self.scalars]
        if unplaced:
            raise LayoutError(f"line items with no place on any sheet: {', '.join(unplaced)}")

    def _place(self, spec: SheetSpec, row_index: int, row: ItemRow) -> None:
        item = self.model.items[row.key]
        if row.key in self.rows or row.key in self.scalars:
            raise LayoutError(f"{row.key} is placed twice")
        if item.timeline is None:
            self.scalars[row.key] = Position(spec.name, row_index, SCALAR_COLUMN)
        else:
            if spec.timeline != item.timeline:
                raise LayoutError(f"{row.key} ({item.timeline}) on sheet {spec.name} "
                                  f"({spec.timeline})")
            self.rows[row.key] = (spec.name, row_index)
        if row.total_key is not None:
            if self.model.items[row.total_key].timeline is not None:
                raise LayoutError(f"{row.total_key} is not a scalar")
            self.scalars[row.total_key] = Position(spec.name, row_index, SCALAR_COLUMN)

    def position(self, key: str, period: str | None) -> Position:
        if period is None:
            if key not in self.scalars:
                raise LayoutError(f"{key} is not a placed scalar")
            return self.scalars[key]
        sheet, row = self.rows[key]
        column = self._columns[sheet].get(period)
        if column is None:
            raise ValueError(f"{period!r} is not in the timeline of sheet {sheet}")
        return Position(sheet, row, column)

    def row_of(self, key: str) -> tuple[str, int, Mapping[str | None, int]] | None:
        """(sheet, row, that sheet's period -> column map) of a row item; None for a scalar."""
        found = self.rows.get(key)
        if found is None:
            return None
        sheet, row = found
        return sheet, row, self._columns[sheet]

    def reference(self, key: str, period: str | None, absolute: bool) -> tuple[str | None, str]:
        """(sheet, A1 cell) of a reference, or (None, name) for a named scalar."""
        if period is None:
            name = self.model.items[key].name
            if name is not None:
                return None, name
            absolute = True
        sheet, row, column = self.position(key, period)
        letters = self.letters[column]
        if absolute:
            return sheet, f"${letters}${row + 1}"
        return sheet, f"{letters}{row + 1}"

    def period_columns(self, sheet: str) -> Mapping[str, int]:
        return dict(self._columns.get(sheet, {}))

"""Write sheets with xlsxwriter. The writer places; it never computes.

Every formula cell gets the formula rendered from the model's expression *and* the value the
model computed for it, so viewers that do not recalculate (previews, pandas, openpyxl with
``data_only``) show the true numbers. Every text from the inputs is written with
``write_string``: a company name of ``=HYPERLINK(...)`` stays text.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Sequence
from pathlib import Path

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.utility import quote_sheetname, xl_range_abs
from xlsxwriter.worksheet import Worksheet

from builder.historicals.records import Source
from builder.layout.placement import (
    FIRST_PERIOD_COLUMN,
    HEADER_ROWS,
    LABEL_COLUMN,
    SCALAR_COLUMN,
    UNIT_COLUMN,
    Placement,
)
from builder.layout.spec import Gap, Heading, ItemRow, SheetSpec, TextRow
from builder.model.expr import Expr, Ref, Value
from builder.model.items import LineItem, Model, Unit
from builder.workbook.charts import add_charts
from builder.workbook.formats import Formats, Style
from builder.workbook.render import FormulaRenderer
from builder.workbook.sheet import ModelWorksheet

AUTHOR = "finmodel"
SCALAR_WIDTH = 16
PERIOD_WIDTH = 11
CHARS_PER_WIDTH = 1.1  # Arial 9 characters per column-width unit (set for Calibri 11), about
LINE_HEIGHT = 12.0  # points per wrapped line of Arial 9
WORKBOOK_OPTIONS = {
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
    "use_future_functions": False,
    # The XML parts are assembled in memory rather than in temporary files that are then read
    # back to be zipped: no disk in the way, on any system. Their zip timestamp is fixed either
    # way, so the bytes stay the same from build to build.
    "in_memory": True,
}


def write_workbook(
    path: Path, model: Model, placement: Placement, title: str, created: dt.date,
    highlights: Iterable[tuple[str, str | None]] = (),
) -> None:
    """Write the whole workbook to ``path`` (the caller makes the write atomic)."""
    workbook = xlsxwriter.Workbook(str(path), WORKBOOK_OPTIONS)
    # A fixed creation date: the same inputs give the same bytes.
    workbook.set_properties({"title": title, "author": AUTHOR,
                             "created": dt.datetime.combine(created, dt.time())})
    workbook.set_calc_mode("auto")
    formats = Formats(workbook)
    marked = set(highlights)
    for spec in placement.specs:
        sheet = workbook.add_worksheet(spec.name, worksheet_class=ModelWorksheet)
        SheetWriter(sheet, spec, model, placement, formats, marked).write()
    _define_names(workbook, model, placement)
    add_charts(workbook, placement, model)
    workbook.close()


class SheetWriter:
    def __init__(self, sheet: ModelWorksheet, spec: SheetSpec, model: Model, placement: Placement,
                 formats: Formats, highlights: set[tuple[str, str | None]]):
        self.sheet = sheet
        self.spec = spec
        self.model = model
        self.placement = placement
        self.formats = formats
        self.renderer = FormulaRenderer(placement, spec.name)
        self.highlights = highlights
        self.formats_by_cell: dict[tuple[Unit, Style, bool], Format] = {}

    def write(self) -> None:
        self._frame()
        for offset, row in enumerate(self.spec.rows):
            index = HEADER_ROWS + offset
            if isinstance(row, Heading):
                self.sheet.write_string(index, LABEL_COLUMN, row.title, self.formats.heading())
            elif isinstance(row, TextRow):
                self.sheet.write_string(index, LABEL_COLUMN, row.label, self.formats.label())
                if row.text:
                    self._text(index, row.text)
            elif isinstance(row, ItemRow):
                self._item_row(index, row)
            elif isinstance(row, Gap):
                continue

    def _text(self, index: int, text: str) -> None:
        """A text value; on a wrapping sheet it wraps across the value and period columns, in a
        row tall enough for its lines, so it prints inside the page instead of running off it."""
        if not self.spec.wrap_text:
            self.sheet.write_string(index, SCALAR_COLUMN, text, self.formats.text())
            return
        fmt = self.formats.text(wrap=True)
        last, width = self._text_span
        lines = max(1, -(-len(text) // int(width * CHARS_PER_WIDTH)))
        if lines > 1:
            self.sheet.set_row(index, LINE_HEIGHT * lines)
        if last > SCALAR_COLUMN:
            self.sheet.merge_range(index, SCALAR_COLUMN, index, last, "", fmt)
        self.sheet.write_string(index, SCALAR_COLUMN, text, fmt)

    @functools.cached_property
    def _text_span(self) -> tuple[int, float]:
        """The last column text may wrap across and the width (in column units) up to it."""
        timeline = self.placement.sheet_timelines[self.spec.name]
        periods = len(timeline.periods) if timeline is not None else 0
        last = SCALAR_COLUMN + periods
        widths = [self.spec.column_widths.get(c, SCALAR_WIDTH if c == SCALAR_COLUMN
                                              else PERIOD_WIDTH) for c in range(SCALAR_COLUMN,
                                                                                last + 1)]
        return last, sum(widths)

    def _frame(self) -> None:
        sheet, formats = self.sheet, self.formats
        sheet.hide_gridlines(2)
        sheet.set_column(LABEL_COLUMN, LABEL_COLUMN, 54)
        sheet.set_column(UNIT_COLUMN, UNIT_COLUMN, 9)
        sheet.set_column(SCALAR_COLUMN, SCALAR_COLUMN, SCALAR_WIDTH)
        for column, width in self.spec.column_widths.items():
            sheet.set_column(column, column, width)
        if self.spec.tab_color:
            sheet.set_tab_color(self.spec.tab_color)
        # Printed, each sheet is one page wide, landscape, with its labels and timeline repeated.
        sheet.set_landscape()
        sheet.set_paper(9)  # A4
        sheet.fit_to_pages(1, 0)
        sheet.repeat_rows(0, HEADER_ROWS - 1)
        sheet.repeat_columns(LABEL_COLUMN, UNIT_COLUMN)
        sheet.write_string(0, LABEL_COLUMN, self.spec.title, formats.title())
        if self.spec.subtitle:
            sheet.write_string(1, LABEL_COLUMN, self.spec.subtitle, formats.subtitle())
        sheet.write_string(3, LABEL_COLUMN, "Line item", formats.column_header())
        sheet.write_string(3, UNIT_COLUMN, "Unit", formats.column_header())
        sheet.write_string(3, SCALAR_COLUMN, "Value / total", formats.column_header())
        timeline = self.placement.sheet_timelines[self.spec.name]
        if timeline is None:
            sheet.freeze_panes(HEADER_ROWS, SCALAR_COLUMN)
            return
        sheet.set_column(FIRST_PERIOD_COLUMN, FIRST_PERIOD_COLUMN + len(timeline.periods) - 1,
                         PERIOD_WIDTH)
        # Actual / Forecast flags only where the timeline has both (not on peers or grids).
        flagged = any(not p.actual for p in timeline.periods)
        for index, period in enumerate(timeline.periods):
            column = FIRST_PERIOD_COLUMN + index
            header = formats.period_header(period.actual or not flagged)
            sheet.write_string(3, column, period.label, header)
            if flagged:
                sheet.write_string(4, column, "Actual" if period.actual else "Forecast", header)
        sheet.freeze_panes(HEADER_ROWS, FIRST_PERIOD_COLUMN)

    def _item_row(self, index: int, row: ItemRow) -> None:
        item = self.model.items[row.key]
        self.sheet.write_string(index, LABEL_COLUMN, item.label, self._label_format)
        self.sheet.write_string(index, UNIT_COLUMN, item.unit_text, self._unit_format)
        located = self.placement.row_of(item.key)
        sheet_row, columns = (located[1], located[2]) if located is not None else (index, {})
        for period in item.cells:
            column = columns.get(period)
            if column is not None:
                self._cell(item, period, sheet_row, column)
            else:  # a scalar (or a period off the timeline, which position() reports)
                position = self.placement.position(item.key, period)
                self._cell(item, period, position.row, position.column)
        if row.total_key is not None:
            position = self.placement.position(row.total_key, None)
            self._cell(self.model.items[row.total_key], None, position.row, position.column)

    def _cell(self, item: LineItem, period: str | None, row: int, column: int) -> None:
        value = self.model.value(item.key, period)
        highlight = (item.key, period) in self.highlights
        expr = item.formula(period)
        if expr is not None:
            style = Style.LINK if self._is_link(expr) else Style.CALC
            fmt = self._format(item.unit, style, highlight)
            cached = value if value is not None else ""
            text, classic = self.renderer.formula_cell(expr, period)
            if classic:
                self.sheet.write_classic_formula(row, column, text, fmt, cached)
            else:  # xlsxwriter's undecorated writer: the public one only adds A1 parsing
                self.sheet._write_formula(row, column, text, fmt, cached)
        else:
            style = Style.ESTIMATE if period in item.estimated else Style.INPUT
            fmt = self._format(item.unit, style, highlight)
            _write_value(self.sheet, row, column, value, fmt)
            if item.options:
                self.sheet.data_validation(row, column, row, column,
                                           {"validate": "list", "source": list(item.options)})
        if not (item.sources or item.notes or (period is None and item.description)):
            return  # most cells: no comment to assemble
        comment = _comment(item.sources.get(period, ()), item.notes.get(period, ""),
                           item.description if period is None else "")
        if comment:
            self.sheet.write_comment(row, column, comment,
                                     {"author": AUTHOR, "x_scale": 4, "y_scale": 2.5})

    @functools.cached_property
    def _label_format(self) -> Format:
        # Created on first use, as the format order is the file's. A wrapping sheet wraps long
        # labels in their column (the unit column beside them would cut them off in print).
        return self.formats.label(wrap=self.spec.wrap_text)

    @functools.cached_property
    def _unit_format(self) -> Format:
        return self.formats.unit()

    def _format(self, unit: Unit, style: Style, highlight: bool) -> Format:
        """The cell format, looked up once per combination (first use still creates it, so
        formats keep their order and the file its bytes)."""
        key = (unit, style, highlight)
        if key not in self.formats_by_cell:
            self.formats_by_cell[key] = self.formats.cell(unit, style, highlight)
        return self.formats_by_cell[key]

    def _is_link(self, expr: Expr) -> bool:
        """A bare reference to another sheet: FAST colours it green."""
        if not isinstance(expr, Ref):
            return False
        key = expr.key
        if key in self.placement.scalars:
            return self.placement.scalars[key].sheet != self.spec.name
        return self.placement.rows[key][0] != self.spec.name


def _write_value(sheet: Worksheet, row: int, column: int, value: Value, fmt) -> None:
    if value is None:
        sheet._write_blank(row, column, None, fmt)
    elif isinstance(value, str):
        sheet._write_string(row, column, value, fmt)
    else:
        sheet._write_number(row, column, value, fmt)


def _comment(sources: Sequence[Source], note: str, description: str) -> str:
    lines = [f"{s.document}, line {s.line}: “{s.quote}”" for s in sources]
    if note:
        lines.append(note)
    if description:
        lines.append(description)
    return "\n".join(lines)


def _define_names(workbook: xlsxwriter.Workbook, model: Model, placement: Placement) -> None:
    for item in model.items.values():
        if item.name is None:
            continue
        if item.timeline is None:
            position = placement.position(item.key, None)
            cells = xl_range_abs(position.row, position.column, position.row, position.column)
        else:
            positions = [placement.position(item.key, p) for p in item.cells]
            columns = sorted(p.column for p in positions)
            row = positions[0].row
            cells = xl_range_abs(row, columns[0], row, columns[-1])
            position = positions[0]
        workbook.define_name(item.name, f"={quote_sheetname(position.sheet)}!{cells}")

"""Write sheets with xlsxwriter. The writer places; it never computes.

Every formula cell gets the formula rendered from the model's expression *and* the value the
model computed for it, so viewers that do not recalculate (previews, pandas, openpyxl with
``data_only``) show the true numbers. Every text from the inputs is written with
``write_string``: a company name of ``=HYPERLINK(...)`` stays text.
"""

from __future__ import annotations

import copy
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
from builder.workbook.text_width import column_points, lines_needed

AUTHOR = "finmodel"
LABEL_WIDTH = 54
UNIT_WIDTH = 9
SCALAR_WIDTH = 16
UNUSED_WIDTH = 2  # the value column of a sheet with no scalar and no text in it
PERIOD_WIDTH = 11
FONT_SIZE = 9  # every cell's text (formats.FONT_SIZE)
LINE_HEIGHT = 12.0  # points per wrapped line of Arial 9
DEFAULT_WIDTH = 8.43  # a column no one sized
PRINTABLE_WIDTH = 297 / 25.4 * 72 - 2 * 0.7 * 72  # A4 landscape between the default margins, pt
SMALLEST_FIT = 0.65  # fitted to one page wide below this, a sheet's text gets too small to read
WIDE_SCALE = 75  # percent: a sheet wider than that prints at this scale over several pages
WORKBOOK_OPTIONS = {
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
    "use_future_functions": False,
    # The XML parts are assembled in memory rather than in temporary files that are then read
    # back to be zipped: no disk in the way, on any system. Their zip timestamp is fixed either
    # way, so the bytes stay the same from build to build.
    "in_memory": True,
    # Column widths are counted in digits of the default font. Left at Calibri, a LibreOffice
    # without Calibri measures them in its stand-in's wider digits and prints every sheet a third
    # wider, so smaller (Peer Comps at 56%). Arial 10 has Calibri 11's 7-pixel digit, so Excel
    # draws the same widths, and LibreOffice has its metrics everywhere (Liberation Sans). Rows
    # default to Arial 10's 17 pixels; every cell is written in Arial 9 anyway.
    "default_format_properties": {"font_name": "Arial", "font_size": 10},
    "default_row_height": 17,
}


def write_workbook(
    path: Path, model: Model, placement: Placement, title: str, created: dt.date,
    highlights: Iterable[tuple[str, str | None]] = (),
) -> None:
    """Write the whole workbook to ``path`` (the caller makes the write atomic)."""
    # A deep copy: xlsxwriter writes into the options it is given (it adds the theme's font
    # name to default_format_properties), and the next workbook of this process would then tie
    # its default font to the theme: other bytes, and Calibri in Excel.
    workbook = xlsxwriter.Workbook(str(path), copy.deepcopy(WORKBOOK_OPTIONS))
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
    add_charts(workbook, placement, model, formats)
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
                lines = self._label(index, row.label,
                                    self._text_lines(row.text) if row.text else 0)
                if row.text:
                    self._text(index, row.text)
                self._height(index, lines)
            elif isinstance(row, ItemRow):
                self._height(index, self._item_row(index, row))
            elif isinstance(row, Gap):
                continue

    def _label(self, index: int, label: str, text_lines: int = 0) -> int:
        """Write a row's label; one too long for its column wraps (the unit beside it would cut
        it off in print). Beside a text of ``text_lines`` it starts at the top, level with the
        text; an item's label ends at the foot, level with its figures. Returns the lines the
        row needs."""
        lines = max(text_lines, lines_needed(label, self._width(LABEL_COLUMN), FONT_SIZE))
        wrap = lines > 1
        self.sheet.write_string(index, LABEL_COLUMN, label,
                                self.formats.label(wrap=wrap, top=text_lines > 0))
        return lines

    def _height(self, index: int, lines: int) -> None:
        """Give a row of wrapped text the height of its lines: Excel and LibreOffice print the
        height the file gives, and wrapped lines beyond it overprint the next row."""
        if lines > 1:
            self.sheet.set_row(index, LINE_HEIGHT * lines)

    def _text_lines(self, text: str) -> int:
        """The lines a text value takes: one where it runs on over the empty cells beside it."""
        if not self.spec.wrap_text:
            return 1
        return lines_needed(text, self._text_span[1], FONT_SIZE)

    def _text(self, index: int, text: str) -> None:
        """A text value; on a wrapping sheet it wraps across the value and period columns (the
        row is given the height of its lines), so it prints inside the page instead of running
        off it."""
        if not self.spec.wrap_text:
            self.sheet.write_string(index, SCALAR_COLUMN, text, self.formats.text())
            return
        fmt = self.formats.text(wrap=True)
        last = self._text_span[0]
        if last > SCALAR_COLUMN:
            self.sheet.merge_range(index, SCALAR_COLUMN, index, last, "", fmt)
        self.sheet.write_string(index, SCALAR_COLUMN, text, fmt)

    @functools.cached_property
    def _text_span(self) -> tuple[int, float]:
        """The last column text may wrap across and the width (in column units) up to it."""
        timeline = self.placement.sheet_timelines[self.spec.name]
        periods = len(timeline.periods) if timeline is not None else 0
        last = SCALAR_COLUMN + periods
        return last, sum(self._width(c) for c in range(SCALAR_COLUMN, last + 1))

    def _width(self, column: int) -> float:
        """A column's width in Excel's units, as ``_frame`` sets it."""
        return self._widths.get(column, DEFAULT_WIDTH)

    @functools.cached_property
    def _widths(self) -> dict[int, float]:
        """Every sized column: label, unit and value, the sheet's own widths, then the
        timeline's columns (which ``_frame`` sets last, so they win)."""
        value = SCALAR_WIDTH if self._value_column_used else UNUSED_WIDTH
        widths = {LABEL_COLUMN: LABEL_WIDTH, UNIT_COLUMN: UNIT_WIDTH, SCALAR_COLUMN: value}
        widths.update(self.spec.column_widths)
        timeline = self.placement.sheet_timelines[self.spec.name]
        for index in range(len(timeline.periods) if timeline is not None else 0):
            widths[FIRST_PERIOD_COLUMN + index] = PERIOD_WIDTH
        return widths

    @functools.cached_property
    def _value_column_used(self) -> bool:
        """Whether anything sits in the value column: a scalar, or the text of a text row. A
        sheet of rows alone (the statements, the interim bridge) keeps it narrow, so its
        timeline prints wider."""
        return (SCALAR_COLUMN in self.spec.column_widths
                or any(isinstance(row, TextRow) and row.text for row in self.spec.rows)
                or any(p.sheet == self.spec.name for p in self.placement.scalars.values()))

    def _print_setup(self) -> None:
        """A4 landscape, the title rows on every page. One page wide where that prints at 65% or
        more; a wider sheet (a long timeline, many peers) prints at 75% over several pages, in
        reading order (across, then down), rather than illegibly small, with its label columns
        repeated on each page. Only there: repeated columns cost LibreOffice about 3 s to open
        the default model (measured: 4.5 s load against 1.5 s), and a page-wide sheet has no
        second page across to repeat them on."""
        sheet = self.sheet
        sheet.set_landscape()
        sheet.set_paper(9)  # A4
        sheet.repeat_rows(0, HEADER_ROWS - 1)
        needed = sum(column_points(width) for width in self._widths.values())
        if PRINTABLE_WIDTH / needed >= SMALLEST_FIT:
            sheet.fit_to_pages(1, 0)
        else:
            sheet.set_print_scale(WIDE_SCALE)
            sheet.print_across()
            sheet.repeat_columns(LABEL_COLUMN, UNIT_COLUMN)

    def _frame(self) -> None:
        sheet, formats = self.sheet, self.formats
        sheet.hide_gridlines(2)
        sheet.set_column(LABEL_COLUMN, LABEL_COLUMN, LABEL_WIDTH)
        sheet.set_column(UNIT_COLUMN, UNIT_COLUMN, UNIT_WIDTH)
        sheet.set_column(SCALAR_COLUMN, SCALAR_COLUMN, self._widths[SCALAR_COLUMN])
        for column, width in self.spec.column_widths.items():
            sheet.set_column(column, column, width)
        if self.spec.tab_color:
            sheet.set_tab_color(self.spec.tab_color)
        self._print_setup()
        sheet.write_string(0, LABEL_COLUMN, self.spec.title, formats.title())
        if self.spec.subtitle:
            sheet.write_string(1, LABEL_COLUMN, self.spec.subtitle, formats.subtitle())
        sheet.write_string(3, LABEL_COLUMN, "Line item", formats.column_header())
        sheet.write_string(3, UNIT_COLUMN, "Unit", formats.column_header())
        if self._value_column_used:
            sheet.write_string(3, SCALAR_COLUMN, "Value / total", formats.column_header())
        timeline = self.placement.sheet_timelines[self.spec.name]
        if timeline is None:
            sheet.freeze_panes(HEADER_ROWS, SCALAR_COLUMN)
            return
        sheet.set_column(FIRST_PERIOD_COLUMN, FIRST_PERIOD_COLUMN + len(timeline.periods) - 1,
                         PERIOD_WIDTH)
        # Actual / Forecast flags only where the timeline has both (not on peers or grids).
        flagged = any(not p.actual for p in timeline.periods)
        lines = max(lines_needed(p.label, PERIOD_WIDTH, FONT_SIZE, bold=True)
                    for p in timeline.periods)
        self._height(3, lines)
        for index, period in enumerate(timeline.periods):
            column = FIRST_PERIOD_COLUMN + index
            header = formats.period_header(period.actual or not flagged, wrap=lines > 1)
            sheet.write_string(3, column, period.label, header)
            if flagged:
                sheet.write_string(4, column, "Actual" if period.actual else "Forecast", header)
        sheet.freeze_panes(HEADER_ROWS, FIRST_PERIOD_COLUMN)

    def _item_row(self, index: int, row: ItemRow) -> int:
        """Write an item's label, unit and cells; returns the lines its label takes."""
        item = self.model.items[row.key]
        lines = self._label(index, item.label)
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
        return lines

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

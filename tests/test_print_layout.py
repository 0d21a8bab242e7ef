"""Every sheet prints legibly on A4 landscape: one page wide, headers repeated, scale >= 60%, no
text cut off or printed over the next row, no chart split across two pages.

The effective scale is worked out as Excel and LibreOffice fit a sheet to one page wide: the
printable width over the width the sheet's content needs, its columns plus any text that is not
wrapped and so runs on past its cell (and, on a sheet printed at a fixed scale, its charts).
Text widths are Arial's (the Helvetica metrics matplotlib ships), measured here independently of
the writer's own table.
"""

from __future__ import annotations

import math
import re
import zipfile
from functools import cache
from pathlib import Path
from xml.etree import ElementTree

import matplotlib
import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from builder.pipeline import build
from builder.universe import generate_universe

A4_LANDSCAPE_WIDTH_PT = 297 / 25.4 * 72
A4_LANDSCAPE_HEIGHT_PT = 210 / 25.4 * 72
DEFAULT_WIDTH = 8.43
TEXT_CHAR_PX = 6  # Arial 9 pt: a generous average glyph width
SMALLEST_SCALE = 0.6
EMU_PER_PT = 12700
LINE_SPACING = 1.15  # an Arial line is 1.15 times its font size


@cache
def _glyph_widths(bold: bool) -> dict[str, int]:
    """Arial's advance widths per 1000 of the font size (Helvetica's metrics, which Arial and
    LibreOffice's Liberation Sans share)."""
    name = "phvb8a.afm" if bold else "phvr8a.afm"
    text = (Path(matplotlib.get_data_path()) / "fonts" / "afm" / name).read_text("latin-1")
    return {chr(int(code)): int(width)
            for code, width in re.findall(r"^C (\d+) ; WX (\d+) ;", text, re.M)
            if 32 <= int(code) <= 126}


def _text_pt(text: str, size: float, bold: bool) -> float:
    widths = _glyph_widths(bold)
    return sum(widths.get(c, 1000) for c in text) * size / 1000


def _column_pt(sheet, column: int) -> float:
    """A column's printed width; openpyxl keeps a run of equal columns (D:K) under its first."""
    width = DEFAULT_WIDTH
    for dimension in sheet.column_dimensions.values():
        if dimension.min <= column <= dimension.max and dimension.width:
            width = dimension.width
    return (width * 7 + 5) * 0.75


def _text_room_pt(sheet, first: int, last: int) -> float:
    """The room for text across columns ``first`` to ``last``: their width less the padding."""
    return sum(_column_pt(sheet, c) for c in range(first, last + 1)) - 5 * 0.75


def _starts(sheet, count: int) -> list[float]:
    starts = [0.0]
    for column in range(1, count + 1):
        starts.append(starts[-1] + _column_pt(sheet, column))
    return starts


def _needed_pt(sheet) -> float:
    charts = [c.anchor.to for c in sheet._charts]
    starts = _starts(sheet, max([sheet.max_column] + [to.col + 1 for to in charts]))
    needed = starts[sheet.max_column]
    for to in charts:  # a chart ends at column to.col, to.colOff into it
        needed = max(needed, starts[to.col] + to.colOff / EMU_PER_PT)
    for row in sheet.iter_rows():
        filled = [cell.column for cell in row if cell.value is not None]
        for cell in row:
            if isinstance(cell.value, str) and not cell.alignment.wrap_text:
                # Text runs on over empty cells only: the next filled cell stops it.
                stop = min((c for c in filled if c > cell.column), default=None)
                end = starts[cell.column - 1] + len(cell.value) * TEXT_CHAR_PX * 0.75
                needed = max(needed, end if stop is None else min(end, starts[stop - 1]))
    return needed


def _printable_width(sheet) -> float:
    return A4_LANDSCAPE_WIDTH_PT - (sheet.page_margins.left + sheet.page_margins.right) * 72


def effective_scale(sheet) -> float:
    return min(1.0, _printable_width(sheet) / _needed_pt(sheet))


def print_scale(sheet) -> float:
    """The scale a sheet prints at, checking its page set-up: A4 landscape, its title rows on
    every page, and either fitted to one page wide or at a fixed scale; a sheet that is then
    wider than a page repeats its label columns on every page across."""
    setup = sheet.page_setup
    assert setup.orientation == "landscape" and str(setup.paperSize) == "9", sheet.title
    assert sheet.print_title_rows, sheet.title
    if sheet.sheet_properties.pageSetUpPr.fitToPage:
        assert (setup.fitToWidth or 1, setup.fitToHeight) == (1, 0), sheet.title  # absent = 1
        return effective_scale(sheet)
    scale = (setup.scale or 100) / 100
    if _needed_pt(sheet) * scale > _printable_width(sheet):
        assert sheet.print_title_cols and not sheet._charts, sheet.title
    return scale


def test_every_sheet_prints_one_page_wide_on_a4_landscape_at_60_percent_or_more(kc_build):
    book = openpyxl.load_workbook(kc_build.workbook, data_only=True)  # text as shown
    small = {}
    for sheet in book.worksheets:
        scale = print_scale(sheet)
        assert sheet.sheet_properties.pageSetUpPr.fitToPage or sheet._charts, sheet.title
        if scale < SMALLEST_SCALE:
            small[sheet.title] = round(scale, 2)
    assert small == {}, small


@pytest.fixture(scope="module")
def widest_builds(tmp_path_factory: pytest.TempPathFactory):
    """The synthetic universe's widest companies: the first has the longest horizon, the fourth
    the most peers."""
    folder = tmp_path_factory.mktemp("widest")
    models = generate_universe(folder / "in", 4, seed=0)
    return [build(models[i], folder / "out", memo=False) for i in (0, 3)]


def test_a_sheet_too_wide_for_one_page_prints_legibly_over_several(widest_builds):
    """30 forecast years or 200 peers fitted to one page wide printed at 29% and 6%: such a
    sheet prints at a fixed legible scale across pages, its labels repeated on each."""
    wide = set()
    for built in widest_builds:
        book = openpyxl.load_workbook(built.workbook, data_only=True)
        for sheet in book.worksheets:
            scale = print_scale(sheet)
            assert scale >= SMALLEST_SCALE, (sheet.title, round(scale, 2))
            if not sheet.sheet_properties.pageSetUpPr.fitToPage and not sheet._charts:
                wide.add(sheet.title)
    assert {"Income Statement", "Peer Comps"} <= wide


def test_no_text_is_cut_off_in_the_widest_model(widest_builds):
    """Its peers' names (one is '<b>bold</b> & <i>co</i>') wrap in their column headers."""
    for built in widest_builds:
        problems = text_problems(built.workbook)
        assert problems == [], "\n".join(problems[:20])


def _merged_widths(sheet) -> dict[str, tuple[int, int]]:
    return {f"{get_column_letter(r.min_col)}{r.min_row}": (r.min_col, r.max_col)
            for r in sheet.merged_cells.ranges}


def _row_height(sheet, row: int) -> float:
    dimension = sheet.row_dimensions.get(row)
    if dimension is not None and dimension.ht:
        return dimension.ht
    return sheet.sheet_format.defaultRowHeight


def test_no_text_is_cut_off_or_printed_over_the_next_row(kc_build):
    """Text that does not fit its cell either runs on over empty cells, or wraps in a row tall
    enough for its lines: a label beside a filled unit cell was cut off (Checks), and labels
    wrapped in one-line rows printed over the row below (Peer Comps)."""
    problems = text_problems(kc_build.workbook)
    assert problems == [], "\n".join(problems[:20])


def text_problems(path: Path) -> list[str]:
    """Every text cell that prints cut off, or wrapped in a row too short for its lines."""
    book = openpyxl.load_workbook(path, data_only=True)
    problems = []
    for sheet in book.worksheets:
        merged = _merged_widths(sheet)
        for row in sheet.iter_rows():
            filled = [cell.column for cell in row if cell.value is not None]
            for cell in row:
                if not isinstance(cell.value, str) or not cell.value:
                    continue
                size, bold = cell.font.sz or 11, bool(cell.font.b)
                first, last = merged.get(cell.coordinate, (cell.column, cell.column))
                width = _text_pt(cell.value, size, bold)
                room = _text_room_pt(sheet, first, last)
                where = f"{sheet.title}!{cell.coordinate}"
                if cell.alignment.wrap_text:
                    lines = math.ceil(width / room)  # at least: whole words only add lines
                    if _row_height(sheet, cell.row) < lines * size * LINE_SPACING:
                        problems.append(f"{where}: {lines} lines in a row "
                                        f"{_row_height(sheet, cell.row)} pt tall")
                    continue
                stop = min((c for c in filled if c > last), default=None)
                if stop is not None and width > _text_room_pt(sheet, first, stop - 1):
                    problems.append(f"{where}: {cell.value[:40]!r} cut off by "
                                    f"{get_column_letter(stop)}{cell.row}")
    return problems


def test_no_chart_is_split_across_printed_pages(kc_build):
    """Each chart starts and ends on one page: a page break may fall between charts only, and
    the page's rows from its break down to the chart's foot fit the printable height."""
    book = openpyxl.load_workbook(kc_build.workbook)
    sheets = [s for s in book.worksheets if s._charts]
    assert sheets
    for sheet in sheets:
        # Excel ignores manual page breaks on a sheet fitted to a number of pages.
        assert not sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.title
        scale = (sheet.page_setup.scale or 100) / 100
        margins = (sheet.page_margins.top + sheet.page_margins.bottom) * 72
        page = (A4_LANDSCAPE_HEIGHT_PT - margins) / scale
        titles = re.fullmatch(r"\$(\d+):\$(\d+)", sheet.print_title_rows)
        title_rows = range(int(titles.group(1)), int(titles.group(2)) + 1)
        heights = _heights(sheet)
        breaks = sorted(b.id for b in sheet.row_breaks.brk)  # a break goes above row id (0-based)
        for chart in sheet._charts:
            top, foot = chart.anchor._from.row, chart.anchor.to.row
            assert not [b for b in breaks if top < b <= foot], f"a break splits a chart: {breaks}"
            start = max([0] + [b for b in breaks if b <= top])
            used = sum(heights(r) for r in range(start + 1, foot + 1))
            used += chart.anchor.to.rowOff / EMU_PER_PT
            if start > 0:
                used += sum(heights(r) for r in title_rows)
            assert used <= page, f"{sheet.title}: rows {start + 1}-{foot + 1} need {used:.0f} pt"


def _heights(sheet):
    """Row height in points (1-based rows): as set, else the default or the row's largest font."""
    fonts: dict[int, float] = {}
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value is not None and cell.font.sz:
                fonts[cell.row] = max(fonts.get(cell.row, 0), cell.font.sz * LINE_SPACING * 1.1)
    return lambda row: max(_row_height(sheet, row), fonts.get(row, 0))


def test_column_widths_are_counted_in_a_font_every_office_has(kc_build):
    """Column widths are in digits of the workbook's default font. With Calibri, a LibreOffice
    without Calibri counted them in a wider stand-in's digits and printed every sheet a quarter
    smaller (Peer Comps at 56%). Arial 10 has Calibri 11's digit in Excel and metric-compatible
    Liberation Sans in LibreOffice."""
    with zipfile.ZipFile(kc_build.workbook) as archive:
        styles = ElementTree.fromstring(archive.read("xl/styles.xml"))
    ns = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    default = styles.find(f"{ns}fonts/{ns}font")
    assert default.find(f"{ns}name").get("val") == "Arial"
    assert default.find(f"{ns}sz").get("val") == "10"
    assert default.find(f"{ns}scheme") is None  # not the theme's font (Calibri)

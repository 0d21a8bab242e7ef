"""Every sheet prints legibly on A4 landscape: one page wide, headers repeated, scale >= 60%.

The effective scale is worked out as Excel and LibreOffice fit a sheet to one page wide: the
printable width over the width the sheet's content needs, its columns plus any text that is not
wrapped and so runs on past its cell.
"""

from __future__ import annotations

import openpyxl
from openpyxl.utils import get_column_letter

A4_LANDSCAPE_WIDTH_PT = 297 / 25.4 * 72
DEFAULT_WIDTH = 8.43
TEXT_CHAR_PX = 6  # Arial 9 pt: a generous average glyph width
SMALLEST_SCALE = 0.6


def _column_pt(sheet, column: int) -> float:
    dimension = sheet.column_dimensions.get(get_column_letter(column))
    width = dimension.width if dimension is not None and dimension.width else DEFAULT_WIDTH
    return (width * 7 + 5) * 0.75


def _needed_pt(sheet) -> float:
    starts = [0.0]
    for column in range(1, sheet.max_column + 1):
        starts.append(starts[-1] + _column_pt(sheet, column))
    needed = starts[-1]
    for row in sheet.iter_rows():
        filled = [cell.column for cell in row if cell.value is not None]
        for cell in row:
            if isinstance(cell.value, str) and not cell.alignment.wrap_text:
                # Text runs on over empty cells only: the next filled cell stops it.
                stop = min((c for c in filled if c > cell.column), default=None)
                end = starts[cell.column - 1] + len(cell.value) * TEXT_CHAR_PX * 0.75
                needed = max(needed, end if stop is None else min(end, starts[stop - 1]))
    return needed


def effective_scale(sheet) -> float:
    margins = (sheet.page_margins.left + sheet.page_margins.right) * 72
    return min(1.0, (A4_LANDSCAPE_WIDTH_PT - margins) / _needed_pt(sheet))


def test_every_sheet_prints_one_page_wide_on_a4_landscape_at_60_percent_or_more(kc_build):
    book = openpyxl.load_workbook(kc_build.workbook, data_only=True)  # text as shown
    small = {}
    for sheet in book.worksheets:
        setup = sheet.page_setup
        assert setup.orientation == "landscape" and str(setup.paperSize) == "9", sheet.title
        assert sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.title
        assert (setup.fitToWidth or 1, setup.fitToHeight) == (1, 0), sheet.title  # absent = 1
        assert sheet.print_title_rows, sheet.title
        scale = effective_scale(sheet)
        if scale < SMALLEST_SCALE:
            small[sheet.title] = round(scale, 2)
    assert small == {}, small

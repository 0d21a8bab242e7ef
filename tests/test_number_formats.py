"""One number format per kind of number, negatives in parentheses, across the whole workbook."""

from __future__ import annotations

import openpyxl

from builder.model.items import Unit
from builder.workbook.formats import DATE, NUMBER_FORMATS, TEXT


def _numeric_formats() -> set[str]:
    return {f for f in NUMBER_FORMATS.values() if f != TEXT}


def test_every_numeric_format_puts_negatives_in_parentheses():
    for fmt in _numeric_formats() - {DATE}:  # a date is a day, never negative
        sections = fmt.split(";")
        assert len(sections) == 3, fmt
        assert sections[1].startswith("(") and sections[1].endswith(")"), fmt


def test_no_numeric_cell_outside_the_formats(kc_build):
    allowed = _numeric_formats()
    book = openpyxl.load_workbook(kc_build.workbook, data_only=True)
    stray, numbers = [], 0
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, bool) or not isinstance(cell.value, int | float):
                    continue
                numbers += 1
                if cell.number_format not in allowed:
                    stray.append(f"{sheet.title}!{cell.coordinate} {cell.number_format!r}")
    assert numbers > 1000  # the cached values are there: the scan looked at the model
    assert stray == [], "\n".join(stray[:20])


def test_a_negative_per_share_value_prints_in_parentheses(kc_build):
    book = openpyxl.load_workbook(kc_build.workbook, data_only=True)
    negatives = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row
                 if isinstance(cell.value, float) and cell.value < 0
                 and cell.number_format == NUMBER_FORMATS[Unit.PRICE]]
    assert negatives, "KC has loss-making per-share values (EPS)"
    assert all(c.number_format.split(";")[1] == "(#,##0.00)" for c in negatives)

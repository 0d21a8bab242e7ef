"""The fast worksheet writes the very bytes xlsxwriter's own worksheet writes.

:class:`builder.workbook.sheet.ModelWorksheet` skips work inside xlsxwriter; if an xlsxwriter
upgrade changes what that work produces, this test fails rather than the workbooks drifting.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from builder.workbook.sheet import ModelWorksheet

CREATED = datetime.datetime(2025, 1, 1)

FORMULAS = [
    ("=SUM(D7:F7)", 12.5),
    ("=IF(ISNUMBER(D7),D7/E7,\"n/a\")", "n/a"),
    ("=MAX(0,D7)-MIN(E7,1)", 0.0),
    ("=INDEX($C$5:$C$7,MATCH(C3,$B$5:$B$7,0))", "base"),
    ("='Peer Comps'!D9*(1+Inputs!$C$4)", 1e-12),
    ("=D7<>E7", True),
    ("=D7/E7", "#DIV/0!"),
    ("=AVERAGE(D7:E7)&\"<b>&\"", "<b>&"),
    ("=XLOOKUP(D7,E7:E9,F7:F9)", 3.0),  # a future function: xlsxwriter's own path
    ("=MEDIAN(D7:F7)", ""),
]


def _write(path: Path, worksheet_class: type[Worksheet]) -> bytes:
    book = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False})
    # docProps/core.xml stamps the time of writing: fixed, so writes a second apart compare equal
    book.set_properties({"created": CREATED})
    sheet = book.add_worksheet("Model", worksheet_class=worksheet_class)
    book.add_worksheet("Peer Comps", worksheet_class=worksheet_class)
    formats = [book.add_format({"num_format": "0.0%"}), book.add_format({"bold": True}), None]
    for row, (formula, cached) in enumerate(FORMULAS):
        fmt = formats[row % 3]
        sheet.write_formula(row, 0, formula, fmt, cached)
        sheet.write_number(row, 1, row * 1.1 - 3, fmt)
        sheet.write_string(row, 2, f"text <{row}> & \"quoted\" =1+1", fmt)
        sheet.write_blank(row, 3, None, formats[0])
        sheet.write_boolean(row, 4, row % 2 == 0, fmt)
    sheet.write_formula(20, 20, "=A1", None, 7)
    book.close()
    return path.read_bytes()


def test_model_worksheet_writes_what_xlsxwriter_writes(tmp_path: Path) -> None:
    ours = _write(tmp_path / "ours.xlsx", ModelWorksheet)
    theirs = _write(tmp_path / "theirs.xlsx", Worksheet)
    assert ours == theirs

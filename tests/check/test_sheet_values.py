"""The direct XML reader gives openpyxl's answers, cell for cell, and steps aside for layouts it
does not know."""

from __future__ import annotations

import datetime as dt
import math
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter

from builder.check import recalculate_with_libreoffice
from builder.check.cached import openpyxl_cells, openpyxl_values, read_workbook_bytes
from builder.check.sheet_values import read_sheet_cells, read_sheet_values

from .conftest import ModelWriter


def _awkward(path: Path) -> Path:
    """Every kind of cell the reader handles: text needing escapes, OOXML's _xHHHH_ escape,
    booleans, errors, dates, text from formulas, CJK sheet names and rich text."""
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("收入 & <costs>")
    sheet.write_string("A1", 'a < b & "c" \'d\'')
    sheet.write_string("A2", "line one\nline two _x000D_ literal")
    sheet.write_boolean("A3", True)
    sheet.write_boolean("A4", False)
    sheet.write_datetime("A5", dt.datetime(2025, 8, 21, 12, 30), book.add_format(
        {"num_format": "yyyy-mm-dd hh:mm"}))  # fmt: skip
    sheet.write_number("A6", -1.25e-9)
    sheet.write_formula("B1", "=1/0", None, "#DIV/0!")
    sheet.write_formula("B2", '=IF(A3,"yes","no")', None, "yes")
    sheet.write_formula("B3", "=A3", None, True)
    sheet.write_formula("B4", '=""', None, "")
    sheet.write_formula("B5", '=A1&"<>"', None, 'a < b & "c" \'d\'<>')
    sheet.write_rich_string("C1", "plain ", book.add_format({"bold": True}), "bold", " end")
    sheet.write_blank("C2", None, book.add_format({"bold": True}))
    book.add_worksheet("Empty")
    book.close()
    return path


@pytest.mark.parametrize("name", ["awkward", "model"])
def test_the_direct_reader_reads_what_openpyxl_reads(
    name: str, tmp_path: Path, model_writer: ModelWriter
) -> None:
    path = _awkward(tmp_path / "a.xlsx") if name == "awkward" else model_writer("direct.xlsx")
    data = read_workbook_bytes(path)
    direct = read_sheet_cells(data)
    assert direct is not None
    _assert_alike(direct, openpyxl_cells(path, data))
    assert read_sheet_values(data) == direct[1]


def test_the_built_workbook_reads_alike(kc_build) -> None:
    data = read_workbook_bytes(kc_build.workbook)
    direct = read_sheet_cells(data)
    assert direct is not None and len(direct[2]) > 1000
    _assert_alike(direct, openpyxl_cells(kc_build.workbook, data))


@pytest.mark.libreoffice
@pytest.mark.usefixtures("soffice")
def test_libreoffices_copy_reads_alike(tmp_path: Path) -> None:
    """LibreOffice writes its own layout (``<f aca="false">``): its values still read alike."""
    recalculated = recalculate_with_libreoffice(_awkward(tmp_path / "a.xlsx"), tmp_path / "lo")
    data = read_workbook_bytes(recalculated)
    direct = read_sheet_values(data)
    assert direct is not None
    _assert_alike(((), direct, {}), ((), openpyxl_values(recalculated, data), {}))


def _assert_alike(direct: tuple, through_openpyxl: tuple) -> None:
    """Equal, except that a date-formatted number is its serial as stored, where openpyxl's
    trip through a datetime may move the last digit (45890.52083333334 -> ...336)."""
    sheets, values, formulas = direct
    assert (sheets, formulas) == (through_openpyxl[0], through_openpyxl[2])
    assert values.keys() == through_openpyxl[1].keys()
    for cell, value in values.items():
        other = through_openpyxl[1][cell]
        if isinstance(value, float) and isinstance(other, float):
            assert math.isclose(value, other, rel_tol=1e-15), cell
        else:
            assert (type(value), value) == (type(other), other), cell


def _rewrite(source: Path, destination: Path, part: str, change: object) -> Path:
    with zipfile.ZipFile(source) as book, zipfile.ZipFile(destination, "w") as out:
        for info in book.infolist():
            data = book.read(info)
            out.writestr(info, change(data) if info.filename == part else data)  # type: ignore[operator]
    return destination


def test_layouts_it_does_not_know_go_to_openpyxl(tmp_path: Path) -> None:
    source = _awkward(tmp_path / "a.xlsx")
    sheet = "xl/worksheets/sheet1.xml"
    variants = {
        "shared formula": lambda x: x.replace(
            b"<f>1/0</f>", b'<f t="shared" ref="B1" si="0">1/0</f>'),
        "cell without r": lambda x: x.replace(b'<c r="A3"', b"<c", 1),
        "attribute before r": lambda x: x.replace(b'<c r="A6"', b'<c s="0" r="A6"'),
        "typed date": lambda x: re.sub(rb'<c r="A6"([^>]*)><v>[^<]*</v>',
                                       rb'<c r="A6" t="d"><v>2025-08-21</v>', x),
    }  # fmt: skip
    for name, change in variants.items():
        changed = _rewrite(source, tmp_path / f"{name}.xlsx", sheet, change)
        assert changed.read_bytes() != source.read_bytes(), name
        assert read_sheet_cells(changed.read_bytes()) is None, name
    openpyxl.load_workbook(tmp_path / "shared formula.xlsx")  # still a readable workbook

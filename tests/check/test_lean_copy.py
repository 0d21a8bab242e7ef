"""The copy LibreOffice recalculates: comments, drawings and print titles unlinked, every cell,
formula, defined name and style part as it was."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import xlsxwriter

from builder.check import read_cached
from builder.check.lean_copy import write_lean_copy


def _decorated(path: Path) -> Path:
    """A workbook with everything the lean copy unlinks: comments, a chart, repeated rows and
    columns, and a defined name that must survive."""
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Model")
    sheet.write_row("A1", ["Year", 1, 2, 3])
    sheet.write_row("A2", ["Revenue", 100, 110, 121])
    sheet.write_formula("E2", "=SUM(B2:D2)", None, 331)
    sheet.write_comment("B2", "Source: annual report, p. 12")
    sheet.repeat_rows(0, 1)
    sheet.repeat_columns(0, 0)
    chart = book.add_chart({"type": "line"})
    chart.add_series({"values": "=Model!$B$2:$D$2"})
    sheet.insert_chart("G2", chart)
    book.define_name("Total", "=Model!$E$2")
    book.close()
    return path


def test_the_lean_copy_unlinks_comments_drawings_and_print_titles(tmp_path: Path) -> None:
    source = _decorated(tmp_path / "full.xlsx")
    lean = write_lean_copy(source, tmp_path / "lean.xlsx")
    with zipfile.ZipFile(source) as full, zipfile.ZipFile(lean) as copy:
        assert full.namelist() == copy.namelist()  # parts stay, only the links go
        sheet, rels = copy.read("xl/worksheets/sheet1.xml"), copy.read(
            "xl/worksheets/_rels/sheet1.xml.rels")  # fmt: skip
        workbook = copy.read("xl/workbook.xml")
        assert b"<drawing" not in sheet and b"<legacyDrawing" not in sheet
        assert b"/comments" not in rels and b"/drawing" not in rels and b"vmlDrawing" not in rels
        assert b"_xlnm.Print_Titles" not in workbook
        assert b'<definedName name="Total">Model!$E$2</definedName>' in workbook
        changed = {"xl/worksheets/sheet1.xml", "xl/worksheets/_rels/sheet1.xml.rels",
                   "xl/workbook.xml"}  # fmt: skip
        for name in set(full.namelist()) - changed:
            assert copy.read(name) == full.read(name), name
        full_sheet = full.read("xl/worksheets/sheet1.xml")
        assert re.sub(rb"<(legacyDrawing|drawing) [^>]*/>", b"", full_sheet) == sheet
    before, after = read_cached(source), read_cached(lean)
    assert after.formulas == before.formulas
    assert after.values == before.values


def test_a_workbook_with_nothing_to_drop_and_a_broken_one_are_copied_as_they_are(
    tmp_path: Path,
) -> None:
    plain = tmp_path / "plain.xlsx"
    book = xlsxwriter.Workbook(str(plain))
    book.add_worksheet().write_formula("A1", "=1+1", None, 2)
    book.close()
    assert write_lean_copy(plain, tmp_path / "a.xlsx").read_bytes() == plain.read_bytes()
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    assert write_lean_copy(broken, tmp_path / "b.xlsx").read_bytes() == broken.read_bytes()

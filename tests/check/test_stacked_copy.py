"""The copy LibreOffice recalculates: every sheet in a band of rows on one sheet, references
moved with the cells, and whatever could compute differently once moved left unstacked."""

from __future__ import annotations

import math
import re
import zipfile
from pathlib import Path

import pytest
import xlsxwriter

from builder.check import (
    libreoffice_values,
    read_cached,
    read_values,
    recalculate_with_libreoffice,
)
from builder.check.cells import CellId
from builder.check.stacked_copy import STACK, Stacking, write_stacked_copy


def _three_sheets(path: Path, extra: str | None = None) -> Path:
    """Three sheets that refer to each other (names with a space and an apostrophe), a range,
    a reference past the last used row, a string that looks like a reference, and names."""
    book = xlsxwriter.Workbook(str(path))
    model, other, quoted = (book.add_worksheet(n) for n in ("Model", "Other sheet", "O'Brien"))
    model.write_row("A1", ["Year", 1, 2, 3])
    model.write_row("A2", ["Revenue", 100, 110, 121])
    model.write_formula("E2", "=SUM(B2:D2)", None, 331)
    model.write_formula("E3", "='Other sheet'!$B$3*2+'O''Brien'!A1", None, 21)
    model.write_formula("E4", '="A1 & Model!B2 "&XYZ2025', None, "A1 & Model!B2 7")
    model.write_formula("E5", "=IF(ISBLANK('Other sheet'!B40),Total,0)", None, 331)
    other.write("B3", 5.0)
    other.write_formula("B4", "=Model!E2/B3", None, 66.2)
    quoted.write("A1", 11.0)
    if extra:
        quoted.write_formula("B1", extra, None, 0)
    book.define_name("Total", "=Model!$E$2")
    book.define_name("XYZ2025", "=7")
    book.close()
    return path


def _stacked_formulas(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as book:
        sheet = book.read("xl/worksheets/sheet1.xml").decode()
    return re.findall(r"<f>([^<]*)</f>", sheet)


def test_references_move_with_their_sheets_and_strings_stay(tmp_path: Path) -> None:
    source = _three_sheets(tmp_path / "three.xlsx")
    stacked = tmp_path / "stacked.xlsx"
    stacking = write_stacked_copy(source, stacked)
    # Model ends at row 5; Other sheet's band reaches row 40, which E5 reads.
    assert stacking == Stacking(("Model", "Other sheet", "O'Brien"), (0, 5, 45))
    assert _stacked_formulas(stacked) == [
        "SUM(B2:D2)",
        "$B$8*2+A46",
        '"A1 &amp; Model!B2 "&amp;XYZ2025',  # as the XML holds it
        "IF(ISBLANK(B45),Total,0)",
        "E2/B8",
    ]
    with zipfile.ZipFile(stacked) as book:
        workbook = book.read("xl/workbook.xml").decode()
    assert f'<sheets><sheet name="{STACK}" sheetId="1" r:id="rIdStack"/></sheets>' in workbook
    assert f'<definedName name="Total">{STACK}!$E$2</definedName>' in workbook
    assert '<definedName name="XYZ2025">7</definedName>' in workbook


def test_every_cell_comes_back_to_its_sheet_with_its_value(tmp_path: Path) -> None:
    source = _three_sheets(tmp_path / "three.xlsx")
    stacking = write_stacked_copy(source, tmp_path / "stacked.xlsx")
    assert stacking is not None
    before, after = read_cached(source), read_cached(tmp_path / "stacked.xlsx")
    moved_back = {}
    for cell, value in after.values.items():
        column, row = re.fullmatch(r"([A-Z]+)(\d+)", cell.coordinate).groups()  # type: ignore[union-attr]
        sheet, origin_row = stacking.origin(int(row))
        moved_back[CellId(sheet, f"{column}{origin_row}")] = value
    assert moved_back == before.values


@pytest.mark.parametrize(
    "formula",
    [
        "=ROW()",
        "=COLUMN(A1)",
        "=INDIRECT(\"A1\")",
        "=OFFSET(A1,1,0)",
        "=ADDRESS(1,1)",
        "=CELL(\"row\",A1)",
        "=SUM(A:A)",
        "=SUM($1:$1)",
        "=SUM(A1:A3 A2:C2)",
        "=Missing!A1",
        "=[1]Model!A1",
        "=#REF!A1",
        "=SUM(Model:Other!A1)",
        "=SUM('Model:Other sheet'!A1)",
    ],
)
def test_a_formula_that_could_change_by_moving_is_not_stacked(
    tmp_path: Path, formula: str
) -> None:
    source = _three_sheets(tmp_path / "odd.xlsx", extra=formula)
    assert write_stacked_copy(source, tmp_path / "stacked.xlsx") is None
    assert not (tmp_path / "stacked.xlsx").exists()  # nothing written: the lean copy goes


def test_array_formulas_and_names_of_one_sheet_are_not_stacked(tmp_path: Path) -> None:
    book = xlsxwriter.Workbook(str(tmp_path / "array.xlsx"))
    sheet = book.add_worksheet("Model")
    sheet.write_row("A1", [1, 2])
    sheet.write_array_formula("C1:C1", "{=SUM(A1:B1*2)}", None, 6)
    book.close()
    assert write_stacked_copy(tmp_path / "array.xlsx", tmp_path / "a.xlsx") is None

    book = xlsxwriter.Workbook(str(tmp_path / "local.xlsx"))
    sheet = book.add_worksheet("Model")
    sheet.write("A1", 1)
    book.define_name("Model!Local", "=Model!$A$1")
    book.close()
    assert write_stacked_copy(tmp_path / "local.xlsx", tmp_path / "b.xlsx") is None


def test_the_default_model_is_stacked(kc_build, tmp_path: Path) -> None:
    """The check's speed rests on it: a change to the writer that made the default model
    unstackable would pass every other test and quietly double LibreOffice's work."""
    stacking = write_stacked_copy(kc_build.workbook, tmp_path / "kc.xlsx")
    assert stacking is not None
    assert len(stacking.sheets) == len(read_cached(kc_build.workbook).sheets)


def test_libreoffice_gives_stacked_and_unstacked_workbooks_their_own_values(
    uno_python: str, tmp_path: Path
) -> None:
    """Through the office: the three sheets, stacked, come back with the values of their own
    cells; ROW(), which stops the stacking, still gives the row of the workbook's cell."""
    stacked = libreoffice_values(_three_sheets(tmp_path / "three.xlsx"), tmp_path / "a")
    assert stacked[CellId("Model", "E3")] == 21.0  # 'Other sheet'!B3 * 2 + 'O''Brien'!A1
    assert stacked[CellId("Model", "E5")] == 331.0  # 'Other sheet'!B40 is blank: Total
    assert stacked[CellId("Other sheet", "B4")] == pytest.approx(66.2)
    assert {cell.sheet for cell in stacked} == {"Model", "Other sheet", "O'Brien"}
    unstacked = libreoffice_values(_three_sheets(tmp_path / "row.xlsx", extra="=ROW()*100"),
                                   tmp_path / "b")  # fmt: skip
    assert unstacked[CellId("O'Brien", "B1")] == 100.0
    assert unstacked[CellId("Model", "E3")] == 21.0


@pytest.mark.slow
def test_the_default_model_stacked_has_the_values_libreoffice_gives_it_unstacked(
    kc_build, uno_python: str, tmp_path: Path
) -> None:
    """Every cell of KC, recalculated by an office from the stacked copy, against the same
    workbook converted by soffice from its lean copy, cell for cell. The converted file holds
    numbers as LibreOffice's xlsx export writes them, to 15 significant digits (about 2,000 of
    KC's cells differ in the last digits); everything else must be equal."""
    stacked = libreoffice_values(kc_build.workbook, tmp_path / "office")
    unstacked = read_values(recalculate_with_libreoffice(kc_build.workbook, tmp_path / "convert"))
    assert len(stacked) > 5000
    assert stacked.keys() == unstacked.keys()
    differ = [cell for cell, value in stacked.items() if not (
        value == unstacked[cell] or (type(value) is float and type(unstacked[cell]) is float
                                     and math.isclose(value, unstacked[cell], rel_tol=1e-14)))]
    assert differ == []

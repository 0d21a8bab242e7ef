"""read_cached / read_values on a workbook written by xlsxwriter."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import xlsxwriter

from builder.check import CellId, WorkbookReadError, read_cached

from .conftest import COMPS, ModelWriter


def test_reads_formulas_and_cached_values(model_writer: ModelWriter) -> None:
    book = read_cached(model_writer("cached.xlsx"))
    assert book.sheets == ("Inputs", "Forecast", "Valuation", COMPS)
    assert len(book.formula_cells) == 18 + 12 + 2
    assert book.formulas[CellId("Valuation", "B7")] == "=IFERROR(B6/Shares,0)"
    assert book.values[CellId("Valuation", "B12")] == "Positive"
    assert book.values[CellId("Inputs", "B2")] == 1000.0
    assert isinstance(book.values[CellId("Forecast", "B1")], float)
    assert book.values[CellId("Inputs", "A1")] == "营业收入 (revenue, RMB m)"


def test_blank_cached_result_and_dates(tmp_path: Path) -> None:
    path = tmp_path / "small.xlsx"
    with xlsxwriter.Workbook(str(path)) as workbook:
        sheet = workbook.add_worksheet("S")
        sheet.write_formula("A1", '=""', None, "")
        date = workbook.add_format({"num_format": "yyyy-mm-dd"})
        sheet.write_datetime("A2", dt.datetime(2024, 12, 31), date)
    book = read_cached(path)
    assert book.values[CellId("S", "A1")] is None
    assert book.formula_cells == [CellId("S", "A1")]
    assert book.values[CellId("S", "A2")] == 45657.0  # dates as Excel serials, like the engines


@pytest.mark.parametrize("content", [None, b"not a zip", b"PK\x03\x04 broken zip"])
def test_unreadable_files_raise_a_readable_error(tmp_path: Path, content: bytes | None) -> None:
    path = tmp_path / "bad.xlsx"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(WorkbookReadError, match=r"bad\.xlsx: "):
        read_cached(path)

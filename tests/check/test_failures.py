"""Failure paths that need no LibreOffice: they must end in a clear CheckError, not a crash."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest

from builder.check import CellId, EditError, RecalcError, recalculate_with_libreoffice
from builder.check.workbook_edit import apply_edits

from .conftest import ModelWriter


def test_missing_soffice(
    model_writer: ModelWriter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FINMODEL_SOFFICE", str(tmp_path / "no-soffice"))
    with pytest.raises(RecalcError, match="LibreOffice not found"):
        recalculate_with_libreoffice(model_writer("none.xlsx"), tmp_path)


def test_soffice_exiting_0_without_output(
    model_writer: ModelWriter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """soffice reports success even when a conversion fails; only the output file counts."""
    monkeypatch.setenv("FINMODEL_SOFFICE", "/bin/true")
    with pytest.raises(RecalcError, match="produced no recalculated file"):
        recalculate_with_libreoffice(model_writer("silent.xlsx"), tmp_path)


def test_missing_input_file(tmp_path: Path) -> None:
    with pytest.raises(RecalcError, match="no such file"):
        recalculate_with_libreoffice(tmp_path / "absent.xlsx", tmp_path)


def test_edits_refuse_formula_cells_and_unknown_sheets(
    model_writer: ModelWriter, tmp_path: Path
) -> None:
    path = model_writer("refuse.xlsx")
    with pytest.raises(EditError, match=r"Valuation!B5: holds a formula"):
        apply_edits(path, {CellId("Valuation", "B5"): 1.0}, tmp_path / "x.xlsx")
    with pytest.raises(EditError, match=r"no sheet named 'Nope'"):
        apply_edits(path, {CellId("Nope", "A1"): 1.0}, tmp_path / "y.xlsx")


def test_edits_are_made_in_place_and_where_not_possible_by_openpyxl(
    model_writer: ModelWriter, tmp_path: Path
) -> None:
    """An input cell the file holds is rewritten in the sheet's XML (its style kept, every other
    part byte for byte); one it does not hold goes through openpyxl: both read back as typed."""
    path = model_writer("edit-in-place.xlsx")
    edits = {CellId("Inputs", "B3"): 0.5, CellId("Inputs", "B11"): "Bull & <Bear>"}
    edited = apply_edits(path, edits, tmp_path / "in-place.xlsx")
    with zipfile.ZipFile(path) as before, zipfile.ZipFile(edited) as after:
        assert before.namelist() == after.namelist()
        changed = [n for n in before.namelist() if before.read(n) != after.read(n)]
    assert changed == ["xl/worksheets/sheet1.xml"]
    book = openpyxl.load_workbook(edited)
    assert book["Inputs"]["B3"].value == 0.5
    assert book["Inputs"]["B11"].value == "Bull & <Bear>"
    assert book["Inputs"]["B3"].number_format == openpyxl.load_workbook(path)["Inputs"][
        "B3"].number_format  # fmt: skip
    absent = apply_edits(path, {CellId("Inputs", "Z99"): 7.0}, tmp_path / "openpyxl.xlsx")
    assert openpyxl.load_workbook(absent)["Inputs"]["Z99"].value == 7.0

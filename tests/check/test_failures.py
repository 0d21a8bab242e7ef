"""Failure paths that need no LibreOffice: they must end in a clear CheckError, not a crash."""

from __future__ import annotations

from pathlib import Path

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

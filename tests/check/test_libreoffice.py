"""LibreOffice recalculates the sample model, finds planted errors, and answers "what if"."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from builder.check import (
    CellId,
    Mismatch,
    compare,
    edit_and_recalculate,
    libreoffice_values,
    read_cached,
    recalculate_with_libreoffice,
)
from builder.check.compare import ERROR_VALUE
from builder.check.libreoffice import edited_copy
from tests.recalc import recalculated_values

from .conftest import DIV0_CELL, INPUTS, ModelWriter, compute_model

pytestmark = [pytest.mark.libreoffice, pytest.mark.usefixtures("soffice")]


def changed(before: dict[CellId, object], after: dict[CellId, object]) -> set[CellId]:
    return {cell for cell in {*before, *after} if before.get(cell) != after.get(cell)}


def test_correct_cache_agrees(model_writer: ModelWriter, tmp_path: Path) -> None:
    path = model_writer("lo-good.xlsx")
    assert compare(read_cached(path), libreoffice_values(path, tmp_path)) == []


def test_finds_the_wrong_cached_value_and_div0(model_writer: ModelWriter) -> None:
    wrong = CellId("Forecast", "C4")
    truth = compute_model(INPUTS)[wrong]
    path = model_writer("lo-wrong.xlsx", cached={wrong: 17.6}, with_div0=True)
    found = compare(read_cached(path), libreoffice_values(path))
    assert (
        found
        == [
            Mismatch(wrong, 17.6, pytest.approx(truth)),  # type: ignore[arg-type]
            Mismatch(CellId(*DIV0_CELL[:2]), 0.0, "#DIV/0!", ERROR_VALUE),
        ]
    )


def test_recalculation_really_ignores_the_cache(model_writer: ModelWriter, tmp_path: Path) -> None:
    """Guards the profile setting: without it LibreOffice would echo the wrong cache back."""
    everything_wrong = {cell: 1.0 for cell in compute_model(INPUTS)}
    path = model_writer("lo-all-wrong.xlsx", cached=everything_wrong)
    output = recalculate_with_libreoffice(path, tmp_path)
    assert tmp_path.resolve() in output.parents  # the copy stays in the workdir
    assert compare(read_cached(model_writer("lo-truth.xlsx")), libreoffice_values(output)) == []


def test_edit_changes_exactly_the_downstream_cells(
    model_writer: ModelWriter, tmp_path: Path
) -> None:
    path = model_writer("lo-edit.xlsx")
    net_cash, uplift = CellId("Inputs", "B12"), CellId("Inputs", "B14")
    copies = [edited_copy(path, edits, tmp_path / "copies", f"{i}.xlsx")
              for i, edits in enumerate(({}, {net_cash: 80.0}, {uplift: 0.5}))]  # fmt: skip
    before, after, up = recalculated_values(copies, tmp_path / "lo")  # one LibreOffice, three
    assert changed(before, after) == {
        net_cash,
        CellId("Valuation", "B6"),
        CellId("Valuation", "B7"),
    }
    # The Bull uplift only feeds the branch of an IF that Base does not take.
    assert changed(before, up) == {uplift}
    assert read_cached(path).values[net_cash] == 50.0  # the original is untouched


def test_edit_through_names_and_validated_scenario(
    model_writer: ModelWriter, tmp_path: Path
) -> None:
    """Switching the drop-down to Bull reaches every cell through the Scenario and WACC names;
    LibreOffice's answer matches the Python model run on the same inputs."""
    path = model_writer("lo-bull.xlsx")
    edits = {CellId("Inputs", "B11"): "Bull", CellId("Inputs", "B8"): 0.1}
    after = edit_and_recalculate(path, edits, tmp_path)
    expected = compute_model({**INPUTS, "B11": "Bull", "B8": 0.1})
    assert {cell: after[cell] for cell in expected} == {
        cell: pytest.approx(value) if isinstance(value, float) else value
        for cell, value in expected.items()
    }
    copy = openpyxl.load_workbook(tmp_path / "lo-bull-edited.xlsx")
    assert set(copy.defined_names) == {"WACC", "TerminalGrowth", "Shares", "Scenario"}
    (validation,) = copy["Inputs"].data_validations.dataValidation
    assert (str(validation.sqref), validation.formula1) == ("B11", '"Base,Bull,Bear"')

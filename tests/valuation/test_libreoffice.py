"""Typed into a copy of the workbook, a new WACC and another scenario move TargetPrice in
LibreOffice exactly as the Python model predicts."""

from __future__ import annotations

from pathlib import Path

import pytest
from xlsxwriter.utility import xl_rowcol_to_cell

from builder.check import CellId
from builder.check.libreoffice import edited_copy
from builder.layout.book import workbook_specs
from builder.layout.placement import Placement
from builder.model.assemble import build_model
from tests.recalc import recalculated_values

from .conftest import varied

pytestmark = pytest.mark.libreoffice


def _cell(placement: Placement, key: str) -> CellId:
    position = placement.position(key, None)
    return CellId(position.sheet, xl_rowcol_to_cell(position.row, position.column))


CASES = [(0.12, "Base"), (0.09, "Bull"), (None, "Bear")]


def test_wacc_and_scenario_edits_move_the_target_as_predicted(
    libreoffice, kc_inputs, kc_build, tmp_path: Path
):
    """Three edited copies, one LibreOffice batch; each case against its own Python model."""
    assumptions, facts = kc_inputs
    built = kc_build  # the committed KC YAML, built once per session
    placement = Placement(built.model, workbook_specs(built.model, assumptions, built.left_out))
    copies = []
    for index, (wacc, scenario) in enumerate(CASES):
        edits: dict[CellId, float | str] = {_cell(placement, "scenario"): scenario}
        if wacc is not None:
            edits[_cell(placement, "in_wacc_override")] = wacc
        copies.append(edited_copy(built.workbook, edits, tmp_path / "copies", f"{index}.xlsx"))
    recalculated = recalculated_values(copies, tmp_path / "lo")

    for (wacc, scenario), values in zip(CASES, recalculated, strict=True):
        predicted_inputs = varied(assumptions, "wacc", override=wacc).replace(
            scenarios=assumptions.scenarios.replace(selected=scenario.lower()))
        predicted = build_model(predicted_inputs, facts)
        target = values[_cell(placement, "val_target")]
        case = f"WACC {wacc}, {scenario}"
        assert target == pytest.approx(predicted.value("val_target"), rel=1e-9), case
        assert target != pytest.approx(built.model.value("val_target"), rel=1e-6), case
        assert values[_cell(placement, "val_rating")] == predicted.value("val_rating"), case
        assert values[_cell(placement, "chk_val_scenario")] == 0, case
        assert values[_cell(placement, "chk_val_sensitivity")] == 0, case

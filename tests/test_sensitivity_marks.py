"""Each sensitivity grid boxes the cell equal to the model's own answer, and says which."""

from __future__ import annotations

import openpyxl
import pytest

from builder.model.sensitivity import GRID_ANSWERS


def _named_value(book, name: str) -> float:
    sheet, cell = next(iter(book.defined_names[name].destinations))
    return book[sheet][cell.replace("$", "")].value


def _boxed_cells(sheet):
    return [cell for row in sheet.iter_rows() for cell in row
            if isinstance(cell.value, float) and cell.font.b and cell.border.left.style]


def test_each_boxed_cell_equals_the_name_its_grid_states(kc_build):
    book = openpyxl.load_workbook(kc_build.workbook, data_only=True)
    sheet = book["Sensitivity"]
    statements = {cell.row: cell.value.split(":")[0] for cell in sheet["C"]
                  if sheet.cell(cell.row, 1).value == "Boxed cell"}
    boxed = _boxed_cells(sheet)
    assert len(boxed) == len(GRID_ANSWERS) == len(statements)
    for cell in boxed:
        name = statements[max(r for r in statements if r < cell.row)]
        assert cell.value == pytest.approx(_named_value(book, name), abs=1e-9), name


def test_the_grid_of_the_chosen_method_boxes_the_target_price(kc_build):
    book = openpyxl.load_workbook(kc_build.workbook, data_only=True)
    target = _named_value(book, "TargetPrice")
    boxed = [c.value for c in _boxed_cells(book["Sensitivity"])]
    assert sum(v == pytest.approx(target, abs=1e-9) for v in boxed) == 1
    answers = [_named_value(book, name) for _, name, _ in GRID_ANSWERS.values()]
    assert sum(v == pytest.approx(target, abs=1e-9) for v in answers) == 1

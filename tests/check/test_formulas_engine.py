"""The formulas engine recomputes the sample model and finds planted errors."""

from __future__ import annotations

import pytest

from builder.check import CellId, Mismatch, compare, read_cached, recompute_with_formulas
from builder.check.compare import ERROR_VALUE
from builder.check.formulas_engine import parse_key, unwrap

from .conftest import COMPS, DIV0_CELL, ModelWriter

SHEETS = {"VALUATION": "Valuation", "COMPS 可比": COMPS, "IT'S": "It's"}


@pytest.mark.parametrize(
    ("key", "cell"),
    [
        ("'[model.xlsx]VALUATION'!B7", CellId("Valuation", "B7")),
        ("'[model.xlsx]COMPS 可比'!$B$5", CellId(COMPS, "B5")),
        ("'[My Book.xlsx]IT''S'!A1", CellId("It's", "A1")),
        ("'[model.xlsx]VALUATION'!B2:D2", None),  # ranges are not cells
        ("'[model.xlsx]'!WACC", None),  # defined names neither
        ("'[model.xlsx]OTHER'!A1", None),
        ("self", None),
    ],
)
def test_parse_key(key: str, cell: CellId | None) -> None:
    assert parse_key(key, SHEETS) == cell


def test_unwrap_plain_values() -> None:
    assert unwrap(3) == 3.0
    assert unwrap("x") == "x"
    assert unwrap(None) is None


def test_correct_cache_agrees(model_writer: ModelWriter) -> None:
    path = model_writer("formulas-good.xlsx")
    recomputed = recompute_with_formulas(path)
    assert compare(read_cached(path), recomputed) == []
    assert recomputed[CellId("Valuation", "B12")] == "Positive"
    assert recomputed[CellId(COMPS, "B4")] == 12.0


def test_finds_the_wrong_cached_value(model_writer: ModelWriter) -> None:
    wrong = CellId("Valuation", "B5")
    good = read_cached(model_writer("formulas-reference.xlsx")).values[wrong]
    assert isinstance(good, float)
    path = model_writer("formulas-wrong.xlsx", cached={wrong: good + 0.5})
    found = compare(read_cached(path), recompute_with_formulas(path))
    assert found == [Mismatch(wrong, good + 0.5, pytest.approx(good))]  # type: ignore[arg-type]


def test_finds_div0(model_writer: ModelWriter) -> None:
    path = model_writer("formulas-div0.xlsx", with_div0=True)
    found = compare(read_cached(path), recompute_with_formulas(path))
    assert found == [Mismatch(CellId(*DIV0_CELL[:2]), 0.0, "#DIV/0!", ERROR_VALUE)]

"""compare() and Mismatch on hand-made values: no engine, no files beyond one tiny workbook."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.check import CellId, Mismatch, compare
from builder.check.cached import CachedWorkbook
from builder.check.compare import DIFFERS, ERROR_VALUE, NOT_RECOMPUTED, values_match

A1, A2, B1 = CellId("Valuation", "A1"), CellId("Valuation", "A2"), CellId("Inputs", "B1")


def cached(values: dict[CellId, object], formulas: list[CellId]) -> CachedWorkbook:
    return CachedWorkbook(
        path=Path("model.xlsx"),
        sheets=("Inputs", "Valuation"),
        values=values,  # type: ignore[arg-type]
        formulas={cell: "=1" for cell in formulas},
    )


@pytest.mark.parametrize(
    ("expected", "actual", "match"),
    [
        (17.6, 17.6 + 1e-12, True),
        (17.6, 17.9, False),
        (0.0, 1e-12, True),  # absolute tolerance near zero
        (1e12, 1e12 + 1.0, True),  # relative tolerance for large numbers
        (None, "", True),  # xlsxwriter caches "", openpyxl reads it back as blank
        ("", None, True),
        (None, 0.0, False),  # blank is not zero
        (0.0, None, False),
        (True, True, True),
        (True, 1.0, False),  # TRUE is not 1
        ("Positive", "Positive", True),
        ("Positive", "positive", False),
        ("#DIV/0!", "#DIV/0!", True),
    ],
)
def test_values_match(expected: object, actual: object, match: bool) -> None:
    assert values_match(expected, actual, 1e-9, 1e-9) is match  # type: ignore[arg-type]


def test_str_reads_like_the_brief() -> None:
    assert str(Mismatch(CellId("Valuation", "C12"), 17.6, 17.9)) == (
        "Valuation!C12: cached 17.6, recomputed 17.9"
    )
    assert str(Mismatch(CellId("Comps 可比", "B5"), 0.0, "#DIV/0!", ERROR_VALUE)) == (
        "'Comps 可比'!B5: cached 0, recomputed #DIV/0! (error value)"
    )
    assert str(Mismatch(A1, "yes", None, NOT_RECOMPUTED)) == (
        "Valuation!A1: cached 'yes', not recomputed by the engine"
    )


def test_reports_wrong_values_errors_and_missing_cells_in_workbook_order() -> None:
    book = cached({A1: 1.0, A2: 2.0, B1: 5.0}, formulas=[A2, A1])
    found = compare(book, {A1: 1.5, B1: "#N/A"})
    assert found == [
        Mismatch(B1, 5.0, "#N/A", ERROR_VALUE),  # an input cell: Inputs comes first
        Mismatch(A1, 1.0, 1.5, DIFFERS),
        Mismatch(A2, 2.0, None, NOT_RECOMPUTED),
    ]


def test_error_cached_and_recomputed_alike_is_still_reported() -> None:
    book = cached({A1: "#DIV/0!"}, formulas=[A1])
    assert compare(book, {A1: "#DIV/0!"}) == [Mismatch(A1, "#DIV/0!", "#DIV/0!", ERROR_VALUE)]


def test_libreoffice_error_codes_are_errors() -> None:
    book = cached({A1: 3.0}, formulas=[A1])
    assert compare(book, {A1: "Err:502"})[0].reason == ERROR_VALUE


def test_blank_formula_result_missing_from_engine_output_is_fine() -> None:
    book = cached({A1: None}, formulas=[A1])
    assert compare(book, {}) == []


def test_row_order_is_numeric() -> None:
    a10, c2 = CellId("Valuation", "A10"), CellId("Valuation", "C2")
    book = cached({a10: 1.0, c2: 1.0}, formulas=[a10, c2])
    assert [m.cell for m in compare(book, {a10: 2.0, c2: 2.0})] == [c2, a10]


def test_a_residue_of_the_columns_last_bits_is_the_same_answer() -> None:
    """Balance check = assets - liabilities - equity in KRW millions: LibreOffice's compensated
    SUM gives 0 where adding in order leaves 1.9e-9 (one last bit of 5.7 million)."""
    total, check = CellId("Valuation", "L25"), CellId("Valuation", "L28")
    book = cached({total: 5711203.291142397, check: 1.862645149230957e-09},
                  formulas=[total, check])
    assert compare(book, {total: 5711203.291142397, check: 0.0}) == []


def test_a_small_wrong_value_beside_large_numbers_is_still_caught() -> None:
    """The allowance is 64 last bits of the column's largest number (about 8e-8 here), not a
    share of it: a ratio off by a millionth under totals of millions is reported."""
    total, ratio = CellId("Valuation", "L25"), CellId("Valuation", "L30")
    book = cached({total: 5711203.291142397, ratio: 0.05}, formulas=[total, ratio])
    found = compare(book, {total: 5711203.291142397, ratio: 0.050001})
    assert [m.cell for m in found] == [ratio]
    other_column = CellId("Valuation", "M28")
    book = cached({total: 5711203.291142397, other_column: 1.862645149230957e-09},
                  formulas=[total, other_column])
    assert [m.cell for m in compare(book, {total: 5711203.291142397, other_column: 0.0})] \
        == [other_column]

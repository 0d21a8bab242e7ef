"""The built workbook follows the modelling rules; the lint itself catches each kind of slip."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
import xlsxwriter

from builder.lint import lint_workbook
from builder.lint.formula_text import empty_calls
from builder.lint.rules import NO_ARGUMENT_FUNCTIONS

# Key inputs, KC's declared segments' drivers (Growth_<segment id>) and the statements' rows.
REQUIRED_NAMES = {"TaxRate", "Scenario", "Growth_ai", "Growth_non_ai", "Growth_industry_cloud",
                  "MasterCheck", "Revenue", "NetIncome", "EPS", "CashEnd", "NetDebt",
                  "BalanceCheck", "TargetPrice", "ValuationDate"}


def test_kc_workbook_is_lint_clean(kc_build):
    issues = lint_workbook(kc_build.workbook)
    assert issues == [], "\n".join(map(str, issues[:30]))


def test_kc_workbook_has_named_inputs_and_a_passing_master_check(kc_build):
    book = openpyxl.load_workbook(kc_build.workbook, data_only=True)
    assert set(book.defined_names) >= REQUIRED_NAMES
    sheet, cell = next(iter(book.defined_names["MasterCheck"].destinations))
    assert book[sheet][cell.replace("$", "")].value == 0
    assert {"Inputs", "Historicals", "Interim", "Income Statement", "Balance Sheet", "Cash Flow",
            "Checks"} <= set(book.sheetnames)


def _bad_workbook(path: Path) -> Path:
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Forecast")
    black = book.add_format({"font_color": "#000000"})
    blue = book.add_format({"font_color": "#0000FF"})
    sheet.write_string(3, 3, "FY2025E")
    sheet.write_string(3, 4, "FY2026E")
    sheet.write_string(5, 0, "Revenue (CNY m)")
    sheet.write_string(5, 1, "CNY m")
    sheet.write_number(5, 2, 100, black)  # a typed number in black
    sheet.write_formula(5, 3, "=C6*1.25", black, 125)  # a buried constant
    sheet.write_formula(5, 4, "=D6*(1+C6)", black, 12625)  # a different formula in the row
    sheet.write_string(6, 0, "Value (CNY m)")
    sheet.write_string(6, 1, "CNY m")
    sheet.write_formula(6, 3, "=NPV(C6,D6:E6)", blue, 1)  # NPV, and a formula in blue
    sheet.write_string(7, 0, "No unit here")
    sheet.write_formula(7, 3, "=1/0", black, "#DIV/0!")
    sheet.write_string(8, 0, "Rest (CNY m)")
    sheet.write_string(8, 1, "CNY m")
    sheet.write_formula(8, 3, "=D6-SUM()", black, 125)  # a rest with no siblings
    book.close()
    return path


def test_lint_reports_each_planted_problem(tmp_path):
    issues = lint_workbook(_bad_workbook(tmp_path / "bad.xlsx"))
    rules = {(i.cell, i.rule) for i in issues}
    assert ("C6", "colour") in rules
    assert ("D6", "constant") in rules
    assert ("D6", "consistency") in rules
    assert ("D7", "function") in rules
    assert ("D7", "colour") in rules
    assert ("A8", "unit") in rules
    assert ("D8", "error") in rules
    assert ("D9", "arguments") in rules
    assert ("A1", "panes") in rules


@pytest.mark.parametrize(("formula", "empty"), [
    ("=D7-SUM()", {"SUM"}),
    ("=MAX( )+MIN(D7)", {"MAX"}),
    ('=IF(D7>0,"SUM()",D7)', set()),  # text, not a call
    ("=SUM(D7:F7)*PI()", {"PI"}),
    ("=Sheet1!D7", set()),
])
def test_calls_without_arguments_are_found(formula: str, empty: set[str]) -> None:
    assert empty_calls(formula) == empty


def test_only_functions_that_need_arguments_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "calls.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Sheet")
    black = book.add_format({"font_color": "#000000"})
    sheet.write_string(5, 0, "Row (x)")
    sheet.write_string(5, 1, "x")
    sheet.write_formula(5, 3, "=NA()", black, "#N/A")
    sheet.write_formula(5, 4, "=TRUE()", black, True)
    sheet.write_formula(5, 5, "=SUM()", black, 0)
    book.close()
    found = {(i.cell, i.message) for i in lint_workbook(path) if i.rule == "arguments"}
    assert found == {("F6", "SUM() has no arguments in =SUM()")}
    assert {"NA", "TRUE", "FALSE", "PI", "TODAY", "NOW", "RAND"} <= NO_ARGUMENT_FUNCTIONS

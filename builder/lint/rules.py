"""The workbook lint: each rule looks at the built file the way a reviewing modeller would.

Rules: only portable functions, none called without the arguments it needs (``SUM()``); no
constants buried in formulas; blue inputs, black formulas, green cross-sheet links; one formula
per forecast row; panes frozen at the timeline; a unit on every item row; no error values; a
master check of 0.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import openpyxl
from openpyxl.cell.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet

from builder.check.cached import read_values
from builder.lint.formula_text import (
    empty_calls,
    functions_used,
    numeric_literals,
    relative_form,
)

ALLOWED_FUNCTIONS = frozenset({
    "SUM", "IF", "MAX", "MIN", "ABS", "INDEX", "MATCH", "AND", "OR", "NOT", "ISNUMBER",
    "MEDIAN", "AVERAGE", "COUNT", "SUMPRODUCT", "ROUND", "IFERROR", "LN", "EXP", "POWER",
    "AVERAGEIF", "COUNTIF", "SUMIF", "ISERROR", "ISBLANK", "TEXT", "CHOOSE",
})
FORBIDDEN_FUNCTIONS = frozenset({"NPV", "XNPV", "OFFSET", "INDIRECT", "XLOOKUP", "LET", "FILTER",
                                 "SORT", "UNIQUE", "SEQUENCE", "XMATCH", "LAMBDA", "TABLE"})
# Functions that take no argument. Any other called with none (``=D7-SUM()``) is an expression
# built over an empty list: Excel may accept it, but it is a slip, not a formula.
NO_ARGUMENT_FUNCTIONS = frozenset({"TODAY", "NOW", "PI", "RAND", "NA", "TRUE", "FALSE"})
ALLOWED_CONSTANTS = frozenset({0.0, 1.0, 100.0, 360.0, 365.0})
BLUE = "FF0000FF"
BLACK = "FF000000"
GREEN = "FF008000"
HEADER_ROWS = 5
PERIOD_HEADER_ROW = 4
FIRST_PERIOD_COLUMN = 4
_LINK = re.compile(r"^('(?:[^']|'')+'|[\w.]+)!\$?[A-Z]{1,3}\$?\d+$")
ERRORS = ("#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!")


@dataclass(frozen=True, slots=True)
class LintIssue:
    sheet: str
    cell: str
    rule: str
    message: str

    def __str__(self) -> str:
        return f"{self.sheet}!{self.cell}: {self.rule}: {self.message}"


def lint_workbook(path: Path) -> list[LintIssue]:
    formulas = openpyxl.load_workbook(path)
    cached = _cached_values(path)
    names = {name: str(defined.attr_text) for name, defined in formulas.defined_names.items()}
    issues: list[LintIssue] = []
    for sheet in formulas.worksheets:
        issues += _cells(sheet, cached.get(sheet.title, {}), names)
        issues += _forecast_rows(sheet)
        issues += _frame(sheet)
    return issues


def _cached_values(path: Path) -> dict[str, dict[str, object]]:
    """Each sheet's cached values by coordinate, through the check's reader (styles are read
    once, with the formulas; a second full openpyxl load took half of a 30-year workbook's
    lint)."""
    by_sheet: dict[str, dict[str, object]] = defaultdict(dict)
    for cell, value in read_values(path).items():
        by_sheet[cell.sheet][cell.coordinate] = value
    return by_sheet


def _cells(sheet: Worksheet, cached: dict[str, object],
           names: dict[str, str]) -> Iterator[LintIssue]:  # fmt: skip
    for row in sheet.iter_rows(min_row=HEADER_ROWS + 1):
        item_row = any(c.data_type == "f" or isinstance(c.value, int | float) for c in row[2:])
        label, unit = row[0].value, row[1].value
        if item_row and label and not unit:
            yield LintIssue(sheet.title, row[0].coordinate, "unit", f"{label!r} has no unit")
        for cell in row[2:]:
            yield from _cell(sheet, cell, cached.get(cell.coordinate), names)


def _cell(
    sheet: Worksheet, cell: Cell, value: object, names: dict[str, str]
) -> Iterator[LintIssue]:
    where = (sheet.title, cell.coordinate)
    colour = cell.font.color.rgb if cell.font and cell.font.color else None
    if isinstance(value, str) and value in ERRORS:
        yield LintIssue(*where, "error", f"cached error value {value}")
    if cell.data_type != "f":
        if isinstance(cell.value, int | float) and colour != BLUE:
            yield LintIssue(*where, "colour", f"a typed number must be blue, is {colour}")
        return
    formula = str(cell.value)
    used = functions_used(formula)
    for name in sorted(used & FORBIDDEN_FUNCTIONS):
        yield LintIssue(*where, "function", f"{name} is not allowed")
    for name in sorted(used - ALLOWED_FUNCTIONS - FORBIDDEN_FUNCTIONS):
        yield LintIssue(*where, "function", f"{name} is not on the portable list")
    for name in sorted(empty_calls(formula) - NO_ARGUMENT_FUNCTIONS):
        yield LintIssue(*where, "arguments", f"{name}() has no arguments in {formula}")
    for literal in numeric_literals(formula):
        if literal not in ALLOWED_CONSTANTS:
            yield LintIssue(*where, "constant", f"{literal:g} is buried in {formula}")
    expected = GREEN if _is_link(sheet.title, formula, names) else BLACK
    if colour != expected:
        yield LintIssue(*where, "colour", f"{formula} should be {expected}, is {colour}")
    if value is None:
        yield LintIssue(*where, "cache", f"{formula} has no cached value")


def _is_link(sheet: str, formula: str, names: dict[str, str]) -> bool:
    """A formula that is only a reference to one cell on another sheet (directly or by name)."""
    body = formula.removeprefix("=")
    target = names.get(body, body).removeprefix("=")
    match = _LINK.match(target)
    return match is not None and match.group(1).strip("'").replace("''", "'") != sheet


def _forecast_rows(sheet: Worksheet) -> Iterator[LintIssue]:
    """A row's formula is the same in every forecast column of one kind of period: the years
    of an annual sheet; on the interim sheet, a rest of the year and a full year are two kinds
    (``4Q25E`` is the full year less the year to date, ``FY2025E`` the annual forecast)."""
    kinds: dict[str, list[int]] = {}
    for cell in sheet[PERIOD_HEADER_ROW][FIRST_PERIOD_COLUMN - 1:]:
        if isinstance(cell.value, str) and cell.value.endswith("E"):
            kinds.setdefault(_PERIOD_KIND.sub("", cell.value), []).append(cell.column)
    for columns in kinds.values():
        if len(columns) >= 2:
            yield from _same_formula(sheet, columns)


_PERIOD_KIND = re.compile(r"\d")  # FY2025E and FY2026E are one kind; 4Q25E another


def _same_formula(sheet: Worksheet, forecast_columns: list[int]) -> Iterator[LintIssue]:
    for row in sheet.iter_rows(min_row=HEADER_ROWS + 1):
        forms = {}
        for column in forecast_columns:
            cell = row[column - 1]
            if cell.data_type == "f":
                forms[cell.coordinate] = relative_form(str(cell.value), cell.row, cell.column)
        if len(set(forms.values())) > 1:
            first = next(iter(forms))
            yield LintIssue(sheet.title, first, "consistency",
                            "forecast columns of this row have different formulas: "
                            + "; ".join(f"{k} {v}" for k, v in forms.items()))


def _frame(sheet: Worksheet) -> Iterator[LintIssue]:
    has_timeline = any(isinstance(c.value, str) and c.value[:2] in {"FY", "1Q", "2Q"}
                       for c in sheet[PERIOD_HEADER_ROW][FIRST_PERIOD_COLUMN - 1:])
    expected = "D6" if has_timeline else None
    if expected and sheet.freeze_panes != expected:
        yield LintIssue(sheet.title, "A1", "panes", f"frozen at {sheet.freeze_panes}, expected "
                                                    f"{expected} (the timeline)")

"""Compare cached values with recomputed ones, cell by cell, and collect every disagreement.

Mismatches are values, not exceptions: a check lists all of them at once, like a compiler, so
one run shows every wrong cell of a workbook.

Engines add the same numbers in different ways: LibreOffice's SUM compensates rounding
(Kahan-Babuska), Python and Excel add in order, so two right answers can differ in their last
bit. That is nothing on a total, but a check row that subtracts totals of millions (assets -
liabilities - equity) turns one last bit of a 5.7 million total into a residue of 1.9e-9
against LibreOffice's 0. So a number's tolerance also allows a few last bits of the largest
number in its column of its sheet (where its operands sit, on a timeline): 64 units in the last
place, 1.4e-14 of that number, which no poisoned or wrong value hides under.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from builder.check.cached import CachedWorkbook
from builder.check.cells import CellId, CellValue, is_error

DIFFERS = "differs"
ERROR_VALUE = "error value"
NOT_RECOMPUTED = "not recomputed"
LAST_BITS = 64 * 2.0**-52  # 64 units in the last place of a double, relative


def format_value(value: CellValue) -> str:
    """Show a value the way an analyst reads it: 17.6 not 17.6000, text quoted, blank named."""
    if value is None or value == "":
        return "blank"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if is_error(value):
        return value
    return repr(value)


@dataclass(frozen=True, slots=True)
class Mismatch:
    """One cell whose recomputed value disagrees with its cache, or that holds an error."""

    cell: CellId
    expected: CellValue
    actual: CellValue
    reason: str = DIFFERS

    def __str__(self) -> str:
        text = f"{self.cell}: cached {format_value(self.expected)}"
        if self.reason == NOT_RECOMPUTED:
            return f"{text}, not recomputed by the engine"
        text += f", recomputed {format_value(self.actual)}"
        return text if self.reason == DIFFERS else f"{text} ({self.reason})"


def values_match(expected: CellValue, actual: CellValue, rel_tol: float, abs_tol: float) -> bool:
    """Equal within tolerance. Blank and "" are the same result (xlsxwriter caches "" and
    openpyxl reads it back as blank); 0 is not blank, and TRUE is not 1."""
    if expected in (None, "") or actual in (None, ""):
        return expected in (None, "") and actual in (None, "")
    if isinstance(expected, bool) or isinstance(actual, bool):
        return type(expected) is type(actual) and expected == actual
    if isinstance(expected, float) and isinstance(actual, float):
        return math.isclose(expected, actual, rel_tol=rel_tol, abs_tol=abs_tol)
    return expected == actual


def compare(
    expected: CachedWorkbook,
    actual: Mapping[CellId, CellValue],
    rel_tol: float = 1e-9,
    abs_tol: float = 1e-9,
) -> list[Mismatch]:
    """Every formula cell whose recomputed value differs from its cache, plus every cell on
    either side holding an error value (formula or not), in workbook order."""
    found: dict[CellId, Mismatch] = {}
    scale = _column_scale(expected)
    for cell in expected.formulas:
        cached = expected.values.get(cell)
        if cell not in actual:
            if cached in (None, ""):
                continue  # LibreOffice leaves a formula's blank result out of its output
            found[cell] = Mismatch(cell, cached, None, NOT_RECOMPUTED)
        elif is_error(cached) or is_error(actual[cell]):
            found[cell] = Mismatch(cell, cached, actual[cell], ERROR_VALUE)
        elif not values_match(cached, actual[cell], rel_tol,
                              max(abs_tol, LAST_BITS * scale.get(_column(cell), 0.0))):
            found[cell] = Mismatch(cell, cached, actual[cell], DIFFERS)
    for cell in {*expected.values, *actual}:
        if cell in found:
            continue
        cached, recomputed = expected.values.get(cell), actual.get(cell)
        if is_error(cached) or is_error(recomputed):
            found[cell] = Mismatch(cell, cached, recomputed, ERROR_VALUE)
    order = {name: index for index, name in enumerate(expected.sheets)}
    return sorted(found.values(), key=lambda m: m.cell.sort_key(order))


def _column(cell: CellId) -> tuple[str, str]:
    return cell.sheet, cell.coordinate.rstrip("0123456789")


def _column_scale(workbook: CachedWorkbook) -> dict[tuple[str, str], float]:
    """The largest magnitude among the cached numbers of each column of each sheet."""
    scale: dict[tuple[str, str], float] = {}
    for cell, value in workbook.values.items():
        if isinstance(value, float) and math.isfinite(value):
            key = _column(cell)
            scale[key] = max(scale.get(key, 0.0), abs(value))
    return scale

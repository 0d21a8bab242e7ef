"""Small, careful readings of formula text: functions used, literals, relative R1C1 form.

String literals are removed first, so a label such as ``"n/a"`` or a sheet called ``FY2025``
cannot be mistaken for code.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from openpyxl.utils import column_index_from_string

_STRING = re.compile(r'"(?:[^"]|"")*"')
_SHEET = re.compile(r"(?:'(?:[^']|'')+'|[A-Za-z_][\w.]*)!")
_CELL = re.compile(r"(\$?)([A-Z]{1,3})(\$?)(\d+)(?![\w(])")
_FUNCTION = re.compile(r"\b([A-Z][A-Z0-9.]*)\(")
_EMPTY_CALL = re.compile(r"\b([A-Z][A-Z0-9.]*)\(\s*\)")
_NUMBER = re.compile(r"(?<![\w.$])(\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)(?![\w(])")


def without_strings(formula: str) -> str:
    return _STRING.sub('""', formula)


def functions_used(formula: str) -> set[str]:
    return set(_FUNCTION.findall(without_strings(formula)))


def empty_calls(formula: str) -> set[str]:
    """Functions called with no argument at all, such as ``SUM()``."""
    return set(_EMPTY_CALL.findall(without_strings(formula)))


def numeric_literals(formula: str) -> list[float]:
    """Numbers typed into the formula, not the digits of cell references or sheet names."""
    text = _SHEET.sub("", without_strings(formula))
    text = _CELL.sub("", text)
    return [float(n) for n in _NUMBER.findall(text)]


def relative_form(formula: str, row: int, column: int) -> str:
    """R1C1-style text: relative references as offsets from (row, column), 1-based.

    Two cells whose formulas have the same relative form compute the same thing from the same
    relative places: the FAST rule that a forecast row has one formula.
    """
    pieces = []
    last = 0
    code = formula
    for match in _iter_code_cells(code):
        pieces.append(code[last:match.start()])
        col_abs, col_text, row_abs, row_text = match.groups()
        target_col = column_index_from_string(col_text)
        target_row = int(row_text)
        r = f"R{target_row}" if row_abs else f"R[{target_row - row}]"
        c = f"C{target_col}" if col_abs else f"C[{target_col - column}]"
        pieces.append(r + c)
        last = match.end()
    pieces.append(code[last:])
    return "".join(pieces)


def _iter_code_cells(formula: str) -> Iterator[re.Match[str]]:
    strings = [(m.start(), m.end()) for m in _STRING.finditer(formula)]
    for match in _CELL.finditer(formula):
        if not any(start <= match.start() < end for start, end in strings):
            yield match

"""An xlsxwriter worksheet that skips work our cells never need, with the very same output.

xlsxwriter passes every formula through some thirty regular-expression substitutions that add the
``_xlfn.`` prefix to functions newer than Excel 2007 (XLOOKUP, FILTER, ...). The model's formulas
use only classic functions, and those substitutions were a fifth of a long model's build. A
formula whose every function is in :data:`CLASSIC` cannot match any of them, so it is stored as
xlsxwriter would store it, minus the search; any other formula takes xlsxwriter's own path.

When the file is assembled, xlsxwriter writes each cell through generic attribute lists, each
attribute checked for XML escapes. A formatted number, shared string or formula cell has only a
cell reference and a format index as attributes, neither of which can need escaping, so those
are written directly, in the same text; every other cell takes xlsxwriter's own path.
``tests/test_model_worksheet.py`` holds both paths to the same bytes.
"""

from __future__ import annotations

import re

from xlsxwriter.utility import xl_rowcol_to_cell_fast
from xlsxwriter.worksheet import CellFormulaTuple, CellNumberTuple, CellStringTuple, Worksheet

# Excel 2007 functions: xlsxwriter never prefixes these. A function outside the set is not an
# error, only the slow path.
CLASSIC = frozenset({
    "ABS", "AND", "AVERAGE", "CHOOSE", "COUNT", "COUNTA", "IF", "IFERROR", "INDEX", "ISBLANK",
    "ISERROR", "ISNUMBER", "ISTEXT", "MATCH", "MAX", "MEDIAN", "MIN", "NOT", "OR", "ROUND",
    "SUM", "SUMPRODUCT",
})
_FUNCTION = re.compile(r"([A-Za-z_][A-Za-z0-9._]*)\(")
# Cached text values xlsxwriter marks as errors (t="e") rather than strings (t="str").
ERROR_CODES = frozenset({"#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!"})


def is_classic(formula: str) -> bool:
    """Whether every function ``formula`` calls is an Excel 2007 one (and it is no array formula):
    then none of xlsxwriter's future-function or dynamic-array rewrites can apply to it."""
    return ("_xlfn." not in formula and not formula.startswith("{")
            and not formula.endswith("}") and CLASSIC.issuperset(_FUNCTION.findall(formula)))


def _bare(formula: str) -> str:
    """What xlsxwriter strips from a formula before its substitutions: of a classic one (no
    array braces, by :func:`is_classic`), only the leading ``=``."""
    return formula[1:] if formula.startswith("=") else formula


class ModelWorksheet(Worksheet):
    """A worksheet whose classic-function formulas skip the future-function substitutions."""

    def _prepare_formula(self, formula: str, expand_future_functions: bool = False) -> str:
        if expand_future_functions or self.use_future_functions or not is_classic(formula):
            return super()._prepare_formula(formula, expand_future_functions)
        return _bare(formula)

    def write_classic_formula(self, row: int, col: int, formula: str, cell_format,  # type: ignore[no-untyped-def]
                              value) -> int:
        """``_write_formula`` for a formula the caller knows :func:`is_classic` (the renderer
        checks each row's formula once, not each cell): the same cell, without the searches."""
        if self.use_future_functions or self.constant_memory:
            return self._write_formula(row, col, formula, cell_format, value)
        if self._check_dimensions(row, col):
            return -1
        self.table[row][col] = CellFormulaTuple(_bare(formula), cell_format, value)
        return 0

    def _write_cell(self, row: int, col: int, cell) -> None:  # type: ignore[no-untyped-def]
        kind = type(cell)
        if cell.format is None or self.constant_memory or kind not in _DIRECT:
            return super()._write_cell(row, col, cell)
        head = f'<c r="{xl_rowcol_to_cell_fast(row, col)}" s="{cell.format._get_xf_index()}"'
        if kind is CellFormulaTuple:
            value = cell.value
            if isinstance(value, bool):
                return super()._write_cell(row, col, cell)
            kind_attribute = ""
            if isinstance(value, str) and value:
                kind_attribute = ' t="e"' if value in ERROR_CODES else ' t="str"'
            formula = self._escape_data(cell.formula)
            # A number needs no escaping (xlsxwriter's escape finds that out by a TypeError).
            cached = value if type(value) is float else self._escape_data(value)
            self.fh.write(f"{head}{kind_attribute}><f>{formula}</f><v>{cached}</v></c>")
        elif kind is CellNumberTuple:
            self.fh.write(f"{head}><v>{cell.number:.16G}</v></c>")
        else:
            self.fh.write(f'{head} t="s"><v>{cell.string}</v></c>')
        return None


# The cell kinds written directly; every other kind takes xlsxwriter's own path.
_DIRECT = frozenset({CellFormulaTuple, CellNumberTuple, CellStringTuple})

"""An xlsxwriter worksheet that skips work our formulas never need, with the very same output.

xlsxwriter passes every formula through some thirty regular-expression substitutions that add the
``_xlfn.`` prefix to functions newer than Excel 2007 (XLOOKUP, FILTER, ...). The model's formulas
use only classic functions, and those substitutions were a fifth of a long model's build. A
formula whose every function is in :data:`CLASSIC` cannot match any of them, so it is stored as
xlsxwriter would store it, minus the search; any other formula takes xlsxwriter's own path.
"""

from __future__ import annotations

import re

from xlsxwriter.worksheet import Worksheet

# Excel 2007 functions: xlsxwriter never prefixes these. A function outside the set is not an
# error, only the slow path.
CLASSIC = frozenset({
    "ABS", "AND", "AVERAGE", "CHOOSE", "COUNT", "COUNTA", "IF", "IFERROR", "INDEX", "ISBLANK",
    "ISERROR", "ISNUMBER", "ISTEXT", "MATCH", "MAX", "MEDIAN", "MIN", "NOT", "OR", "ROUND",
    "SUM", "SUMPRODUCT",
})
_FUNCTION = re.compile(r"([A-Za-z_][A-Za-z0-9._]*)\(")


class ModelWorksheet(Worksheet):
    """A worksheet whose classic-function formulas skip the future-function substitutions."""

    def _prepare_formula(self, formula: str, expand_future_functions: bool = False) -> str:
        if expand_future_functions or self.use_future_functions or "_xlfn." in formula:
            return super()._prepare_formula(formula, expand_future_functions)
        if not all(name in CLASSIC for name in _FUNCTION.findall(formula)):
            return super()._prepare_formula(formula, expand_future_functions)
        # What xlsxwriter strips before its substitutions, none of which can match.
        if formula.startswith("{"):
            formula = formula[1:]
        if formula.startswith("="):
            formula = formula[1:]
        if formula.endswith("}"):
            formula = formula[:-1]
        return formula

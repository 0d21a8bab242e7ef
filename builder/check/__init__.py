"""Independent recomputation of built workbooks.

The writer caches a value next to every formula, and Excel shows those cached values until it
recalculates. A wrong cached value is therefore a silent lie in the delivered file. This package
recomputes every formula with an engine that ignores the cache (the ``formulas`` package, or
LibreOffice headless) and reports each cell where the two disagree, plus every error value.
"""

from builder.check.cached import CachedWorkbook, read_cached, read_values
from builder.check.cells import CellId, CellValue, is_error
from builder.check.command import run_check
from builder.check.compare import Mismatch, compare
from builder.check.errors import CheckError, EditError, RecalcError, WorkbookReadError
from builder.check.formulas_engine import recompute_with_formulas
from builder.check.libreoffice import (
    edit_and_recalculate,
    find_soffice,
    libreoffice_values,
    recalculate_with_libreoffice,
)
from builder.check.limits import Limits, Refused

__all__ = [
    "CachedWorkbook",
    "CellId",
    "CellValue",
    "CheckError",
    "EditError",
    "Limits",
    "Mismatch",
    "RecalcError",
    "Refused",
    "WorkbookReadError",
    "compare",
    "edit_and_recalculate",
    "find_soffice",
    "is_error",
    "libreoffice_values",
    "read_cached",
    "read_values",
    "recalculate_with_libreoffice",
    "recompute_with_formulas",
    "run_check",
]

"""Independent recomputation of built workbooks.

The writer caches a value next to every formula, and Excel shows those cached values until it
recalculates. A wrong cached value is therefore a silent lie in the delivered file. This package
recomputes every formula with an engine that ignores the cache (the ``formulas`` package, or
LibreOffice headless) and reports each cell where the two disagree, plus every error value.

The names below load on first use: the readers pull in openpyxl (about 0.15 s), which a build
or the command line's option parser should not pay for.
"""

from __future__ import annotations

import importlib
from typing import Any

_WHERE = {
    "CachedWorkbook": "cached", "read_cached": "cached", "read_values": "cached",
    "CellId": "cells", "CellValue": "cells", "is_error": "cells",
    "run_check": "command",
    "Mismatch": "compare", "compare": "compare",
    "CheckError": "errors", "EditError": "errors", "RecalcError": "errors",
    "WorkbookReadError": "errors",
    "recompute_with_formulas": "formulas_engine",
    "edit_and_recalculate": "libreoffice", "find_soffice": "libreoffice",
    "libreoffice_values": "libreoffice", "recalculate_with_libreoffice": "libreoffice",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{_WHERE[name]}"), name)
    globals()[name] = value
    return value

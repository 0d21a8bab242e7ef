"""``finmodel check``: recompute each workbook and report where its cached values are wrong.

Exit codes follow the CLI's convention: 0 all good, 1 a mismatch or error value was found,
2 a workbook could not be checked at all (unreadable file, engine failure).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from builder.check.cached import read_cached
from builder.check.cells import CellId, CellValue
from builder.check.compare import compare
from builder.check.errors import CheckError
from builder.check.formulas_engine import recompute_with_formulas
from builder.check.libreoffice import libreoffice_values

ENGINES: dict[str, Callable[[Path], dict[CellId, CellValue]]] = {
    "formulas": recompute_with_formulas,
    "libreoffice": libreoffice_values,
}
MAX_LISTED = 50


def check_one(path: Path, engine: str, out: TextIO) -> int:
    """Check one workbook, print its verdict, return its exit code (raises CheckError)."""
    started = time.perf_counter()
    cached = read_cached(path)
    mismatches = compare(cached, ENGINES[engine](path))
    seconds = time.perf_counter() - started
    summary = (
        f"{len(cached.formulas)} formulas recomputed, {len(mismatches)} mismatches"
        f" ({engine}, {seconds:.1f} s)"
    )
    if not mismatches:
        print(f"OK {path}: {summary}", file=out)
        return 0
    print(f"FAIL {path}: {summary}", file=out)
    for mismatch in mismatches[:MAX_LISTED]:
        print(f"  {mismatch}", file=out)
    if len(mismatches) > MAX_LISTED:
        print(f"  ... and {len(mismatches) - MAX_LISTED} more", file=out)
    return 1


def run_check(
    paths: list[Path],
    engine: str = "formulas",
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    """Check every workbook (all of them, even after a failure); return the worst exit code."""
    out, err = out or sys.stdout, err or sys.stderr
    if engine not in ENGINES:
        print(f"finmodel check: unknown engine {engine!r} (choose from {', '.join(ENGINES)})",
              file=err)  # fmt: skip
        return 2
    worst = 0
    for path in paths:
        try:
            worst = max(worst, check_one(Path(path), engine, out))
        except CheckError as exc:
            print(f"ERROR {exc}", file=err)
            worst = 2
    return worst

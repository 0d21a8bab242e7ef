"""``finmodel check``: recompute each workbook and report where its cached values are wrong.

Exit codes follow the CLI's convention: 0 all good, 1 a mismatch or error value was found,
2 a workbook could not be checked at all (unreadable file, engine failure).

Every workbook is first read (:func:`prepare`, the place for per-workbook pre-checks); then the
engine recomputes all the readable ones: LibreOffice in one batch (one soffice process per
worker), ``formulas`` one by one.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from builder.check.cached import CachedWorkbook, read_cached, read_values
from builder.check.cells import CellId, CellValue
from builder.check.compare import compare
from builder.check.errors import CheckError
from builder.check.formulas_engine import recompute_with_formulas
from builder.check.libreoffice import recalculate_many

Recomputed = dict[CellId, CellValue] | CheckError
MAX_LISTED = 50


def _formulas_batch(paths: Sequence[Path], jobs: int) -> dict[Path, Recomputed]:
    results: dict[Path, Recomputed] = {}
    for path in paths:
        try:
            results[path] = recompute_with_formulas(path)
        except CheckError as exc:
            results[path] = exc
    return results


def _libreoffice_batch(paths: Sequence[Path], jobs: int) -> dict[Path, Recomputed]:
    results: dict[Path, Recomputed] = {}
    with tempfile.TemporaryDirectory(prefix="finmodel-lo-") as tmp:
        outcomes = recalculate_many(paths, Path(tmp), jobs=jobs)
        for path, outcome in zip(paths, outcomes.values(), strict=True):
            try:
                results[path] = outcome if isinstance(outcome, CheckError) else read_values(outcome)
            except CheckError as exc:
                results[path] = exc
    return results


ENGINES: dict[str, Callable[[Sequence[Path], int], dict[Path, Recomputed]]] = {
    "formulas": _formulas_batch,
    "libreoffice": _libreoffice_batch,
}


def prepare(path: Path) -> CachedWorkbook:
    """Read one workbook's formulas and cached values before any engine sees it (raises
    CheckError): a workbook that fails here is reported and left out of the batch."""
    return read_cached(path)


def report(cached: CachedWorkbook, recomputed: dict[CellId, CellValue], engine: str,
           seconds: float, out: TextIO) -> int:  # fmt: skip
    """Print one workbook's verdict and return its exit code."""
    mismatches = compare(cached, recomputed)
    summary = (
        f"{len(cached.formulas)} formulas recomputed, {len(mismatches)} mismatches"
        f" ({engine}, {seconds:.1f} s)"
    )
    if not mismatches:
        print(f"OK {cached.path}: {summary}", file=out)
        return 0
    print(f"FAIL {cached.path}: {summary}", file=out)
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
    jobs: int | None = None,
) -> int:
    """Check every workbook (all of them, even after a failure); return the worst exit code.

    With LibreOffice the seconds shown per workbook are the batch's wall time shared out
    evenly: the workbooks were recalculated together.
    """
    out, err = out or sys.stdout, err or sys.stderr
    if engine not in ENGINES:
        print(f"finmodel check: unknown engine {engine!r} (choose from {', '.join(ENGINES)})",
              file=err)  # fmt: skip
        return 2
    worst = 0
    prepared: dict[Path, CachedWorkbook] = {}
    for path in map(Path, paths):
        try:
            prepared[path] = prepare(path)
        except CheckError as exc:
            print(f"ERROR {exc}", file=err)
            worst = 2
    if not prepared:
        return worst
    started = time.perf_counter()
    results = ENGINES[engine](list(prepared), jobs or os.cpu_count() or 1)
    seconds = (time.perf_counter() - started) / len(prepared)
    for path, cached in prepared.items():
        result = results[path]
        if isinstance(result, CheckError):
            print(f"ERROR {result}", file=err)
            worst = 2
        else:
            worst = max(worst, report(cached, result, engine, seconds, out))
    return worst

"""``finmodel check``: recompute each workbook and report where its cached values are wrong.

Exit codes follow the CLI's convention: 0 all good, 1 a mismatch or error value was found,
2 a workbook could not be checked at all (unreadable or refused file, engine failure).

Every workbook is first read once and inspected (:func:`prepare`): limits on size, cells and
formulas, nothing that reaches outside it (:mod:`builder.check.limits`). The engines then
recompute private copies of the inspected bytes, never the user's path: a file swapped after
the inspection is not what gets recomputed, and whatever the engine might resolve next to the
copy is an empty folder. LibreOffice recomputes them in one batch (one soffice per worker),
``formulas`` one by one; each within the time limit.
"""

from __future__ import annotations

import functools
import os
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TextIO

from builder.check.cached import CachedWorkbook, read_cached, read_workbook_bytes
from builder.check.cells import CellId, CellValue
from builder.check.compare import compare
from builder.check.errors import CheckError
from builder.check.formulas_engine import recompute_with_formulas
from builder.check.libreoffice import find_soffice, recalculate_many, start_offices
from builder.check.limits import Limits, inspect_workbook

Recomputed = dict[CellId, CellValue] | CheckError
MAX_LISTED = 50


def _formulas_batch(paths: Sequence[Path], jobs: int, seconds: float) -> dict[Path, Recomputed]:
    results: dict[Path, Recomputed] = {}
    for path in paths:
        try:
            results[path] = recompute_with_formulas(path, seconds)
        except CheckError as exc:
            results[path] = exc
    return results


def _libreoffice_batch(paths: Sequence[Path], jobs: int,
                       seconds: float) -> dict[Path, Recomputed]:
    with tempfile.TemporaryDirectory(prefix="finmodel-lo-") as tmp:
        outcomes = recalculate_many(paths, Path(tmp), jobs=jobs, timeout=seconds)
    return dict(zip(paths, outcomes.values(), strict=True))


ENGINES: dict[str, Callable[[Sequence[Path], int, float], dict[Path, Recomputed]]] = {
    "formulas": _formulas_batch,
    "libreoffice": _libreoffice_batch,
}


AUTO = "auto"
"""The default engine: LibreOffice where it is installed, else ``formulas``. Measured on the
default model (README, Checking): LibreOffice recalculates a lean copy in about 1 s of its own
plus a 1 s start per worker; ``formulas`` takes 12-15 s per workbook of that size."""


def choose_engine(engine: str) -> str:
    """The engine ``engine`` stands for: itself, or for ``auto`` the fastest one installed."""
    if engine != AUTO:
        return engine
    return "libreoffice" if find_soffice() is not None else "formulas"


@dataclass(frozen=True)
class Prepared:
    """A workbook read and inspected: the private copy the engine recomputes."""

    path: Path
    copy: Path


def prepare(path: Path, private: Path, limits: Limits | None = None) -> Prepared:
    """Read ``path`` once, inspect it and copy it into the folder ``private`` (raises
    CheckError): a workbook that fails here is reported and left out of the batch. Its cells
    are read later, from the copy, while the engine works."""
    limits = limits or Limits()
    data = read_workbook_bytes(path, limits.file_mb)
    inspect_workbook(path, data, limits)
    private.mkdir(parents=True)
    copy = private / path.name
    copy.write_bytes(data)
    return Prepared(path, copy)


def _read_cached(ready: Prepared) -> CachedWorkbook | CheckError:
    """The workbook's formulas and cached values, named by the user's path."""
    try:
        cached = read_cached(ready.copy, ready.copy.read_bytes())  # our copy: within limits
    except CheckError as exc:
        return exc
    return replace(cached, path=ready.path)


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
    engine: str = AUTO,
    out: TextIO | None = None,
    err: TextIO | None = None,
    jobs: int | None = None,
    limits: Limits | None = None,
) -> int:
    """Check every workbook (all of them, even after a failure); return the worst exit code.

    With LibreOffice the seconds shown per workbook are the batch's wall time shared out
    evenly: the workbooks were recalculated together.
    """
    out, err = out or sys.stdout, err or sys.stderr
    limits = limits or Limits()
    engine = choose_engine(engine)
    if engine not in ENGINES:
        print(f"finmodel check: unknown engine {engine!r} (choose from {AUTO}, "
              f"{', '.join(ENGINES)})", file=err)  # fmt: skip
        return 2
    worst = 0
    workers = jobs or os.cpu_count() or 1
    if engine == "libreoffice":
        start_offices(min(workers, len(paths)))  # overlaps the inspection
    with tempfile.TemporaryDirectory(prefix="finmodel-check-") as private:
        prepared: dict[Path, Prepared] = {}
        for index, path in enumerate(map(Path, paths)):
            try:
                prepared[path] = prepare(path, Path(private) / f"{index:04d}", limits)
            except CheckError as exc:
                print(f"ERROR {exc}", file=err)
                worst = 2
        if not prepared:
            return worst
        started = time.perf_counter()
        copies = [p.copy for p in prepared.values()]
        recompute = functools.partial(ENGINES[engine], copies, workers,
                                      limits.seconds)
        if engine == "libreoffice":
            # LibreOffice works in its own processes: the cached side is read meanwhile.
            with ThreadPoolExecutor(max_workers=1) as engine_thread:
                running = engine_thread.submit(recompute)
                cached = {path: _read_cached(ready) for path, ready in prepared.items()}
                results = running.result()
        else:  # formulas keeps the main thread: its time limit is an alarm signal
            cached = {path: _read_cached(ready) for path, ready in prepared.items()}
            results = recompute()
        seconds = (time.perf_counter() - started) / len(prepared)
        for path, ready in prepared.items():
            result, workbook = results[ready.copy], cached[path]
            if isinstance(workbook, CheckError):
                result = workbook
            if isinstance(result, CheckError):
                print(f"ERROR {_named(result, ready.copy, path)}", file=err)
                worst = 2
            else:
                assert isinstance(workbook, CachedWorkbook)
                worst = max(worst, report(workbook, result, engine, seconds, out))
    return worst


def _named(error: CheckError, copy: Path, path: Path) -> str:
    """The engine's message about the private copy, naming the user's file instead."""
    text = str(error)
    for spelling in (str(copy.resolve()), str(copy)):
        text = text.replace(spelling, str(path))
    return text

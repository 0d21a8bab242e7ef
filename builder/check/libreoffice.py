"""Recalculate workbooks with LibreOffice headless, Excel's closest free stand-in.

LibreOffice keeps the cached values of an xlsx file on load unless its profile says otherwise,
so every run uses its own profile directory (inside the caller's workdir) whose registry forces
a recalculation (:mod:`builder.check.profile`). A private profile also keeps concurrent runs
apart: a second soffice started on a profile already in use hands its files to the first
process instead of converting them.

:func:`recalculate_many` hands workbooks to offices kept running (:mod:`builder.check.office`)
where LibreOffice's Python is found. Otherwise, and for :func:`recalculate_with_libreoffice`,
which returns a file, many workbooks go through one ``soffice --convert-to`` call per worker
(:func:`convert_many`): starting LibreOffice costs about a second, converting a workbook
the size of the default model about three CPU seconds more, so one process per file roughly
doubles the cost of a small batch. soffice exits 0 even when a conversion fails, so every
result is judged by its output file alone; a process that dies or stops making progress is
killed, the workbook it was on is reported, and the rest of its share goes to a fresh process.
"""

from __future__ import annotations

import os
import queue
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import zipfile
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from builder.check.cached import read_values
from builder.check.cells import CellId, CellValue
from builder.check.errors import CheckError, RecalcError
from builder.check.lean_copy import write_lean_copy
from builder.check.limits import MAX_SECONDS
from builder.check.office import POOL, find_uno_python, recalculate_share
from builder.check.profile import recalculating_profile
from builder.check.workbook_edit import apply_edits

TIMEOUT_PER_WORKBOOK = MAX_SECONDS
"""Seconds one workbook may take (a 30-year, 200-peer model takes about 8 s here)."""
STARTUP_SECONDS = 60.0
"""Extra allowance for the first workbook of a process: LibreOffice creates its profile."""
_XLSX_FILTER = "xlsx:Calc MS Excel 2007 XML"
_CANDIDATES = (
    "/usr/bin/soffice",
    "/usr/lib/libreoffice/program/soffice",
    "/opt/libreoffice/program/soffice",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
)

Outcome = Path | RecalcError
"""One conversion's result: the recalculated copy, or why there is none."""
Recalculated = dict[CellId, CellValue] | RecalcError
"""One workbook's values after recalculation, or why there are none."""


def find_soffice() -> str | None:
    """Path of the soffice binary: $FINMODEL_SOFFICE, then PATH, then the usual install places."""
    override = os.environ.get("FINMODEL_SOFFICE")
    if override:
        return override if os.access(override, os.X_OK) else None
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return next((c for c in _CANDIDATES if os.access(c, os.X_OK)), None)


def _require_soffice() -> str:
    soffice = find_soffice()
    if soffice is None:
        raise RecalcError(
            "LibreOffice not found: install it (Debian: apt-get install libreoffice-calc-nogui)"
            " or set FINMODEL_SOFFICE to the soffice binary"
        )
    return soffice




_NOISE = ("Warning: failed to launch javaldx",)


def _tail(text: str, lines: int = 5) -> str:
    """The last lines of soffice's stderr, without the Java warning it prints on every run."""
    kept = [line for line in text.strip().splitlines() if not line.startswith(_NOISE)]
    return "\n".join(kept[-lines:])


def _complete(output: Path) -> bool:
    """A whole xlsx file: present and a readable zip (a killed save leaves a truncated one)."""
    try:
        with zipfile.ZipFile(output) as book:
            return "[Content_Types].xml" in book.namelist()
    except (OSError, zipfile.BadZipFile):
        return False


def _stage(paths: Sequence[Path], staging: Path) -> list[Path]:
    """Lean copies (:mod:`builder.check.lean_copy`) named 0000.xlsx, 0001.xlsx...: unique
    output names whatever the inputs are called (two folders may each hold a model.xlsx), and
    LibreOffice's lock files stay out of the user's folders."""
    staging.mkdir(parents=True, exist_ok=True)
    return [
        write_lean_copy(path, staging / f"{index:04d}.xlsx") for index, path in enumerate(paths)
    ]


def _kill(process: subprocess.Popen[str]) -> None:
    """soffice is a wrapper script around soffice.bin: end the whole process group."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        process.kill()
    process.wait()


def _run_once(
    soffice: str, paths: Sequence[Path], workdir: Path, timeout: float
) -> tuple[dict[Path, Path], int | None, str, int]:
    """One soffice process over ``paths``. Returns the complete outputs by source path, the exit
    code (None if it was killed for making no progress), its stderr tail, and the index of the
    first workbook without output."""
    workdir.mkdir(parents=True, exist_ok=True)
    run = Path(tempfile.mkdtemp(prefix="batch-", dir=workdir))
    staged = _stage(paths, run / "in")
    outdir = run / "out"
    command = [
        soffice,
        f"-env:UserInstallation={recalculating_profile(workdir / 'lo-profile').as_uri()}",
        "--headless", "--norestore", "--nologo", "--nodefault", "--nolockcheck",
        "--convert-to", _XLSX_FILTER, "--outdir", str(outdir), *map(str, staged),
    ]  # fmt: skip
    stderr_path = run / "stderr.txt"
    with stderr_path.open("w", encoding="utf-8", errors="replace") as stderr:
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=stderr, stdin=subprocess.DEVNULL,
            text=True, errors="replace", start_new_session=True,
        )  # fmt: skip
        lines: queue.Queue[str | None] = queue.Queue()

        def read() -> None:
            assert process.stdout is not None
            for line in process.stdout:
                lines.put(line)
            lines.put(None)

        threading.Thread(target=read, daemon=True).start()
        deadline = time.monotonic() + timeout + STARTUP_SECONDS
        finished = False
        while not finished:
            try:
                line = lines.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                break  # no word from LibreOffice within a workbook's allowance
            if line is None:
                finished = True
            elif line.startswith("convert "):
                deadline = time.monotonic() + timeout  # one more workbook loaded
        if finished:
            returncode: int | None = process.wait()
        else:
            _kill(process)
            returncode = None
    done: dict[Path, Path] = {}
    first_missing = len(paths)
    for index, (path, link) in enumerate(zip(paths, staged, strict=True)):
        output = outdir / link.name
        if _complete(output):
            done[path] = output
        elif first_missing == len(paths):
            first_missing = index
    if returncode is None:
        # A save cut short leaves no complete file, so the first missing one was in progress.
        done = {p: done[p] for p in paths[:first_missing]}
    stderr_text = stderr_path.read_text(encoding="utf-8", errors="replace")
    return done, returncode, _tail(stderr_text), first_missing


def _recalculate_share(
    soffice: str, paths: Sequence[Path], workdir: Path, timeout: float
) -> dict[Path, Outcome]:
    """One worker's share, through as few soffice processes as failures allow."""
    outcomes: dict[Path, Outcome] = {}
    pending = list(paths)
    while pending:
        done, returncode, stderr, first_missing = _run_once(soffice, pending, workdir, timeout)
        outcomes.update(done)
        if first_missing < len(pending) and (returncode is None or returncode != 0):
            culprit = pending[first_missing]
            if returncode is None:
                reason = (f"LibreOffice stopped responding on it (no result in {timeout:g} s);"
                          " killed it")
            else:
                reason = f"LibreOffice died on it (exit code {returncode})"
            detail = f": {stderr}" if stderr and returncode is not None else ""
            outcomes[culprit] = RecalcError(f"{culprit}: {reason}{detail}")
            pending = [p for p in pending[first_missing + 1 :] if p not in outcomes]
            continue
        for path in pending:
            if path not in outcomes:
                detail = stderr or f"exit code {returncode}"
                outcomes[path] = RecalcError(
                    f"{path}: LibreOffice produced no recalculated file ({detail})"
                )
        pending = []
    return outcomes


def _present(paths: Sequence[Path]) -> tuple[list[Path], dict[Path, RecalcError]]:
    """The resolved inputs that exist (once each), and an error for each that does not."""
    present, missing = [], {}
    for path in dict.fromkeys(Path(p).resolve() for p in paths):
        if path.is_file():
            present.append(path)
        else:
            missing[path] = RecalcError(f"{path}: no such file")
    return present, missing


def _in_workers(jobs: int, items: Sequence[Path], work: Callable[[int, list[Path]], dict]) -> dict:
    """``work(worker, share)`` for ``jobs`` round-robin shares of ``items`` (sizes mix evenly),
    in parallel threads; the merged results."""
    jobs = max(1, min(jobs, len(items)))
    shares = [list(items[i::jobs]) for i in range(jobs)]
    merged: dict = {}
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        for result in pool.map(work, range(jobs), shares):
            merged.update(result)
    return merged


def convert_many(
    paths: Sequence[Path],
    workdir: Path,
    jobs: int = 1,
    timeout: float = TIMEOUT_PER_WORKBOOK,
) -> dict[Path, Outcome]:
    """Recalculate every workbook through ``soffice --convert-to``, ``jobs`` processes at a
    time (one per worker, each with its own profile under ``workdir``), and return each one's
    recalculated xlsx copy or error.

    A missing input or LibreOffice itself missing is an error for the workbooks concerned, never
    an exception: a batch reports on all its workbooks.
    """
    workdir = Path(workdir).resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    present, outcomes = _present(paths)
    if present:
        try:
            soffice = _require_soffice()
        except RecalcError as exc:
            return {**outcomes, **dict.fromkeys(present, exc)}
        outcomes.update(_in_workers(jobs, present, lambda i, share: _recalculate_share(
            soffice, share, workdir / f"worker{i}", timeout)))  # fmt: skip
    return {Path(p).resolve(): outcomes[Path(p).resolve()] for p in paths}


def _converted_values(outcomes: Mapping[Path, Outcome]) -> dict[Path, Recalculated]:
    values: dict[Path, Recalculated] = {}
    for path, outcome in outcomes.items():
        try:
            values[path] = outcome if isinstance(outcome, RecalcError) else read_values(outcome)
        except CheckError as exc:
            values[path] = RecalcError(str(exc))
    return values


def _office_route() -> tuple[str, str] | None:
    """LibreOffice's Python and soffice, where offices can be kept running; else None."""
    soffice = find_soffice()
    python = find_uno_python(soffice) if soffice is not None else None
    return (python, soffice) if python is not None and soffice is not None else None


def start_offices(jobs: int) -> None:
    """Start ``jobs`` offices in the background for a :func:`recalculate_many` to come, so
    that LibreOffice's start (about 2 s) overlaps the caller's own work. Does nothing where
    workbooks would go through conversion."""
    route = _office_route()
    if route is not None:
        POOL.warm(*route, jobs)


def recalculate_many(
    paths: Sequence[Path],
    workdir: Path,
    jobs: int = 1,
    timeout: float = TIMEOUT_PER_WORKBOOK,
) -> dict[Path, Recalculated]:
    """Every workbook's values after LibreOffice recalculates it, or why there are none, by
    resolved path, ``jobs`` workbooks at a time.

    Through offices kept running (:mod:`builder.check.office`) where LibreOffice's Python is
    found, else (or where such an office does not start) through :func:`convert_many`.
    """
    workdir = Path(workdir).resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    present, outcomes = _present(paths)
    route = _office_route() if present else None
    if route is not None:
        python, soffice = route
        staging = Path(tempfile.mkdtemp(prefix="uno-", dir=workdir))
        POOL.warm(python, soffice, min(jobs, len(present)))

        def work(worker: int, share: list[Path]) -> dict[Path, Recalculated]:
            names = {path: staging / f"{worker}-{i:04d}.xlsx" for i, path in enumerate(share)}
            done, undone = recalculate_share(
                python, soffice, share, names.__getitem__, timeout)
            if undone:
                converted = convert_many(undone, workdir / f"worker{worker}", timeout=timeout)
                done.update(_converted_values(converted))
            return done

        outcomes.update(_in_workers(jobs, present, work))
    elif present:
        outcomes.update(_converted_values(convert_many(present, workdir, jobs, timeout)))
    return {Path(p).resolve(): outcomes[Path(p).resolve()] for p in paths}


def recalculate_with_libreoffice(path: Path, workdir: Path) -> Path:
    """Recalculate ``path`` in LibreOffice and return the recalculated xlsx copy in ``workdir``.

    Use one workdir per concurrent caller: the profile inside it must not be shared by two
    running soffice processes.
    """
    path = Path(path).resolve()
    if not path.is_file():
        raise RecalcError(f"{path}: no such file")
    _require_soffice()
    outcome = convert_many([path], workdir)[path]
    if isinstance(outcome, CheckError):
        raise outcome
    return outcome


def libreoffice_values(path: Path, workdir: Path | None = None) -> dict[CellId, CellValue]:
    """Every non-empty cell of ``path`` after a full LibreOffice recalculation."""
    if workdir is None:
        with tempfile.TemporaryDirectory(prefix="finmodel-lo-") as tmp:
            return libreoffice_values(path, Path(tmp))
    outcome = recalculate_many([path], workdir)[Path(path).resolve()]
    if isinstance(outcome, CheckError):
        raise outcome
    return outcome


def edited_copy(
    path: Path, edits: Mapping[CellId, float | str], workdir: Path, name: str | None = None
) -> Path:
    """A copy of ``path`` in ``workdir`` with input cells changed (the original is untouched),
    ready to go to LibreOffice alone or in a batch."""
    workdir = Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    return apply_edits(Path(path), edits, workdir / (name or f"{Path(path).stem}-edited.xlsx"))


def edit_and_recalculate(
    path: Path, edits: Mapping[CellId, float | str], workdir: Path
) -> dict[CellId, CellValue]:
    """Values of a copy of ``path`` with input cells changed, after LibreOffice recalculates.

    This is how a test asks "if the analyst types a new growth rate, what moves?" without
    Excel.
    """
    return libreoffice_values(edited_copy(path, edits, workdir), workdir)

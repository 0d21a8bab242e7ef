"""LibreOffice kept running and driven over UNO: many workbooks per start, no file written back.

``soffice --convert-to`` (:mod:`builder.check.libreoffice`) pays for a start (about a second)
on every call and for saving each recalculated workbook as xlsx, which finmodel then reads
back. A listening office driven over UNO pays the start once per process that asks for it and
hands the values over directly: on the default model about 0.5 s per workbook against 1 s.

LibreOffice's ``uno`` module lives in the Python that came with it (Debian: python3 with
python3-uno), usually not the Python finmodel runs in. So the office is driven by
``office_server.py`` run in that Python, and talked to over a pipe: one request per line,
one answer per line. A workbook that makes it die or go silent for longer than its time
allowance is reported; its office is killed, and the next workbook gets a new one.

Offices are pooled for the life of the process (one per concurrent caller, each with its own
profile), so a program that recalculates again and again (the test suite) starts LibreOffice
once per worker. Where no Python with ``uno`` is found, or one does not start,
callers fall back to conversion.
"""

from __future__ import annotations

import atexit
import functools
import json
import os
import queue
import shutil
import signal
import subprocess
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

from openpyxl.utils.cell import get_column_letter

from builder.check.cells import CellId, CellValue
from builder.check.errors import RecalcError
from builder.check.profile import recalculating_profile
from builder.check.stacked_copy import STACK, Stacking

SERVER = Path(__file__).with_name("office_server.py")
STARTUP_SECONDS = 60.0
"""How long a new office may take to answer (it creates its profile on the first start)."""
_PYTHONS = ("/usr/bin/python3", "python3")
_NOISE = ("Warning: failed to launch javaldx",)

Values = dict[CellId, CellValue]


@functools.cache
def find_uno_python(soffice: str | None = None) -> str | None:
    """A Python that can ``import uno``: $FINMODEL_UNO_PYTHON (empty: none, use conversion),
    else the one beside ``soffice`` (LibreOffice's own builds ship one in ``program/``), else
    the system's python3 (Debian's, with python3-uno)."""
    override = os.environ.get("FINMODEL_UNO_PYTHON")
    if override is not None:
        candidates: tuple[str, ...] = (override,)
    else:
        beside = Path(soffice).resolve().parent if soffice else None
        candidates = (*(str(beside / n) for n in ("python", "python.exe") if beside), *_PYTHONS)
    for candidate in candidates:
        found = shutil.which(candidate) if candidate else None
        if found and _imports_uno(found):
            return found
    return None


def _imports_uno(python: str) -> bool:
    try:
        probe = subprocess.run([python, "-c", "import uno"], capture_output=True, timeout=30,
                               stdin=subprocess.DEVNULL, check=False)  # fmt: skip
    except (OSError, subprocess.TimeoutExpired):
        return False
    return probe.returncode == 0


def _values(answer: dict) -> Values:
    """The server's answer, [row, column, value] per sheet, as the cells every reader returns;
    from a stacked copy, each cell back on the sheet and row it came from."""
    cells: dict[str, list[list]] = answer["cells"]
    stacked = answer.get("stacking")
    stacking = Stacking(tuple(stacked["sheets"]), tuple(stacked["offsets"])) if stacked else None
    letters: dict[int, str] = {}  # a sheet has a few dozen columns and thousands of cells
    found: Values = {}
    for sheet, rows in cells.items():
        bands = stacking if sheet == STACK else None
        for row, column, value in rows:
            letter = letters.get(column)
            if letter is None:
                letter = letters[column] = get_column_letter(column + 1)
            if bands is None:
                found[CellId(sheet, f"{letter}{row + 1}")] = value
            else:
                origin, origin_row = bands.origin(row + 1)
                found[CellId(origin, f"{letter}{origin_row}")] = value
    return found


class OfficeGone(Exception):
    """The office died or went silent and was killed: it cannot take another workbook."""

    def __init__(self, how: str, stderr: str = "", *, silent: bool) -> None:
        super().__init__(how + (f": {stderr}" if stderr else ""))
        self.how, self.stderr, self.silent = how, stderr, silent

    def on(self, name: object) -> RecalcError:
        """The error for the workbook it happened on, worded as the conversion path words it."""
        if self.silent:
            return RecalcError(f"{name}: LibreOffice stopped responding on it ({self.how});"
                               " killed it")  # fmt: skip
        tail = f": {self.stderr}" if self.stderr else ""
        return RecalcError(f"{name}: LibreOffice died on it ({self.how}){tail}")


class Office:
    """One soffice, started by ``office_server.py`` in ``python``, with a private profile."""

    def __init__(self, python: str, soffice: str) -> None:
        self.started_with = (python, soffice)
        self.home = Path(tempfile.mkdtemp(prefix="finmodel-office-"))
        profile = recalculating_profile(self.home / "profile")
        self._stderr = (self.home / "stderr.txt").open("w+", encoding="utf-8", errors="replace")
        scratch = self.home / "tmp"  # LibreOffice's own temporary files: gone with the office
        scratch.mkdir()
        self._process = subprocess.Popen(
            [python, str(SERVER), soffice, str(profile)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._stderr, text=True,
            errors="replace", start_new_session=True,  # one group: the server and soffice
            env={**os.environ, "TMPDIR": str(scratch)},
        )  # fmt: skip
        self._answers: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._read_answers, daemon=True).start()
        self._requests = 0
        try:
            answer = self._answer(STARTUP_SECONDS)
        except OfficeGone as exc:
            self.close()
            raise RecalcError(f"LibreOffice did not start ({exc})") from None
        if answer != "ready":
            self.close()
            raise RecalcError(f"LibreOffice did not start: {answer}")

    def _read_answers(self) -> None:
        assert self._process.stdout is not None
        for line in self._process.stdout:
            self._answers.put(line.rstrip("\n"))
        self._answers.put(None)

    def _stderr_tail(self, lines: int = 5) -> str:
        self._stderr.flush()
        self._stderr.seek(0)
        kept = [line for line in self._stderr.read().strip().splitlines()
                if not line.startswith(_NOISE)]  # fmt: skip
        return "\n".join(kept[-lines:])

    def _answer(self, seconds: float) -> str:
        """The server's next line; OfficeGone (after killing it) if it ends or stays silent."""
        try:
            answer = self._answers.get(timeout=seconds)
        except queue.Empty:
            self.kill()
            raise OfficeGone(f"no result in {seconds:g} s", silent=True) from None
        if answer is None or answer.startswith("died"):
            code = self._process.wait() if answer is None else answer.split()[-1]
            stderr = self._stderr_tail()
            self.kill()
            raise OfficeGone(f"exit code {code}", stderr, silent=False)
        return answer

    @property
    def alive(self) -> bool:
        return self._process.poll() is None

    def recalculate(self, source: Path, copy: Path, seconds: float) -> Values:
        """The values of ``source`` after LibreOffice recalculates it, from the copy the
        server writes to ``copy`` (:mod:`builder.check.stacked_copy`). A workbook it cannot
        open is a RecalcError (the office carries on); one that kills the office or outlasts
        ``seconds`` is OfficeGone, with the office killed."""
        self._requests += 1
        target = self.home / f"{self._requests:06d}.json"
        request = {"source": str(source), "copy": str(copy), "target": str(target)}
        assert self._process.stdin is not None
        try:
            self._process.stdin.write(json.dumps(request) + "\n")
            self._process.stdin.flush()
        except OSError:
            pass  # the office is gone: _answer says how
        answer = self._answer(seconds)
        if answer.startswith("error"):
            raise RecalcError(f"{source}: LibreOffice could not recalculate it"
                              f" ({answer.removeprefix('error ')})")  # fmt: skip
        try:
            with target.open(encoding="utf-8") as answer_file:
                return _values(json.load(answer_file))
        except (OSError, ValueError) as exc:  # the answer file missing or cut short
            raise RecalcError(f"{source}: LibreOffice's values could not be read"
                              f" ({exc})") from None  # fmt: skip
        finally:
            target.unlink(missing_ok=True)

    def kill(self) -> None:
        """End the server and its soffice at once (the whole process group)."""
        try:
            os.killpg(self._process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            self._process.kill()
        self._process.wait()

    def close(self) -> None:
        """Let the office shut down cleanly (a few seconds at most), then remove its files."""
        if self.alive:
            assert self._process.stdin is not None
            try:
                self._process.stdin.close()
                self._process.wait(timeout=10)
            except (OSError, subprocess.TimeoutExpired):
                pass
            if self.alive:
                self.kill()
        self._stderr.close()
        shutil.rmtree(self.home, ignore_errors=True)


class OfficePool:
    """Idle offices kept for the next caller in this process; closed when the process exits."""

    def __init__(self) -> None:
        self._idle: list[Office] = []
        self._starting = 0  # offices being started by warm(), not yet idle
        self._changed = threading.Condition()
        atexit.register(self.close)

    def take(self, python: str, soffice: str) -> Office:
        """An idle office started with this ``python`` and ``soffice`` (waiting for one that
        :meth:`warm` is starting), else a new one."""
        with self._changed:
            while True:
                for office in self._idle:
                    if office.started_with == (python, soffice) and office.alive:
                        self._idle.remove(office)
                        return office
                if not self._starting:
                    break
                self._changed.wait()
        return Office(python, soffice)

    def give_back(self, office: Office) -> None:
        if not office.alive:
            office.close()
            return
        with self._changed:
            self._idle.append(office)
            self._changed.notify_all()

    def warm(self, python: str, soffice: str, count: int) -> None:
        """Start offices in the background until ``count`` are idle or starting, so that their
        start overlaps the caller's own preparation."""
        with self._changed:
            ready = sum(o.started_with == (python, soffice) for o in self._idle)
            missing = max(0, count - ready - self._starting)
            self._starting += missing
        for _ in range(missing):
            threading.Thread(target=self._start_idle, args=(python, soffice), daemon=True).start()

    def _start_idle(self, python: str, soffice: str) -> None:
        try:
            office: Office | None = Office(python, soffice)
        except RecalcError:
            office = None  # the caller meets the same failure when it asks, and reports it
        with self._changed:
            self._starting -= 1
            if office is not None:
                self._idle.append(office)
            self._changed.notify_all()

    def idle(self) -> tuple[Office, ...]:
        """The offices waiting for work."""
        with self._changed:
            return tuple(self._idle)

    def settle(self) -> None:
        """Wait until no office is starting (warm() may still be starting one the last caller
        did not need)."""
        with self._changed:
            self._changed.wait_for(lambda: not self._starting, timeout=STARTUP_SECONDS)

    def close(self, python: str | None = None) -> None:
        """Close the idle offices (only those run by ``python``, if given), once none is
        starting."""
        self.settle()
        with self._changed:
            idle = [o for o in self._idle if python in (None, o.started_with[0])]
            self._idle = [o for o in self._idle if o not in idle]
        for office in idle:
            office.close()


POOL = OfficePool()


def recalculate_share(
    python: str, soffice: str, sources: list[Path], copy_path: Callable[[Path], Path],
    seconds: float,
) -> tuple[dict[Path, Values | RecalcError], list[Path]]:  # fmt: skip
    """One worker's share through pooled offices, each workbook recalculated from the copy the
    office's server writes at ``copy_path(source)``: a workbook that ends an office is reported
    and the next one gets a new office. Returns the outcomes and the sources left undone
    because no office would start (for the caller to convert)."""
    outcomes: dict[Path, Values | RecalcError] = {}
    office: Office | None = None
    try:
        for index, source in enumerate(sources):
            if office is None:
                try:
                    office = POOL.take(python, soffice)
                except RecalcError:
                    return outcomes, sources[index:]
            try:
                outcomes[source] = office.recalculate(source, copy_path(source), seconds)
            except RecalcError as exc:
                outcomes[source] = exc
            except OfficeGone as exc:
                outcomes[source] = exc.on(source)
                office.close()
                office = None
    finally:
        if office is not None:
            POOL.give_back(office)
    return outcomes, []

"""Recompute a workbook with the ``formulas`` package, a pure-Python Excel interpreter.

It needs nothing outside the virtualenv, which is why it is the default engine, but it is slow
(seconds per thousand formulas) and has gaps: sheet names containing an apostrophe come back as
``#REF!``. Its solution is keyed ``'[book.xlsx]SHEET'!A1`` with the sheet name upper-cased; the
keys are mapped back to the workbook's own spelling here so results compare cell for cell.

A recomputation may be given a time limit: an alarm interrupts the interpreter (in the main
thread, where signals arrive; elsewhere the limits on size and formulas still bound the work).
"""

from __future__ import annotations

import contextlib
import io
import re
import signal
import sys
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

import openpyxl

from builder.check.cells import CellId, CellValue, normalize
from builder.check.errors import RecalcError, WorkbookReadError
from builder.check.limits import Refused

_SINGLE_CELL = re.compile(r"^\$?([A-Z]{1,3})\$?([0-9]+)$")


def parse_key(key: str, sheets_by_upper: dict[str, str]) -> CellId | None:
    """``'[book.xlsx]SHEET'!A1`` -> CellId('Sheet', 'A1'); None for ranges, names and others."""
    sheet_part, bang, cell_part = key.rpartition("!")
    match = _SINGLE_CELL.match(cell_part)
    if not bang or not match:
        return None
    if sheet_part.startswith("'") and sheet_part.endswith("'"):
        sheet_part = sheet_part[1:-1]
    sheet_upper = sheet_part.rpartition("]")[2].replace("''", "'").upper()
    sheet = sheets_by_upper.get(sheet_upper)
    if sheet is None:
        return None
    return CellId(sheet, match.group(1) + match.group(2))


def unwrap(value: object) -> CellValue:
    """Reduce a ``Ranges``/array result for one cell to its scalar; 'empty' tokens to None."""
    value = getattr(value, "value", value)  # formulas.ranges.Ranges -> numpy array
    if hasattr(value, "ravel"):
        flat = value.ravel()
        value = flat[0] if len(flat) else None
    if type(value).__name__ == "Token":  # schedula's EMPTY marker for a blank cell
        return None
    return normalize(value)


def _sheet_names(path: Path) -> list[str]:
    try:
        book = openpyxl.load_workbook(path, read_only=True)
    except Exception as exc:
        raise WorkbookReadError(f"{path}: not a readable xlsx workbook ({exc})") from exc
    try:
        return list(book.sheetnames)
    finally:
        book.close()


class _TimeUp(BaseException):
    """Raised by the alarm; a BaseException, so the interpreter's ``except Exception`` blocks
    cannot swallow it."""


@contextlib.contextmanager
def _time_limit(seconds: float | None) -> Iterator[None]:
    if not seconds or threading.current_thread() is not threading.main_thread() \
            or not hasattr(signal, "setitimer"):
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise _TimeUp

    def quiet(unraisable: sys.UnraisableHookArgs) -> None:
        """An alarm that lands in a destructor is lost there (and printed): not ours to show;
        the next one, a second later, stops the recomputation."""
        if not isinstance(unraisable.exc_value, _TimeUp):
            hook(unraisable)

    previous, hook = signal.signal(signal.SIGALRM, expire), sys.unraisablehook
    sys.unraisablehook = quiet
    signal.setitimer(signal.ITIMER_REAL, seconds, 1.0)  # and again each second until stopped
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        sys.unraisablehook = hook


def _solve(path: Path, seconds: float | None) -> Iterable[tuple[str, object]]:
    try:
        import formulas  # imported late: it takes about a second to import
    except ImportError as exc:
        raise RecalcError(
            "the formulas engine needs the 'formulas[excel]' package: pip install -e '.[test]'"
        ) from exc
    try:
        # finish() draws a tqdm progress bar on stderr; it is noise in a check's output.
        with _time_limit(seconds), contextlib.redirect_stderr(io.StringIO()):
            model = formulas.ExcelModel().loads(str(path)).finish()
            solution = model.calculate()
    except _TimeUp:
        raise Refused(f"{path}: stopped after {seconds:g} s, the time limit (--timeout); "
                      "not recomputed") from None
    except Exception as exc:  # a third-party interpreter: any failure means "cannot check"
        raise RecalcError(
            f"{path}: the formulas engine failed ({type(exc).__name__}: {exc})"
        ) from exc
    return solution.items()


def recompute_with_formulas(path: Path, seconds: float | None = None) -> dict[CellId, CellValue]:
    """Every single cell the ``formulas`` model knows (formulas and the inputs they read),
    recomputed from the inputs alone, keyed by the workbook's own sheet names; stopped after
    ``seconds`` if given."""
    path = Path(path)
    if not path.is_file():
        raise WorkbookReadError(f"{path}: no such file")
    sheets_by_upper = {name.upper(): name for name in _sheet_names(path)}
    values: dict[CellId, CellValue] = {}
    for key, value in _solve(path, seconds):
        cell = parse_key(str(key), sheets_by_upper) if isinstance(key, str) else None
        if cell is not None:
            values[cell] = unwrap(value)
    return values

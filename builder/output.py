"""One model's outputs (workbook, memo, charts, PDF), replaced as a whole or not at all.

Renaming files one after another cannot replace a set of them at once: a failure or a ``kill -9``
between two renames left a new workbook beside an old memo. So a build writes its complete set
into a fresh folder of its own, and the names an analyst opens are symbolic links through one
pointer, ``current``, which a single rename moves to the new set (:mod:`builder.output_links`):

    DIR/<stem>.xlsx        -> .finmodel/<stem>.outputs/current/<stem>.xlsx
    DIR/<stem>.memo_files  -> .finmodel/<stem>.outputs/current/<stem>.memo_files
    DIR/.finmodel/<stem>.outputs/current -> set-8      (the one rename publishes a set)
    DIR/.finmodel/<stem>.outputs/set-8/                (the complete set)

Until that rename nothing visible changes; after it, the whole new set is there. What a killed
build leaves behind (a half-written set) lies in the model's own ``.finmodel/<stem>.outputs``
folder, and the next build of that model removes it. A failure to write becomes one
``path: message`` problem naming the file, never a traceback.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import shutil
import sys
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from builder import output_links as links
from builder.problems import InputError, Problem

WORKBOOK = ".xlsx"
MEMO_MARKDOWN = ".memo.md"
MEMO_HTML = ".memo.html"
MEMO_CHARTS = ".memo_files"  # a folder
MEMO_PDF = ".memo.pdf"
OUTPUT_SUFFIXES = (WORKBOOK, MEMO_MARKDOWN, MEMO_HTML, MEMO_CHARTS, MEMO_PDF)
"""Every name a model's output set can hold is its stem plus one of these."""


@dataclass(frozen=True)
class StagedOutputs:
    """The new set of one model, being written where nobody looks yet."""

    out_dir: Path
    stem: str
    folder: Path

    def write(self, name: str, writer: Callable[[Path], None], what: str) -> Path:
        """Let ``writer`` write ``name`` (relative to the output folder) into the new set;
        return the path it will be seen at. A failure to write is an :class:`InputError` on that
        path (``what`` names the file in the message: "the workbook")."""
        path = self.folder / name
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            writer(path)
        except Exception as error:
            cause = os_error(error)
            if cause is None:
                raise
            _release(error)
            raise unwritable(self.out_dir / name, cause, f"cannot write {what}") from None
        return self.out_dir / name

    def write_bytes(self, name: str, content: bytes, what: str) -> Path:
        return self.write(name, lambda path: path.write_bytes(content), what)


@contextlib.contextmanager
def open_outputs(out_dir: Path, stem: str) -> Iterator[StagedOutputs]:
    """Stage a new output set for ``stem`` in ``out_dir``; publish it when the block succeeds.

    Builds of the same model take turns (a lock in its ``.finmodel`` folder); the first thing
    each does is remove what killed builds of that model left. If the block raises, the new set
    is discarded and the previous one stays exactly as it was.
    """
    home = _home(out_dir, stem)
    with contextlib.ExitStack() as lock:
        with _writing(out_dir, home, "cannot prepare the output folder"):
            lock.enter_context(links.locked(home))
            links.remove_stale(out_dir, home, stem, OUTPUT_SUFFIXES)
            staged = StagedOutputs(out_dir, stem, links.new_set(home))
        try:
            yield staged
            with _writing(out_dir, home, "cannot publish the outputs"):
                links.publish(out_dir, home, staged.folder,
                              {stem + s: s == MEMO_CHARTS for s in OUTPUT_SUFFIXES})
        except BaseException:
            if links.current_set(home) != staged.folder.name:
                shutil.rmtree(staged.folder, ignore_errors=True)
            raise


@contextlib.contextmanager
def _writing(out_dir: Path, home: Path, doing: str) -> Iterator[None]:
    """An OSError in the block becomes a problem naming the path it concerns: a visible name
    as it is, anything in the model's own ``.finmodel`` folder as the output folder."""
    try:
        yield
    except OSError as error:
        path = Path(error.filename) if error.filename else home
        shown = out_dir if path == home or home in path.parents else path
        raise unwritable(shown, error, doing) from None


def _home(out_dir: Path, stem: str) -> Path:
    """The model's own folder under ``out_dir/.finmodel``, created (with ``out_dir``) if need
    be; a folder that cannot be made is a problem naming it."""
    home = links.home_of(out_dir, stem)
    try:
        home.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        # The folder the user named; a file in our way (``.finmodel``) is named itself.
        blocker = error.errno == errno.EEXIST and out_dir.is_dir() and error.filename
        raise unwritable(Path(blocker) if blocker else out_dir, error,
                         "cannot write to the output folder") from None
    return home


def _release(error: BaseException) -> None:
    """Close now, quietly, what a failed writer left open.

    A writer that failed mid-file (xlsxwriter on a full disk) leaves its open zip in the frames
    of the exception; Python would close it at exit, fail again on the full disk and print that
    traceback. Clearing those frames closes it here, where its second failure means nothing.
    """
    hook = sys.unraisablehook
    sys.unraisablehook = lambda unraisable: None
    try:
        pending: list[BaseException | None] = [error]
        seen: set[int] = set()
        while pending:
            current = pending.pop()
            if current is None or id(current) in seen:
                continue
            seen.add(id(current))
            traceback.clear_frames(current.__traceback__)
            pending += [current.__cause__, current.__context__,
                        *(a for a in current.args[:1] if isinstance(a, BaseException))]
        gc.collect()
    finally:
        sys.unraisablehook = hook


def os_error(error: BaseException) -> OSError | None:
    """The OSError behind ``error``: itself, or one a library wrapped (xlsxwriter raises
    ``FileCreateError(OSError)``). None for a problem already told (an InputError)."""
    if isinstance(error, InputError):
        return None
    context = None if error.__suppress_context__ else error.__context__
    for candidate in (error, *error.args[:1], error.__cause__, context):
        if isinstance(candidate, OSError):
            return candidate
    return None


_REASONS = {
    errno.ENOSPC: "the disk is full (no space left on the device)",
    errno.EDQUOT: "the disk quota is used up",
    errno.EROFS: "the file system is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.ENOTDIR: "a file stands where a folder must be",
    errno.EISDIR: "a folder stands where a file must be",
    errno.EEXIST: "a file stands where a folder must be",
    errno.ENAMETOOLONG: "the name is too long",
    errno.EMFILE: "too many files are open",
}


def unwritable(path: Path, error: OSError, doing: str) -> InputError:
    """One problem for a failed write: where, what was being done, and why in plain words."""
    reason = _REASONS.get(error.errno or 0, error.strerror or str(error))
    return InputError([Problem(str(path), f"{doing}: {reason}; the previous outputs are "
                                          "unchanged")])

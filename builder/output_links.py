"""Publish a staged output set with one rename, and tidy what killed builds left.

Layout (see :mod:`builder.output`): ``DIR/.finmodel/<stem>.outputs/`` holds ``lock``, the
``current`` pointer and ``set-N`` folders; each visible name ``DIR/<name>`` is a symbolic link
to ``.finmodel/<stem>.outputs/current/<name>``. Publishing:

1. refuse misplaced entries (a folder where the workbook goes, a file where the chart folder
   goes) before changing anything;
2. adopt what an older finmodel wrote as plain files: their content moves into the current set
   and each is replaced by a link to the same content, so the visible set does not change;
3. give every new name its link (dangling until the switch: the name is absent, as before);
4. the switch: ``rename(current.new, current)``. Every visible name changes at this instant;
5. remove links of names the new set lacks, and the old set. A failure here leaves garbage,
   not an inconsistent set; the next build removes it.

Where a file system has no symbolic links (FAT, Windows without the privilege), the set is
renamed into place file by file, as before, which is not atomic as a whole.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import stat
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from builder.problems import InputError, Problem

STORE = ".finmodel"
CURRENT = "current"
LOCK = "lock"
_NEXT = "current.new"  # the pointer to the new set, renamed onto CURRENT to publish
_SET = re.compile(r"^set-(\d+)$")
_LEGACY_TEMPORARY = re.compile(r"^\.(?P<name>.+)\.[a-z0-9_]{8}\.tmp$")  # old mkstemp names


def home_of(out_dir: Path, stem: str) -> Path:
    return out_dir / STORE / f"{stem}.outputs"


def link_text(home: Path, name: str) -> str:
    """What a visible link holds: relative to the output folder, so the folder can move."""
    return f"{STORE}/{home.name}/{CURRENT}/{name}"


@contextlib.contextmanager
def locked(home: Path) -> Iterator[None]:
    """Builds of one model take turns; a killed build's lock goes with its process."""
    try:
        import fcntl
    except ImportError:  # Windows: no lock, as before
        yield
        return
    descriptor = os.open(home / LOCK, os.O_RDWR | os.O_CREAT, 0o666)
    try:
        with contextlib.suppress(OSError):  # a file system without locks: go on unlocked
            fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)


def current_set(home: Path) -> str | None:
    """The name of the published set folder, if there is one."""
    try:
        name = os.readlink(home / CURRENT)
    except OSError:
        return None
    return name if _SET.match(name) and (home / name).is_dir() else None


def new_set(home: Path) -> Path:
    numbers = [int(m.group(1)) for entry in os.listdir(home) if (m := _SET.match(entry))]
    folder = home / f"set-{max(numbers, default=0) + 1}"
    folder.mkdir()
    return folder


def remove_stale(out_dir: Path, home: Path, stem: str, suffixes: Iterable[str]) -> None:
    """Remove what killed builds of this model left: unpublished sets, temporary links, links
    to names the published set does not have, and (before the first set) the temporary files
    older versions wrote beside the outputs. Nothing outside this model's names is touched."""
    current = current_set(home)
    for entry in os.listdir(home):
        if entry not in (LOCK, CURRENT, current):
            _tidy_away(home / entry)
    for name in (stem + suffix for suffix in suffixes):
        if _is_ours(out_dir / name, home, name) and not (
                current and os.path.lexists(home / current / name)):
            _tidy_away(out_dir / name)
    if current is None:  # before the first set only: a scan of the whole output folder
        names = {stem + suffix for suffix in suffixes}
        for entry in os.listdir(out_dir):
            match = _LEGACY_TEMPORARY.match(entry)
            if match and match.group("name") in names and (out_dir / entry).is_file():
                os.unlink(out_dir / entry)  # a failure stops this build: the next one retries


def _tidy_away(path: Path) -> None:
    """Remove leftovers; one that cannot go now (held open on Windows) waits for a later build
    rather than stopping this one."""
    with contextlib.suppress(OSError):
        _remove(path)


def publish(out_dir: Path, home: Path, staged: Path, known: Mapping[str, bool]) -> None:
    """Make the staged set the visible one, in one rename (steps in the module docstring).

    ``known`` maps every name a set of this model can have to whether it is a folder: an older
    build's plain file under one of them is adopted even when the new set lacks it, so that it
    leaves with the old set."""
    names = sorted(os.listdir(staged))
    states = {name: _state(out_dir / name, home, name, (staged / name).is_dir())
              for name in names}
    for name in sorted(set(known) - set(names)):
        with contextlib.suppress(InputError):  # not in the new set: a misfit is left alone
            if _state(out_dir / name, home, name, known[name]) == "adopt":
                states[name] = "adopt"
    pointer = home / _NEXT
    try:
        os.symlink(staged.name, pointer)
    except (OSError, NotImplementedError) as error:
        if isinstance(error, OSError) and not _no_links(error):
            raise
        _publish_by_renames(out_dir, home, staged, names)
        return
    for name, state in states.items():
        if state == "adopt":
            _adopt(out_dir / name, home, name)
        if state != "ours":
            _point(out_dir / name, link_text(home, name), home)
    old = current_set(home)
    os.replace(pointer, home / CURRENT)  # the switch
    with contextlib.suppress(OSError):  # only tidying from here: the set is published
        _tidy(out_dir, home, old, staged.name, names)


def _state(visible: Path, home: Path, name: str, folder: bool) -> str:
    """What stands at a visible name: "ours" (our link), "missing", "adopt" (an older build's
    output, or a link to one) or "replace" (nothing worth keeping); a misplaced entry is a
    problem."""
    try:
        mode = os.lstat(visible).st_mode
    except FileNotFoundError:
        return "missing"
    if stat.S_ISLNK(mode):
        if os.readlink(visible) == link_text(home, name):
            return "ours"
        try:
            mode = os.stat(visible).st_mode
        except OSError:
            return "replace"  # a dangling link
    if stat.S_ISDIR(mode) != folder and (stat.S_ISDIR(mode) or stat.S_ISREG(mode)):
        what = "a folder" if stat.S_ISDIR(mode) else "a file"
        where = "the memo's chart folder" if folder else "this output"
        raise InputError([Problem(str(visible), f"{what} stands where {where} must go; move "
                                  "or rename it, then build again (the previous outputs are "
                                  "unchanged)")])
    if stat.S_ISDIR(mode):
        _refuse_foreign_files(visible)
        return "adopt"
    return "adopt" if stat.S_ISREG(mode) else "replace"


def _refuse_foreign_files(folder: Path) -> None:
    """An older chart folder is adopted only if it holds charts (and old temporary files)."""
    for entry in sorted(os.listdir(folder)):
        path = folder / entry
        ours = entry.endswith(".png") or _LEGACY_TEMPORARY.match(entry)
        if not ours or not path.is_file() or path.is_symlink():
            raise InputError([Problem(str(path), "the memo's chart folder holds this, which "
                                      "finmodel did not write; move it out, then build again "
                                      "(the previous outputs are unchanged)")])


def _adopt(visible: Path, home: Path, name: str) -> None:
    """Move the content at ``visible`` into the current set (made if there is none)."""
    current = current_set(home)
    if current is None:
        current = new_set(home).name
        temporary = home / "current.adopt"
        _remove(temporary)
        os.symlink(current, temporary)
        os.replace(temporary, home / CURRENT)
    temporary = home / "adopt.tmp"
    _remove(temporary)
    if visible.is_dir():
        temporary.mkdir()
        for entry in sorted(os.listdir(visible)):
            if entry.endswith(".png"):
                _link_or_copy(visible / entry, temporary / entry)
    else:
        _link_or_copy(visible, temporary)
    _remove(home / current / name)
    os.replace(temporary, home / current / name)


def _point(visible: Path, text: str, home: Path) -> None:
    """Make ``visible`` a link holding ``text``, replacing whatever is there in one step."""
    if not os.path.lexists(visible):
        os.symlink(text, visible)
        return
    temporary = home / "link.tmp"
    _remove(temporary)
    os.symlink(text, temporary)
    if visible.is_dir() and not visible.is_symlink():
        if not _exchange(temporary, visible):  # no atomic swap: a moment without the folder
            os.rename(visible, home / "legacy.tmp")
            os.rename(temporary, visible)
        _remove(temporary)
        _remove(home / "legacy.tmp")
    else:
        os.replace(temporary, visible)


def _tidy(out_dir: Path, home: Path, old: str | None, new: str, names: list[str]) -> None:
    if old and old != new:
        for name in sorted(set(os.listdir(home / old)) - set(names)):
            if _is_ours(out_dir / name, home, name):
                os.unlink(out_dir / name)
    for entry in os.listdir(home):
        if entry not in (LOCK, CURRENT, new):
            _remove(home / entry)


def _publish_by_renames(out_dir: Path, home: Path, staged: Path, names: list[str]) -> None:
    """No symbolic links here: rename each file into place, the workbook first (the file most
    likely held open by another program)."""
    for name in sorted(names, key=lambda n: not n.endswith(".xlsx")):
        source, target = staged / name, out_dir / name
        try:
            if source.is_dir():
                if os.path.lexists(target):
                    os.rename(target, home / "legacy.tmp")
                os.rename(source, target)
            else:
                os.replace(source, target)
        except PermissionError:
            raise InputError([Problem(str(target), "cannot replace the file: it is open in "
                                      "another program or read-only; close it and build "
                                      "again")]) from None
    with contextlib.suppress(OSError):
        _remove(home / "legacy.tmp")
        _remove(staged)


def _is_ours(visible: Path, home: Path, name: str) -> bool:
    try:
        return os.readlink(visible) == link_text(home, name)
    except OSError:
        return False


def _no_links(error: OSError) -> bool:
    """The file system (or the platform) cannot make symbolic links."""
    return error.errno in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS) \
        or getattr(error, "winerror", None) == 1314


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif os.path.lexists(path):
        os.unlink(path)


_RENAME_EXCHANGE = 2


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one step (Linux ``renameat2``); False where that is not available."""
    import ctypes  # only when an older build's chart folder is adopted

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_cwd = -100
    done = renameat2(at_cwd, os.fsencode(first), at_cwd, os.fsencode(second), _RENAME_EXCHANGE)
    return done == 0

"""Atomic output: write beside the target, then rename, so a failed build loses nothing."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from builder.problems import InputError, Problem


@contextlib.contextmanager
def atomic_output(target: Path) -> Iterator[Path]:
    """Yield a temporary path in ``target``'s folder; on success rename it onto ``target``.

    The rename is atomic on one file system, so readers see the old file or the new one, never
    half of one. If the body raises, the temporary file is removed and ``target`` is untouched.
    """
    folder = target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise InputError([Problem(str(folder), f"cannot write to the output folder: "
                                               f"{error.strerror or error}")]) from None
    os.close(handle)
    temporary = Path(name)
    # mkstemp makes the file private; give the output the permissions of a normal new file.
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(temporary, 0o666 & ~umask)
    try:
        yield temporary
        try:
            os.replace(temporary, target)
        except PermissionError:
            raise InputError([Problem(str(target), "cannot replace the file: it is open in "
                                      "another program or read-only; close it and build again")]) \
                from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()

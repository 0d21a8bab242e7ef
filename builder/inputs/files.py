"""Read an input file once, only if it is a regular file of a sane size, and only where allowed.

Every file the tool reads comes from a path someone typed: a model YAML, an ``include``, the
historicals CSV, a seed document, a workbook to check. ``/dev/zero`` as an include filled memory,
a FIFO as the historicals file hung the build, and ``include: [/etc/shadow]`` echoed a system
file line by line as "unknown key" errors. So a read here checks, on the open descriptor, that
the file is regular and under the limit for its kind, reads at most the limit (a file growing
while read is caught too), and paths named inside a model must stay inside its folder.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

MEGABYTE = 1024 * 1024

# Limits by kind of file: a model YAML is a few tens of KB, a historicals CSV a few MB.
YAML_LIMIT = 4 * MEGABYTE
CSV_LIMIT = 64 * MEGABYTE
DOCUMENT_LIMIT = 256 * MEGABYTE


class FileRefused(Exception):
    """The path exists but is not something the tool reads: the message says why."""


def read_bytes(path: Path, limit: int) -> bytes:
    """The bytes of the regular file at ``path``, at most ``limit`` of them.

    Raises ``FileNotFoundError`` when nothing is there, :class:`FileRefused` for a folder, a
    device, a FIFO, a socket or a file over the limit, and ``OSError`` for other failures.
    The file is opened non-blocking, so a FIFO is refused instead of waited on.
    """
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)
                         | getattr(os, "O_NOCTTY", 0))
    try:
        info = os.fstat(descriptor)
        _refuse_special(info.st_mode)
        if info.st_size > limit:
            raise FileRefused(f"the file is {_size(info.st_size)}; the limit is {_size(limit)}")
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(descriptor, min(MEGABYTE, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise FileRefused(f"the file grew past the limit of {_size(limit)} while read")
        return b"".join(chunks)
    finally:
        os.close(descriptor)


def read_text(path: Path, limit: int) -> str:
    """:func:`read_bytes` decoded as UTF-8 (``UnicodeDecodeError`` if it is not)."""
    return read_bytes(path, limit).decode("utf-8")


def refusal(path: Path) -> str | None:
    """Why ``path`` would be refused without reading it (None: a regular file, or missing)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None
    try:
        _refuse_special(mode)
    except FileRefused as error:
        return str(error)
    return None


def outside(path: Path, folder: Path) -> bool:
    """True when ``path`` (symbolic links followed) does not lie inside ``folder``."""
    try:
        return not path.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):  # a symlink loop resolves nowhere
        return True


def _refuse_special(mode: int) -> None:
    if stat.S_ISDIR(mode):
        raise FileRefused("this is a folder, not a file")
    if stat.S_ISFIFO(mode):
        raise FileRefused("this is a FIFO (named pipe), not a regular file; it is not read")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        raise FileRefused("this is a device, not a regular file; it is not read")
    if stat.S_ISSOCK(mode):
        raise FileRefused("this is a socket, not a regular file; it is not read")
    if not stat.S_ISREG(mode):
        raise FileRefused("this is not a regular file; it is not read")


def _size(count: int) -> str:
    if count >= MEGABYTE:
        return f"{count / MEGABYTE:.1f} MB"
    return f"{count} bytes"

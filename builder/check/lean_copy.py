"""A copy of a workbook without what LibreOffice spends its time on but no formula reads.

Measured on the default model (3,431 formula cells), LibreOffice's own work per workbook beyond
its start: 2.4 s as built, 1.5 s once the cell comments, drawings and charts are unlinked, and
3 s more when print titles repeat whole columns (``$A:$B``). None of them can change a cell's
value: comments and drawings hang off a sheet through its relationships, and print titles are
defined names no formula of ours may use (``_xlnm.`` is reserved). So the copy LibreOffice
recalculates leaves them out; cells, formulas, defined names and styles stay byte for byte.

Only links are cut (the sheet's ``<drawing>`` and ``<legacyDrawing>`` elements and their
relationships, the comments relationship, the print titles); the parts themselves stay in the
zip, unreferenced, so nothing else that might point at them breaks. A workbook this does not
recognise is copied as it is: the copy may be slower, never different.
"""

from __future__ import annotations

import copy
import re
import shutil
import zipfile
from pathlib import Path

_SHEET = re.compile(r"xl/worksheets/sheet[^/]*\.xml$")
_DRAWING_ELEMENT = re.compile(
    rb'<(?:\w+:)?(?:drawing|legacyDrawing)\s[^>]*?\bid="([^"]+)"[^>]*/>'
)
_RELATIONSHIP = re.compile(rb"<Relationship\s[^>]*/>")
_ID = re.compile(rb'\bId="([^"]+)"')
_COMMENTS_TYPE = re.compile(rb'\bType="[^"]*/comments"')
_PRINT_TITLES = re.compile(
    rb'<(?:\w+:)?definedName\s[^>]*name="_xlnm\.Print_Titles"[^>]*>[^<]*</(?:\w+:)?definedName>'
)


def _rels_name(sheet: str) -> str:
    folder, _, name = sheet.rpartition("/")
    return f"{folder}/_rels/{name}.rels"


def _cut_relationships(rels: bytes, ids: set[bytes]) -> bytes:
    """The relationships file without the given ids and without its comments relationship."""

    def keep(match: re.Match[bytes]) -> bytes:
        element = match.group(0)
        found = _ID.search(element)
        if (found and found.group(1) in ids) or _COMMENTS_TYPE.search(element):
            return b""
        return element

    return _RELATIONSHIP.sub(keep, rels)


def _lean_parts(book: zipfile.ZipFile) -> dict[str, bytes]:
    """The parts that change, by name, with their new contents."""
    names = set(book.namelist())
    changed: dict[str, bytes] = {}
    for name in sorted(n for n in names if _SHEET.match(n)):
        sheet = book.read(name)
        ids = set(_DRAWING_ELEMENT.findall(sheet))
        rels_name = _rels_name(name)
        if rels_name not in names:
            continue
        rels = book.read(rels_name)
        lean_rels = _cut_relationships(rels, ids)
        if lean_rels != rels:
            changed[rels_name] = lean_rels
        if ids:
            changed[name] = _DRAWING_ELEMENT.sub(b"", sheet)
    if "xl/workbook.xml" in names:
        workbook = book.read("xl/workbook.xml")
        lean = _PRINT_TITLES.sub(b"", workbook)
        if lean != workbook:
            changed["xl/workbook.xml"] = lean
    return changed


def write_lean_copy(source: Path, destination: Path) -> Path:
    """Write the lean copy of ``source`` to ``destination`` (a plain copy when ``source`` is not
    a zip this understands, so LibreOffice still gets to say what is wrong with it)."""
    try:
        with zipfile.ZipFile(source) as book:
            changed = _lean_parts(book)
            if not changed:
                shutil.copyfile(source, destination)
                return destination
            with zipfile.ZipFile(destination, "w") as out:
                for info in book.infolist():
                    data = changed.get(info.filename)
                    data = data if data is not None else book.read(info)
                    stored = copy.copy(info)
                    stored.compress_type = zipfile.ZIP_STORED  # a private copy read once
                    out.writestr(stored, data)
    except (OSError, zipfile.BadZipFile, ValueError, RuntimeError, EOFError):
        shutil.copyfile(source, destination)
    return destination

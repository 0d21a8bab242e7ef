"""The workbook's sheets stacked into one, for LibreOffice to recalculate.

LibreOffice spends about 20 ms of CPU per sheet opening an xlsx file, whatever the sheet holds
(measured on 7.4: 18 sheets of two cells each take 0.36-0.42 s to load, one sheet of 36 cells
0.055 s). The default model has 18 sheets, so more than half of LibreOffice's work per workbook
went on sheets, not on cells or formulas. Here every sheet's cells go one under another on a
single sheet, each sheet in its own band of rows, and every reference is moved with them: a
reference to ``'Balance Sheet'!E35`` becomes one to ``E{35 + offset}`` where ``offset`` is where
that sheet's band starts. Each band is as tall as the furthest row anything refers to on its
sheet, so no reference can reach into the next band. Formulas keep their functions, operators,
constants and columns; cells keep their styles and cached values; defined names move with
their ranges. What LibreOffice computes for a stacked cell is what it computes for the cell in
the workbook, and :class:`Stacking` maps its values back to the sheets they came from.

A workbook whose values could change by moving its cells is not stacked
(:func:`write_stacked_copy` returns None and writes nothing; the caller sends the lean copy,
:mod:`builder.check.lean_copy`): a formula that asks where it is or builds a reference (ROW,
COLUMN, OFFSET, INDIRECT, ADDRESS, CELL, SHEET, SHEETS, INFO, FORMULATEXT), whole rows or
columns, references into other workbooks or tables (``[``), 3-D references across sheets, a
reference to a sheet that does not exist, two references side by side (the intersection
operator), shared, array or data-table formulas, names that belong to one sheet, rows or cells
without their address, or bands taller together than a sheet. Those are all legal, just not
worth the risk: they get the slower, unchanged path. A reference this moved wrongly would make
LibreOffice compute a value the workbook would not give, which the check reports as a mismatch
unless it happens to equal the cached value; on the default model, every value the office gives
from the stacked copy equals, bit for bit, what it gave from the lean copy (measured), and a
test holds it to the converted lean copy's values, cell for cell (to the 15 digits that export
keeps).

The office server (:mod:`builder.check.office_server`) makes this copy in LibreOffice's own
Python, beside the office, so the copying runs in parallel with the caller's reading and
comparing; this module therefore uses the standard library only and imports nothing of
finmodel's.
"""

from __future__ import annotations

import bisect
import html
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

STACK = "Stacked"
"""The one sheet's name in the copy."""
MAX_ROWS = 1_048_576

_NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_SHEET_ENTRY = re.compile(r'<sheet\s[^>]*?name="([^"]*)"[^>]*?\br:id="([^"]+)"[^>]*/>')
_SHEETS = re.compile(r"<sheets>.*?</sheets>", re.S)
_DEFINED_NAMES = re.compile(r"<definedNames>(.*?)</definedNames>|<definedNames/>", re.S)
_DEFINED_NAME = re.compile(r"<definedName\s([^>]*)>([^<]*)</definedName>")
_NAME_ATTRIBUTE = re.compile(r'\bname="([^"]*)"')
_RELATIONSHIP = re.compile(r"<Relationship\s[^>]*/>")
_REL_ID = re.compile(r'\bId="([^"]+)"')
_REL_TARGET = re.compile(r'\bTarget="([^"]+)"')
_REL_TYPE = re.compile(r'\bType="([^"]+)"')
_OVERRIDE = re.compile(r'<Override\s[^>]*PartName="([^"]+)"[^>]*/>')
_SHEET_DATA = re.compile(r"<sheetData>(.*?)</sheetData>|<sheetData/>", re.S)
_ROW_TAG = re.compile(r"<row[\s>/]")
_CELL_TAG = re.compile(r"<c[\s>/]")
# A row's number, a cell's address, a formula: what moves.
_ADDRESSED = re.compile(
    r'(<row\s[^>]*?\br=")(\d+)"|(<c\s[^>]*?\br=")([A-Z]{1,3})(\d+)"|<f(\s[^>]*)?(?:/>|>([^<]*)</f>)'
)

# One pass over a formula finds its strings (left alone), its references and what stops it.
_TOKEN = re.compile(
    r"""(?P<string>"(?:[^"]|"")*")
    | (?P<ref>(?<![\w.$#!'])
        (?:(?P<sheet>'(?:[^']|'')+'|[^\W\d][\w.]*)!)?
        (?P<first_column>\$?[A-Za-z]{1,3}\$?)(?P<first>\d+)
        (?::(?P<last_column>\$?[A-Za-z]{1,3}\$?)(?P<last>\d+))?
        (?![\w(.!:\[]))
    | (?P<stop>\[ | \#REF! | :(?:'(?:[^']|'')+'|[^\W\d][\w.]*)!
        | (?<![\w.])(?:ROW|COLUMN|OFFSET|INDIRECT|ADDRESS|CELL|SHEETS?|INFO|FORMULATEXT)\s*\(
        | (?<![\w.$])\$?[A-Za-z]{1,3}:\$?[A-Za-z]{1,3}(?![\w(])
        | (?<![\w.$])\$?\d+:\$?\d+(?![\w.(]))
    """,
    re.X | re.I,
)
_SIDE_BY_SIDE = re.compile(r"[\w$)]\s+[\w$'(]")


class NotStackable(Exception):
    """The workbook has something moving cells could change: it goes unstacked."""


@dataclass(frozen=True)
class Stacking:
    """Where each sheet's band starts on the stacked sheet: ``offsets[i]`` rows above row 1 of
    ``sheets[i]``."""

    sheets: tuple[str, ...]
    offsets: tuple[int, ...]

    def origin(self, row: int) -> tuple[str, int]:
        """The sheet and row a stacked row (1-based) came from."""
        index = bisect.bisect_left(self.offsets, row) - 1
        return self.sheets[index], row - self.offsets[index]


def _unescape(text: str) -> str:
    """XML text as the characters it stands for (the five named entities and numeric ones)."""
    return html.unescape(text)


_Reference = tuple[str, str, int, str | None, int | None]
"""(sheet, first column with its $ marks, first row, last column, last row) of a reference."""
_Read = tuple[list[str], list[_Reference]]
"""A formula cut around its references: one more piece than references."""


class _Mover:
    """Reads the references of formulas and names once, then writes them into their bands."""

    def __init__(self, sheets: list[str]) -> None:
        self.by_upper = {name.upper(): name for name in sheets}
        self.reach: dict[str, int] = dict.fromkeys(sheets, 0)
        self.offsets: dict[str, int] = {}
        self._cuts: dict[str, tuple[list[str], list[tuple[str | None, str, int, str | None,
                                                            int | None]]]] = {}

    def _sheet_of(self, prefix: str | None, home: str | None) -> str:
        if prefix is None:
            if home is None:
                raise NotStackable("a defined name refers to a cell without its sheet")
            return home
        name = prefix[1:-1].replace("''", "'") if prefix.startswith("'") else prefix
        sheet = self.by_upper.get(name.upper())
        if sheet is None:
            raise NotStackable(f"a reference to a sheet it does not have: {prefix}")
        return sheet

    def read(self, formula: str, home: str | None) -> _Read:
        """The formula cut around its references (``pieces`` has one more item than
        ``references``), each reference's rows taken into its sheet's reach."""
        cut = self._cuts.get(formula)
        if cut is None:
            cut = self._cuts[formula] = _cut(formula)
        pieces, found = cut
        references = []
        reach = self.reach
        for prefix, first_column, first, last_column, last in found:
            sheet = self._sheet_of(prefix, home)
            furthest = last if last is not None and last > first else first
            if furthest > reach[sheet]:
                reach[sheet] = furthest
            references.append((sheet, first_column, first, last_column, last))
        return pieces, references

    def write(self, read: _Read, named: bool = False) -> str:
        """The formula with every reference moved to its band; in a defined name (which has
        no sheet of its own) each reference names the stacked sheet."""
        pieces, references = read
        prefix = f"{STACK}!" if named else ""
        out = [pieces[0]]
        offsets = self.offsets
        for (sheet, first_column, first, last_column, last), piece in zip(
                references, pieces[1:], strict=True):  # fmt: skip
            offset = offsets[sheet]
            out.append(f"{prefix}{first_column}{first + offset}")
            if last_column is not None and last is not None:
                out.append(f":{last_column}{last + offset}")
            out.append(piece)
        return "".join(out)


def _cut(formula: str) -> tuple[list[str], list[tuple[str | None, str, int, str | None,
                                                       int | None]]]:
    """The formula's pieces around its references, and the references as written (sheet
    prefix or None, first column, first row, last column, last row); the same for every
    formula with the same text, so worked out once per text."""
    pieces, references, end = [], [], 0
    for match in _TOKEN.finditer(formula):
        kind = match.lastgroup
        if kind == "string":
            continue
        if kind == "stop":
            raise NotStackable(f"a formula that depends on where it is: {match.group(0)}")
        prefix, first_column, first, last_column, last = match.group(
            "sheet", "first_column", "first", "last_column", "last")
        rows = (int(first), int(last)) if last else (int(first),)
        if max(rows) > MAX_ROWS or _beyond_xfd(first_column) or (
                last_column and _beyond_xfd(last_column)):  # fmt: skip
            continue  # not a cell: a defined name such as XYZ2025
        pieces.append(formula[end:match.start()])
        references.append((prefix, first_column, rows[0], last_column, rows[-1] if last else None))
        end = match.end()
    pieces.append(formula[end:])
    if len(references) > 1 and _SIDE_BY_SIDE.search(_strip_strings(formula)):
        raise NotStackable("a formula with references side by side (intersection)")
    return pieces, references


_QUOTED = re.compile(r'"(?:[^"]|"")*"|\'(?:[^\']|\'\')+\'')


def _strip_strings(formula: str) -> str:
    """The formula with its strings and quoted sheet names (spaces inside them are no
    operator) cut to one character."""
    return _QUOTED.sub("Q", formula)


def _beyond_xfd(column: str) -> bool:
    letters = column.replace("$", "")
    return len(letters) == 3 and letters.upper() > "XFD"


@dataclass
class _Sheet:
    name: str
    data: str
    """What its ``<sheetData>`` holds."""
    formulas: list[_Read]
    """Its formulas as read, in the order they come."""


def _read_sheet(name: str, xml: str, mover: _Mover) -> _Sheet:
    found = _SHEET_DATA.search(xml)
    data = (found.group(1) or "") if found else ""
    formulas, rows, cells, last_row = [], 0, 0, 0
    for match in _ADDRESSED.finditer(data):
        if match.group(1):
            rows += 1
            last_row = max(last_row, int(match.group(2)))
        elif match.group(3):
            cells += 1
        else:
            if (match.group(6) and match.group(6).strip()) or match.group(7) is None:
                raise NotStackable("a shared, array or data-table formula")
            formulas.append(mover.read(_unescape(match.group(7)), name))
    if rows != len(_ROW_TAG.findall(data)) or cells != len(_CELL_TAG.findall(data)):
        raise NotStackable("a row or a cell without its address")
    mover.reach[name] = max(mover.reach[name], last_row)
    return _Sheet(name, data, formulas)


def _moved_data(sheet: _Sheet, mover: _Mover) -> str:
    """The sheet's cells with their rows moved down to its band and its formulas moved."""
    offset = mover.offsets[sheet.name]
    formulas = iter(sheet.formulas)

    def move(match: re.Match[str]) -> str:
        if match.group(1):
            return f'{match.group(1)}{int(match.group(2)) + offset}"'
        if match.group(3):
            return f'{match.group(3)}{match.group(4)}{int(match.group(5)) + offset}"'
        return f"<f>{escape(mover.write(next(formulas)))}</f>"

    return _ADDRESSED.sub(move, sheet.data)


def _stacked_sheet(sheets: list[_Sheet], mover: _Mover) -> str:
    return "".join([
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://'
        'schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="', _NS_REL, '">'
        "<sheetData>", *(_moved_data(sheet, mover) for sheet in sheets),
        "</sheetData></worksheet>"])  # fmt: skip


# The workbook's sheets and their parts are read with regular expressions here, where
# builder.check.sheet_values.sheet_parts reads them with ElementTree: that module imports
# finmodel's package, which LibreOffice's Python (where this runs) cannot import. A layout the
# expressions miss leaves the workbook unstacked, never misread.
def _part_path(target: str) -> str:
    return target.lstrip("/") if target.startswith("/") else "xl/" + target


def write_stacked_copy(source: Path, destination: Path) -> Stacking | None:
    """Write ``source`` with its sheets stacked to ``destination``; None (and nothing written)
    when the workbook is one this does not stack."""
    try:
        with zipfile.ZipFile(source) as book:
            stacked = _stacked_parts(book)
            if stacked is None:
                return None
            parts, stacking = stacked
            with zipfile.ZipFile(destination, "w") as out:
                for name, data in parts.items():  # stored: a private copy, read once
                    out.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), data)
    except NotStackable:
        return None
    except (OSError, zipfile.BadZipFile, KeyError, ValueError, RuntimeError, EOFError,
            UnicodeDecodeError):  # fmt: skip
        return None
    return stacking


def _stacked_parts(book: zipfile.ZipFile) -> tuple[dict[str, bytes], Stacking] | None:
    names = set(book.namelist())
    workbook = book.read("xl/workbook.xml").decode("utf-8")
    if "<externalReferences" in workbook or "xl/_rels/workbook.xml.rels" not in names:
        raise NotStackable("references to other workbooks")
    rels = book.read("xl/_rels/workbook.xml.rels").decode("utf-8")
    targets = {}
    kept_rels, kept_parts = [], []
    for element in _RELATIONSHIP.findall(rels):
        rel_id, target = _REL_ID.search(element), _REL_TARGET.search(element)
        kind = _REL_TYPE.search(element)
        if not (rel_id and target and kind):
            raise NotStackable("a relationship this does not read")
        if kind.group(1).endswith("/worksheet"):
            targets[rel_id.group(1)] = _part_path(target.group(1))
        elif kind.group(1).endswith(("/styles", "/sharedStrings", "/theme")):
            kept_rels.append(element)
            kept_parts.append(_part_path(target.group(1)))
    entries = _SHEET_ENTRY.findall(_SHEETS.search(workbook).group(0))  # type: ignore[union-attr]
    if not entries or len(entries) != workbook.count("<sheet "):
        raise NotStackable("sheets this does not read")
    sheet_names = [_unescape(name) for name, _ in entries]
    mover = _Mover(sheet_names)
    sheets = [_read_sheet(name, book.read(targets[rel_id]).decode("utf-8"), mover)
              for name, (_, rel_id) in zip(sheet_names, entries, strict=True)]  # fmt: skip
    names_found = _DEFINED_NAMES.search(workbook)
    defined = _DEFINED_NAME.findall(names_found.group(1) or "") if names_found else []
    kept_names = []
    for attributes, text in defined:
        name = _NAME_ATTRIBUTE.search(attributes)
        if name is None or name.group(1).startswith("_xlnm."):
            continue  # print areas and titles, filters: no formula may use them
        if "localSheetId" in attributes:
            raise NotStackable("a name that belongs to one sheet")
        kept_names.append((attributes, mover.read(_unescape(text), None)))
    offset = 0
    for name in sheet_names:
        mover.offsets[name] = offset
        offset += mover.reach[name]
    if offset > MAX_ROWS:
        raise NotStackable("more rows than one sheet holds")

    moved_names = "".join(f"<definedName {attributes}>{escape(mover.write(text, named=True))}"
                          "</definedName>" for attributes, text in kept_names)  # fmt: skip
    workbook = _SHEETS.sub(f'<sheets><sheet name="{STACK}" sheetId="1" r:id="rIdStack"/></sheets>',
                           workbook, count=1)  # fmt: skip
    workbook = _DEFINED_NAMES.sub(
        f"<definedNames>{moved_names}</definedNames>" if moved_names else "", workbook, count=1)
    stack_part = "xl/worksheets/sheet1.xml"
    kept_rels.append(f'<Relationship Id="rIdStack" Type="{_NS_REL}/worksheet" '
                     'Target="worksheets/sheet1.xml"/>')  # fmt: skip
    parts: dict[str, bytes] = {}
    for name in ("_rels/.rels", *kept_parts):
        parts[name] = book.read(name)  # a part the workbook names but lacks: KeyError, unstacked
    parts["xl/workbook.xml"] = workbook.encode("utf-8")
    parts["xl/_rels/workbook.xml.rels"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://'
        'schemas.openxmlformats.org/package/2006/relationships">' + "".join(kept_rels)
        + "</Relationships>").encode("utf-8")  # fmt: skip
    parts[stack_part] = _stacked_sheet(sheets, mover).encode("utf-8")
    types = book.read("[Content_Types].xml").decode("utf-8")
    written = {"/" + name for name in parts} | {"/" + stack_part}

    def keep(match: re.Match[str]) -> str:
        return match.group(0) if match.group(1) in written else ""

    types = _OVERRIDE.sub(keep, types)
    if f'PartName="/{stack_part}"' not in types:
        types = types.replace("</Types>", f'<Override PartName="/{stack_part}" ContentType="'
                              'application/vnd.openxmlformats-officedocument.spreadsheetml.'
                              'worksheet+xml"/></Types>')  # fmt: skip
    parts = {"[Content_Types].xml": types.encode("utf-8"), **parts}
    return parts, Stacking(tuple(sheet_names), tuple(mover.offsets[n] for n in sheet_names))


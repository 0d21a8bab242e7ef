"""What ``finmodel check`` agrees to open: limits on size, cells and time; nothing external.

A workbook to check may come from anywhere. Unchecked, a 2 MB zip bomb inflated to 2.2 GB,
a million formulas took 6.3 GB and never finished, and an external reference made the engine
read a neighbouring workbook (also through ``../``) and print its values. So, on the file's
bytes, before openpyxl or an engine sees them:

* the zip's declared sizes are added up and refused over the limit before anything is
  inflated; each part is then inflated in chunks, counting what really comes out (a part
  that understates its size is stopped at the limit, not at its claim);
* the XML is read as a stream (expat): a DTD is refused (entity bombs need one, no xlsx part
  has one), and cells and formulas are counted and refused over their limits;
* anything that reaches outside the workbook is refused: external link parts, external
  relationships other than hyperlinks, data connections, a formula or defined name naming
  another workbook (``[1]Sheet!A1``, ``'../[x.xlsx]S'!A1``), and functions that fetch
  (``WEBSERVICE``, ``RTD``, ``CALL``, ``REGISTER.ID``).

Each refusal names the limit crossed and the option that moves it. The time limit is applied
by the engines (:mod:`builder.check.formulas_engine`, :mod:`builder.check.libreoffice`).
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from builder.check.errors import CheckError, WorkbookReadError

if TYPE_CHECKING:
    from xml.parsers import expat

MEGABYTE = 1024 * 1024
# Our largest workbook (30 forecast years, 200 peers) has 8,320 formulas and 15,281 cells in
# 1.2 MB of XML and a 231 KB file: the limits leave room for ten times that and more.
MAX_FILE_MB = 32
MAX_UNZIPPED_MB = 64
MAX_CELLS = 500_000
MAX_FORMULAS = 100_000
MAX_SECONDS = 180.0
_CHUNK = MEGABYTE


@dataclass(frozen=True)
class Limits:
    file_mb: float = MAX_FILE_MB
    unzipped_mb: float = MAX_UNZIPPED_MB
    cells: int = MAX_CELLS
    formulas: int = MAX_FORMULAS
    seconds: float = MAX_SECONDS


class Refused(CheckError):
    """The workbook crossed a limit or reaches outside itself: it is not recomputed."""


@dataclass(frozen=True)
class Inspection:
    cells: int
    formulas: int
    unzipped_bytes: int


def inspect_workbook(path: Path, data: bytes, limits: Limits) -> Inspection:
    """Check ``data`` (the bytes of ``path``) against ``limits``; raise :class:`Refused`."""
    from xml.parsers import expat  # here: the command line reads this module's limits
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise WorkbookReadError(f"{path}: not a readable xlsx workbook ({error})") from None
    budget = int(limits.unzipped_mb * MEGABYTE)
    declared = sum(member.file_size for member in members)
    if declared > budget:
        raise Refused(f"{path}: refused: its parts would inflate to {_mb(declared)}, over the "
                      f"limit of {_mb(budget)} (--max-unzipped-mb); nothing was inflated")
    for member in members:
        if _is_external_part(member.filename):
            raise Refused(f"{path}: refused: it links to other files or data sources "
                          f"({member.filename}); finmodel check reads no other file")
    scan = _Scan(path, limits)
    inflated = 0
    for member in members:
        if member.is_dir():
            continue
        parser = scan.parser_for(member.filename)
        try:
            with archive.open(member) as stream:
                while chunk := stream.read(_CHUNK):
                    inflated += len(chunk)
                    if inflated > budget:
                        raise Refused(f"{path}: refused: its parts inflate past the limit of "
                                      f"{_mb(budget)} (--max-unzipped-mb); stopped there")
                    if parser is not None:
                        parser.Parse(chunk, False)
            if parser is not None:
                parser.Parse(b"", True)
        except expat.ExpatError as error:
            raise WorkbookReadError(f"{path}: not a readable xlsx workbook ({member.filename}: "
                                    f"{error})") from None
        except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError, EOFError) \
                as error:  # a broken or encrypted part, or a compression zipfile lacks
            raise WorkbookReadError(f"{path}: not a readable xlsx workbook ({member.filename}: "
                                    f"{error})") from None
    return Inspection(scan.cells, scan.formulas, inflated)


def _is_external_part(name: str) -> bool:
    """External workbook links, data connections and web queries live in parts of their own."""
    lowered = name.lower()
    return lowered.startswith(("xl/externallinks/", "xl/querytables/")) \
        or lowered == "xl/connections.xml"


_HYPERLINK = "/hyperlink"
# A formula that can reach outside holds one of these (case aside); most formulas hold none.
_MAY_FETCH_OR_LINK = re.compile(r"\[|WEBSERVICE|RTD|CALL|REGISTER", re.IGNORECASE)
_FETCHING = re.compile(r"(?<![\w.])(?:_xlfn\.|_xlws\.)?(WEBSERVICE|RTD|CALL|REGISTER\.ID)\s*\(",
                       re.IGNORECASE)
_STRING = re.compile(r'"(?:[^"]|"")*"')


class _Scan:
    """Streaming handlers for the XML parts: counts, and what reaches outside."""

    def __init__(self, path: Path, limits: Limits):
        self.path = path
        self.limits = limits
        self.cells = 0
        self.formulas = 0
        self._part = ""
        self._sheet = False
        self._cell = ""
        self._text: list[str] | None = None  # a formula's or defined name's text, being read
        self._parser: expat.XMLParserType | None = None

    def parser_for(self, name: str) -> expat.XMLParserType | None:
        """A parser for the parts worth reading (sheets, the workbook, relationships)."""
        from xml.parsers import expat

        lowered = name.lower()
        if not lowered.endswith((".xml", ".rels")):
            return None
        self._part = name
        self._sheet = lowered.startswith("xl/worksheets/")  # where cells are counted
        parser = expat.ParserCreate(namespace_separator=" ")
        parser.StartDoctypeDeclHandler = self._doctype
        parser.EntityDeclHandler = self._doctype
        parser.StartElementHandler = self._start
        # The end and text handlers are set only while a formula or defined name is read: a
        # Python call for every other element's end and text was a third of the inspection.
        self._parser = parser
        return parser

    def _collect(self) -> None:
        self._text = []
        assert self._parser is not None
        self._parser.EndElementHandler = self._end
        self._parser.CharacterDataHandler = self._characters

    def _doctype(self, *args: object) -> None:
        raise Refused(f"{self.path}: refused: {self._part} declares a DTD or entities, which no "
                      "xlsx part needs (and entity expansion can exhaust memory)")

    def _start(self, name: str, attributes: dict[str, str]) -> None:
        local = name.rpartition(" ")[2]
        if local == "c" and self._sheet:
            self.cells += 1
            self._cell = attributes.get("r", "?")
            if self.cells > self.limits.cells:
                raise Refused(f"{self.path}: refused: more than {self.limits.cells:,} cells, the "
                              "limit (--max-cells); not recomputed")
        elif local == "f":  # a cell's formula, or a chart's series reference (c:f)
            self.formulas += self._sheet
            if self.formulas > self.limits.formulas:
                raise Refused(f"{self.path}: refused: more than {self.limits.formulas:,} "
                              "formulas, the limit (--max-formulas); not recomputed")
            self._collect()
        elif local == "definedName":
            self._cell = f"defined name {attributes.get('name', '?')}"
            self._collect()
        elif local == "Relationship" and attributes.get("TargetMode") == "External" \
                and not attributes.get("Type", "").endswith(_HYPERLINK):
            raise Refused(f"{self.path}: refused: {self._part} links to an outside target "
                          f"({attributes.get('Target', '?')!r}); finmodel check reads no other "
                          "file")

    def _characters(self, data: str) -> None:
        if self._text is not None:
            self._text.append(data)

    def _end(self, name: str) -> None:
        if self._text is None or name.rpartition(" ")[2] not in ("f", "definedName"):
            return
        text, self._text = "".join(self._text), None
        assert self._parser is not None
        self._parser.EndElementHandler = self._parser.CharacterDataHandler = None
        reason = outside_reference(text)
        if reason:
            where = self._cell if self._cell.startswith("defined") else f"cell {self._cell}"
            raise Refused(f"{self.path}: refused: {reason} ({text[:80]!r} in {where} of "
                          f"{self._part}); finmodel check reads no other file")


def outside_reference(formula: str) -> str | None:
    """Why ``formula`` reaches outside its workbook, or None. String literals do not count;
    ``Table[Column]`` (a structured reference) is not another workbook, ``[1]Sheet!A1`` is."""
    if not _MAY_FETCH_OR_LINK.search(formula):
        return None
    bare = _STRING.sub('""', formula)
    fetching = _FETCHING.search(bare)
    if fetching:
        return f"a formula calls {fetching.group(1).upper()}, which fetches from outside"
    depth = 0
    for index, char in enumerate(bare):
        if char == "[":
            before = bare[index - 1] if index else ""
            if depth == 0 and not (before and (before.isalnum() or before in "_.]")):
                return "a formula or name refers to another workbook"
            depth += 1
        elif char == "]":
            depth = max(0, depth - 1)
    return None


def _mb(count: int) -> str:
    return f"{count / MEGABYTE:,.1f} MB"

"""Every cell's stored value, read straight from the sheets' XML.

``finmodel check`` reads two values per formula cell (the cached one and the engine's), and
openpyxl builds a cell object with its style for each: 0.17-0.25 s for the default model, a
third of a LibreOffice batch's time per workbook. The values alone are simple to read: a cell
is ``<c r="B7" t="..."><v>...</v></c>`` (or an inline string), text lives in the shared-strings
table. This reader takes that layout and nothing else; a workbook written any other way (cells
without their reference, namespace prefixes, typed dates, phonetic runs) gets ``None`` and is
read by openpyxl instead, so the result never depends on which reader ran.

Numbers stay serials (a date-formatted number is its serial here, as :func:`normalize` makes
openpyxl's datetimes); text, booleans and error values as openpyxl gives them.
"""

from __future__ import annotations

import html
import io
import posixpath
import re
import zipfile
from xml.etree import ElementTree

from builder.check.cells import CellId, CellValue

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PACKAGE_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_CELL = re.compile(rb'<c r="([A-Z]{1,3}[0-9]{1,7})"([^>]*?)(?:/>|>(.*?)</c>)', re.S)
_ANY_CELL = re.compile(rb"<c[ >/]")
_TYPE = re.compile(rb'\bt="([a-zA-Z]+)"')
_VALUE = re.compile(rb"<v>(.*?)</v>", re.S)
_INLINE_TEXT = re.compile(rb"<t(?: [^>]*)?>(.*?)</t>|<t(?: [^>]*)?/>", re.S)
_OOXML_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_FORMULA = re.compile(rb"<f(>(.*?)</f>|[ /])", re.S)


class NotRecognised(Exception):
    """The workbook is not laid out as this reader expects."""


def _unescape_ooxml(text: str) -> str:
    """Undo OOXML's ``_xHHHH_`` escapes, as openpyxl does."""
    return _OOXML_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text) if "_x" in text else text


def _text(raw: bytes) -> str:
    """XML character data of a sheet, as text."""
    return _unescape_ooxml(html.unescape(raw.decode("utf-8")))


def _shared_strings(book: zipfile.ZipFile) -> list[str]:
    if "xl/sharedStrings.xml" not in book.namelist():
        return []
    root = ElementTree.fromstring(book.read("xl/sharedStrings.xml"))
    strings = []
    for item in root.iter(f"{_MAIN}si"):
        parts = []
        for child in item:
            if child.tag == f"{_MAIN}t":
                parts.append(child.text or "")
            elif child.tag == f"{_MAIN}r":
                parts += [t.text or "" for t in child.iter(f"{_MAIN}t")]
            elif child.tag == f"{_MAIN}rPh":
                raise NotRecognised
        strings.append(_unescape_ooxml("".join(parts)))
    return strings


def sheet_parts(book: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(title, part name in the zip) of every sheet, in workbook order. A chart sheet is listed
    too; its part is no ``<worksheet>``, which the readers turn away."""
    workbook = ElementTree.fromstring(book.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(book.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{_PACKAGE_REL}Relationship")}
    sheets = []
    for sheet in workbook.iter(f"{_MAIN}sheet"):
        target = targets.get(sheet.get(f"{_REL}id"), "")
        part = (target.lstrip("/") if target.startswith("/")
                else posixpath.normpath(posixpath.join("xl", target)))
        sheets.append((sheet.get("name", ""), part))
    return sheets


def _value(kind: bytes, body: bytes, strings: list[str]) -> CellValue:
    if kind == b"inlineStr":
        return "".join(_text(m.group(1) or b"") for m in _INLINE_TEXT.finditer(body))
    found = _VALUE.search(body)
    if found is None:
        return None
    raw = found.group(1)
    if not raw:
        return None  # <v></v>: xlsxwriter's cached "" of a formula; openpyxl reads None
    if kind == b"n":
        return float(raw)
    if kind == b"s":
        return strings[int(raw)]
    if kind == b"b":
        return raw.strip() == b"1"
    if kind in (b"str", b"e"):
        return _text(raw)
    raise NotRecognised  # "d" (an ISO date) and anything newer


def _sheet_values(title: str, xml: bytes, strings: list[str], values: dict[CellId, CellValue],
                  formulas: dict[CellId, str] | None) -> None:  # fmt: skip
    if b"<worksheet" not in xml[:500]:
        raise NotRecognised  # a chart sheet, or a prefixed namespace (<x:worksheet>)
    found = 0
    for match in _CELL.finditer(xml):
        found += 1
        coordinate, attributes, body = match.groups()
        kind = _TYPE.search(attributes)
        body = body or b""
        value = _value(kind.group(1) if kind else b"n", body, strings)
        cell = CellId(title, coordinate.decode())
        if value is not None:
            values[cell] = value
        if formulas is not None and b"<f" in body:
            formula = _FORMULA.search(body)
            if formula is None or formula.group(2) is None:
                raise NotRecognised  # shared and array formulas: openpyxl expands those
            formulas[cell] = "=" + _text(formula.group(2))
    if found != len(_ANY_CELL.findall(xml)):
        raise NotRecognised  # a cell without its reference, or with attributes before it


def read_sheet_values(data: bytes) -> dict[CellId, CellValue] | None:
    """Every non-empty cell's value, or None when the workbook's layout is not the plain one
    (the caller then reads it with openpyxl)."""
    found = _read(data, with_formulas=False)
    return None if found is None else found[1]


def read_sheet_cells(
    data: bytes,
) -> tuple[tuple[str, ...], dict[CellId, CellValue], dict[CellId, str]] | None:
    """Sheet titles, every non-empty cell's value and every formula's text (``=...``), or None
    when the layout is not the plain one (shared or array formulas included)."""
    found = _read(data, with_formulas=True)
    return None if found is None else (found[0], found[1], found[2] or {})


def _read(data: bytes, with_formulas: bool) -> tuple[
        tuple[str, ...], dict[CellId, CellValue], dict[CellId, str] | None] | None:  # fmt: skip
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as book:
            strings = _shared_strings(book)
            values: dict[CellId, CellValue] = {}
            formulas: dict[CellId, str] | None = {} if with_formulas else None
            sheets = sheet_parts(book)
            for title, part in sheets:
                _sheet_values(title, book.read(part), strings, values, formulas)
            return tuple(title for title, _ in sheets), values, formulas
    except (NotRecognised, KeyError, IndexError, ValueError, UnicodeDecodeError,
            zipfile.BadZipFile, ElementTree.ParseError):  # fmt: skip
        return None

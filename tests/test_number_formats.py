"""One number format per kind of number, negatives in parentheses, across the whole workbook."""

from __future__ import annotations

import zipfile
from xml.etree import ElementTree

import openpyxl

from builder.model.comps import INPUT_ROWS, INPUT_UNITS
from builder.model.items import Unit
from builder.workbook.formats import DATE, NUMBER_FORMATS, TEXT

C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
AXES = ("valAx", "catAx", "dateAx", "serAx")


def _numeric_formats() -> set[str]:
    return {f for f in NUMBER_FORMATS.values() if f != TEXT}


def test_every_numeric_format_puts_negatives_in_parentheses():
    for fmt in _numeric_formats() - {DATE}:  # a date is a day, never negative
        sections = fmt.split(";")
        assert len(sections) == 3, fmt
        assert sections[1].startswith("(") and sections[1].endswith(")"), fmt


def test_no_numeric_cell_outside_the_formats(kc_build):
    allowed = _numeric_formats()
    book = openpyxl.load_workbook(kc_build.workbook, data_only=True)
    stray, numbers = [], 0
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, bool) or not isinstance(cell.value, int | float):
                    continue
                numbers += 1
                if cell.number_format not in allowed:
                    stray.append(f"{sheet.title}!{cell.coordinate} {cell.number_format!r}")
    assert numbers > 1000  # the cached values are there: the scan looked at the model
    assert stray == [], "\n".join(stray[:20])


def test_a_negative_per_share_value_prints_in_parentheses(kc_build):
    book = openpyxl.load_workbook(kc_build.workbook, data_only=True)
    negatives = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row
                 if isinstance(cell.value, float) and cell.value < 0
                 and cell.number_format == NUMBER_FORMATS[Unit.PRICE]]
    assert negatives, "KC has loss-making per-share values (EPS)"
    assert all(c.number_format.split(";")[1] == "(#,##0.00)" for c in negatives)


def _parentheses(fmt: str) -> bool:
    sections = fmt.split(";")
    return len(sections) == 3 and sections[1].startswith("(") and sections[1].endswith(")")


def test_every_chart_axis_uses_a_workbook_format(kc_build):
    """An axis labels its numbers as the cells do: (5.0%), never -5%."""
    allowed = _numeric_formats() - {DATE}
    found, stray = 0, []
    with zipfile.ZipFile(kc_build.workbook) as archive:
        charts = [n for n in archive.namelist() if n.startswith("xl/charts/chart")]
        for name in charts:
            root = ElementTree.fromstring(archive.read(name))
            for kind in AXES:
                for axis in root.iter(f"{C}{kind}"):
                    number = axis.find(f"{C}numFmt")
                    if number is None:  # a category axis of period labels: text
                        continue
                    found += 1
                    code = number.get("formatCode")
                    if code not in allowed or not _parentheses(code):
                        stray.append(f"{name} {kind} {code!r}")
    assert len(charts) >= 3  # revenue, margins, football field
    assert found >= len(charts)
    assert stray == [], stray


def test_peer_money_and_price_inputs_have_the_money_and_per_share_formats(kc_build):
    sheet = openpyxl.load_workbook(kc_build.workbook)["Peer Comps"]
    labels = {label: INPUT_UNITS.get(key, Unit.MONEY) for key, _, label in INPUT_ROWS}
    peers = len(kc_build.assumptions.peers.companies)
    checked = set()
    for row in sheet.iter_rows():
        unit = labels.get(row[0].value)
        if unit is None:
            continue
        cells = row[3:3 + peers]  # the peers' columns, after label, unit and total
        assert {c.number_format for c in cells} == {NUMBER_FORMATS[unit]}, row[0].value
        checked.add(unit)
    assert checked == {Unit.MONEY, Unit.PRICE, Unit.SHARES_M}

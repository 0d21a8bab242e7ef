"""The workbook's football-field chart draws the current price and the target as lines whose
x values are the ``CurrentPrice`` and ``TargetPrice`` cells themselves, so a recalculation moves
them; and each method's range from the Football Field sheet's low and high cells.

Read from the chart XML in the built file, as Excel and LibreOffice read it.
"""

from __future__ import annotations

import dataclasses
import re
import zipfile
from xml.etree import ElementTree

import openpyxl
import pytest
import xlsxwriter
from openpyxl.utils import get_column_letter

from builder.layout.book import workbook_specs
from builder.layout.placement import Placement
from builder.model.football import FOOTBALL, HIGH, LOW, football_timeline
from builder.model.items import Model
from builder.workbook.football_chart import football_chart
from builder.workbook.formats import NUMBER_FORMATS, Formats

C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def _defined_names(archive: zipfile.ZipFile) -> dict[str, str]:
    book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    return {n.get("name"): n.text for n in book.iter(f"{MAIN}definedName")}


def _football_chart(archive: zipfile.ZipFile) -> ElementTree.Element:
    for name in sorted(archive.namelist()):
        if not re.fullmatch(r"xl/charts/chart\d+\.xml", name):
            continue
        chart = ElementTree.fromstring(archive.read(name))
        title = "".join(t.text or "" for t in chart.iter(f"{A}t"))
        if title.startswith("Valuation ranges"):
            return chart
    raise AssertionError("no football-field chart in the workbook")


def _refs(formula: str) -> list[str]:
    """The cells of a series reference: ``(A,B)`` or ``A:B`` or ``A``, each without '$'."""
    return [part.replace("$", "") for part in formula.strip("()").split(",")]


def _series(chart: ElementTree.Element) -> list[tuple[list[str], ElementTree.Element]]:
    """Each series of the chart with the cells of its x values (none may be typed in)."""
    found = []
    for series in chart.iter(f"{C}ser"):
        x = series.find(f"{C}xVal")
        assert x is not None, "a series without x values: not a scatter series"
        assert x.find(f".//{C}numLit") is None, "x values typed into the chart"
        found.append((_refs(x.findtext(f".//{C}f")), series))
    return found


@pytest.fixture(scope="module")
def chart_and_names(kc_build):
    with zipfile.ZipFile(kc_build.workbook) as archive:
        return _football_chart(archive), _defined_names(archive)


@pytest.mark.parametrize("name", ["CurrentPrice", "TargetPrice"])
def test_the_line_reads_the_named_cell(chart_and_names, name):
    chart, names = chart_and_names
    assert chart.find(f".//{C}scatterChart") is not None
    target = names[name].replace("$", "")  # Inputs!C19
    lines = [(x, s) for x, s in _series(chart) if set(x) == {target}]
    assert len(lines) == 1, f"no series with x values at {name} ({target})"
    x, series = lines[0]
    assert len(x) == 2  # two points: a line across the bars, top to foot
    y = series.find(f"{C}yVal").findtext(f".//{C}f")
    assert y is not None and y.startswith("Charts!"), y  # its ends: the table under the chart
    assert series.find(f"{C}spPr/{A}ln/{A}prstDash").get("val") == "dash"


def test_each_range_reads_its_low_and_high_cells(kc_build, chart_and_names):
    chart, _ = chart_and_names
    model = kc_build.model
    labels = {item.label: key for key, item in model.items.items() if item.timeline == FOOTBALL}
    assert len(labels) >= 3  # DCF, P/S and the blended target for KC
    headers = {p.key: p.label for p in football_timeline().periods}
    book = openpyxl.load_workbook(kc_build.workbook, read_only=True)
    expected = []
    for sheet in book.worksheets:
        rows = list(sheet.iter_rows(values_only=True))
        if len(rows) < 4 or headers[LOW] not in rows[3]:
            continue
        low, high = (get_column_letter(rows[3].index(headers[p]) + 1) for p in (LOW, HIGH))
        for number, row in enumerate(rows, start=1):
            if row and row[0] in labels:
                expected.append([f"'{sheet.title}'!{low}{number}",
                                 f"'{sheet.title}'!{high}{number}"])
    assert len(expected) == len(labels)
    drawn = [x for x, _ in _series(chart)]
    for cells in expected:
        assert cells in drawn, f"no series from {cells}; drawn: {drawn}"


def test_a_price_in_another_unit_is_left_out_with_a_note(kc_build, tmp_path):
    """A line the chart cannot place on the bars' axis is not drawn, and the sheet says so."""
    model = kc_build.model
    target = model.named("TargetPrice")
    items = {**model.items, target.key: dataclasses.replace(target, currency="XXX")}
    moved = Model(model.timelines, items, model.values, model.segments)
    chart = football_chart(Placement(moved, workbook_specs(moved, kc_build.assumptions)), moved)
    assert chart is not None and len(chart.lines) == 1  # the current price still drawn
    assert chart.left_out == ("TargetPrice line not drawn: it is in XXX, the bars in HKD",)
    assert chart.num_format == NUMBER_FORMATS[model.items[next(
        k for k, i in model.items.items() if i.timeline == FOOTBALL)].unit]
    path = tmp_path / "chart.xlsx"
    with xlsxwriter.Workbook(path) as book:
        sheet = book.add_worksheet("Charts")
        chart.draw(book, sheet, Formats(book), 3, 32)
    texts = [c.value for row in openpyxl.load_workbook(path)["Charts"].iter_rows() for c in row]
    assert chart.left_out[0] in texts

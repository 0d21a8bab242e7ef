"""Native Excel charts of the memo's series, on a "Charts" sheet, drawn from the model's cells.

Every series refers to the cells the Placement gives for its line item, so the charts move when
an analyst edits an input or switches the scenario; nothing is copied. The same series as the
memo's PNG charts: revenue by segment with growth, margins, and the valuation football field
(``football_chart.py``). Printed, each chart has a page of its own: a page break falls between
charts, never across one.
"""

from __future__ import annotations

from collections.abc import Sequence

from xlsxwriter.chart import Chart
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from builder.layout.placement import LABEL_COLUMN, Placement
from builder.model.items import Model
from builder.workbook.football_chart import ROW_PIXELS, FootballChart, football_chart
from builder.workbook.formats import NUMBER_FORMATS, Formats

SHEET = "Charts"
PERIOD_LABEL_ROW = 3  # the row of period labels (FY2025E) on every timeline sheet
GROWTH = "fc_revenue_growth"
MARGINS = ("fc_gross_margin", "fc_ebitda_margin", "fc_net_margin")
COLOURS = ("#1F3864", "#5B9BD5", "#A5A5A5")
LINE_COLOURS = ("#1F3864", "#ED7D31", "#70AD47")
# Printed page: A4 landscape at 100% leaves about 487 pt of height inside the margins, of which
# the repeated title rows take about 31 pt; a page's block is 33 rows of 12.75 pt (421 pt): a
# blank row (LibreOffice prints the top edge of a chart that starts at the break on the page
# before), then the chart.
FIRST_ROW = 3
PAGE_ROWS = 33
WIDTH = 880  # pixels: 660 pt, inside A4 landscape's 741 pt between the margins
HEIGHT = 30 * ROW_PIXELS
COLUMN_WIDTHS = (54, 9, 11, 11)  # the football chart's cells below it: label, unit, two values


def add_charts(workbook: Workbook, placement: Placement, model: Model, formats: Formats) -> None:
    """Add the Charts sheet with every chart the model has the rows for, a page each."""
    charts: list[Chart | FootballChart] = [
        c for c in (_revenue(workbook, placement, model), _margins(workbook, placement, model))
        if c is not None]
    football = football_chart(placement, model)
    if football is not None:
        charts.append(football)
    if not charts:
        return
    sheet = workbook.add_worksheet(SHEET)
    _frame(sheet, workbook, len(charts))
    for index, chart in enumerate(charts):
        row = FIRST_ROW + PAGE_ROWS * index
        height = HEIGHT
        if isinstance(chart, FootballChart):  # its table of heights goes under it
            chart, height = chart.draw(workbook, sheet, formats, row, PAGE_ROWS - 1)
        sheet.insert_chart(row, LABEL_COLUMN, chart,
                           {"x_scale": WIDTH / 480, "y_scale": height / 288})


def _frame(sheet: Worksheet, workbook: Workbook, count: int) -> None:
    """Title, note and print set-up: A4 landscape at 100% (the charts are made to fit its
    width), the title rows on every page and a break before each chart after the first. A
    fixed scale rather than fit-to-width: Excel ignores manual page breaks when fitting."""
    sheet.hide_gridlines(2)
    for column, width in enumerate(COLUMN_WIDTHS):
        sheet.set_column(column, column, width)
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.set_print_scale(100)
    sheet.repeat_rows(0, 1)  # the title and its note on every printed page
    sheet.set_h_pagebreaks([FIRST_ROW - 1 + PAGE_ROWS * i for i in range(1, count)])
    title = workbook.add_format({"bold": True, "font_size": 14, "font_color": "#1F3864",
                                 "font_name": "Arial"})
    note = workbook.add_format({"italic": True, "font_color": "#595959", "font_name": "Arial",
                                "font_size": 9})
    sheet.write_string(0, 0, "Charts", title)
    sheet.write_string(1, 0, "Live charts of the model's rows: they follow the inputs and the "
                       "scenario switch.", note)


def _axis_format(model: Model, key: str) -> str:
    """The axis shows the format of its row's kind, the cells' own: a negative reads (5.0%) on
    the axis as in the cell, never -5%."""
    return NUMBER_FORMATS[model.items[key].unit]


def _columns(placement: Placement, model: Model, keys: Sequence[str]) -> tuple[str, int, int]:
    """The sheet and the first and last column where every one of ``keys`` has a cell."""
    sheet = placement.rows[keys[0]][0]
    columns = placement.period_columns(sheet)
    shared = [p for p in columns if all(p in model.items[k].cells for k in keys)]
    return sheet, columns[shared[0]], columns[shared[-1]]


def _series(placement: Placement, key: str, first: int, last: int) -> dict[str, object]:
    sheet, row = placement.rows[key]
    return {
        "name": [sheet, row, LABEL_COLUMN],
        "categories": [sheet, PERIOD_LABEL_ROW, first, PERIOD_LABEL_ROW, last],
        "values": [sheet, row, first, row, last],
    }


def _revenue(workbook: Workbook, placement: Placement, model: Model) -> Chart | None:
    segments = model.segments or ("fc_revenue",)
    if not all(k in placement.rows for k in segments):
        return None
    _, first, last = _columns(placement, model, segments)
    chart = workbook.add_chart({"type": "column", "subtype": "stacked"})
    for index, key in enumerate(segments):
        colour = COLOURS[index % len(COLOURS)]
        chart.add_series({**_series(placement, key, first, last), "fill": {"color": colour},
                          "gap": 60})
    if GROWTH in placement.rows:
        growth = workbook.add_chart({"type": "line"})
        growth.add_series({**_series(placement, GROWTH, first, last), "y2_axis": True,
                           "line": {"color": "#ED7D31", "width": 2},
                           "marker": {"type": "circle", "size": 5,
                                      "fill": {"color": "#ED7D31"},
                                      "border": {"color": "#ED7D31"}}})
        growth.set_y2_axis({"name": "YoY growth", "num_format": _axis_format(model, GROWTH)})
        chart.combine(growth)
    chart.set_title({"name": "Revenue by segment and growth"})
    chart.set_y_axis({"name": model.items[segments[0]].unit_text,
                      "num_format": _axis_format(model, segments[0]),
                      "major_gridlines": {"visible": True, "line": {"color": "#DDDDDD"}}})
    chart.set_legend({"position": "bottom"})
    return chart


def _margins(workbook: Workbook, placement: Placement, model: Model) -> Chart | None:
    keys = [k for k in MARGINS if k in placement.rows]
    if not keys:
        return None
    sheet = placement.rows[keys[0]][0]
    columns = placement.period_columns(sheet)
    first, last = min(columns.values()), max(columns.values())
    chart = workbook.add_chart({"type": "line"})
    for key, colour in zip(keys, LINE_COLOURS, strict=False):
        chart.add_series({**_series(placement, key, first, last),
                          "line": {"color": colour, "width": 2},
                          "marker": {"type": "circle", "size": 5, "fill": {"color": colour},
                                     "border": {"color": colour}}})
    chart.show_blanks_as("gap")
    chart.set_title({"name": "Margins"})
    chart.set_y_axis({"name": "% of revenue", "num_format": _axis_format(model, keys[0]),
                      "major_gridlines": {"visible": True, "line": {"color": "#DDDDDD"}}})
    chart.set_x_axis({"label_position": "low"})
    chart.set_legend({"position": "bottom"})
    return chart

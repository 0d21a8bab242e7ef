"""Native Excel charts of the memo's series, on a "Charts" sheet, drawn from the model's cells.

Every series refers to the cells the Placement gives for its line item, so the charts move when
an analyst edits an input or switches the scenario; nothing is copied. The same series as the
memo's PNG charts: revenue by segment with growth, margins, and the valuation football field
(drawn from the Football Field sheet's low and span cells).
"""

from __future__ import annotations

from collections.abc import Sequence

from xlsxwriter.chart import Chart
from xlsxwriter.utility import quote_sheetname, xl_range_abs
from xlsxwriter.workbook import Workbook

from builder.layout.placement import LABEL_COLUMN, Placement
from builder.model.football import FOOTBALL, LOW, SPAN
from builder.model.items import Model

SHEET = "Charts"
PERIOD_LABEL_ROW = 3  # the row of period labels (FY2025E) on every timeline sheet
GROWTH = "fc_revenue_growth"
MARGINS = ("fc_gross_margin", "fc_ebitda_margin", "fc_net_margin")
COLOURS = ("#1F3864", "#5B9BD5", "#A5A5A5")
LINE_COLOURS = ("#1F3864", "#ED7D31", "#70AD47")
SIZE = {"x_scale": 1.6, "y_scale": 1.3}


def add_charts(workbook: Workbook, placement: Placement, model: Model) -> None:
    """Add the Charts sheet with every chart the model has the rows for."""
    charts = [c for c in (_revenue(workbook, placement, model),
                          _margins(workbook, placement, model),
                          _football(workbook, placement, model)) if c is not None]
    if not charts:
        return
    sheet = workbook.add_worksheet(SHEET)
    sheet.hide_gridlines(2)
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(0, 1)  # the title and its note on every printed page
    title = workbook.add_format({"bold": True, "font_size": 14, "font_color": "#1F3864",
                                 "font_name": "Arial"})
    note = workbook.add_format({"italic": True, "font_color": "#595959", "font_name": "Arial",
                                "font_size": 9})
    sheet.write_string(0, 0, "Charts", title)
    sheet.write_string(1, 0, "Live charts of the Forecast sheet's rows: they follow the inputs "
                       "and the scenario switch.", note)
    for index, chart in enumerate(charts):
        sheet.insert_chart(3 + 22 * index, 1, chart, SIZE)


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
        growth.set_y2_axis({"name": "YoY growth", "num_format": "0%"})
        chart.combine(growth)
    chart.set_title({"name": "Revenue by segment and growth"})
    chart.set_y_axis({"name": model.items[segments[0]].unit_text, "num_format": "#,##0",
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
    chart.set_y_axis({"name": "% of revenue", "num_format": "0%",
                      "major_gridlines": {"visible": True, "line": {"color": "#DDDDDD"}}})
    chart.set_x_axis({"label_position": "low"})
    chart.set_legend({"position": "bottom"})
    return chart


def _football(workbook: Workbook, placement: Placement, model: Model) -> Chart | None:
    """Stacked bars: an invisible bar to each method's low, then its bear-to-bull span."""
    keys = [k for k, item in model.items.items() if item.timeline == FOOTBALL
            and k in placement.rows]
    if not keys:
        return None
    sheet, first_row = placement.rows[keys[0]]
    last_row = placement.rows[keys[-1]][1]
    columns = placement.period_columns(sheet)
    categories = [sheet, first_row, LABEL_COLUMN, last_row, LABEL_COLUMN]
    # An invisible bar to each low, with a thick error bar of the span: unlike stacked bars,
    # this draws a range that starts below zero (a negative DCF in the bear case) correctly.
    chart = workbook.add_chart({"type": "bar"})
    span = xl_range_abs(first_row, columns[SPAN], last_row, columns[SPAN])
    chart.add_series({"name": "Bear to bull", "categories": categories,
                      "values": [sheet, first_row, columns[LOW], last_row, columns[LOW]],
                      "fill": {"none": True}, "border": {"none": True},
                      "x_error_bars": {"type": "custom", "direction": "plus", "end_style": 0,
                                       "plus_values": f"={quote_sheetname(sheet)}!{span}",
                                       "line": {"color": "#5B9BD5", "width": 14}}})
    unit = model.items[keys[0]].unit.value
    chart.set_title({"name": f"Valuation ranges ({unit} per quoted unit, bear to bull)"})
    chart.set_x_axis({"num_format": "0.00",
                      "major_gridlines": {"visible": True, "line": {"color": "#DDDDDD"}}})
    chart.set_y_axis({"reverse": True})
    chart.set_legend({"none": True})
    return chart

"""The football field as a native chart: each method's bear-to-bull range as a bar, the current
price and the target price as lines across all of them.

It is a scatter chart rather than a bar chart. A bar chart cannot carry a vertical line that both
Excel and LibreOffice draw: a scatter series combined with it goes on secondary axes, which
LibreOffice redraws as extra horizontal bars; and a bar chart's axis ignores error bars, so a
range drawn as an error bar was cut off at the axis end (P/S, 7.34 to 8.66, stopped at 8.00).
In a scatter chart every range is a thick line between its low and high cells, which also draws
a range that starts below zero, and the two price lines are two-point series whose x values are
the ``CurrentPrice`` and ``TargetPrice`` cells themselves: recalculation moves them. A price in
another unit than the bars would sit at a meaningless place on their axis: it is not drawn, and
a line under the chart says so, so its absence is never silent.

A scatter point needs a height as well. Each bar's height and the lines' ends are typed in a
small table under the chart (blue inputs: edit them to reorder the bars); the chart reads them
there, as it reads every value.
"""

from __future__ import annotations

from dataclasses import dataclass

from xlsxwriter.chart import Chart
from xlsxwriter.utility import quote_sheetname, xl_rowcol_to_cell
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from builder.layout.placement import LABEL_COLUMN, SCALAR_COLUMN, UNIT_COLUMN, Placement
from builder.model.football import FOOTBALL, HIGH, LOW, METHODS, football_key
from builder.model.items import Model, Unit
from builder.workbook.formats import NUMBER_FORMATS, Formats, Style

BAR_COLOUR = "#5B9BD5"
BAR_WIDTH = 14  # points
LINES = (("CurrentPrice", "#C00000"), ("TargetPrice", "#375623"))
SHORT_NAMES = {football_key(method): label for method, label in METHODS}
ROW_PIXELS = 17  # the default row (writer.WORKBOOK_OPTIONS)
TABLE_ROWS = 3  # a blank row, the heading and the lines' row; plus one row per bar


def _cell(sheet: str, row: int, column: int) -> str:
    return f"{quote_sheetname(sheet)}!{xl_rowcol_to_cell(row, column, True, True)}"


def _cells(*cells: str) -> str:
    """A series reference to the cells in order, one cell repeated if need be: ``(A,B)``,
    Excel's own syntax for a series over separate cells, which LibreOffice reads too."""
    return f"=({','.join(cells)})"


@dataclass(frozen=True)
class Bar:
    name: str  # the method, short (DCF)
    low: str  # cell references
    high: str


@dataclass(frozen=True)
class Line:
    name: tuple[str, int, int]  # the label cell of the named item
    cell: str  # the named item's own cell
    colour: str


@dataclass(frozen=True)
class FootballChart:
    """What the chart draws; ``draw`` places it, with its table of heights, on a sheet."""

    bars: tuple[Bar, ...]
    lines: tuple[Line, ...]
    unit: str  # the bars' unit, as the Unit column shows it (HKD)
    num_format: str  # the bars' kind's number format, for the value axis
    left_out: tuple[str, ...] = ()  # one note per price line not drawn, and why

    def draw(self, workbook: Workbook, sheet: Worksheet, formats: Formats, top: int,
             rows: int) -> tuple[Chart, int]:
        """Write the heights table at the foot of the ``rows`` rows from ``top`` and return the
        chart, which reads it, with the height in pixels that leaves the table room."""
        chart_rows = rows - TABLE_ROWS - len(self.bars) - len(self.left_out)
        heights, ends = self._table(sheet, formats, top + chart_rows)
        chart = workbook.add_chart({"type": "scatter", "subtype": "straight"})
        for bar, height in zip(self.bars, heights, strict=True):
            chart.add_series({
                "name": bar.name, "categories": _cells(bar.low, bar.high),
                "values": _cells(height, height),
                "line": {"color": BAR_COLOUR, "width": BAR_WIDTH}, "marker": {"type": "none"},
                # The method's name left of the bar's low end (None: that point keeps it).
                "data_labels": {"series_name": True, "position": "left",
                                "custom": [None, {"delete": True}]}})
        # No value labels on the lines: LibreOffice labels a scatter point's x value with the
        # point's number. The legend names them; the axis and the Cover give the figures.
        for line in self.lines:
            chart.add_series({
                "name": list(line.name), "categories": _cells(line.cell, line.cell),
                "values": ends,
                "line": {"color": line.colour, "width": 1.5, "dash_type": "dash"},
                "marker": {"type": "none"}})
        chart.set_title({"name": f"Valuation ranges ({self.unit} per quoted unit, bear to bull)"})
        chart.set_x_axis({"num_format": self.num_format,
                          "major_gridlines": {"visible": True, "line": {"color": "#DDDDDD"}}})
        chart.set_y_axis({"min": 0, "max": len(self.bars) + 1, "reverse": True,
                          "num_format": NUMBER_FORMATS[Unit.INDEX],  # the heights' (hidden)
                          "visible": False, "crossing": "max",
                          "major_gridlines": {"visible": False}})
        chart.set_legend({"position": "bottom", "delete_series": list(range(len(self.bars)))})
        return chart, chart_rows * ROW_PIXELS

    def _table(self, sheet: Worksheet, formats: Formats, row: int) -> tuple[list[str], str]:
        """The heights the chart reads: one per bar (1 = top), then the lines' two ends. Returns
        the bars' cells and the lines' range."""
        name = sheet.get_name()
        sheet.write_string(row + 1, LABEL_COLUMN, "Football field chart: where each bar and "
                           "line sits (1 = top; the chart reads these cells)", formats.heading())
        number = formats.cell(Unit.INDEX, Style.INPUT)
        cells = []
        for index, bar in enumerate(self.bars, start=1):
            at = row + 1 + index
            sheet.write_string(at, LABEL_COLUMN, f"{bar.name}: height of its bar",
                               formats.label())
            sheet.write_string(at, UNIT_COLUMN, Unit.INDEX.value, formats.unit())
            sheet.write_number(at, SCALAR_COLUMN, index, number)
            cells.append(_cell(name, at, SCALAR_COLUMN))
        at = row + 2 + len(self.bars)
        sheet.write_string(at, LABEL_COLUMN, "Price and target lines: top and foot",
                           formats.label())
        sheet.write_string(at, UNIT_COLUMN, Unit.INDEX.value, formats.unit())
        sheet.write_number(at, SCALAR_COLUMN, 0, number)
        sheet.write_number(at, SCALAR_COLUMN + 1, len(self.bars) + 1, number)
        last = xl_rowcol_to_cell(at, SCALAR_COLUMN + 1, True, True)
        ends = f"={_cell(name, at, SCALAR_COLUMN)}:{last}"
        for offset, note in enumerate(self.left_out, start=1):
            sheet.write_string(at + offset, LABEL_COLUMN, note, formats.label())
        return cells, ends


def football_chart(placement: Placement, model: Model) -> FootballChart | None:
    """The football field's bars (the Football Field sheet's low and high cells) and, where they
    are in the bars' unit, the current price and target lines; None without a football field."""
    keys = [k for k, item in model.items.items() if item.timeline == FOOTBALL
            and k in placement.rows]
    if not keys:
        return None
    columns = placement.period_columns(placement.rows[keys[0]][0])
    bars = []
    for key in keys:
        sheet, row = placement.rows[key]
        bars.append(Bar(SHORT_NAMES.get(key, model.items[key].label),
                        _cell(sheet, row, columns[LOW]), _cell(sheet, row, columns[HIGH])))
    first = model.items[keys[0]]
    lines, left_out = [], []
    for name, colour in LINES:
        item = model.named(name)
        if item is None:
            continue
        if item.unit_text != first.unit_text:
            left_out.append(f"{name} line not drawn: it is in {item.unit_text}, the bars in "
                            f"{first.unit_text}")
            continue
        position = placement.position(item.key, None)
        lines.append(Line((position.sheet, position.row, LABEL_COLUMN),
                          _cell(position.sheet, position.row, position.column), colour))
    return FootballChart(tuple(bars), tuple(lines), first.unit_text,
                         NUMBER_FORMATS[first.unit], tuple(left_out))

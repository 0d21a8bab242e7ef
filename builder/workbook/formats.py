"""Cell formats: FAST colours (blue inputs, black formulas, green links), number formats by unit."""

from __future__ import annotations

from enum import StrEnum

from xlsxwriter.format import Format
from xlsxwriter.workbook import Workbook

from builder.model.items import Unit

BLUE = "#0000FF"
BLACK = "#000000"
GREEN = "#008000"
INPUT_FILL = "#FFF2CC"
ACTUAL_FILL = "#D9D9D9"
FORECAST_FILL = "#DDEBF7"
HEADER_FILL = "#1F3864"
FONT = "Arial"
FONT_SIZE = 9

NUMBER_FORMATS: dict[Unit, str] = {
    Unit.CNY_M: "#,##0.0;(#,##0.0);0.0",
    Unit.USD_M: "#,##0.0;(#,##0.0);0.0",
    Unit.RATIO: "0.0%;(0.0%);0.0%",
    Unit.MULTIPLE: '0.0"x";(0.0"x")',
    Unit.DAYS: "0",
    Unit.YEARS: "0.0",
    Unit.FLAG: "0",
    Unit.INDEX: "0",
    Unit.TEXT: "@",
    Unit.CNY: "#,##0.00",
    Unit.USD: "#,##0.00",
    Unit.HKD: "#,##0.00",
    Unit.SHARES_M: "#,##0.0",
    Unit.FX: "0.0000",
}


class Style(StrEnum):
    INPUT = "input"
    CALC = "calc"
    LINK = "link"


class Formats:
    """Creates each distinct format once, in a fixed order, so the file is deterministic."""

    def __init__(self, workbook: Workbook):
        self.workbook = workbook
        self._cache: dict[tuple, Format] = {}

    def _get(self, **properties: object) -> Format:
        key = tuple(sorted(properties.items()))
        if key not in self._cache:
            self._cache[key] = self.workbook.add_format(
                {"font_name": FONT, "font_size": FONT_SIZE, **properties})
        return self._cache[key]

    def cell(self, unit: Unit, style: Style, highlight: bool = False) -> Format:
        colour = {Style.INPUT: BLUE, Style.CALC: BLACK, Style.LINK: GREEN}[style]
        properties: dict[str, object] = {"font_color": colour, "num_format": NUMBER_FORMATS[unit]}
        if style is Style.INPUT:
            properties["bg_color"] = INPUT_FILL
        if highlight:
            properties.update({"bold": True, "border": 2})
        if unit is Unit.TEXT:
            properties["align"] = "left"
        return self._get(**properties)

    def title(self) -> Format:
        return self._get(bold=True, font_size=14, font_color=HEADER_FILL)

    def subtitle(self) -> Format:
        return self._get(italic=True, font_color="#595959")

    def heading(self) -> Format:
        return self._get(bold=True, bottom=1, font_color=HEADER_FILL)

    def label(self) -> Format:
        return self._get()

    def unit(self) -> Format:
        return self._get(font_color="#595959", align="center")

    def text(self) -> Format:
        return self._get(num_format="@", align="left")

    def period_header(self, actual: bool) -> Format:
        return self._get(bold=True, align="center", bottom=1,
                         bg_color=ACTUAL_FILL if actual else FORECAST_FILL)

    def column_header(self) -> Format:
        return self._get(bold=True, bottom=1)

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
ESTIMATE_FILL = "#F8CBAD"  # an analyst's estimate of a figure the documents lack
ACTUAL_FILL = "#D9D9D9"
FORECAST_FILL = "#DDEBF7"
HEADER_FILL = "#1F3864"
FONT = "Arial"
FONT_SIZE = 9

# One format per kind of number: money (millions), per-share prices, percentages, multiples,
# counts and FX rates. Every numeric format has a negative section in parentheses, so a loss per
# share reads (0.17) as a loss in CNY m reads (1,234.5); ``tests/test_number_formats.py`` finds
# any numeric cell outside these.
MONEY_M = "#,##0.0;(#,##0.0);0.0"
PER_SHARE = "#,##0.00;(#,##0.00);0.00"
PERCENT = "0.0%;(0.0%);0.0%"
MULTIPLE = '0.0"x";(0.0"x");0.0"x"'
WHOLE = "#,##0;(#,##0);0"
DECIMAL = "#,##0.0;(#,##0.0);0.0"
RATE = "0.0000;(0.0000);0.0000"
TEXT = "@"

DATE = "yyyy-mm-dd"

NUMBER_FORMATS: dict[Unit, str] = {
    Unit.MONEY: MONEY_M,
    Unit.PRICE: PER_SHARE,
    Unit.RATIO: PERCENT,
    Unit.MULTIPLE: MULTIPLE,
    Unit.DAYS: WHOLE,
    Unit.YEARS: DECIMAL,
    Unit.FLAG: WHOLE,
    Unit.INDEX: WHOLE,
    Unit.TEXT: TEXT,
    Unit.SHARES_M: DECIMAL,
    Unit.QUANTITY: DECIMAL,
    Unit.FX: RATE,
    Unit.DATE: DATE,
}


class Style(StrEnum):
    INPUT = "input"
    ESTIMATE = "estimate"
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
        colour = {Style.INPUT: BLUE, Style.ESTIMATE: BLUE, Style.CALC: BLACK,
                  Style.LINK: GREEN}[style]
        properties: dict[str, object] = {"font_color": colour, "num_format": NUMBER_FORMATS[unit]}
        if style is Style.INPUT:
            properties["bg_color"] = INPUT_FILL
        elif style is Style.ESTIMATE:
            properties.update({"bg_color": ESTIMATE_FILL, "italic": True})
        if highlight:
            properties.update({"bold": True, "border": 2})
        # A number column's text ("n/a") sits on the right like the figures, not against the
        # figure in the column before it ("311,660.3 n/a" printed as if one cell).
        properties["align"] = "left" if unit is Unit.TEXT else "right"
        return self._get(**properties)

    def title(self) -> Format:
        return self._get(bold=True, font_size=14, font_color=HEADER_FILL)

    def subtitle(self) -> Format:
        return self._get(italic=True, font_color="#595959")

    def heading(self) -> Format:
        return self._get(bold=True, bottom=1, font_color=HEADER_FILL)

    def label(self, wrap: bool = False, top: bool = True) -> Format:
        """A row's label; wrapped, at the top of its row (beside wrapped text) or at the foot
        (level with the figures, which sit at the foot of theirs)."""
        if not wrap:
            return self._get()
        return self._get(text_wrap=True, valign="top") if top else self._get(text_wrap=True)

    def unit(self) -> Format:
        return self._get(font_color="#595959", align="center")

    def text(self, wrap: bool = False) -> Format:
        if wrap:
            return self._get(num_format="@", align="left", valign="top", text_wrap=True)
        return self._get(num_format="@", align="left")

    def period_header(self, actual: bool, wrap: bool = False) -> Format:
        fill = ACTUAL_FILL if actual else FORECAST_FILL
        if wrap:  # a column's name too long for it (a peer's): on several lines
            return self._get(bold=True, align="center", bottom=1, bg_color=fill, text_wrap=True)
        return self._get(bold=True, align="center", bottom=1, bg_color=fill)

    def column_header(self) -> Format:
        return self._get(bold=True, bottom=1)

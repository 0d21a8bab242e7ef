"""The key-data box of a research report: ``日期 2025-05-14`` then one labelled value a line.

The box dates its own values (the close before the report date), so they are market figures
for that date, not for the report's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from builder.extract.numbers import CURRENCIES, NUMBER, PRICE_CURRENCY, decimal_of, normalize

_DATE_LINE = re.compile(r"^\s*日期\s*(20\d\d)-(\d\d)-(\d\d)\s*$")
_CURRENCY = rf"(?P<c>{PRICE_CURRENCY})"
# (row, metric, scale to the metric's unit); the currency is the one the row's label names
_ROWS = (
    (re.compile(rf"^\s*收盘价\({_CURRENCY}\)\s+(?P<n>{NUMBER})\s*$"), "share_price", Decimal(1)),
    (re.compile(rf"^\s*总股本\(亿份\s*ADS\)\s+(?P<n>{NUMBER})\s*$"), "ads_outstanding",
     Decimal(100)),
    (re.compile(rf"^\s*总市值\(亿{_CURRENCY}\)\s+(?P<n>{NUMBER})\s*$"), "market_cap",
     Decimal(100)),
)
_BOX_LINES = 20


@dataclass(frozen=True, slots=True)
class BoxValue:
    metric: str
    on: date
    value: Decimal
    precision: Decimal
    currency: str
    line: int
    quote: str


def read_box(numbered: list[tuple[int, str]]) -> list[BoxValue]:
    """Values of every key-data box in the lines, each dated by its box's 日期 line."""
    values: list[BoxValue] = []
    for index, (_, line) in enumerate(numbered):
        dated = _DATE_LINE.match(normalize(line)) if "日期" in line else None
        if not dated:
            continue
        on = date(int(dated[1]), int(dated[2]), int(dated[3]))
        for number, text in numbered[index + 1:index + 1 + _BOX_LINES]:
            for regex, metric, scale in _ROWS:
                row = regex.match(normalize(text))
                if row:
                    value, precision = decimal_of(row["n"])
                    currency = CURRENCIES[row["c"]] if "c" in regex.groupindex else ""
                    values.append(BoxValue(metric, on, value * scale, precision * scale,
                                           currency, number, text.strip()))
    return values

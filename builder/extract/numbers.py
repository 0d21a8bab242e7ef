"""Read numbers the way the documents write them: 亿/万/百万/十亿, billion/million, (negatives).

Every figure keeps its *precision*: the place of the last digit the document gave, in the same
unit as the value. Arithmetic runs on :class:`~decimal.Decimal` so that 7.29 亿 is exactly 729
million, not 729.0000000000001, and the CSV is byte-stable.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

# A number as written: optional sign, thousands separators, decimals.
NUMBER = r"[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"

# Scale words, as a factor to millions.
SCALES: dict[str, Decimal] = {
    "十亿": Decimal(1000),
    "亿": Decimal(100),
    "百万": Decimal(1),
    "万": Decimal("0.01"),
    "billion": Decimal(1000),
    "bn": Decimal(1000),
    "million": Decimal(1),
    "mn": Decimal(1),
}
CURRENCIES = {
    "元": "CNY", "人民币": "CNY", "RMB": "CNY", "yuan": "CNY",
    "美元": "USD", "USD": "USD", "US$": "USD",
    "港元": "HKD", "HKD": "HKD", "HK$": "HKD",
}

# Chinese money: 7.29亿元, 2,870万元人民币, 9,425百万元. A scale word is required: a bare 元 amount
# is a price, not a figure in millions. Without a currency word (利润5,400万) the amount must end
# its clause, so that 5万张卡片 stays a count; its currency is the company's (``cur`` is None).
ZH_MONEY = (
    rf"(?P<num>{NUMBER})\s*(?P<scale>十亿|百万|亿|万)\s*"
    r"(?:(?P<cur>美元|港元|元)(?:\s*人民币)?|(?=\s*(?:[,。;!?\[]|$)))"
)
# English money: 2.232 billion RMB, RMB 426 million.
EN_MONEY = (
    rf"(?:(?P<cur1>RMB|US\$|HK\$)\s*)?(?P<enum>{NUMBER})\s*(?P<escale>billion|million|bn|mn)\b"
    rf"(?:\s*(?P<cur2>RMB|yuan|USD|HKD))?"
)
PERCENT = rf"(?P<pct>{NUMBER})\s*%"
PRICE_CURRENCY = "美元|港元|人民币|元"
"""The currency words a per-share price ends with (17.60美元, 55.00元), the longest first."""
PRICE = rf"(?P<price>{NUMBER})\s*(?P<pcur>{PRICE_CURRENCY})"

MONEY_RE = re.compile(rf"{ZH_MONEY}|{EN_MONEY}")
PERCENT_RE = re.compile(PERCENT)


@dataclass(frozen=True, slots=True)
class Amount:
    """A parsed amount: ``value`` in millions (money), a fraction (ratio) or units (price)."""

    value: Decimal
    precision: Decimal
    measure: str  # "money", "ratio" or "price"
    currency: str  # "" for money the text gives without a currency (5,400万)
    start: int
    end: int

    def negated(self) -> Amount:
        return Amount(-abs(self.value), self.precision, self.measure, self.currency,
                      self.start, self.end)


class _Folding(dict):
    """str.translate table, filled on first sight of each character: full-width forms fold to
    ASCII (NFKC), a character whose folding is longer than one character stays as it is."""

    def __missing__(self, code: int) -> str:
        folded = unicodedata.normalize("NFKC", chr(code))
        self[code] = value = "-" if code == 0x2212 else folded if len(folded) == 1 else chr(code)
        return value


_FOLDING = _Folding()


def normalize(text: str) -> str:
    """Fold full-width forms to ASCII one character at a time, so offsets stay valid.

    NFKC maps ，：（）％１ to ,:()%1; a character whose folding is longer than one character is
    kept as it is, so a quote cut from the original text lines up with the normalized one.
    """
    return text if text.isascii() else text.translate(_FOLDING)


def decimal_of(text: str) -> tuple[Decimal, Decimal]:
    """Parse ``-1,967.5`` or ``(1,967)`` to (value, place of the last digit)."""
    text = text.strip()
    negative = text.startswith("(") and text.endswith(")")
    digits = text.strip("()").replace(",", "").replace("−", "-")
    value = Decimal(digits)
    places = len(digits.split(".")[1]) if "." in digits else 0
    precision = Decimal(1).scaleb(-places)
    return (-value if negative else value), precision


def money(number: str, scale: str, currency: str | None, start: int, end: int) -> Amount:
    """An amount in millions of ``currency`` from a number and its scale word; None: the text
    gives no currency (the amount's currency is then "", the company's to fill in)."""
    value, precision = decimal_of(number)
    factor = SCALES[scale]
    return Amount(value * factor, precision * factor, "money",
                  CURRENCIES[currency] if currency else "", start, end)


def percent(number: str, start: int, end: int) -> Amount:
    """A ratio as a fraction: 10.5% -> 0.105, precision 0.001."""
    value, precision = decimal_of(number)
    return Amount(value / 100, precision / 100, "ratio", "", start, end)


def price(number: str, currency: str, start: int, end: int) -> Amount:
    """A per-share amount in units of ``currency``: 17.60 美元 -> 17.6, precision 0.01."""
    value, precision = decimal_of(number)
    return Amount(value, precision, "price", CURRENCIES[currency], start, end)


def amount_from(match: re.Match[str], offset: int = 0) -> Amount:
    """Build an :class:`Amount` from a match of :data:`VALUE_RE` (or its parts)."""
    groups = match.groupdict()
    start, end = match.start() + offset, match.end() + offset
    if groups.get("num"):
        return money(groups["num"], groups["scale"], groups["cur"], start, end)
    if groups.get("enum"):
        currency = groups.get("cur1") or groups.get("cur2")
        return money(groups["enum"], groups["escale"], currency or "RMB", start, end)
    if groups.get("pct"):
        return percent(groups["pct"], start, end)
    return price(groups["price"], groups["pcur"], start, end)


# Any value a statement can end in. Money first: 7.3亿元 must not be read as a 7.3 元 price.
VALUE = rf"(?:{ZH_MONEY}|{EN_MONEY}|{PERCENT}|{PRICE})"
VALUE_RE = re.compile(VALUE)


def has_currency(match: re.Match[str]) -> bool:
    """English money needs a currency word on one side: '474 million users' is not money.
    (Chinese money may go without one only where it ends its clause: see ZH_MONEY.)"""
    groups = match.groupdict()
    if groups.get("enum") is None:
        return True
    return bool(groups.get("cur1") or groups.get("cur2"))

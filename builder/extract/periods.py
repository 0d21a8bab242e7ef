"""Periods as the documents write them, resolved to the CSV's labels (FY2024, 4Q24, 1H25, 9M25).

Text often omits the year (二季度, Q3, 上半年, 全年, 本季度). The year then comes from the
article's date (the latest such period that had ended by then) or, for an undated article, from
the year the article itself names for its quarters.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from builder.extract.prefilter import compile_fast

_ZH_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}


@dataclass(frozen=True, slots=True)
class Period:
    """A reporting period: a quarter, a half, nine months or a fiscal (calendar) year."""

    year: int
    kind: str  # "Q", "H", "9M", "FY"
    number: int = 0  # quarter 1-4 or half 1-2

    @property
    def label(self) -> str:
        yy = f"{self.year % 100:02d}"
        if self.kind == "Q":
            return f"{self.number}Q{yy}"
        if self.kind == "H":
            return f"{self.number}H{yy}"
        if self.kind == "9M":
            return f"9M{yy}"
        return f"FY{self.year}"

    @property
    def end(self) -> date:
        month = {"Q": 3 * self.number, "H": 6 * self.number, "9M": 9, "FY": 12}[self.kind]
        return date(self.year, month, calendar.monthrange(self.year, month)[1])

    def year_earlier(self) -> Period:
        return Period(self.year - 1, self.kind, self.number)


def _full_year(text: str) -> int:
    year = int(text)
    return year + 2000 if year < 100 else year


_YEAR = r"(?<!\d)20\d\d"
_NOT_A_DATE = r"(?!\s*\d{1,2}\s*月)(?!\s*(?:至|到|-|–)\s*(?:20)?\d\d\s*年)"
_PERIODS = (
    "|".join(
        (
            rf"(?P<yq>(?P<yq_y>{_YEAR})\s*年\s*(?:第\s*)?(?P<yq_q>[一二三四1-4])\s*(?:个)?季度)",
            rf"(?P<en_q>Q(?P<en_q_q>[1-4])\s+(?P<en_q_y>{_YEAR}))",
            r"(?P<nq>(?<![\dA-Za-z])(?P<nq_q>[1-4])Q(?P<nq_y>\d\d)(?!\d))",
            r"(?P<qn>(?<![\dA-Za-z])(?P<qn_y>\d\d)Q(?P<qn_q>[1-4])(?!\d))",
            rf"(?P<yh>(?P<yh_y>{_YEAR})\s*年?\s*(?P<yh_h>上|下)半年)",
            r"(?P<hn>(?<![\dA-Za-z])(?P<hn_y>\d\d)H(?P<hn_h>[12])(?!\d))",
            r"(?P<nh>(?<![\dA-Za-z])(?P<nh_h>[12])H(?P<nh_y>\d\d)(?!\d))",
            rf"(?P<y9>(?P<y9_y>{_YEAR})\s*年\s*前三(?:个)?季度)",
            r"(?P<m9>前三(?:个)?季度)",
            r"(?P<h>(?P<h_h>上|下)半年)",
            r"(?P<q>(?:第\s*)?(?P<q_q>[一二三四])\s*季度|(?<![A-Za-z\d])Q(?P<q_n>[1-4])(?![\d\s]*20\d\d))",
            r"(?P<this>本季度)",
            r"(?P<ago>去年同期)",
            r"(?P<full>全年)",
            rf"(?P<en_fy>(?:the\s+)?(?:full[\s-]year|end)\s+(?:of\s+)?(?P<en_fy_y>{_YEAR}))",
            rf"(?P<fy>(?P<fy_y>{_YEAR})\s*(?:财年|年)(?!\s*(?:前|第|上|下)){_NOT_A_DATE})",
            rf"(?P<fy2>FY\s*(?P<fy2_y>{_YEAR}))",
        )
    )
)
# Every alternative that starts with a digit starts with a year (20\d\d) or one or two digits
# and Q or H (3Q25, 25Q3, 25H1, 1H25). Saying so up front rejects most digits of a number-heavy
# text in one step, where the first-character test lets each of them try every alternative:
# a third less time over the seeds, the same matches (tests/extract/test_periods.py).
_DIGIT_STARTS = r"(?=\D|20\d\d|\d\d?[QH])"
PERIOD_RE = re.compile(_DIGIT_STARTS + compile_fast(_PERIODS).pattern)

RANGE_RE = compile_fast(
    r"(?P<a>(?<!\d)(?:20)?\d\d)\s*年?\s*(?:至|到|-|–)\s*(?P<b>(?:20)?\d\d)\s*年"
)


@dataclass(frozen=True, slots=True)
class PeriodContext:
    """What a year-less period is resolved against."""

    date: date | None = None
    anchor_year: int | None = None  # year the undated article names for its quarters
    headline: Period | None = None  # the quarter the article reports on
    running: Period | None = None  # the last period named earlier in the sentence


def _latest(kind: str, number: int, context: PeriodContext) -> Period | None:
    """The latest such period that had ended by the article's date."""
    if context.date is not None:
        period = Period(context.date.year, kind, number)
        return period if period.end <= context.date else period.year_earlier()
    if context.anchor_year is not None:
        return Period(context.anchor_year, kind, number)
    return None


def resolve(match: re.Match[str], context: PeriodContext) -> Period | None:
    """Turn a :data:`PERIOD_RE` match into a :class:`Period`, or None if the year is unknown."""
    g = match.groupdict()
    if g["yq"]:
        return Period(int(g["yq_y"]), "Q", _ZH_DIGITS[g["yq_q"]])
    if g["en_q"]:
        return Period(int(g["en_q_y"]), "Q", int(g["en_q_q"]))
    if g["nq"]:
        return Period(_full_year(g["nq_y"]), "Q", int(g["nq_q"]))
    if g["qn"]:
        return Period(_full_year(g["qn_y"]), "Q", int(g["qn_q"]))
    if g["yh"]:
        return Period(int(g["yh_y"]), "H", 1 if g["yh_h"] == "上" else 2)
    if g["hn"]:
        return Period(_full_year(g["hn_y"]), "H", int(g["hn_h"]))
    if g["nh"]:
        return Period(_full_year(g["nh_y"]), "H", int(g["nh_h"]))
    if g["y9"]:
        return Period(int(g["y9_y"]), "9M")
    if g["m9"]:
        return _latest("9M", 0, context)
    if g["h"]:
        return _latest("H", 1 if g["h_h"] == "上" else 2, context)
    if g["q"]:
        return _latest("Q", _ZH_DIGITS[g["q_q"] or g["q_n"]], context)
    if g["this"]:
        return context.headline
    return _relative_or_year(g, context)


def _relative_or_year(g: dict[str, str | None], context: PeriodContext) -> Period | None:
    if g["ago"]:
        base = context.running or context.headline
        return base.year_earlier() if base else None
    if g["full"]:
        base = context.running or context.headline
        return Period(base.year, "FY") if base else None
    year = g["en_fy_y"] or g["fy_y"] or g["fy2_y"]
    return Period(int(year), "FY") if year else None


def year_range(match: re.Match[str]) -> list[int]:
    """The years of a range such as 2025年至2027年 or 25-27年, in order."""
    first, last = _full_year(match["a"]), _full_year(match["b"])
    return list(range(first, last + 1)) if 0 < last - first < 10 else []

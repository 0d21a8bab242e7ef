"""Interim periods: quarters, halves and cumulative periods as spans of fiscal months.

Companies report the year in pieces: Hong Kong and US listings by quarter (1Q25, 2Q25), A-shares
by cumulative period (1Q25, 1H25, 9M25). Each is a span of months of its fiscal year; the months
reported from the start of the year (the year to date) and the rest of the year the forecast
implies are what the interim bridge compares.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

_INTERIM = re.compile(r"^(?:([1-4])Q|([12])H|([369])M)(\d{2})$")
YEAR_MONTHS = 12
DAYS_IN_YEAR = 365  # days of revenue or cost, and date differences, as a share of a year


class InterimError(ValueError):
    """Reported periods that cannot be read, or do not run on from the start of the year."""


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """Months ``first``..``last`` (1-based, inclusive) of fiscal year ``year`` (e.g. 2025)."""

    year: int
    first: int
    last: int

    @property
    def key(self) -> str:
        """The period as the historicals CSV writes it: 3Q25, 1H25, 9M25, FY2025."""
        yy = f"{self.year % 100:02d}"
        if (self.first, self.last) == (1, YEAR_MONTHS):
            return f"FY{self.year}"
        if self.last - self.first == 2:
            return f"{self.last // 3}Q{yy}"
        if self.last - self.first == 5 and self.first in (1, 7):
            return f"{self.last // 6}H{yy}"
        if self.first == 1:
            return f"{self.last}M{yy}"
        return f"{self.first}-{self.last}M{yy}"

    @property
    def months(self) -> int:
        return self.last - self.first + 1

    def shifted(self, years: int) -> Span:
        return Span(self.year + years, self.first, self.last)


def parse(key: str, century: int = 2000) -> Span:
    """The span of ``1Q25``, ``2H24`` or ``9M25``; :class:`InterimError` for anything else."""
    match = _INTERIM.match(key)
    if match is None:
        raise InterimError(f"{key!r} is not an interim period; expected a quarter (3Q25), a "
                           "half (1H25) or a cumulative period (9M25)")
    quarter, half, cumulative, yy = match.groups()
    year = century + int(yy)
    if quarter:
        return Span(year, 3 * int(quarter) - 2, 3 * int(quarter))
    if half:
        return Span(year, 6 * int(half) - 5, 6 * int(half))
    return Span(year, 1, int(cumulative))


def year_to_date(reported: list[str], year: int) -> int:
    """The months of ``year`` reported from its start (0 when nothing is), checking that every
    period is of that year and that together they run on from month 1 without a gap."""
    spans = []
    for key in reported:
        span = parse(key, century=year - year % 100)
        if span.year != year:
            raise InterimError(f"{key} is not in {year}, the first forecast year: reported "
                               "periods are the first forecast year's")
        spans.append(span)
    covered = 0
    for span in sorted(spans, key=lambda s: (s.last, s.first)):
        if span.first == 1 or span.first <= covered + 1:
            covered = max(covered, span.last)
        else:
            raise InterimError(f"{span.key} starts in month {span.first}, but what is reported "
                               f"before it covers months 1-{covered}: the year to date has a "
                               "gap")
    if covered == YEAR_MONTHS:
        raise InterimError(f"the periods cover all of {year}: it is a reported year; move it "
                           "to timeline.actual_years")
    return covered


def rest_of_year(year: int, covered: int) -> Span:
    return Span(year, covered + 1, YEAR_MONTHS)


def rest_label(span: Span) -> str:
    """A reader's name for the rest of the year: 4Q, 2H, or 2Q-4Q."""
    if span.months == 3:
        return f"{span.last // 3}Q"
    if span.months == 6 and span.first == 7:
        return "2H"
    return f"{(span.first + 2) // 3}Q-4Q"


def period_end(key: str, fiscal_year_end: str) -> dt.date:
    """The last day of ``FY2024``, ``3Q25``, ``1H25`` or ``9M25``, for a fiscal year ending on
    ``fiscal_year_end`` (MM-DD): fiscal month 12 is the calendar month the year ends in."""
    month, day = (int(part) for part in fiscal_year_end.split("-"))
    if key.startswith("FY"):
        return dt.date(int(key[2:]), month, day)
    span = parse(key)
    offset = month - YEAR_MONTHS + span.last  # calendar month of the span's last fiscal month
    year = span.year + (offset - 1) // YEAR_MONTHS
    calendar_month = (offset - 1) % YEAR_MONTHS + 1
    if calendar_month == month:
        return dt.date(year, month, day)
    return dt.date(year, calendar_month, calendar.monthrange(year, calendar_month)[1])

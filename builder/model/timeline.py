"""The model's timelines: annual columns shared by every annual sheet, and the interim bridge.

The interim timeline puts the first forecast year's reported periods beside the same periods a
year earlier: for each of the two years, the reported periods (quarters, halves or cumulative
periods), the year to date, the rest of the year and the full year. The first forecast year's
rest is what the annual forecast implies; a year earlier it is reported or derived.
"""

from __future__ import annotations

from dataclasses import dataclass

from builder.inputs.schema import Assumptions
from builder.model.items import Period, Timeline
from builder.model.periods import Span, parse, rest_label, rest_of_year, year_to_date

ANNUAL = "annual"
INTERIM = "interim"


def annual_timeline(assumptions: Assumptions) -> Timeline:
    actual = [Period(f"FY{y}", f"FY{y}A", True) for y in assumptions.timeline.actual_years]
    forecast = [Period(f"FY{y}", f"FY{y}E", False) for y in assumptions.timeline.forecast_years]
    return Timeline(ANNUAL, tuple(actual + forecast))


@dataclass(frozen=True)
class InterimYear:
    """The columns of one fiscal year on the interim sheet, by role."""

    year: int
    reported: tuple[str, ...]  # the periods reported (or their prior-year equivalents)
    to_date: str  # the year to date: one of ``reported`` when a cumulative period covers it
    rest: str
    full: str  # the full year, linked to the annual sheets

    @property
    def keys(self) -> tuple[str, ...]:
        ordered = list(self.reported)
        if self.to_date not in ordered:
            ordered.append(self.to_date)
        return (*ordered, self.rest, self.full)


@dataclass(frozen=True)
class InterimLayout:
    """The interim sheet's columns: the year before the first forecast year, then that year."""

    prior: InterimYear
    current: InterimYear
    spans: dict[str, Span]  # period key -> its months (not the full-year columns)

    @property
    def timeline(self) -> Timeline:
        periods = []
        for year, actual_rest in ((self.prior, True), (self.current, False)):
            for key in year.keys:
                if key == year.full:
                    label = f"FY{year.year}{'A' if actual_rest else 'E'}"
                    periods.append(Period(key, label, actual_rest))
                elif key == year.rest:
                    span = self.spans[key]
                    label = f"{rest_label(span)}{span.year % 100:02d}"
                    periods.append(Period(key, label + ("A" if actual_rest else "E"),
                                          actual_rest))
                else:
                    periods.append(Period(key, key + "A", True))
        return Timeline(INTERIM, tuple(periods))


def full_year_key(year: int) -> str:
    """The interim sheet's full-year column (the annual sheets own ``FY2025``)."""
    return f"FY{year}i"


def interim_layout(assumptions: Assumptions) -> InterimLayout | None:
    """None when no interim period of the first forecast year is reported."""
    reported = assumptions.timeline.reported_periods
    if not reported:
        return None
    year = assumptions.timeline.forecast_years[0]
    covered = year_to_date(reported, year)
    spans: dict[str, Span] = {}
    years = []
    for shift in (-1, 0):
        own = tuple(sorted((parse(k, century=year - year % 100).shifted(shift) for k in reported),
                           key=lambda s: (s.last, s.first)))
        to_date = Span(year + shift, 1, covered)
        rest = rest_of_year(year + shift, covered)
        for span in (*own, to_date, rest):
            spans[span.key] = span
        years.append(InterimYear(year + shift, tuple(dict.fromkeys(s.key for s in own)),
                                 to_date.key, rest.key, full_year_key(year + shift)))
    return InterimLayout(years[0], years[1], spans)

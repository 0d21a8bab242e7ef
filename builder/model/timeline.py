"""The model's two timelines: annual columns shared by every annual sheet, and quarters."""

from __future__ import annotations

import re

from builder.inputs.schema import Assumptions
from builder.model.items import Period, Timeline

ANNUAL = "annual"
QUARTERLY = "quarterly"

_QUARTER = re.compile(r"^([1-4])Q(\d{2})$")


def annual_timeline(assumptions: Assumptions) -> Timeline:
    actual = [Period(f"FY{y}", f"FY{y}A", True) for y in assumptions.timeline.actual_years]
    forecast = [Period(f"FY{y}", f"FY{y}E", False) for y in assumptions.timeline.forecast_years]
    return Timeline(ANNUAL, tuple(actual + forecast))


def quarterly_timeline(assumptions: Assumptions) -> Timeline:
    """The first forecast year's quarters and the year before, e.g. 1Q24..4Q25.

    Reported quarters of the current year are actual; the rest of the current year is estimate.
    The prior year's quarters are actual (reported, or rebuilt from reported growth).
    """
    year = assumptions.timeline.forecast_years[0] % 100
    reported = set(assumptions.timeline.reported_quarters)
    periods = [Period(f"{q}Q{year - 1:02d}", f"{q}Q{year - 1:02d}A", True) for q in range(1, 5)]
    for q in range(1, 5):
        key = f"{q}Q{year:02d}"
        periods.append(Period(key, key + ("A" if key in reported else "E"), key in reported))
    return Timeline(QUARTERLY, tuple(periods))


def quarter_parts(key: str) -> tuple[int, int]:
    """(quarter, two-digit year) of a key such as ``3Q25``."""
    match = _QUARTER.match(key)
    if match is None:
        raise ValueError(f"not a quarter: {key!r}")
    return int(match.group(1)), int(match.group(2))

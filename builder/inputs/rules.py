"""Checks the schema cannot express alone: every series covers the horizon, values are plausible.

Each rule takes the validated assumptions and yields problems with a dotted key path; the loader
adds file and line. Ranges are deliberately wide: they catch a percentage typed as 25 instead of
0.25 or a sign slip, not an analyst's bold view.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from builder.inputs import listing_rules, valuation_rules
from builder.inputs.schema import Assumptions, DriverOverrides, Drivers, RevenueGrowth

KeyPath = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class RuleProblem:
    path: KeyPath
    message: str


@dataclass(frozen=True, slots=True)
class Bounds:
    low: float
    high: float
    what: str


GROWTH = Bounds(-1.0, 5.0, "growth between -100% and +500% (as a fraction)")
MARGIN = Bounds(-1.0, 1.0, "a margin between -1 and 1 (as a fraction)")
SHARE_OF_REVENUE = Bounds(0.0, 2.0, "a share of revenue between 0 and 2 (as a fraction)")
SIGNED_SHARE = Bounds(-1.0, 1.0, "a share of revenue between -1 and 1 (as a fraction)")
DAYS = Bounds(0.0, 730.0, "a day count between 0 and 730")

DRIVER_BOUNDS: dict[str, Bounds] = {
    "gross_margin": MARGIN,
    "selling_pct_revenue": SHARE_OF_REVENUE,
    "ga_pct_revenue": SHARE_OF_REVENUE,
    "rnd_pct_revenue": SHARE_OF_REVENUE,
    "other_income_pct_revenue": SIGNED_SHARE,
    "da_pct_revenue": SHARE_OF_REVENUE,
    "capex_pct_revenue": SHARE_OF_REVENUE,
    "receivable_days": DAYS,
    "payable_days": DAYS,
}
SEGMENTS = ("ai_public_cloud", "non_ai_public_cloud", "industry_cloud")
TOTAL = "total"


def check(assumptions: Assumptions) -> list[RuleProblem]:
    years = assumptions.timeline.forecast_years
    growth = assumptions.drivers.revenue_growth
    segments = (TOTAL,) if growth.total is not None else SEGMENTS
    problems = list(_revenue_mode(growth))
    problems += _driver_series(("drivers",), assumptions.drivers, years, segments, required=True)
    for name in ("bear", "bull"):
        overrides: DriverOverrides = getattr(assumptions.scenarios, name)
        problems += _driver_series(("scenarios", name), overrides, years, segments,
                                   required=False)
        problems += _foreign_segments(("scenarios", name), overrides, segments)
    problems.extend(RuleProblem(p.path, p.message) for p in valuation_rules.check(
        assumptions.market, assumptions.valuation, assumptions.peers, years))
    problems.extend(RuleProblem(p.path, p.message) for p in listing_rules.check(assumptions))
    return problems


def _revenue_mode(growth: RevenueGrowth) -> Iterator[RuleProblem]:
    """Growth is given for the three segments, or as ``total`` alone; never a mix."""
    given = [s for s in SEGMENTS if getattr(growth, s) is not None]
    if growth.total is not None and given:
        yield RuleProblem(("drivers", "revenue_growth", TOTAL),
                          f"give total alone (one segment) or the segments, not both; "
                          f"got total and {', '.join(given)}")


def _foreign_segments(prefix: KeyPath, overrides: DriverOverrides,
                      segments: tuple[str, ...]) -> Iterator[RuleProblem]:
    growth = overrides.revenue_growth
    for name in (*SEGMENTS, TOTAL):
        if growth is not None and name not in segments and getattr(growth, name) is not None:
            yield RuleProblem((*prefix, "revenue_growth", name),
                              f"the base case has no {name!r} growth; expected one of "
                              f"{', '.join(segments)}")


def _driver_series(
    prefix: KeyPath, drivers: Drivers | DriverOverrides, years: list[int],
    segments: tuple[str, ...], required: bool,
) -> Iterator[RuleProblem]:
    growth = drivers.revenue_growth
    for segment in segments:
        series = getattr(growth, segment) if growth is not None else None
        if series is not None or required:
            yield from _series((*prefix, "revenue_growth", segment), series, years, GROWTH)
    for name, bounds in DRIVER_BOUNDS.items():
        series = getattr(drivers, name)
        if series is not None or required:
            yield from _series((*prefix, name), series, years, bounds)


def _series(
    path: KeyPath, series: dict[int, float] | None, years: list[int], bounds: Bounds
) -> Iterator[RuleProblem]:
    if series is None:
        yield RuleProblem(path, f"missing; expected a value for each of {years[0]}..{years[-1]}")
        return
    missing = [year for year in years if year not in series]
    extra = [year for year in series if year not in years]
    if missing:
        yield RuleProblem(path, f"no value for {', '.join(map(str, missing))}; the horizon is "
                                f"{years[0]}..{years[-1]} ({len(years)} years), got {len(series)}")
    if extra:
        yield RuleProblem(path, f"years {', '.join(map(str, extra))} are outside the horizon "
                                f"{years[0]}..{years[-1]}")
    for year, value in series.items():
        if year in years and not bounds.low <= value <= bounds.high:
            yield RuleProblem((*path, year), f"expected {bounds.what}, got {value!r}")

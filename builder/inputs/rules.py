"""Checks the schema cannot express alone: every series covers the horizon, values are plausible,
the declared segments and their drivers fit together.

Each rule takes the validated assumptions and yields problems with a dotted key path; the loader
adds file and line. Ranges are deliberately wide: they catch a percentage typed as 25 instead of
0.25 or a sign slip, not an analyst's bold view.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from builder.inputs import listing_rules, revenue_rules, valuation_rules
from builder.inputs.record import DayOrMonth
from builder.inputs.schema import Assumptions
from builder.inputs.statement_schema import DriverOverrides, Drivers

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
FRACTION = Bounds(0.0, 1.0, "a fraction between 0 and 1")
MARGIN = Bounds(-1.0, 1.0, "a margin between -1 and 1 (as a fraction)")
SHARE_OF_REVENUE = Bounds(0.0, 2.0, "a share of revenue between 0 and 2 (as a fraction)")
SIGNED_SHARE = Bounds(-1.0, 1.0, "a share of revenue between -1 and 1 (as a fraction)")
DAYS = Bounds(0.0, 730.0, "a day count between 0 and 730")
RATE = Bounds(0.0, 0.5, "a rate between 0 and 0.5 (as a fraction)")
MONEY = Bounds(-1e9, 1e9, "an amount in millions between -1e9 and 1e9")
POSITIVE_MONEY = Bounds(0.0, 1e9, "an amount in millions between 0 and 1e9")
QUANTITY = Bounds(0.0, 1e12, "a quantity between 0 and 1e12")

DRIVER_BOUNDS: dict[str, Bounds] = {
    "gross_margin": MARGIN,
    "da_pct_revenue": SHARE_OF_REVENUE,
    "capex_pct_revenue": SHARE_OF_REVENUE,
    "other_income_pct_revenue": SIGNED_SHARE,
    "non_recurring": MONEY,
    "sbc_pct_revenue": SHARE_OF_REVENUE,
    "receivable_days": DAYS,
    "inventory_days": DAYS,
    "payable_days": DAYS,
    "other_current_assets_pct_revenue": SHARE_OF_REVENUE,
    "accrued_expenses_pct_revenue": SHARE_OF_REVENUE,
    "other_current_liabilities_pct_revenue": SHARE_OF_REVENUE,
    "interest_rate_on_debt": RATE,
    "interest_rate_on_cash": RATE,
    "minority_share": FRACTION,
    "dividend_payout": FRACTION,
    "debt_change": MONEY,
    "equity_issuance": POSITIVE_MONEY,
    "buybacks": POSITIVE_MONEY,
    "other_investing": MONEY,
    "other_financing": MONEY,
}
SEGMENT_BOUNDS = {"growth": GROWTH, "share": FRACTION, "volume": QUANTITY, "price": QUANTITY}


def check(assumptions: Assumptions) -> list[RuleProblem]:
    years = assumptions.timeline.forecast_years
    problems = [RuleProblem(p.path, p.message)
                for p in revenue_rules.check(assumptions.company, assumptions.drivers,
                                             assumptions.scenarios)]
    problems += _driver_series(("drivers",), assumptions.drivers, years, required=True)
    for name in ("bear", "bull"):
        overrides: DriverOverrides = getattr(assumptions.scenarios, name)
        problems += _driver_series(("scenarios", name), overrides, years, required=False)
        problems += _foreign_overrides(("scenarios", name), overrides, assumptions.drivers)
    problems += _reported_periods(assumptions)
    problems += _balance_sheet_period(assumptions)
    problems += _known_by_as_of(assumptions)
    problems.extend(RuleProblem(p.path, p.message) for p in valuation_rules.check(
        assumptions.market, assumptions.valuation, assumptions.peers, years))
    problems.extend(RuleProblem(p.path, p.message) for p in listing_rules.check(assumptions))
    return problems


def _driver_series(prefix: KeyPath, drivers: Drivers | DriverOverrides, years: list[int],
                   required: bool) -> Iterator[RuleProblem]:
    for segment, driver in drivers.revenue.items():
        for kind, bounds in SEGMENT_BOUNDS.items():
            values = getattr(driver, kind)
            if values is not None:
                yield from _series((*prefix, "revenue", segment, kind), values, years, bounds)
    for line, entry in drivers.opex.items():
        values = entry if isinstance(entry, dict) else entry.pct_revenue
        path = (*prefix, "opex", line) if isinstance(entry, dict) else \
            (*prefix, "opex", line, "pct_revenue")
        yield from _series(path, values, years, SHARE_OF_REVENUE)
    for name, bounds in DRIVER_BOUNDS.items():
        values = getattr(drivers, name)
        if values is not None:
            yield from _series((*prefix, name), values, years, bounds)
        elif required and name in ("gross_margin", "da_pct_revenue", "capex_pct_revenue"):
            yield from _series((*prefix, name), None, years, bounds)


def _foreign_overrides(prefix: KeyPath, overrides: DriverOverrides,
                       base: Drivers) -> Iterator[RuleProblem]:
    """A scenario overrides drivers the base case has, with the same kind of driver."""
    for segment, driver in overrides.revenue.items():
        if segment not in base.revenue:
            yield RuleProblem((*prefix, "revenue", segment),
                              f"the base case has no driver for {segment!r}; expected one of "
                              f"{', '.join(base.revenue)}")
            continue
        for kind in SEGMENT_BOUNDS:
            if getattr(driver, kind) is not None and getattr(base.revenue[segment], kind) is None:
                yield RuleProblem((*prefix, "revenue", segment, kind),
                                  f"the base case drives {segment!r} by "
                                  f"{revenue_rules.kind_of(base.revenue[segment])}, not {kind}")
    for line in overrides.opex:
        if line not in base.opex:
            yield RuleProblem((*prefix, "opex", line),
                              f"the base case has no opex line {line!r}; expected one of "
                              f"{', '.join(base.opex) or '(none)'}")
    for name in DRIVER_BOUNDS:
        if getattr(overrides, name) is not None and getattr(base, name) is None:
            yield RuleProblem((*prefix, name), f"the base case has no {name}: a scenario can "
                                               "only change a driver the base case gives")


def _reported_periods(assumptions: Assumptions) -> Iterator[RuleProblem]:
    from builder.model.periods import InterimError, year_to_date

    first = assumptions.timeline.forecast_years[0]
    path = ("timeline", "reported_periods")
    try:
        year_to_date(assumptions.timeline.reported_periods, first)
    except InterimError as error:
        yield RuleProblem(path, str(error))


def _balance_sheet_period(assumptions: Assumptions) -> Iterator[RuleProblem]:
    """The bridge reads a reported balance sheet: an actual year, or a reported interim period."""
    if assumptions.valuation is None:
        return
    period = assumptions.valuation.equity_bridge.balance_sheet
    timeline = assumptions.timeline
    allowed = [f"FY{y}" for y in timeline.actual_years] + list(timeline.reported_periods)
    if period not in allowed:
        yield RuleProblem(("valuation", "equity_bridge", "balance_sheet"),
                          f"{period} is not a reported balance sheet of this model; expected "
                          f"one of {', '.join(allowed)} (actual years and reported periods)")


def _known_by_as_of(assumptions: Assumptions) -> Iterator[RuleProblem]:
    """Market inputs are point in time too: no price, share count or placement dated after
    ``as_of``. A placement given by its month is known on the month's last day."""
    market, as_of = assumptions.market, assumptions.as_of
    if market is None:
        return
    dated: list[tuple[KeyPath, dt.date | DayOrMonth]] = [
        (("market", "prices", i, "date"), p.date) for i, p in enumerate(market.prices)]
    dated.append((("market", "shares", "as_of"), market.shares.as_of))
    dated += [(("market", "shares", "placements", i, "date"), p.date)
              for i, p in enumerate(market.shares.placements)]
    for path, when in dated:
        day = when.day if isinstance(when, DayOrMonth) else when
        if day > as_of:
            yield RuleProblem(path, _after(when, as_of))


def _after(when: dt.date | DayOrMonth, as_of: dt.date) -> str:
    """Why ``when`` is too late; a month that holds ``as_of`` may only lack its day."""
    if isinstance(when, DayOrMonth) and when.is_month and when.day.replace(day=1) <= as_of:
        return (f"{when} is a month, taken as known on its last day ({when.day.isoformat()}), "
                f"which is after as_of ({as_of.isoformat()}): give the day if it was known by "
                "then")
    wording = str(when) if isinstance(when, DayOrMonth) else when.isoformat()
    return f"{wording} is after as_of ({as_of.isoformat()}): the model could not have known it"


def _series(path: KeyPath, series: dict[int, float] | None, years: list[int],
            bounds: Bounds) -> Iterator[RuleProblem]:
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

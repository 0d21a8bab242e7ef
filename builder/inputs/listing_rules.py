"""Rules for listings, prices and currencies: every conversion the valuation makes has its rate.

Values per share are worked out in the reporting currency and converted per listing at the FX
inputs, so a currency without a rate cannot be priced; the rules refuse it here, naming the key,
rather than let a price be read in the wrong currency (the worst failure this tool can have:
a wrong upside and rating, silently).
"""

from __future__ import annotations

from collections.abc import Iterator

from builder.inputs.currencies import currencies_used
from builder.inputs.schema import Assumptions
from builder.inputs.valuation_rules import Problem


def check(assumptions: Assumptions) -> Iterator[Problem]:
    company, market = assumptions.company, assumptions.market
    tickers = [listing.ticker for listing in company.listings]
    for index, ticker in enumerate(tickers):
        if ticker in tickers[:index]:
            yield Problem(("company", "listings", index, "ticker"), f"{ticker!r} is listed twice")
    if market is None:
        return
    for index, price in enumerate(market.prices):
        if price.ticker not in tickers:
            yield Problem(("market", "prices", index, "ticker"),
                          f"{price.ticker!r} is not one of company.listings "
                          f"({', '.join(tickers)})")
    priced = [p.ticker for p in market.prices]
    if market.rating_listing is not None and market.rating_listing not in priced:
        yield Problem(("market", "rating_listing"),
                      f"{market.rating_listing!r} has no price under market.prices; the rating "
                      f"is set by a priced listing ({', '.join(priced)})")
    yield from _rates(assumptions)


def _rates(assumptions: Assumptions) -> Iterator[Problem]:
    market = assumptions.market
    assert market is not None
    reporting = assumptions.company.reporting_currency
    if reporting in market.fx:
        yield Problem(("market", "fx", reporting), f"{reporting} is the reporting currency: its "
                                                   "rate is 1 and is not given")
    for code, rate in market.fx.items():
        if len(code) != 3 or not code.isalpha() or not code.isupper():
            yield Problem(("market", "fx", code), f"expected an ISO currency code such as USD, "
                                                  f"got {code!r}")
        elif not rate > 0:
            yield Problem(("market", "fx", code), f"expected a rate greater than 0 ({reporting} "
                                                  f"per {code}), got {rate!r}")
    for code, path in currencies_used(assumptions).items():
        if code != reporting and code not in market.fx:
            yield Problem(path, f"{code} needs a rate: add market.fx.{code} ({reporting} per "
                                f"{code}); without it, {code} prices cannot be converted")
    rates = {reporting: 1.0, **market.fx}
    for index, cross in enumerate(market.fx_cross):
        base, quote = cross.pair.split("/")
        path = ("market", "fx_cross", index)
        missing = [c for c in (base, quote) if c not in rates]
        if missing:
            yield Problem((*path, "pair"), f"{', '.join(missing)} has no rate under market.fx")
            continue
        if min(rates[base], rates[quote]) <= 0:
            continue
        implied = rates[base] / rates[quote]
        gap = abs(implied - cross.rate) / cross.rate
        if gap > market.fx_tolerance:
            yield Problem(path, f"market.fx implies {implied:.4f} {quote} per {base} but the "
                                f"quoted rate is {cross.rate:g} (gap {gap:.2%}, tolerance "
                                f"{market.fx_tolerance:.2%})")

"""Refuse the listings and currencies this version's market model would convert wrongly.

The market model (:mod:`builder.model.market`) holds FX as CNY per USD and CNY per HKD, values
the equity in CNY and quotes the target per ADS in USD or per ordinary share in HKD. A company
reporting in another currency, or listed in a currency other than those, would not fail: its
price would be divided by the wrong rate and the upside and rating would come out silently wrong
(a CNY 100 A-share read as HKD 100). Until listings and FX are general, such inputs are refused
here with a message that says what the model can convert, so nothing prices on a wrong rate.
"""

from __future__ import annotations

from collections.abc import Iterator

from builder.inputs.schema import Assumptions
from builder.inputs.valuation_rules import Problem

REPORTING_CURRENCY = "CNY"
# The currency each instrument's price is converted from, as the market model does it.
INSTRUMENT_CURRENCY = {"ADS": "USD", "ordinary": "HKD"}


def check(assumptions: Assumptions) -> Iterator[Problem]:
    company = assumptions.company
    if company.reporting_currency != REPORTING_CURRENCY:
        yield Problem(("company", "reporting_currency"),
                      f"the valuation converts from {REPORTING_CURRENCY} accounts only (FX is "
                      f"given as {REPORTING_CURRENCY} per USD and per HKD); got "
                      f"{company.reporting_currency!r}, whose figures would be converted at the "
                      "wrong rates")
    for index, listing in enumerate(company.listings):
        expected = INSTRUMENT_CURRENCY[listing.instrument]
        if listing.currency != expected:
            yield Problem(("company", "listings", index, "currency"),
                          f"an {listing.instrument} listing is priced in {expected} by the "
                          f"valuation (per {_unit(listing.instrument)}); got "
                          f"{listing.currency!r}, which would be converted as {expected} and "
                          "give a wrong target and upside")
    market = assumptions.market
    if market is not None:
        listed = {listing.instrument for listing in company.listings}
        if market.price.instrument not in listed:
            yield Problem(("market", "price", "instrument"),
                          f"the price is per {_unit(market.price.instrument)}, but "
                          f"company.listings has no {market.price.instrument} listing; "
                          f"listed: {', '.join(sorted(listed))}")


def _unit(instrument: str) -> str:
    return "ADS" if instrument == "ADS" else "ordinary share"

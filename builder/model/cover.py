"""The Cover's summary: what an analyst wants first, each a formula on the cell it summarises.

Per listing, the target price, the current price and the upside in that listing's currency; the
rating and the thresholds that gave it; the scenario, the master check and the warnings; and the
key forecast lines of the first three forecast years. The price input is for one instrument
(``market.price``); another listing's price is that price converted at the FX inputs, and says so.
"""

from __future__ import annotations

from builder.inputs.schema import Assumptions, Listing
from builder.model import checks, drivers, market
from builder.model.book import ItemBook
from builder.model.expr import Expr, at
from builder.model.functions import ratio, total
from builder.model.items import Timeline, Unit

# (forecast line, label) shown for the first forecast years.
KEY_LINES = (("fc_revenue", "Total revenue"), ("fc_ebitda", "EBITDA"),
             ("fc_net_income", "Net income (loss)"), ("fc_fcff", "Free cash flow to the firm"))
KEY_YEARS = 3


def listing_key(listing: Listing) -> str:
    """A key part for a listing, from its ticker (any text: kept to letters and digits)."""
    return "".join(c if c.isalnum() else "_" for c in listing.ticker.lower())


def add_cover(book: ItemBook, assumptions: Assumptions, annual: Timeline) -> None:
    book.calc("cover_scenario", "Scenario selected", Unit.TEXT, None,
              cells={None: at(drivers.SCENARIO_KEY, None)})
    book.calc("cover_master_check", "Master check (0 = all checks pass)", Unit.FLAG, None,
              cells={None: at(checks.MASTER, None)})
    warnings = [item.key for item in book.items
                if item.key.startswith("warn_") and item.timeline is None]
    if warnings:
        book.calc("cover_warnings", "Warnings raised (#; judgements, not in the master check)",
                  Unit.INDEX, None, cells={None: total(*(at(k, None) for k in warnings))})
    if assumptions.valuation is not None and assumptions.market is not None:
        _listings(book, assumptions)
        book.calc("cover_rating", "Rating", Unit.TEXT, None, cells={None: at("val_rating", None)})
        book.calc("cover_buy_at", "Rating rule: Buy when the upside is at least (%)", Unit.RATIO,
                  None, cells={None: at("in_rating_buy_at", None)})
        book.calc("cover_sell_at", "Rating rule: Sell when the upside is at most (%); Hold "
                  "between", Unit.RATIO, None, cells={None: at("in_rating_sell_at", None)})
    for period in annual.periods:
        if period.actual:
            continue
        if annual.forecast_keys().index(period.key) >= KEY_YEARS:
            break
        for key, label in KEY_LINES:
            if book.has(key, period.key):
                book.calc(f"cover_{key}_{period.key}", f"{label}, {period.label} (CNY m)",
                          Unit.CNY_M, None, cells={None: at(key, period.key)})


def _listings(book: ItemBook, assumptions: Assumptions) -> None:
    quoted = assumptions.market.price.instrument  # type: ignore[union-attr]
    headline = market.TO_ADS if quoted == "ADS" else market.TO_HK
    for listing in assumptions.company.listings:
        part = listing_key(listing)
        ads = listing.instrument == "ADS"
        unit = Unit.USD if ads else Unit.HKD
        per = f"{listing.currency} per {'ADS' if ads else 'share'}"
        name = f"{listing.exchange} {listing.ticker}"
        target = book.calc(f"cover_{part}_target", f"{name}: target price ({per})", unit, None,
                           cells={None: at("val_target_ads" if ads else "val_target_hk", None)})
        if listing.instrument == quoted:
            price_label = f"{name}: current price ({per})"
            price: Expr = at(market.PRICE, None)
        else:
            price_label = f"{name}: current price, the quoted one at the FX inputs ({per})"
            price = (at(market.PRICE, None) / at(headline, None)
                     * at(market.TO_ADS if ads else market.TO_HK, None))
        current = book.calc(f"cover_{part}_price", price_label, unit, None, cells={None: price})
        book.calc(f"cover_{part}_upside", f"{name}: upside to the current price (%)", Unit.RATIO,
                  None, cells={None: ratio(at(target, None) - at(current, None),
                                           at(current, None))})

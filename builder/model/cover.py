"""The Cover's summary: what an analyst wants first, each a formula on the cell it summarises.

Per listing, the target price, the current price and the upside in that listing's currency; the
rating and the thresholds that gave it, naming the listing whose upside sets it; the scenario,
the master check and the warnings; the funding the forecast needs; and the key forecast lines of
the first three forecast years.
"""

from __future__ import annotations

from collections.abc import Sequence

from builder.model import checks, drivers
from builder.model.book import ItemBook
from builder.model.expr import at
from builder.model.functions import maximum, total
from builder.model.items import Timeline, Unit
from builder.model.market import Quotes

# (forecast line, label) shown for the first forecast years.
KEY_LINES = (("fc_revenue", "Total revenue"), ("fc_ebitda", "EBITDA"),
             ("fc_net_income", "Net profit attributable"), ("fc_eps_basic", "EPS, basic"),
             ("fc_fcff", "Free cash flow to the firm"), ("fc_cash", "Cash at year end"),
             ("fc_net_debt", "Net debt at year end"))
KEY_YEARS = 3


def add_cover(book: ItemBook, annual: Timeline, quotes: Quotes | None,
              warnings: Sequence[str]) -> None:
    book.calc("cover_scenario", "Scenario selected", Unit.TEXT, None,
              cells={None: at(drivers.SCENARIO_KEY, None)})
    book.calc("cover_master_check", "Master check (0 = all checks pass)", Unit.FLAG, None,
              cells={None: at(checks.MASTER, None)})
    if warnings:
        book.calc("cover_warnings", "Warnings raised (#; judgements, not in the master check)",
                  Unit.INDEX, None, cells={None: total(*(at(k, None) for k in warnings))})
    if quotes is not None:
        _listings(book, quotes)
        book.calc("cover_rating", "Rating", Unit.TEXT, None, cells={None: at("val_rating", None)})
        # The rule names its listing: with two listings, a reader must know whose upside counts.
        listing = quotes.rating.listing
        upside = f"the upside to {listing.exchange} {listing.ticker}'s current price"
        book.calc("cover_buy_at", f"Rating rule: Buy when {upside} is at least (%)", Unit.RATIO,
                  None, cells={None: at("in_rating_buy_at", None)})
        book.calc("cover_sell_at", f"Rating rule: Sell when {upside} is at most (%); Hold "
                  "between", Unit.RATIO, None, cells={None: at("in_rating_sell_at", None)})
    forecast = annual.forecast_keys()
    for key, label in (("fc_revolver", "Funding drawn on the revolver, peak over the forecast"),
                       ("fc_funding_need", "Funding need not yet financed, peak over the "
                                           "forecast")):
        if book.has(key):
            book.calc(f"cover_{key}_peak", book.money(label), Unit.MONEY, None,
                      cells={None: maximum(0, *(at(key, p) for p in forecast))},
                      name="FundingNeed")
    for period in annual.periods:
        if period.actual:
            continue
        if forecast.index(period.key) >= KEY_YEARS:
            break
        for key, label in KEY_LINES:
            if book.has(key, period.key):
                item = book.item(key)
                assert item is not None
                text = f"{label}, {period.label}"
                book.calc(f"cover_{key}_{period.key}",
                          book.money(text) if item.unit is Unit.MONEY else book.price(text),
                          item.unit, None, cells={None: at(key, period.key)})


def _listings(book: ItemBook, quotes: Quotes) -> None:
    for quote in quotes.listings:
        listing = quote.listing
        name = f"{listing.exchange} {listing.ticker}"
        per = f"per {quote.unit_name}"
        book.calc(f"cover_{quote.key}_target", book.price(f"{name}: target price {per}",
                                                          quote.currency),
                  Unit.PRICE, None, currency=quote.currency,
                  cells={None: at(f"val_target_{quote.key}", None)})
        typed = "" if quote.typed else f", {quotes.rating.listing.ticker}'s at the FX inputs"
        book.calc(f"cover_{quote.key}_price", book.price(f"{name}: current price {per}{typed}",
                                                         quote.currency),
                  Unit.PRICE, None, currency=quote.currency,
                  cells={None: at(quote.price, None)})
        book.calc(f"cover_{quote.key}_upside", f"{name}: upside to the current price (%)",
                  Unit.RATIO, None, cells={None: at(f"val_upside_{quote.key}", None)})

"""Market inputs: prices per listing, FX rates, the share count and the per-unit conversions.

Every value per share is worked out per ordinary share in the reporting currency, then
converted for each listing: times its ordinary shares per unit, divided by its currency's rate
(reporting currency per unit of it). FX is given as the rate of each currency used to the
reporting currency; quoted cross rates are checked against those. Everything here is shared by
the live model and the scenario copies: a scenario changes the forecast, not the price of the
shares or the dollar.
"""

from __future__ import annotations

from dataclasses import dataclass

from builder.inputs.currencies import currencies_used
from builder.inputs.schema import Assumptions, Listing
from builder.inputs.valuation_schema import CrossRate
from builder.model.book import ItemBook
from builder.model.expr import Expr, at
from builder.model.functions import ratio, total
from builder.model.items import Unit

SHARES_BASIC = "val_shares"
SHARES_DILUTED = "val_shares_diluted"
FX_TOLERANCE = "in_fx_tolerance"
NO_SOURCE = "Source: not given in the assumptions (market.*.source)"


def listing_key(listing: Listing) -> str:
    """A key part for a listing, from its ticker (any text: kept to letters and digits)."""
    return "".join(c if c.isalnum() else "_" for c in listing.ticker.lower())


@dataclass(frozen=True)
class Quote:
    """One listing as the valuation quotes it: its conversion and (typed or converted) price."""

    listing: Listing
    key: str  # listing_key
    factor: str  # item: listing currency per unit, per reporting currency per ordinary share
    price: str  # item: the current price per unit, in the listing's currency
    typed: bool  # the price is an input (else converted from the rating listing's)

    @property
    def unit_name(self) -> str:
        return "ADS" if self.listing.instrument == "ADS" else "share"

    @property
    def currency(self) -> str:
        return self.listing.currency


@dataclass(frozen=True)
class Quotes:
    listings: tuple[Quote, ...]
    rating: Quote  # the listing whose upside sets the rating: the headline

    def of(self, key: str) -> Quote:
        return next(q for q in self.listings if q.key == key)


def fx_codes(assumptions: Assumptions) -> tuple[str, ...]:
    """The reporting currency, then every currency a listing, placement or peer uses, in the
    order ``market.fx`` gives their rates: the FX table. A rate given for no use (a shared macro
    file's, for a company that trades in none of them) stays out of the workbook."""
    market = assumptions.market
    assert market is not None
    reporting = assumptions.company.reporting_currency
    used = currencies_used(assumptions)
    return (reporting, *(c for c in market.fx if c != reporting and c in used))


def fx_crosses(assumptions: Assumptions) -> list[tuple[int, CrossRate]]:
    """The quoted cross rates (numbered from 1 as given) whose two currencies are both in the
    FX table: the others cross-check rates the model does not use."""
    market = assumptions.market
    assert market is not None
    codes = set(fx_codes(assumptions))
    return [(index, cross) for index, cross in enumerate(market.fx_cross, start=1)
            if set(cross.pair.split("/")) <= codes]


def fx_key(index: int) -> str:
    return f"in_fx_{index}"


def code_key(index: int) -> str:
    return f"in_ccy_{index}"


def fx_of(assumptions: Assumptions, currency: str) -> Expr:
    """The rate cell of ``currency``: reporting currency per unit of it."""
    return at(fx_key(fx_codes(assumptions).index(currency)), None)


def sourced(source: str) -> str:
    """A market input's cell comment: where the analyst took it from, or that nobody said."""
    return f"Source: {source.strip()}" if source.strip() else NO_SOURCE


def add_market(book: ItemBook, assumptions: Assumptions) -> Quotes:
    market = assumptions.market
    assert market is not None
    _fx(book, assumptions)
    _shares(book, assumptions)
    priced = {p.ticker: p for p in market.prices}
    rating_ticker = market.rating_listing or market.prices[0].ticker
    reporting = assumptions.company.reporting_currency
    quotes = []
    for listing in assumptions.company.listings:
        part = listing_key(listing)
        factor = book.calc(f"val_factor_{part}", f"{listing.currency} per "
                           f"{'ADS' if listing.instrument == 'ADS' else 'share'} of "
                           f"{listing.ticker} for each {reporting} per ordinary share",
                           Unit.FX, None,
                           cells={None: at(f"in_units_{part}", None)
                                  / fx_of(assumptions, listing.currency)})
        book.scalar_input(f"in_units_{part}", f"{listing.exchange} {listing.ticker}: ordinary "
                          "shares per traded unit (#)", Unit.INDEX, listing.shares_per_unit)
        price = priced.get(listing.ticker)
        key = f"in_price_{part}"
        if price is not None:
            book.scalar_input(key, book.price(f"{listing.exchange} {listing.ticker}: price per "
                              f"{'ADS' if listing.instrument == 'ADS' else 'share'}, "
                              f"{price.date.isoformat()}", listing.currency), Unit.PRICE,
                              price.value, currency=listing.currency,
                              name="CurrentPrice" if listing.ticker == rating_ticker else None,
                              description=sourced(price.source))
        quotes.append(Quote(listing, part, factor, key, price is not None))
    rating = next(q for q in quotes if q.listing.ticker == rating_ticker)
    for quote in quotes:
        if not quote.typed:
            book.calc(quote.price, book.price(
                f"{quote.listing.exchange} {quote.listing.ticker}: price per {quote.unit_name}, "
                f"{rating.listing.ticker}'s converted at the FX inputs", quote.currency),
                Unit.PRICE, None, currency=quote.currency,
                cells={None: at(rating.price, None) / at(rating.factor, None)
                       * at(quote.factor, None)})
    return Quotes(tuple(quotes), rating)


def _fx(book: ItemBook, assumptions: Assumptions) -> None:
    market = assumptions.market
    assert market is not None
    reporting = assumptions.company.reporting_currency
    codes = fx_codes(assumptions)
    for index, code in enumerate(codes):
        book.scalar_input(code_key(index), f"Currency code {index + 1} (text)", Unit.TEXT, code)
    for index, code in enumerate(codes):
        rate = 1.0 if code == reporting else market.fx[code]
        book.scalar_input(fx_key(index), f"FX: {reporting} per {code}"
                          + (" (always 1)" if code == reporting else ""), Unit.FX, rate,
                          description="" if code == reporting else sourced(market.fx_source))
    crosses = fx_crosses(assumptions)
    if crosses:  # the tolerance of their checks
        book.scalar_input(FX_TOLERANCE, "FX cross-rate tolerance (% of the quoted rate)",
                          Unit.RATIO, market.fx_tolerance)
    for index, cross in crosses:
        base, quote = cross.pair.split("/")
        book.scalar_input(f"in_fx_cross_{index}", f"FX quoted: {quote} per {base}", Unit.FX,
                          cross.rate, description=sourced(market.fx_source))
        book.calc(f"val_fx_cross_{index}", f"FX implied: {quote} per {base} ({reporting} per "
                  f"{base} / {reporting} per {quote})", Unit.FX, None,
                  cells={None: fx_of(assumptions, base) / fx_of(assumptions, quote)})


def _shares(book: ItemBook, assumptions: Assumptions) -> None:
    market = assumptions.market
    assert market is not None
    shares = market.shares
    book.scalar_input("in_shares_ordinary", f"Ordinary shares outstanding at "
                      f"{shares.as_of.isoformat()} (m shares)", Unit.SHARES_M, shares.ordinary_m,
                      description=sourced(shares.source))
    parts: list[Expr] = [at("in_shares_ordinary", None)]
    for number, placement in enumerate(shares.placements, start=1):
        proceeds, price = f"in_placement_{number}_proceeds", f"in_placement_{number}_price"
        book.scalar_input(proceeds, book.money(f"Placement {placement.date}: gross proceeds",
                                               placement.currency), Unit.MONEY,
                          placement.proceeds_m, currency=placement.currency,
                          description=sourced(placement.source))
        book.scalar_input(price, book.price(f"Placement {placement.date}: price per new share",
                                            placement.currency), Unit.PRICE, placement.price,
                          currency=placement.currency, description=sourced(placement.source))
        key = book.calc(f"val_placement_{number}_shares", f"Placement {placement.date}: new "
                        "shares (m shares)", Unit.SHARES_M, None,
                        cells={None: ratio(at(proceeds, None), at(price, None))})
        parts.append(at(key, None))
    book.calc(SHARES_BASIC, "Ordinary shares outstanding after placements (m shares)",
              Unit.SHARES_M, None, cells={None: total(*parts)}, name="SharesOutstanding")
    book.scalar_input("in_shares_dilutive", "Dilutive shares: options, RSUs, convertibles in "
                      "the money (m shares)", Unit.SHARES_M, shares.dilutive_m)
    book.calc(SHARES_DILUTED, "Diluted ordinary shares (m shares)", Unit.SHARES_M, None,
              cells={None: at(SHARES_BASIC, None) + at("in_shares_dilutive", None)},
              name="SharesDiluted")


def placements_after_balance_sheet(assumptions: Assumptions) -> Expr | None:
    """Cash from placements after the valuation's balance sheet date, in the reporting currency:
    the equity bridge adds it (the balance sheet does not hold it yet)."""
    market = assumptions.market
    assert market is not None
    parts = [at(f"in_placement_{n}_proceeds", None) * fx_of(assumptions, p.currency)
             for n, p in enumerate(market.shares.placements, start=1)
             if p.cash_after_balance_sheet]
    return total(*parts) if parts else None

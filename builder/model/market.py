"""Market inputs: the current price, FX rates, the share count and the per-unit conversions.

Everything here is shared by the live model and the scenario copies: a scenario changes the
forecast, not the price of the shares or the dollar.
"""

from __future__ import annotations

from builder.inputs.schema import Assumptions
from builder.inputs.valuation_schema import Market
from builder.model.book import ItemBook
from builder.model.expr import Expr, at
from builder.model.functions import ratio, total
from builder.model.items import Unit

PRICE = "in_price"
USD_CNY = "in_fx_usd_cny"
HKD_CNY = "in_fx_hkd_cny"
USD_HKD = "in_fx_usd_hkd"
FX_TOLERANCE = "in_fx_tolerance"
ADS_RATIO = "in_ads_ratio"
SHARES = "val_shares"
# Adjacent cells (peer FX lookups INDEX them): codes in one run, rates in the same order.
CURRENCY_CODES = ("in_ccy_cny", "in_ccy_usd", "in_ccy_hkd")
FX_RATES = ("in_fx_cny_cny", USD_CNY, HKD_CNY)
TO_ADS = "val_per_ads_factor"
TO_HK = "val_per_hk_factor"


def price_unit(market: Market) -> Unit:
    return Unit.USD if market.price.instrument == "ADS" else Unit.HKD


def headline_factor(market: Market) -> str:
    """The conversion from CNY per ordinary share to the quoted instrument's price."""
    return TO_ADS if market.price.instrument == "ADS" else TO_HK


def add_market(book: ItemBook, assumptions: Assumptions) -> None:
    market = assumptions.market
    assert market is not None
    instrument = "ADS (USD)" if market.price.instrument == "ADS" else "HK share (HKD)"
    book.scalar_input(PRICE, f"Current price per {instrument}, {market.price.date.isoformat()}",
                      price_unit(market), market.price.value, name="CurrentPrice")
    _fx(book, market)
    _shares(book, assumptions)
    book.calc(TO_ADS, "USD per ADS for each CNY per ordinary share (USD)", Unit.FX, None,
              cells={None: at(ADS_RATIO, None) / at(USD_CNY, None)})
    book.calc(TO_HK, "HKD per HK share for each CNY per ordinary share (HKD)", Unit.FX, None,
              cells={None: 1 / at(HKD_CNY, None)})


def _fx(book: ItemBook, market: Market) -> None:
    fx = market.fx
    for key, code in zip(CURRENCY_CODES, ("CNY", "USD", "HKD"), strict=True):
        book.scalar_input(key, f"Currency code: {code} (text)", Unit.TEXT, code)
    book.scalar_input("in_fx_cny_cny", "FX: CNY per CNY (per unit; always 1)", Unit.FX, 1.0)
    book.scalar_input(USD_CNY, "FX: CNY per USD (per unit)", Unit.FX, fx.usd_cny)
    book.scalar_input(HKD_CNY, "FX: CNY per HKD (per unit)", Unit.FX, fx.hkd_cny)
    book.scalar_input(USD_HKD, "FX: HKD per USD (per unit)", Unit.FX, fx.usd_hkd)
    book.scalar_input(FX_TOLERANCE, "FX cross-rate tolerance (% of CNY per USD)", Unit.RATIO,
                      fx.cross_tolerance)


def _shares(book: ItemBook, assumptions: Assumptions) -> None:
    market = assumptions.market
    assert market is not None
    shares = market.shares
    ads = next((x for x in assumptions.company.listings if x.instrument == "ADS"), None)
    book.scalar_input(ADS_RATIO, "Ordinary shares per ADS (#)", Unit.INDEX,
                      ads.shares_per_unit if ads is not None else 1.0)
    book.scalar_input("in_ads_outstanding", f"ADS outstanding at {shares.as_of.isoformat()} "
                      "(m ADS-equivalents)", Unit.SHARES_M, shares.ads_outstanding_m)
    parts: list[Expr] = [at("in_ads_outstanding", None) * at(ADS_RATIO, None)]
    for number, placement in enumerate(shares.placements, start=1):
        proceeds, price = f"in_placement_{number}_proceeds", f"in_placement_{number}_price"
        book.scalar_input(proceeds, f"Placement {placement.date}: gross proceeds (HKD m)",
                          Unit.HKD, placement.proceeds_m)
        book.scalar_input(price, f"Placement {placement.date}: price per share, analyst's "
                          "estimate (HKD)", Unit.HKD, placement.price_hkd)
        key = book.calc(f"val_placement_{number}_shares", f"Placement {placement.date}: new "
                        "shares, estimated (m shares)", Unit.SHARES_M, None,
                        cells={None: ratio(at(proceeds, None), at(price, None))})
        parts.append(at(key, None))
    book.calc(SHARES, "Ordinary shares outstanding after placements, estimated (m shares)",
              Unit.SHARES_M, None, cells={None: total(*parts)}, name="SharesOutstanding")

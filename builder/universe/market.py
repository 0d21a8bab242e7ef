"""Synthetic listings, prices, FX rates and share counts, in any currencies.

Rates are drawn around a table of units per US dollar; every currency a company uses besides
its reporting currency gets its rate to the reporting currency under ``market.fx``, and quoted
cross rates, when given, agree with them within the tolerance. Prices are set near a value per
share implied by a plausible multiple of revenue, so upsides are moderate.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

from builder.universe import series as sr
from builder.universe.words import Words

# ISO code -> (units per USD, ((exchange, ticker style, ticker suffix), ...)).
CURRENCIES: dict[str, tuple[float, tuple[tuple[str, str, str], ...]]] = {
    "USD": (1.0, (("NASDAQ", "letters", ""), ("NYSE", "letters", ""))),
    "CNY": (7.1, (("SSE", "6", ".SH"), ("SZSE", "6", ".SZ"))),
    "HKD": (7.8, (("HKEX", "4", ".HK"),)),
    "EUR": (0.92, (("Euronext Paris", "letters", ".PA"), ("XETRA", "letters", ".DE"))),
    "JPY": (150.0, (("TSE", "4", ".T"),)),
    "SGD": (1.34, (("SGX", "letters", ".SI"),)),
    "GBP": (0.79, (("LSE", "letters", ".L"),)),
    "KRW": (1350.0, (("KRX", "6", ".KS"),)),
    "INR": (83.0, (("NSE", "letters", ".NS"),)),
    "AUD": (1.52, (("ASX", "letters", ".AX"),)),
    "CHF": (0.88, (("SIX", "letters", ".SW"),)),
    "TWD": (32.0, (("TWSE", "4", ".TW"),)),
    "CAD": (1.36, (("TSX", "letters", ".TO"),)),
}
ADS_RATIOS = (0.5, 2, 4, 5, 8, 10, 15, 20, 25, 50)


@dataclass
class Market:
    reporting: str
    per_usd: dict[str, float]  # this company's draw of the rate table
    listings: list[dict[str, Any]] = field(default_factory=list)
    section: dict[str, Any] = field(default_factory=dict)  # the YAML's market:

    def rate(self, code: str) -> float:
        """Reporting currency per unit of ``code``."""
        return self.per_usd[self.reporting] / self.per_usd[code]

    def use(self, code: str) -> None:
        """Give ``code`` its rate under market.fx (a listing, a placement or a peer uses it)."""
        if code != self.reporting:
            self.section.setdefault("fx", {})[code] = sr.significant(self.rate(code))


def draw_rates(rng: random.Random) -> dict[str, float]:
    """This company's rates: the table, each moved a little (different days, sources)."""
    return {code: (1.0 if code == "USD" else sr.significant(rate * rng.uniform(0.97, 1.03)))
            for code, (rate, _) in CURRENCIES.items()}


def listings(rng: random.Random, words: Words, reporting: str, style: str) -> list[dict]:
    """One to three listings. ``home``: the reporting currency's exchange only; ``us``: a US
    listing only (USD reporters); ``dual``: a US ADS and a home or Hong Kong listing;
    ``any``: one to three in random currencies; ``three``: three."""
    if style == "home":
        codes = [reporting]
    elif style == "us":
        codes = ["USD"]
    elif style == "dual":
        codes = ["USD", reporting if reporting != "USD" else "HKD"]
    else:
        codes = rng.sample(sorted(CURRENCIES), 3 if style == "three" else rng.randint(1, 3))
    made = []
    for code in codes:
        exchange, ticker_style, suffix = rng.choice(CURRENCIES[code][1])
        ads = code == "USD" and reporting != "USD" and (style == "dual" or rng.random() < 0.5)
        made.append({"exchange": exchange, "ticker": words.ticker(ticker_style) + suffix,
                     "currency": code, "instrument": "ADS" if ads else "ordinary",
                     "shares_per_unit": rng.choice(ADS_RATIOS) if ads else 1})
    return made


def market_section(rng: random.Random, market: Market, revenue: float, as_of: dt.date,
                   balance_date: dt.date) -> dict[str, Any]:
    """Prices of one or more listings, share count, placements, FX and cross rates."""
    value_usd = sr.log_uniform(rng, 1, 200)  # value per ordinary share, USD
    ordinary = sr.significant(revenue * rng.uniform(1, 5)
                              / (value_usd * market.per_usd[market.reporting]), 5)
    value = value_usd * market.per_usd[market.reporting]  # reporting currency per share
    section = market.section
    priced = [x for x in market.listings if rng.random() < 0.6] or market.listings[:1]
    section["prices"] = [
        {"ticker": x["ticker"], "value": _price(rng, value * x["shares_per_unit"]
                                                / market.rate(x["currency"])),
         "date": as_of - dt.timedelta(days=rng.randint(1, 5))} for x in priced]
    if len(priced) > 1 and rng.random() < 0.5:
        section["rating_listing"] = rng.choice(priced[1:])["ticker"]
    shares: dict[str, Any] = {"ordinary_m": ordinary,
                              "as_of": as_of - dt.timedelta(days=rng.randint(10, 120))}
    if rng.random() < 0.4:
        shares["dilutive_m"] = sr.significant(ordinary * rng.uniform(0.005, 0.05), 4)
    placements = _placements(rng, market, value, ordinary, balance_date, as_of)
    if placements:
        shares["placements"] = placements
    section["shares"] = shares
    for listing in market.listings:
        market.use(listing["currency"])
    return section


def _price(rng: random.Random, fair: float) -> float:
    return max(0.01, round(fair * rng.uniform(0.6, 1.5), 2))


def _placements(rng: random.Random, market: Market, value: float, ordinary: float,
                balance_date: dt.date, as_of: dt.date) -> list[dict[str, Any]]:
    """New shares issued after the share count's date; some after the balance sheet date,
    so the equity bridge adds their cash."""
    made = []
    for _ in range(rng.choice((0, 0, 0, 1, 2))):
        code = rng.choice([x["currency"] for x in market.listings] + [rng.choice(
            sorted(CURRENCIES))])
        market.use(code)
        price = round(value * rng.uniform(0.8, 1.0) / market.rate(code), 2) or 0.01
        month = rng.randint(1, as_of.month)  # as_of's own month: its day, known by as_of
        made.append({"date": f"{as_of.year}-{month:02d}" if month < as_of.month else as_of,
                     "proceeds_m": sr.money(max(0.1, ordinary * rng.uniform(0.01, 0.08)
                                                * price)),
                     "price": price, "currency": code,
                     "cash_after_balance_sheet": rng.random() < 0.5})
    return made


def cross_rates(rng: random.Random, market: Market) -> list[dict[str, Any]]:
    """Zero to two quoted cross rates among the currencies given a rate, each within the
    tolerance of what the rates imply (quoted on another day)."""
    codes = sorted({market.reporting, *market.section.get("fx", {})})
    pairs: list[dict[str, Any]] = []
    for _ in range(rng.choice((0, 1, 2)) if len(codes) > 1 else 0):
        base, quote = rng.sample(codes, 2)
        rates = {market.reporting: 1.0, **market.section["fx"]}
        implied = rates[base] / rates[quote]
        pairs.append({"pair": f"{base}/{quote}",
                      "rate": sr.significant(implied * rng.uniform(0.998, 1.002))})
    return pairs

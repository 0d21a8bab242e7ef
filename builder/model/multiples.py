"""Multiples valuation and the blended target price of one namespace.

As the brokers do it: a multiple (typed in the YAML, or the peer median) times one forecast
year's revenue, EBITDA or net income. Price multiples give equity value directly; EV multiples
give enterprise value, bridged to equity like the DCF. A loss-maker has no P/E and negative
EBITDA no EV/EBITDA: those methods show ``n/a`` and must carry no weight.
"""

from __future__ import annotations

from dataclasses import dataclass

from builder.inputs.valuation_schema import Valuation
from builder.model import market, wacc
from builder.model.book import ItemBook
from builder.model.conditions import all_of, is_number, missing, number_or
from builder.model.dcf import BRIDGE
from builder.model.expr import Expr, at
from builder.model.functions import compare, if_, ratio, total
from builder.model.items import Unit
from builder.model.market import Quotes
from builder.model.namespace import Namespace
from builder.model.sensitivity import DIVIDENDS_AHEAD, ROLL_FORWARD


@dataclass(frozen=True, slots=True)
class Method:
    key: str
    label: str
    metric: str  # forecast item name (without the fc_ prefix)
    metric_label: str
    ev_based: bool
    needs_positive: bool


METHODS = (
    Method("ps", "P/S", "revenue", "Revenue", False, False),
    Method("ev_sales", "EV/Sales", "revenue", "Revenue", True, False),
    Method("ev_ebitda", "EV/EBITDA", "ebitda", "EBITDA", True, True),
    Method("pe", "P/E", "net_income", "Net income", False, True),
)


def active_methods(valuation: Valuation) -> tuple[Method, ...]:
    """The methods the analyst uses: a weight in the blend, or a multiple typed in the YAML.

    The others (say P/E for a loss-maker with no typed multiple) stay off the Valuation sheet;
    the Peer Comps sheet still shows every multiple and the company's value at each peer median.
    """
    return tuple(m for m in METHODS if getattr(valuation.weights, m.key) > 0
                 or getattr(valuation.multiples, m.key) is not None)


def weight_names(valuation: Valuation) -> tuple[str, ...]:
    return ("dcf", *(m.key for m in active_methods(valuation)))


def _label(name: str) -> str:
    return "DCF" if name == "dcf" else next(m.label for m in METHODS if m.key == name)


def multiple_key(method: Method) -> str:
    return f"val_multiple_{method.key}"


def implied_equity(method: Method, multiple: Expr, metric: Expr) -> Expr:
    """Equity value (CNY m) at ``multiple`` x ``metric``; ``n/a`` where it means nothing."""
    value = multiple * metric + at(BRIDGE, None) if method.ev_based else multiple * metric
    usable = [is_number(multiple)]
    if method.needs_positive:
        usable.append(compare(metric, ">", 0))
    return if_(all_of(*usable), value, missing())


def per_share(equity: Expr) -> Expr:
    """Equity value per diluted ordinary share (reporting currency)."""
    return if_(is_number(equity), ratio(equity, at(market.SHARES_DILUTED, None)), missing())


def add_multiple_inputs(book: ItemBook, valuation: Valuation, peer_medians: dict[str, str]) -> None:
    """The multiple and the weight of each method (shared by every scenario)."""
    year = valuation.multiples.year
    for method in active_methods(valuation):
        typed = f"in_multiple_{method.key}"
        book.scalar_input(typed, f"{method.label} on FY{year}E, typed (x; blank = peer median)",
                          Unit.MULTIPLE, getattr(valuation.multiples, method.key))
        median = peer_medians.get(method.key)
        chosen = number_or(at(typed, None), at(median, None)) if median else at(typed, None)
        book.calc(multiple_key(method), f"{method.label} applied (x)", Unit.MULTIPLE, None,
                  cells={None: chosen})
    names = weight_names(valuation)
    for name in names:
        book.scalar_input(f"in_weight_{name}", f"Weight of {_label(name)} in the target price "
                          "(%)", Unit.RATIO, getattr(valuation.weights, name))
    book.calc("val_weight_total", "Weights, total (%)", Unit.RATIO, None,
              cells={None: total(*[at(f"in_weight_{n}", None) for n in names])})


def add_multiples(book: ItemBook, ns: Namespace, valuation: Valuation) -> None:
    """Each method's equity value and value per ordinary share, on the multiples year."""
    year = valuation.multiples.year
    period = f"FY{year}"
    for method in active_methods(valuation):
        metric = book.calc(ns.val(f"{method.key}_metric"), book.money(
            f"{method.metric_label} FY{year}E, for {method.label}"), Unit.MONEY, None,
            cells={None: at(ns.fc(method.metric), period)})
        equity = implied_equity(method, at(multiple_key(method), None), at(metric, None))
        book.calc(ns.val(f"{method.key}_equity"), book.money(f"Equity value at {method.label}"),
                  Unit.MONEY, None, cells={None: equity})
        book.calc(ns.val(f"{method.key}_per_share"), book.price(
            f"Value per ordinary share at {method.label}"), Unit.PRICE, None,
            cells={None: per_share(at(ns.val(f"{method.key}_equity"), None))})
    book.calc(ns.val("dcf_today"), book.price("DCF value per ordinary share at the valuation "
              "date"), Unit.PRICE, None, cells={None: per_share(at(ns.val("equity"), None))})
    roll = at(ROLL_FORWARD, None)
    rolled: Expr = at(ns.val("dcf_today"), None) * (1 + roll * at("val_cost_of_equity", None))
    if book.has(ns.fc("dps")):
        rolled = rolled - roll * at(ns.val(DIVIDENDS_AHEAD), None)
    book.calc(ns.val("dcf_per_share"), book.price("Value per ordinary share, DCF, on the target "
              "basis (12 months on: x (1 + cost of equity) - the year's dividends)"), Unit.PRICE,
              None, cells={None: rolled})


def add_dividends_ahead(book: ItemBook, ns: Namespace, forecast: tuple[str, ...]) -> None:
    """Dividends per share over the twelve months after the valuation date: the stub of the
    first forecast year and the matching part of the second."""
    if not book.has(ns.fc("dps")):
        return
    rest = at(wacc.REMAINING, None)
    parts: Expr = at(ns.fc("dps"), forecast[0]) * rest
    if len(forecast) > 1:
        parts = parts + at(ns.fc("dps"), forecast[1]) * (1 - rest)
    book.calc(ns.val(DIVIDENDS_AHEAD), book.price("Dividends per share over the twelve months "
              "after the valuation date"), Unit.PRICE, None, cells={None: parts})


def add_target_basis(book: ItemBook, valuation: Valuation) -> None:
    book.scalar_input(ROLL_FORWARD, "Target basis: 1 = a price 12 months ahead, 0 = the value "
                      "at the valuation date (flag)", Unit.FLAG,
                      1.0 if valuation.target_basis == "twelve_month" else 0.0,
                      name="TargetIsForward")


def add_target(book: ItemBook, ns: Namespace, valuation: Valuation, quotes: Quotes) -> None:
    """Blend the methods by weight into the target value per ordinary share, then per unit of
    each listing in its currency; the rating listing's is the target price."""
    parts = []
    for name in weight_names(valuation):
        weight = at(f"in_weight_{name}", None)
        value = at(ns.val(f"{name}_per_share"), None)
        key = book.calc(ns.val(f"{name}_contribution"), book.price(
            f"{_label(name)}: weight x value per share"), Unit.PRICE, None,
            cells={None: if_(compare(weight, "=", 0), 0, weight * value)})
        parts.append(at(key, None))
    target = book.calc(ns.val("target_per_share"), book.price(
        "Target value per ordinary share, blended"), Unit.PRICE, None,
        cells={None: total(*parts)}, name="TargetPerShare" if ns.live else None)
    listings = quotes.listings if ns.live else (quotes.rating,)
    for quote in listings:
        book.calc(ns.val(f"target_{quote.key}"), book.price(
            f"Target price per {quote.unit_name} of {quote.listing.ticker}", quote.currency),
            Unit.PRICE, None, currency=quote.currency,
            cells={None: at(target, None) * at(quote.factor, None)})
        price = at(quote.price, None)
        book.calc(ns.val(f"upside_{quote.key}"), f"Upside to {quote.listing.ticker}'s current "
                  "price (%)", Unit.RATIO, None,
                  cells={None: ratio(at(ns.val(f"target_{quote.key}"), None) - price, price)})
    rating = quotes.rating
    book.calc(ns.val("target"), book.price(f"Target price, {rating.listing.ticker} (the rating "
              "listing)", rating.currency), Unit.PRICE, None, currency=rating.currency,
              cells={None: at(ns.val(f"target_{rating.key}"), None)},
              name="TargetPrice" if ns.live else None)
    book.calc(ns.val("upside"), f"Upside, {rating.listing.ticker} (sets the rating) (%)",
              Unit.RATIO, None, cells={None: at(ns.val(f"upside_{rating.key}"), None)},
              name="Upside" if ns.live else None)


def add_rating(book: ItemBook, valuation: Valuation) -> None:
    """Buy / Hold / Sell from the upside, with the thresholds and the words as inputs."""
    rating = valuation.rating
    book.scalar_input("in_rating_buy_at", "Buy when the upside is at least (%)", Unit.RATIO,
                      rating.buy_at_or_above)
    book.scalar_input("in_rating_sell_at", "Sell when the upside is at most (%)", Unit.RATIO,
                      rating.sell_at_or_below)
    for word in ("Buy", "Hold", "Sell"):
        book.scalar_input(f"in_rating_{word.lower()}", f"Rating word: {word} (text)", Unit.TEXT,
                          word)
    book.calc("val_rating", "Rating (from the upside and the thresholds)", Unit.TEXT, None,
              cells={None: rating_expr(at("val_upside", None), at("in_rating_buy_at", None),
                                       at("in_rating_sell_at", None))},
              name="Rating")


def rating_expr(upside: Expr, buy_at: Expr, sell_at: Expr) -> Expr:
    return if_(compare(upside, ">=", buy_at), at("in_rating_buy", None),
               if_(compare(upside, "<=", sell_at), at("in_rating_sell", None),
                   at("in_rating_hold", None)))

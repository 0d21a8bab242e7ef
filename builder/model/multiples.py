"""Multiples valuation and the blended target price of one namespace.

As the brokers do it: a multiple (typed in the YAML, or the peer median) times one forecast
year's revenue, EBITDA or net income. Price multiples give equity value directly; EV multiples
give enterprise value, bridged to equity like the DCF. A loss-maker has no P/E and negative
EBITDA no EV/EBITDA: those methods show ``n/a`` and must carry no weight.
"""

from __future__ import annotations

from dataclasses import dataclass

from builder.inputs.valuation_schema import Valuation
from builder.model import market
from builder.model.book import ItemBook
from builder.model.conditions import all_of, is_number, missing, number_or
from builder.model.dcf import BRIDGE
from builder.model.expr import Expr, at
from builder.model.functions import compare, if_, ratio, total
from builder.model.items import Unit
from builder.model.namespace import Namespace


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
    return if_(is_number(equity), ratio(equity, at(market.SHARES, None)), missing())


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
        metric = book.calc(ns.val(f"{method.key}_metric"), f"{method.metric_label} FY{year}E, "
                           f"for {method.label} (CNY m)", Unit.CNY_M, None,
                           cells={None: at(ns.fc(method.metric), period)})
        equity = implied_equity(method, at(multiple_key(method), None), at(metric, None))
        book.calc(ns.val(f"{method.key}_equity"), f"Equity value at {method.label} (CNY m)",
                  Unit.CNY_M, None, cells={None: equity})
        book.calc(ns.val(f"{method.key}_per_share"), f"Value per ordinary share at "
                  f"{method.label} (CNY)", Unit.CNY, None,
                  cells={None: per_share(at(ns.val(f"{method.key}_equity"), None))})
    book.calc(ns.val("dcf_per_share"), "Value per ordinary share, DCF (CNY)", Unit.CNY, None,
              cells={None: per_share(at(ns.val("equity"), None))})


def add_target(book: ItemBook, ns: Namespace, valuation: Valuation, headline: str,
               price_unit: Unit) -> None:
    """Blend the methods by weight into the target price, per share and per listed unit."""
    parts = []
    for name in weight_names(valuation):
        weight = at(f"in_weight_{name}", None)
        value = at(ns.val(f"{name}_per_share"), None)
        key = book.calc(ns.val(f"{name}_contribution"), f"{_label(name)}: weight x value per share "
                        "(CNY)", Unit.CNY, None,
                        cells={None: if_(compare(weight, "=", 0), 0, weight * value)})
        parts.append(at(key, None))
    target = book.calc(ns.val("target_cny"), "Target value per ordinary share, blended (CNY)",
                       Unit.CNY, None, cells={None: total(*parts)})
    book.calc(ns.val("target_ads"), "Target price per ADS (USD)", Unit.USD, None,
              cells={None: at(target, None) * at(market.TO_ADS, None)})
    book.calc(ns.val("target_hk"), "Target price per HK share (HKD)", Unit.HKD, None,
              cells={None: at(target, None) * at(market.TO_HK, None)})
    source = ns.val("target_ads") if headline == market.TO_ADS else ns.val("target_hk")
    book.calc(ns.val("target"), f"Target price, quoted listing ({price_unit.value})", price_unit,
              None,
              cells={None: at(source, None)}, name="TargetPrice" if ns.live else None)
    price = at(market.PRICE, None)
    book.calc(ns.val("upside"), "Upside to the current price (%)", Unit.RATIO, None,
              cells={None: ratio(at(ns.val("target"), None) - price, price)},
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

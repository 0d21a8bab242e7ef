"""Rules for the market, valuation and peers sections: ranges and cross-field consistency.

Each yields :class:`~builder.inputs.rules.RuleProblem` with a dotted key path. Ranges are wide:
they catch 9 typed for 0.09, a sign slip or a WACC at or below terminal growth (which makes the
Gordon value meaningless), not a bold view.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from builder.inputs.valuation_schema import Market, Peer, Peers, Valuation
from builder.model.sensitivity import OFFSETS

KeyPath = tuple[str | int, ...]
DEFAULT_TV_LIMIT = 0.85


@dataclass(frozen=True, slots=True)
class Problem:
    path: KeyPath
    message: str


def _within(path: KeyPath, value: float | None, low: float, high: float,
            what: str) -> Iterator[Problem]:
    if value is not None and not low <= value <= high:
        yield Problem(path, f"expected {what} between {low:g} and {high:g}, got {value!r}")


def _positive(path: KeyPath, value: float | None, what: str) -> Iterator[Problem]:
    if value is not None and not value > 0:
        yield Problem(path, f"expected {what} greater than 0, got {value!r}")


def check(market: Market | None, valuation: Valuation | None, peers: Peers | None,
          forecast_years: list[int]) -> Iterator[Problem]:
    if valuation is not None and market is None:
        yield Problem(("market",), "required when a valuation section is given (price, fx, "
                                   "shares)")
    if market is not None:
        yield from _market(market)
    if valuation is not None:
        yield from _valuation(valuation, forecast_years, peers)
    if peers is not None:
        yield from _peers(peers)


def _market(market: Market) -> Iterator[Problem]:
    for index, price in enumerate(market.prices):
        yield from _positive(("market", "prices", index, "value"), price.value, "a price")
    yield from _within(("market", "fx_tolerance"), market.fx_tolerance, 0, 0.1, "a fraction")
    shares = market.shares
    yield from _positive(("market", "shares", "ordinary_m"), shares.ordinary_m, "a share count")
    for index, placement in enumerate(shares.placements):
        path = ("market", "shares", "placements", index)
        yield from _positive((*path, "proceeds_m"), placement.proceeds_m, "proceeds")
        yield from _positive((*path, "price"), placement.price, "a price")


def _valuation(valuation: Valuation, years: list[int], peers: Peers | None) -> Iterator[Problem]:
    v = ("valuation",)
    yield from _within((*v, "cash_flow_timing"), valuation.cash_flow_timing, 0, 1, "a fraction")
    yield from _positive((*v, "cash_flow_timing"), valuation.cash_flow_timing, "the timing")
    rate_problems = list(_wacc(valuation))
    terminal = valuation.terminal
    rate_problems += _within((*v, "terminal", "growth"), terminal.growth, -0.05, 0.10,
                             "a growth rate")
    for name, high in (("wacc_step", 0.05), ("growth_step", 0.05), ("exit_multiple_step", 10)):
        step = getattr(valuation.sensitivity, name)
        rate_problems += (_positive((*v, "sensitivity", name), step, "a step") if step <= 0
                          else _within((*v, "sensitivity", name), step, 0, high, "a step"))
    yield from rate_problems
    yield from _wacc_against_growth(valuation, inputs_ok=not rate_problems)
    yield from _positive((*v, "terminal", "exit_ev_ebitda"), terminal.exit_ev_ebitda,
                         "a multiple")
    bridge = valuation.equity_bridge
    for name in ("cash", "borrowings", "minority_interests"):
        value = getattr(bridge, name)
        if value is None:
            continue
        if value is not None and value < 0:
            yield Problem((*v, "equity_bridge", name), f"expected 0 or more, got {value!r}")
    yield from _multiples(valuation, years, peers)
    rating = valuation.rating
    if rating.buy_at_or_above <= rating.sell_at_or_below:
        yield Problem((*v, "rating"), f"buy_at_or_above ({rating.buy_at_or_above:g}) must be "
                                      f"above sell_at_or_below ({rating.sell_at_or_below:g})")
    yield from _within((*v, "tv_share_limit"), valuation.tv_share_limit, 0, 2, "a share of EV")
    if valuation.tv_share_limit > DEFAULT_TV_LIMIT and not valuation.tv_share_limit_why.strip():
        yield Problem((*v, "tv_share_limit_why"), f"tv_share_limit {valuation.tv_share_limit:g} "
                      f"is above {DEFAULT_TV_LIMIT:g}: say why under tv_share_limit_why (shown "
                      "beside the warning)")
    yield from _positive((*v, "terminal", "return_on_new_capital"),
                         terminal.return_on_new_capital, "a return")


def _wacc(valuation: Valuation) -> Iterator[Problem]:
    w = valuation.wacc
    path = ("valuation", "wacc")
    yield from _within((*path, "risk_free_rate"), w.risk_free_rate, -0.02, 0.20, "a rate")
    yield from _within((*path, "equity_risk_premium"), w.equity_risk_premium, 0, 0.20, "a rate")
    yield from _within((*path, "beta"), w.beta, 0, 4, "a beta")
    yield from _within((*path, "pre_tax_cost_of_debt"), w.pre_tax_cost_of_debt, 0, 0.30, "a rate")
    yield from _within((*path, "target_debt_weight"), w.target_debt_weight, 0, 0.95, "a weight")
    yield from _within((*path, "override"), w.override, 0.01, 0.40, "a WACC")


def _wacc_against_growth(valuation: Valuation, inputs_ok: bool) -> Iterator[Problem]:
    """WACC above growth, at the base and in every cell of the sensitivity grid.

    Only once the WACC's parts and the steps are each in range: a debt tax rate of 15 gives a
    WACC of -0.07, and blaming the terminal growth for that would point at a value the analyst
    did not touch.
    """
    if not inputs_ok:
        return
    wacc = effective_wacc(valuation)
    growth = valuation.terminal.growth
    if wacc <= growth:
        yield Problem(("valuation", "terminal", "growth"),
                      f"terminal growth {growth:g} must be below the WACC {wacc:.4f}: the Gordon "
                      "value needs WACC > g")
        return
    steps = valuation.sensitivity
    reach = max(abs(o) for o in OFFSETS)
    lowest_wacc = wacc - reach * steps.wacc_step
    highest_growth = growth + reach * steps.growth_step
    if lowest_wacc <= highest_growth:
        yield Problem(("valuation", "sensitivity", "wacc_step"),
                      f"the sensitivity grid's lowest WACC ({wacc:.4f} - {reach} x "
                      f"{steps.wacc_step:g} = {lowest_wacc:.4f}) must stay above its highest "
                      f"terminal growth ({growth:g} + {reach} x {steps.growth_step:g} = "
                      f"{highest_growth:.4f}); use smaller steps or a WACC further above growth")


def effective_wacc(valuation: Valuation) -> float:
    """The WACC the model will use, computed the same way as the workbook's build-up."""
    w = valuation.wacc
    if w.override is not None:
        return w.override
    equity = w.risk_free_rate + w.beta * w.equity_risk_premium
    debt = w.pre_tax_cost_of_debt * (1 - w.debt_tax_rate)
    return equity * (1 - w.target_debt_weight) + debt * w.target_debt_weight


def _multiples(valuation: Valuation, years: list[int], peers: Peers | None) -> Iterator[Problem]:
    v = ("valuation",)
    multiples, weights = valuation.multiples, valuation.weights
    if multiples.year not in years:
        yield Problem((*v, "multiples", "year"), f"expected one of the forecast years "
                                                 f"{years[0]}..{years[-1]}, got {multiples.year}")
    values = weights.as_dict()
    for name, weight in values.items():
        yield from _within((*v, "weights", name), weight, 0, 1, "a weight")
        if name == "dcf" or weight <= 0 or getattr(multiples, name) is not None:
            continue
        if peers is None:
            yield Problem((*v, "multiples", name), "has weight but no multiple, and there are "
                                                   "no peers to take the median from")
        elif not any(_peer_gives(peer, name, peers.year) for peer in peers.companies):
            yield Problem((*v, "multiples", name),
                          f"has weight but no multiple, and no peer has what a median "
                          f"{name} needs ({PEER_NEEDS[name]}); type the multiple or add peer "
                          f"figures")
    for name in ("ps", "ev_sales", "ev_ebitda", "pe"):
        yield from _positive((*v, "multiples", name), getattr(multiples, name), "a multiple")
    if abs(sum(values.values()) - 1) > 1e-9:
        yield Problem((*v, "weights"), f"weights must sum to 1, got {sum(values.values()):g} "
                                       f"({', '.join(f'{k} {x:g}' for k, x in values.items())})")


PEER_NEEDS = {
    "ps": "a published ps, or market cap and revenue_m",
    "ev_sales": "market cap, net_debt_m and revenue_m",
    "ev_ebitda": "market cap, net_debt_m and a positive ebitda_m",
    "pe": "a published P/E for the year, or market cap and a positive net_income_m",
}


def _peer_gives(peer: Peer, multiple: str, year: int) -> bool:
    """Whether this peer has the figures for a meaningful (positive) ``multiple``."""
    cap = peer.market_cap_m is not None or (peer.price is not None and peer.shares_m is not None)
    positive = {"revenue_m": (peer.revenue_m or 0) > 0, "ebitda_m": (peer.ebitda_m or 0) > 0,
                "net_income_m": (peer.net_income_m or 0) > 0}
    if multiple == "ps":
        return (peer.published.ps or 0) > 0 or (cap and positive["revenue_m"])
    if multiple == "ev_sales":
        return cap and peer.net_debt_m is not None and positive["revenue_m"]
    if multiple == "ev_ebitda":
        return cap and peer.net_debt_m is not None and positive["ebitda_m"]
    return (peer.published.pe.get(year) or 0) > 0 or (cap and positive["net_income_m"])


def _peers(peers: Peers) -> Iterator[Problem]:
    for index, peer in enumerate(peers.companies):
        path = ("peers", "companies", index)
        for name in ("price", "shares_m", "market_cap_m"):
            yield from _positive((*path, name), getattr(peer, name), name.replace("_m", ""))

"""A synthetic valuation section and peer list.

The WACC stays at least 3.5 points above terminal growth, and the sensitivity grid's corners
apart too, as the input rules require. Weights go to the DCF and to revenue multiples (P/S,
EV/Sales), typed or taken from the peer median; EV/EBITDA and P/E carry weight only where the
forecast makes them meaningful. A multiple left to the peer median gets at least one peer with
the figures that median needs.
"""

from __future__ import annotations

import random
from typing import Any

from builder.universe import series as sr
from builder.universe.market import CURRENCIES, Market
from builder.universe.words import Words

MACRO_WACC = {"risk_free_rate": 0.035, "equity_risk_premium": 0.06}  # in _macro.yaml


def valuation_section(rng: random.Random, forecast: list[int], tax_rate: float,
                      balance_sheet: str, typed_bridge: dict[str, float],
                      ebitda_positive: bool, has_peers: bool) -> dict[str, Any]:
    wacc = _wacc(rng, tax_rate)
    rate = effective_wacc({**MACRO_WACC, **wacc})
    growth = round(min(rng.uniform(0.005, 0.03), rate - 0.035), 4)
    terminal: dict[str, Any] = {"method": rng.choice(("gordon", "exit_multiple")),
                                "growth": growth,
                                "exit_ev_ebitda": round(rng.uniform(4, 20), 1)}
    if rng.random() < 0.5:
        terminal["return_on_new_capital"] = round(rng.uniform(rate + 0.01, 0.3), 3)
    section: dict[str, Any] = {
        "cash_flow_timing": rng.choice((0.5, 0.5, 1.0, round(rng.uniform(0.2, 1.0), 2))),
        "target_basis": rng.choice(("twelve_month", "today")),
        "wacc": wacc, "terminal": terminal,
        "equity_bridge": {"balance_sheet": balance_sheet, **typed_bridge,
                          "other_adjustments": rng.choice((0.0, 0.0, sr.money(
                              rng.uniform(-50, 50))))},
    }
    section["multiples"], section["weights"] = _multiples(rng, forecast, ebitda_positive,
                                                          has_peers)
    section["rating"] = {"buy_at_or_above": round(rng.uniform(0.1, 0.3), 2),
                         "sell_at_or_below": round(rng.uniform(-0.3, -0.05), 2)}
    if rng.random() < 0.3:
        section["tv_share_limit"] = round(rng.uniform(0.9, 1.5), 2)
        section["tv_share_limit_why"] = ("Early years invest heavily, so the terminal value "
                                         "carries most of the value.")
    steps = rng.choice(((0.01, 0.005, 1.0), (0.005, 0.0025, 0.5)))
    section["sensitivity"] = dict(zip(("wacc_step", "growth_step", "exit_multiple_step"), steps,
                                      strict=True))
    return section


def _wacc(rng: random.Random, tax_rate: float) -> dict[str, Any]:
    wacc: dict[str, Any] = {
        "beta": round(rng.uniform(0.6, 1.8), 2),
        "pre_tax_cost_of_debt": round(rng.uniform(0.03, 0.09), 4),
        "debt_tax_rate": tax_rate,
        "target_debt_weight": round(rng.uniform(0, 0.5), 2),
    }
    if rng.random() < 0.2:
        wacc["risk_free_rate"] = round(rng.uniform(0.01, 0.06), 4)  # its own, over the macro
    if rng.random() < 0.1:
        wacc["override"] = round(rng.uniform(0.07, 0.14), 4)
    return wacc


def effective_wacc(wacc: dict[str, Any]) -> float:
    """The WACC the model will use (the build-up, or the override)."""
    if wacc.get("override") is not None:
        return wacc["override"]
    equity = wacc["risk_free_rate"] + wacc["beta"] * wacc["equity_risk_premium"]
    debt = wacc["pre_tax_cost_of_debt"] * (1 - wacc["debt_tax_rate"])
    return equity * (1 - wacc["target_debt_weight"]) + debt * wacc["target_debt_weight"]


def _multiples(rng: random.Random, forecast: list[int], ebitda_positive: bool,
               has_peers: bool) -> tuple[dict[str, Any], dict[str, float]]:
    multiples: dict[str, Any] = {"year": rng.choice(forecast[:3]),
                                 "ps": round(rng.uniform(0.5, 8), 2)}
    weights = {"dcf": rng.choice((1.0, 0.7, 0.6, 0.5, 0.4, 0.0))}
    methods = ["ps"] + (["ev_sales"] if rng.random() < 0.4 else [])
    if ebitda_positive and rng.random() < 0.3:
        methods.append("ev_ebitda")
        multiples["ev_ebitda"] = round(rng.uniform(5, 20), 1)
    if "ev_sales" in methods:
        multiples["ev_sales"] = round(rng.uniform(1, 6), 2)
    if rng.random() < 0.2:
        multiples["pe"] = round(rng.uniform(8, 40), 1)  # shown, with no weight
    if has_peers:
        for method in ("ps", "ev_sales"):
            if method in multiples and rng.random() < 0.5:
                multiples[method] = None  # the peer median
    remaining = round(1 - weights["dcf"], 2)
    if remaining:
        share = [rng.uniform(0.5, 1.5) for _ in methods]
        for method, part in zip(methods, share, strict=True):
            weights[method] = round(remaining * part / sum(share), 2)
        weights[methods[0]] = round(remaining - sum(weights[m] for m in methods[1:]), 2)
    return multiples, weights


def peers_section(rng: random.Random, words: Words, market: Market, count: int, year: int,
                  medians: list[str]) -> dict[str, Any]:
    """``count`` peers in random currencies; the first ones give what ``medians`` need."""
    companies = [_peer(rng, words, market, year, index < len(medians)) for index in range(count)]
    return {"year": year, "companies": companies}


def _peer(rng: random.Random, words: Words, market: Market, year: int,
          complete: bool) -> dict[str, Any]:
    code = rng.choice(sorted(CURRENCIES))
    market.use(code)
    scale = market.per_usd[code]
    name = words.hostile() if rng.random() < 0.05 else f"{words.word()} {words.word()}"
    peer: dict[str, Any] = {"name": name, "ticker": words.ticker("letters"), "currency": code}
    cap = sr.log_uniform(rng, 200, 200_000) * scale
    if rng.random() < 0.5:
        peer["price"] = round(sr.log_uniform(rng, 1, 300) * scale, 2)
        peer["shares_m"] = sr.significant(cap / peer["price"], 5)
    else:
        peer["market_cap_m"] = sr.money(cap)
    revenue = cap / rng.uniform(0.8, 10)
    optional = {"net_debt_m": sr.money(cap * rng.uniform(-0.3, 0.5)),
                "revenue_m": sr.money(revenue),
                "ebitda_m": sr.money(revenue * rng.uniform(-0.1, 0.4)),
                "net_income_m": sr.money(revenue * rng.uniform(-0.2, 0.25))}
    for key, value in optional.items():
        if complete or rng.random() < 0.7:
            peer[key] = value
    published: dict[str, Any] = {}
    if complete or rng.random() < 0.6:
        published["ps"] = round(rng.uniform(0.5, 30), 2)
    if rng.random() < 0.4:
        published["pb"] = round(rng.uniform(-15, 40), 2)
    if rng.random() < 0.3:
        published["pe"] = {year: round(rng.uniform(-80, 90), 2)}
    if rng.random() < 0.2:
        published["pe_ttm"] = round(rng.uniform(-50, 80), 2)
    if published:
        peer["published"] = published
    return peer

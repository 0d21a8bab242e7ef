"""Synthetic drivers of the three statements, the opening balance sheet and its history.

Margins fade from a first-year level to a long-run one that is profitable in every scenario (a
horizon of one year starts profitable): a generated company is a going concern whose value is
positive, so its master check reads 0 because the model is right, not because the checks are
loose. Which optional drivers a company has is drawn; every line a driver drives gets its
opening figure, and some figures the drivers do not need are reported anyway (held lines).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from builder.universe import series as sr

# (id, label, CSV metric of its history or None): kinds of operating expense line.
OPEX_LINES = (
    ("selling", "Selling & marketing", "selling_expenses"),
    ("ga", "General & administrative", "ga_expenses"),
    ("rnd", "Research & development", "rnd_expenses"),
    ("fulfilment", "Fulfilment", None),
    ("other_opex", "Other operating expenses", None),
)
CJK_OPEX_NAMES = {"selling": "销售费用", "ga": "管理费用", "rnd": "研发费用"}

# Working-capital drivers: (YAML key, CSV metric, base, low, high, probability).
WORKING_CAPITAL = (
    ("receivable_days", "accounts_receivable", "revenue", 20, 120, 0.8),
    ("inventory_days", "inventory", "cogs", 10, 150, 0.3),
    ("payable_days", "accounts_payable", "cogs", 20, 120, 0.6),
    ("other_current_assets_pct_revenue", "other_current_assets", "revenue", 0.01, 0.08, 0.3),
    ("accrued_expenses_pct_revenue", "accrued_expenses", "revenue", 0.01, 0.08, 0.3),
    ("other_current_liabilities_pct_revenue", "other_current_liabilities", "revenue", 0.01,
     0.06, 0.3),
)
# Balance sheet lines no driver moves: (CSV metric, low, high) as a share of revenue.
HELD = (("intangibles", 0.01, 0.2), ("short_term_investments", 0.01, 0.3),
        ("long_term_investments", 0.01, 0.3), ("lease_assets", 0.01, 0.1),
        ("other_non_current_liabilities", 0.01, 0.1), ("long_term_prepayments", 0.005, 0.05),
        ("due_from_related_parties", 0.005, 0.05))
DAYS = 365


@dataclass
class Statements:
    drivers: dict[str, Any] = field(default_factory=dict)  # drivers: except revenue
    overrides: dict[str, dict[str, Any]] = field(default_factory=dict)  # bear / bull
    opening: dict[str, float] = field(default_factory=dict)  # metric -> last actual year
    history: dict[tuple[str, int], float] = field(default_factory=dict)  # (metric, year)
    tax: dict[str, Any] = field(default_factory=dict)
    funding: dict[str, Any] = field(default_factory=dict)
    first_margin: float = 0.0  # the lowest first-year gross margin of the scenarios


def statements(rng: random.Random, revenue: dict[int, float], forecast: list[int],
               cjk: bool) -> Statements:
    """Drivers over ``forecast`` and figures for the actual years of ``revenue``."""
    made = Statements()
    long_run = rng.uniform(0.12, 0.3)  # operating margin at the horizon
    start = rng.uniform(-0.06, 0.2) if len(forecast) >= 5 else rng.uniform(0.05, 0.2)
    gross = sr.fade(rng, rng.uniform(max(0.15, start + 0.1), 0.7),
                    rng.uniform(long_run + 0.1, 0.8), forecast)
    operating = sr.fade(rng, min(start, gross[forecast[0]] - 0.05), long_run, forecast)
    made.drivers["gross_margin"] = gross
    made.drivers["opex"] = _opex(rng, gross, operating, cjk)
    _other_drivers(rng, made.drivers, forecast, revenue[max(revenue)])
    made.overrides = {case: _overrides(rng, made.drivers, sign)
                      for case, sign in (("bear", -1), ("bull", 1))}
    made.first_margin = min(gross[forecast[0]], *(o.get("gross_margin", gross)[forecast[0]]
                                                  for o in made.overrides.values()))
    _opening(rng, made, revenue[max(revenue)], gross[forecast[0]])
    _history(rng, made, revenue, gross[forecast[0]])
    made.tax, made.funding = _tax(rng, revenue[max(revenue)]), _funding(rng, revenue)
    return made


def _opex(rng: random.Random, gross: sr.Series, operating: sr.Series,
          cjk: bool) -> dict[str, Any]:
    """1-4 expense lines sharing gross margin less operating margin, in fixed proportions."""
    lines = rng.sample(OPEX_LINES, rng.randint(1, 4))
    weights = [rng.uniform(0.5, 2.0) for _ in lines]
    opex = {}
    for (line, label, metric), weight in zip(lines, weights, strict=True):
        share = weight / sum(weights)
        entry: dict[str, Any] = {
            "name": CJK_OPEX_NAMES.get(line, label) if cjk and rng.random() < 0.5 else label,
            "pct_revenue": {y: round(max(0.0, gross[y] - operating[y]) * share, 4)
                            for y in gross}}
        if metric:
            entry["metric"] = metric
        opex[line] = entry
    return opex


def _other_drivers(rng: random.Random, drivers: dict[str, Any], years: list[int],
                   revenue: float) -> None:
    da = rng.uniform(0.02, 0.1)
    drivers["da_pct_revenue"] = sr.fade(rng, da, da * rng.uniform(0.8, 1.1), years)
    drivers["capex_pct_revenue"] = sr.fade(rng, da + rng.uniform(0, 0.1),
                                           da + rng.uniform(0.005, 0.03), years)
    for key, _, _, low, high, chance in WORKING_CAPITAL:
        if rng.random() < chance:
            start = rng.uniform(low, high)
            drivers[key] = sr.fade(rng, start, start * rng.uniform(0.85, 1.1), years,
                                   digits=1 if key.endswith("days") else 4)
    optional = {
        "other_income_pct_revenue": (0.5, lambda: sr.constant(round(rng.uniform(-0.01, 0.02), 4),
                                                              years)),
        "sbc_pct_revenue": (0.4, lambda: sr.constant(round(rng.uniform(0.005, 0.04), 4), years)),
        "interest_rate_on_debt": (0.6, lambda: sr.constant(round(rng.uniform(0.02, 0.08), 4),
                                                           years)),
        "interest_rate_on_cash": (0.5, lambda: sr.constant(round(rng.uniform(0, 0.035), 4),
                                                           years)),
        "minority_share": (0.25, lambda: sr.constant(round(rng.uniform(0.02, 0.2), 3), years)),
        "dividend_payout": (0.3, lambda: sr.constant(round(rng.uniform(0.1, 0.6), 2), years)),
        "debt_change": (0.3, lambda: _once(years, revenue * rng.uniform(-0.05, 0.1))),
        "equity_issuance": (0.2, lambda: _once(years, revenue * rng.uniform(0.02, 0.3))),
        "buybacks": (0.15, lambda: sr.constant(sr.money(revenue * rng.uniform(0.005, 0.03)),
                                               years)),
        "other_investing": (0.15, lambda: sr.constant(
            sr.money(revenue * rng.uniform(-0.02, 0.01)), years)),
        "other_financing": (0.1, lambda: sr.constant(
            sr.money(revenue * rng.uniform(-0.01, 0.01)), years)),
        "non_recurring": (0.2, lambda: _once(years, revenue * rng.uniform(-0.05, 0.05))),
    }
    for key, (chance, draw) in optional.items():
        if rng.random() < chance:
            drivers[key] = draw()


def _once(years: list[int], amount: float) -> sr.Series:
    """An amount in the first forecast year only (a raise, a one-off), 0 after."""
    return {y: sr.money(amount) if i == 0 else 0.0 for i, y in enumerate(years)}


def _overrides(rng: random.Random, drivers: dict[str, Any], sign: int) -> dict[str, Any]:
    """A scenario: gross margin, one expense line, receivable days and capex moved its way."""
    found: dict[str, Any] = {}
    if rng.random() < 0.7:
        found["gross_margin"] = sr.shifted(drivers["gross_margin"],
                                           sign * rng.uniform(0.005, 0.02), -0.5, 0.95)
    if rng.random() < 0.3:
        line = rng.choice(list(drivers["opex"]))
        found["opex"] = {line: sr.shifted(drivers["opex"][line]["pct_revenue"],
                                          -sign * rng.uniform(0.002, 0.01), 0, 1.5)}
    if "receivable_days" in drivers and rng.random() < 0.2:
        found["receivable_days"] = sr.shifted(drivers["receivable_days"],
                                              -sign * rng.uniform(2, 10), 0, 700, digits=1)
    if rng.random() < 0.2:
        found["capex_pct_revenue"] = sr.shifted(drivers["capex_pct_revenue"],
                                                -sign * rng.uniform(0.002, 0.01), 0, 1.5)
    return found


def _opening(rng: random.Random, made: Statements, revenue: float, margin: float) -> None:
    """The last actual year's balance sheet: what the drivers need, and some held lines."""
    cogs = revenue * (1 - margin)
    bases = {"revenue": revenue, "cogs": cogs}
    opening = made.opening
    opening["cash"] = revenue * rng.uniform(0.05, 0.6)
    debt = revenue * rng.uniform(0, 0.3)
    if rng.random() < 0.4:
        split = rng.uniform(0.2, 0.8)
        opening["short_term_borrowings"] = debt * split
        opening["long_term_borrowings"] = debt * (1 - split)
    else:
        opening["total_borrowings"] = debt
    opening["total_equity"] = revenue * rng.uniform(0.3, 1.5)
    opening["ppe"] = revenue * rng.uniform(0.1, 1.0)
    for key, metric, base, low, high, _ in WORKING_CAPITAL:
        driven = key in made.drivers
        if driven or rng.random() < 0.2:
            level = made.drivers[key][min(made.drivers[key])] if driven else rng.uniform(low, high)
            share = level / DAYS if key.endswith("days") else level
            opening[metric] = bases[base] * share * rng.uniform(0.85, 1.15)
    for metric, low, high in HELD:
        if rng.random() < 0.25:
            opening[metric] = revenue * rng.uniform(low, high)
    if "minority_share" in made.drivers or rng.random() < 0.15:
        opening["minority_interests"] = opening["total_equity"] * rng.uniform(0.02, 0.15)
    made.opening = {metric: sr.money(value) for metric, value in opening.items()}


def _history(rng: random.Random, made: Statements, revenue: dict[int, float],
             margin: float) -> None:
    """Income statement lines of the actual years, near the first forecast year's ratios."""
    opex = made.drivers["opex"]
    first = min(made.drivers["gross_margin"])
    for year, sales in revenue.items():
        if year != max(revenue) and rng.random() < 0.5:
            continue
        gross = sales * (margin + rng.uniform(-0.03, 0.03))
        lines = {entry["metric"]: sales * entry["pct_revenue"][first] * rng.uniform(0.9, 1.1)
                 for entry in opex.values() if entry.get("metric")}
        figures = {"gross_profit": gross, "cost_of_revenue": sales - gross, **lines,
                   "operating_income": gross - sum(lines.values()) if len(lines) == len(opex)
                   else None,
                   "depreciation_amortization": sales * made.drivers["da_pct_revenue"][first],
                   "capex": sales * made.drivers["capex_pct_revenue"][first]}
        for metric, value in figures.items():
            if value is not None and rng.random() < 0.5:
                made.history[(metric, year)] = sr.money(value)


def _tax(rng: random.Random, revenue: float) -> dict[str, Any]:
    tax: dict[str, Any] = {"rate": round(rng.uniform(0.09, 0.34), 3)}
    if rng.random() < 0.6:
        tax["losses"] = "carry_forward"
        if rng.random() < 0.6:
            tax["losses_brought_forward"] = sr.money(revenue * rng.uniform(0.01, 0.6))
    else:
        tax["losses"] = "credit"
    return tax


def _funding(rng: random.Random, revenue: dict[int, float]) -> dict[str, Any]:
    funding: dict[str, Any] = {
        "minimum_cash": sr.money(revenue[max(revenue)] * rng.uniform(0, 0.1)),
        "shortfall": "revolver" if rng.random() < 0.7 else "show"}
    if funding["shortfall"] == "revolver":
        funding["revolver_rate"] = round(rng.uniform(0.03, 0.08), 4)
    return funding

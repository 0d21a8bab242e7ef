"""A tiny made-up company, written to a folder: its document, historicals CSV and model YAML.

Small enough to check by hand, and edited per test (``edit`` changes the YAML data, ``figures``
adds or replaces reported figures, ``drop`` removes some), so each test of the statements,
listings, segments and interim periods states exactly the case it is about. Nothing here is any
real company's: the document is written by this module.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml

from builder.historicals.records import Figure, Kind, Source
from builder.historicals.table import write_figures

ENTITY = "TINY"
DOCUMENT = "tiny.txt"
PUBLISHED = "2025-03-31"
YEARS = [2025, 2026, 2027]

# (metric, period) -> value: the last reported balance sheet and revenue.
FIGURES: dict[tuple[str, str], float] = {
    ("revenue", "FY2024"): 1000.0,
    ("cash", "FY2024"): 200.0,
    ("total_borrowings", "FY2024"): 300.0,
    ("total_equity", "FY2024"): 700.0,
    ("ppe", "FY2024"): 600.0,
    ("accounts_receivable", "FY2024"): 150.0,
    ("accounts_payable", "FY2024"): 80.0,
}
RATIOS = {"gross_margin", "revenue_yoy"}


def each_year(value: float) -> dict[int, float]:
    return dict.fromkeys(YEARS, value)


BASE: dict[str, Any] = {
    "model": "Tiny test company",
    "as_of": "2025-06-30",
    "company": {
        "entity": ENTITY, "name_en": "Tiny Test Company", "name_zh": "微小测试公司",
        "listings": [{"exchange": "XSHG", "ticker": "TINY", "currency": "CNY",
                      "instrument": "ordinary", "shares_per_unit": 1}],
        "reporting_currency": "CNY", "unit": "millions",
    },
    "timeline": {"actual_years": [2024], "forecast_years": YEARS},
    "historicals": {"file": "tiny.historicals.csv", "documents": "docs"},
    "tax": {"rate": 0.25, "losses": "carry_forward"},
    "drivers": {
        "revenue": {"total": {"growth": each_year(0.10)}},
        "gross_margin": each_year(0.40),
        "opex": {"sga": {"name": "Selling, general and administrative",
                         "pct_revenue": each_year(0.20)}},
        "da_pct_revenue": each_year(0.05),
        "capex_pct_revenue": each_year(0.06),
        "receivable_days": each_year(60),
        "payable_days": each_year(45),
        "interest_rate_on_debt": each_year(0.05),
    },
    "market": {"prices": [{"ticker": "TINY", "value": 10.0, "date": "2025-06-30"}],
               "shares": {"ordinary_m": 100.0, "as_of": "2025-06-30"}},
    "valuation": {
        "wacc": {"risk_free_rate": 0.03, "equity_risk_premium": 0.06, "beta": 1.0,
                 "pre_tax_cost_of_debt": 0.05, "debt_tax_rate": 0.25,
                 "target_debt_weight": 0.2},
        "terminal": {"method": "gordon", "growth": 0.02, "return_on_new_capital": 0.10,
                     "exit_ev_ebitda": 8.0},
        "equity_bridge": {"balance_sheet": "FY2024"},
        "multiples": {"year": 2026, "ps": 2.0},
        "weights": {"dcf": 0.5, "ps": 0.5},
    },
}


def tiny_company(folder: Path, edit: Callable[[dict], None] | None = None,
                 figures: Mapping[tuple[str, str], float] | None = None,
                 drop: Iterable[tuple[str, str]] = (),
                 published: Mapping[tuple[str, str], str] | None = None,
                 estimates: Mapping[tuple[str, str, str], float] | None = None) -> Path:
    """Write the company into ``folder``; returns its YAML's path. ``estimates``: (metric,
    period, broker) -> a published forecast, quoted in the document like the figures."""
    data = copy.deepcopy(BASE)
    if edit is not None:
        edit(data)
    values = {**FIGURES, **(figures or {})}
    for cell in drop:
        values.pop(cell, None)
    docs = folder / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    lines, rows = [], []
    for number, ((metric, period), value) in enumerate(sorted(values.items()), start=1):
        quote = f"{metric} for {period} was {value!r}."
        lines.append(f"The company said that {quote}")
        ratio = metric in RATIOS or metric.endswith("_yoy")
        when = (published or {}).get((metric, period))
        rows.append(Figure(entity=ENTITY, metric=metric, period=period, value=value,
                           unit="fraction" if ratio else "million",
                           currency="" if ratio else "CNY", kind=Kind.ACTUAL, broker="",
                           precision=0.001 if ratio else 0.1,
                           source=Source(DOCUMENT, number, quote),
                           published=dt.date.fromisoformat(when or PUBLISHED)))
    for (metric, period, broker), value in sorted((estimates or {}).items()):
        quote = f"{broker} expects {metric} for {period} of {value!r}."
        lines.append(quote)
        rows.append(Figure(entity=ENTITY, metric=metric, period=period, value=value,
                           unit="million", currency="CNY", kind=Kind.ESTIMATE, broker=broker,
                           precision=0.1, source=Source(DOCUMENT, len(lines), quote),
                           published=dt.date.fromisoformat(PUBLISHED)))
    (docs / DOCUMENT).write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / data["historicals"]["file"]).write_text(write_figures(rows), encoding="utf-8")
    path = folder / "tiny.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path

"""The Street: published estimates (brokers, the press) beside our forecast, gaps by formula.

Each broker's forecast of a metric is a row of reported figures (blue, quote in the comment);
under it, our forecast minus theirs, as a formula, in the metric's own unit (CNY m, or
percentage points for a margin). A relative gap would read backwards against a broker's loss.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from builder.historicals.records import ReconciledFigure
from builder.model.book import ItemBook
from builder.model.expr import Ref
from builder.model.facts import Facts
from builder.model.history import label_of, labelled, unit_of
from builder.model.items import Timeline, Unit
from builder.model.timeline import ANNUAL

# Broker metric -> our forecast line (before the namespace prefix): kinds of line, the same for
# every company; declared segments and expense lines are added from the plan.
OURS = {"revenue": "revenue", "gross_margin": "gross_margin", "gross_profit": "gross_profit",
        "cost_of_revenue": "cogs", "operating_income": "ebit", "ebitda": "ebitda",
        "pretax_income": "pretax", "income_tax": "tax", "net_profit": "net_profit",
        "net_income": "net_income", "net_margin": "net_margin", "ebitda_margin": "ebitda_margin",
        "cash": "cash", "capex": "capex", "operating_cash_flow": "cfo",
        "investing_cash_flow": "cfi", "financing_cash_flow": "cff", "total_equity": "total_equity",
        "accounts_receivable": "bs_accounts_receivable", "accounts_payable":
        "bs_accounts_payable", "other_current_assets": "bs_other_current_assets",
        "accrued_expenses": "bs_accrued_expenses", "other_current_liabilities":
        "bs_other_current_liabilities", "ppe": "bs_ppe", "depreciation_amortization": "da"}


@dataclass(frozen=True, slots=True)
class StreetMetric:
    metric: str
    label: str
    unit: Unit
    ours: str | None  # the forecast row it compares with, if we model it


@dataclass(frozen=True, slots=True)
class StreetRows:
    """The keys the Street sheet lays out, metric by metric."""

    metric: StreetMetric
    ours: str | None
    brokers: tuple[tuple[str, str | None], ...]  # (estimate row, difference row)


def street_key(broker: str, metric: str) -> str:
    """``st_<metric>__<broker>``: the metric first, so ``net_income`` never matches
    ``adj_net_income``."""
    return f"{street_prefix(metric)}{_slug(broker)}"


STREET = "st_"  # every Street sheet row's key starts so


def street_prefix(metric: str) -> str:
    return f"{STREET}{metric}__"


def add_street(book: ItemBook, facts: Facts, annual: Timeline, names: Mapping[str, str],
               lines: Mapping[str, str], order: Sequence[str]) -> list[StreetRows]:
    """Estimate rows for the forecast years, a link to ours, and the differences. ``lines``
    adds the declared segments' and expense lines' metrics to the forecast lines compared;
    ``order`` is the reading order of metrics (unlisted ones follow, alphabetically)."""
    forecast_years = set(annual.forecast_keys())
    by_metric: dict[str, dict[str, dict[str | None, ReconciledFigure]]] = defaultdict(dict)
    for figure in facts.estimates:
        if figure.period in forecast_years:
            by_metric[figure.metric].setdefault(figure.broker, {})[figure.period] = figure
    ours_of = {**OURS, **lines}
    ranked = sorted(by_metric, key=lambda m: (order.index(m) if m in order else len(order), m))
    sections: list[StreetRows] = []
    for metric in ranked:
        unit, label = unit_of(metric), labelled(book, metric, names)
        ours = f"fc_{ours_of[metric]}" if metric in ours_of else None
        if ours is not None and not book.has(ours):
            ours = None
        spec = StreetMetric(metric, label, unit, ours)
        ours_key = None
        if ours is not None:
            ours_key = f"st_ours_{metric}"
            book.calc(ours_key, f"Our forecast: {label}", unit, ANNUAL, forecast=Ref(ours))
        rows = []
        brokers = by_metric[metric]
        for broker in sorted(brokers):
            key = street_key(broker, metric)
            book.historical(key, f"{broker}: {label}", unit, ANNUAL, brokers[broker],
                            broker=broker)
            difference = None
            if ours_key is not None:
                difference = f"{key}_diff"
                shown = "pp" if unit is Unit.RATIO else book.item(key).unit_text  # type: ignore
                book.calc(difference, f"Ours minus {broker}: {label_of(metric, names)} "
                          f"({shown})", unit, ANNUAL,
                          cells={p: Ref(ours_key) - Ref(key) for p in brokers[broker]})
            rows.append((key, difference))
        sections.append(StreetRows(spec, ours_key, tuple(rows)))
    return sections


def _slug(text: str) -> str:
    """A key part for a broker's name, different for different names: the name's letters and
    digits, and where that loses anything (case, punctuation, 格隆汇), a short hash of the exact
    name, so two houses credited on one date never share a row."""
    slug = re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")
    if slug == text:
        return slug
    return f"{slug}_{hashlib.blake2b(text.encode('utf-8'), digest_size=4).hexdigest()}"

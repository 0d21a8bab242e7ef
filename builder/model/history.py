"""Historical rows: every figure the documents report for the actual years, as a blue input
with its sources, grouped by statement in the order a reader expects.

Nothing is chosen here: a metric the documents give for an actual year gets its row, and a
metric they do not give has none. Labels come from the vocabulary, or from the company's own
declarations for its segments and expense lines.
"""

from __future__ import annotations

from collections.abc import Mapping

from builder.historicals.vocabulary import METRICS, Measure
from builder.model.book import ItemBook
from builder.model.facts import Facts
from builder.model.items import Timeline, Unit
from builder.model.timeline import ANNUAL

# The statements' reported lines, in reading order; a metric of the vocabulary not listed here
# goes under "Other reported figures". Kinds of line, not any company's names.
INCOME = ("revenue", "revenue_yoy", "cost_of_revenue", "gross_profit", "gross_margin",
          "adj_gross_profit", "adj_gross_margin", "selling_expenses", "ga_expenses",
          "rnd_expenses", "operating_expenses", "opex_pct_revenue", "operating_income",
          "adj_operating_income", "other_income", "pretax_income", "income_tax",
          "effective_tax_rate", "net_profit", "minority_profit", "net_income", "net_margin",
          "adj_net_income", "ebitda", "ebitda_margin", "adj_ebitda", "adj_ebitda_margin",
          "depreciation_amortization", "eps")
BALANCE = ("cash", "short_term_investments", "accounts_receivable", "inventory",
           "other_current_assets", "total_current_assets", "ppe", "intangibles",
           "long_term_prepayments", "long_term_investments", "due_from_related_parties",
           "lease_assets", "total_non_current_assets", "total_assets", "accounts_payable",
           "accrued_expenses", "short_term_borrowings", "other_current_liabilities",
           "total_current_liabilities", "long_term_borrowings", "total_borrowings",
           "other_non_current_liabilities", "total_non_current_liabilities",
           "total_liabilities", "total_equity", "minority_interests", "receivable_days",
           "payable_days")
CASH_FLOW = ("operating_cash_flow", "non_cash_adjustments", "working_capital_change",
             "investing_cash_flow", "capex", "other_investing", "financing_cash_flow",
             "change_in_borrowings", "equity_issuance", "convertible_issuance", "dividends_paid",
             "fx_effect", "cash_change", "cash_begin", "cash_end")
STATEMENTS = (("Income statement", INCOME), ("Balance sheet", BALANCE),
              ("Cash flow statement", CASH_FLOW))
UNIT_OF = {Measure.MONEY: Unit.MONEY, Measure.RATIO: Unit.RATIO, Measure.PER_SHARE: Unit.PRICE,
           Measure.COUNT: Unit.SHARES_M}


def annual_key(metric: str) -> str:
    return f"hist_{metric}"


def interim_key(metric: str) -> str:
    return f"ir_{metric}"


def unit_of(metric: str) -> Unit:
    known = METRICS.get(metric)
    measure = known.measure if known is not None else (
        Measure.RATIO if metric.endswith(("_yoy", "_share")) or "_share_of_" in metric
        else Measure.MONEY)
    return UNIT_OF.get(measure, Unit.DAYS if measure.value == "days" else Unit.INDEX)


def label_of(metric: str, names: Mapping[str, str]) -> str:
    """A reader's label: the declared name of a segment or expense line, else the vocabulary's."""
    if metric in names:
        return names[metric]
    known = METRICS.get(metric)
    return known.label if known is not None else metric.replace("_", " ")


def labelled(book: ItemBook, metric: str, names: Mapping[str, str]) -> str:
    """The metric's label with its unit, as every sheet writes it: ``Revenue (CNY m)``."""
    unit, label = unit_of(metric), label_of(metric, names)
    if unit is Unit.MONEY:
        return book.money(label)
    if unit is Unit.PRICE:
        return book.price(label)
    return f"{label} ({unit.value})"


def grouped(metrics: set[str], segment_metrics: tuple[str, ...]) -> list[tuple[str, list[str]]]:
    """(heading, metrics) in reading order; segments follow revenue."""
    groups = []
    placed: set[str] = set()
    for heading, order in STATEMENTS:
        rows = []
        for metric in order:
            if metric in metrics:
                rows.append(metric)
                placed.add(metric)
            if metric == "revenue_yoy":
                rows += [m for m in segment_metrics if m in metrics]
                placed.update(segment_metrics)
        if rows:
            groups.append((heading, rows))
    others = sorted(m for m in metrics - placed)
    if others:
        groups.append(("Other reported figures", others))
    return groups


def add_historicals(book: ItemBook, facts: Facts, annual: Timeline,
                    names: Mapping[str, str], segment_metrics: tuple[str, ...],
                    currency_of: Mapping[str, str] | None = None) -> list[tuple[str, list[str]]]:
    """A row per metric the documents give for an actual year; returns the sheet's groups of
    row keys. ``names`` labels declared metrics (segments, expense lines)."""
    actual = annual.actual_keys()
    present = {m for m in facts.metrics() if any(facts.has(m, p) for p in actual)}
    sections = []
    for heading, metrics in grouped(present, segment_metrics):
        keys = []
        for metric in metrics:
            figures = facts.series(metric, actual)
            keys.append(book.historical(
                annual_key(metric), labelled(book, metric, names), unit_of(metric), ANNUAL,
                figures,
                estimated=[p for p in figures if facts.is_estimate(metric, p)]))
        sections.append((heading, keys))
    return sections

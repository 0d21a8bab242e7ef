"""The canonical metric vocabulary shared by extraction, the reviewed CSV and the model.

A metric name is a contract: the extractor emits it, reviewers read it and the model looks it up.
Each metric declares how its ``value`` is expressed, so a loader can reject a ratio written as a
percentage (29.6 instead of 0.296) before it reaches a formula.

The vocabulary holds kinds of figures only. A company's segments are declared in its model file
(``company.segments``); their metrics (``<id>_revenue``, ``<id>_revenue_yoy``,
``<child>_share_of_<parent>``) are built from that declaration by :func:`segment_metrics`, so no
segment's name lives in code.

Sign conventions of the statement lines: expenses and costs are positive amounts (an expense
printed "(6,197)" is 6197.0); income lines keep their sign; ``income_tax`` is positive for an
expense and negative for a credit; ``working_capital_change`` is signed as the cash flow statement
prints it (negative = cash absorbed); ``capex`` and ``dividends_paid`` are positive when money is
spent.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol


class Measure(StrEnum):
    """How a metric's value is expressed in the tidy CSV."""

    MONEY = "money"  # millions of the row's currency
    RATIO = "ratio"  # a fraction: 29.6% is 0.296
    PER_SHARE = "per_share"  # units of the row's currency per share or per ADS
    COUNT = "count"  # millions of shares or ADS
    DAYS = "days"  # a day count (receivable days)


@dataclass(frozen=True, slots=True)
class Metric:
    name: str
    measure: Measure
    label: str


M, R, D = Measure.MONEY, Measure.RATIO, Measure.DAYS

_INCOME_STATEMENT = (
    Metric("revenue", M, "Total revenue"),
    Metric("revenue_yoy", R, "Revenue growth, year on year"),
    Metric("cost_of_revenue", M, "Cost of revenue (positive)"),
    Metric("gross_profit", M, "Gross profit"),
    Metric("gross_margin", R, "Gross margin"),
    Metric("adj_gross_profit", M, "Adjusted gross profit"),
    Metric("adj_gross_margin", R, "Adjusted gross margin"),
    Metric("selling_expenses", M, "Selling and marketing expenses (positive)"),
    Metric("ga_expenses", M, "General and administrative expenses (positive)"),
    Metric("rnd_expenses", M, "Research and development expenses (positive)"),
    Metric("operating_expenses", M, "Total operating expenses"),
    Metric("opex_pct_revenue", R, "Operating (period) expenses / revenue"),
    Metric("other_income", M, "Other income, net (signed; may include finance costs)"),
    Metric("operating_income", M, "Operating income (EBIT)"),
    Metric("pretax_income", M, "Profit before tax"),
    Metric("income_tax", M, "Income tax (positive: expense; negative: credit)"),
    Metric("effective_tax_rate", R, "Effective tax rate"),
    Metric("net_profit", M, "Profit for the year, all holders"),
    Metric("minority_profit", M, "Profit attributable to minority interests"),
    Metric("net_income", M, "Net income (loss) attributable"),
    Metric("net_income_yoy", R, "Attributable net income growth, year on year"),
    Metric("net_margin", R, "Net margin"),
    Metric("ebitda", M, "EBITDA"),
    Metric("ebitda_margin", R, "EBITDA margin"),
    Metric("depreciation_amortization", M, "Depreciation and amortisation"),
    Metric("adj_ebitda", M, "Adjusted EBITDA"),
    Metric("adj_ebitda_margin", R, "Adjusted EBITDA margin"),
    Metric("adj_operating_income", M, "Adjusted operating income (loss)"),
    Metric("adj_net_income", M, "Adjusted net income (loss)"),
    Metric("eps", Measure.PER_SHARE, "Earnings per share"),
    Metric("receivable_days", D, "Accounts receivable days"),
    Metric("payable_days", D, "Accounts payable days"),
)

_BALANCE_SHEET = (
    Metric("cash", M, "Cash and cash equivalents"),
    Metric("accounts_receivable", M, "Accounts receivable"),
    Metric("inventory", M, "Inventory"),
    Metric("short_term_investments", M, "Short-term investments"),
    Metric("other_current_assets", M, "Other current assets"),
    Metric("total_current_assets", M, "Total current assets"),
    Metric("ppe", M, "Property, plant and equipment, net"),
    Metric("intangibles", M, "Intangible assets"),
    Metric("long_term_prepayments", M, "Long-term prepayments"),
    Metric("long_term_investments", M, "Long-term investments"),
    Metric("due_from_related_parties", M, "Amounts due from related parties"),
    Metric("lease_assets", M, "Right-of-use (lease) assets"),
    Metric("total_non_current_assets", M, "Total non-current assets"),
    Metric("total_assets", M, "Total assets"),
    Metric("accounts_payable", M, "Accounts payable"),
    Metric("accrued_expenses", M, "Accrued expenses"),
    Metric("short_term_borrowings", M, "Short-term borrowings"),
    Metric("other_current_liabilities", M, "Other current liabilities"),
    Metric("total_current_liabilities", M, "Total current liabilities"),
    Metric("long_term_borrowings", M, "Long-term borrowings"),
    Metric("other_non_current_liabilities", M, "Other non-current liabilities"),
    Metric("total_non_current_liabilities", M, "Total non-current liabilities"),
    Metric("total_liabilities", M, "Total liabilities"),
    Metric("total_borrowings", M, "Total borrowings"),
    Metric("total_equity", M, "Total shareholders' equity"),
    Metric("minority_interests", M, "Minority (non-controlling) interests"),
)

_CASH_FLOW = (
    Metric("operating_cash_flow", M, "Net cash from operating activities"),
    Metric("non_cash_adjustments", M, "Non-cash adjustments"),
    Metric("working_capital_change", M, "Change in working capital (negative: cash absorbed)"),
    Metric("investing_cash_flow", M, "Net cash from investing activities"),
    Metric("capex", M, "Capital expenditure (positive: spent)"),
    Metric("other_investing", M, "Other investing cash flows (signed)"),
    Metric("financing_cash_flow", M, "Net cash from financing activities"),
    Metric("change_in_borrowings", M, "Change in borrowings (signed)"),
    Metric("equity_issuance", M, "Equity financing (signed)"),
    Metric("convertible_issuance", M, "Convertible bonds issued (signed)"),
    Metric("dividends_paid", M, "Dividends paid (positive: paid)"),
    Metric("fx_effect", M, "Effect of exchange rate changes on cash"),
    Metric("cash_change", M, "Net change in cash"),
    Metric("cash_begin", M, "Cash at the beginning of the year"),
    Metric("cash_end", M, "Cash at the end of the year"),
)

_MARKET = (
    Metric("ps_multiple", R, "Price to sales multiple (x)"),
    Metric("target_price", Measure.PER_SHARE, "Broker target price, per traded unit (ADS or "
           "share) in the currency column"),
    Metric("share_price", Measure.PER_SHARE, "Share price, per traded unit (ADS or share) in the "
                                             "currency column"),
    Metric("ads_outstanding", Measure.COUNT, "ADS outstanding, millions"),
    Metric("market_cap", M, "Market capitalisation, millions of the currency column"),
)

METRICS: dict[str, Metric] = {metric.name: metric
                              for metric in (*_INCOME_STATEMENT, *_BALANCE_SHEET, *_CASH_FLOW,
                                             *_MARKET)}

# What a segment's metric looks like: a name the vocabulary lacks but a model may declare.
SEGMENT_LIKE = re.compile(r"^[a-z][a-z0-9_]*(?:_revenue|_revenue_yoy|_share_of_[a-z][a-z0-9_]*)$")


class SegmentLike(Protocol):
    """A declared segment: the model's ``company.segments`` entries (or any look-alike)."""

    @property
    def id(self) -> str: ...

    @property
    def children(self) -> Iterable[SegmentLike]: ...


def segment_metrics(segments: Iterable[SegmentLike]) -> dict[str, Metric]:
    """The metrics a declared segment tree gives: ``<id>_revenue`` and ``<id>_revenue_yoy`` for
    every segment, ``<child>_share_of_<parent>`` for every child."""
    found: dict[str, Metric] = {}

    def walk(segment: SegmentLike, parent: str) -> None:
        found[f"{segment.id}_revenue"] = Metric(f"{segment.id}_revenue", M,
                                                f"{segment.id} revenue")
        found[f"{segment.id}_revenue_yoy"] = Metric(f"{segment.id}_revenue_yoy", R,
                                                    f"{segment.id} revenue growth, year on year")
        if parent:
            name = f"{segment.id}_share_of_{parent}"
            found[name] = Metric(name, R, f"{segment.id} revenue as a share of {parent}")
        for child in segment.children:
            walk(child, segment.id)

    for segment in segments:
        walk(segment, "")
    return found


def metric_named(name: str, declared: Mapping[str, Metric] | None = None) -> Metric | None:
    """The vocabulary's metric, else a declared segment metric, else None."""
    return METRICS.get(name) or (declared or {}).get(name)


def declared_metrics(names: Iterable[str]) -> dict[str, Metric]:
    """Metrics for names a model declares (its segments'), each measure read from its form."""
    found: dict[str, Metric] = {}
    for name in names:
        if name in METRICS or not SEGMENT_LIKE.match(name):
            continue
        measure = M if name.endswith("_revenue") else R
        found[name] = Metric(name, measure, name.replace("_", " "))
    return found

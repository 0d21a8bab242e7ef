"""The canonical metric vocabulary shared by extraction, the reviewed CSV and the model.

A metric name is a contract: the extractor emits it, reviewers read it and the model looks it up.
Each metric declares how its ``value`` is expressed, so a loader can reject a ratio written as a
percentage (29.6 instead of 0.296) before it reaches a formula.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Measure(StrEnum):
    """How a metric's value is expressed in the tidy CSV."""

    MONEY = "money"  # millions of the row's currency
    RATIO = "ratio"  # a fraction: 29.6% is 0.296
    PER_SHARE = "per_share"  # units of the row's currency per share or per ADS
    COUNT = "count"  # millions of shares or ADS


@dataclass(frozen=True, slots=True)
class Metric:
    name: str
    measure: Measure
    label: str


_METRICS = (
    Metric("revenue", Measure.MONEY, "Total revenue"),
    Metric("revenue_yoy", Measure.RATIO, "Revenue growth, year on year"),
    Metric("public_cloud_revenue", Measure.MONEY, "Public cloud revenue"),
    Metric("public_cloud_revenue_yoy", Measure.RATIO, "Public cloud revenue growth, year on year"),
    Metric("industry_cloud_revenue", Measure.MONEY, "Industry cloud revenue"),
    Metric("industry_cloud_revenue_yoy", Measure.RATIO, "Industry cloud growth, year on year"),
    Metric("ai_revenue", Measure.MONEY, "AI-related (billing) revenue"),
    Metric("ai_revenue_yoy", Measure.RATIO, "AI revenue growth, year on year"),
    Metric("ai_share_of_public_cloud", Measure.RATIO, "AI revenue as a share of public cloud"),
    Metric("ecosystem_revenue", Measure.MONEY, "Revenue from the Xiaomi and Kingsoft ecosystem"),
    Metric("gross_profit", Measure.MONEY, "Gross profit"),
    Metric("gross_margin", Measure.RATIO, "Gross margin"),
    Metric("adj_gross_profit", Measure.MONEY, "Adjusted gross profit"),
    Metric("adj_gross_margin", Measure.RATIO, "Adjusted gross margin"),
    Metric("ebitda", Measure.MONEY, "EBITDA"),
    Metric("ebitda_margin", Measure.RATIO, "EBITDA margin"),
    Metric("adj_ebitda", Measure.MONEY, "Adjusted EBITDA"),
    Metric("adj_ebitda_margin", Measure.RATIO, "Adjusted EBITDA margin"),
    Metric("adj_operating_income", Measure.MONEY, "Adjusted operating income (loss)"),
    Metric("operating_expenses", Measure.MONEY, "Total operating expenses"),
    Metric("net_income", Measure.MONEY, "Net income (loss) attributable"),
    Metric("net_margin", Measure.RATIO, "Net margin"),
    Metric("adj_net_income", Measure.MONEY, "Adjusted net income (loss)"),
    Metric("eps", Measure.PER_SHARE, "Earnings per share"),
    Metric("cash", Measure.MONEY, "Cash and cash equivalents"),
    Metric("accounts_receivable", Measure.MONEY, "Accounts receivable"),
    Metric("accounts_payable", Measure.MONEY, "Accounts payable"),
    Metric("ppe", Measure.MONEY, "Property, plant and equipment, net"),
    Metric("short_term_borrowings", Measure.MONEY, "Short-term borrowings"),
    Metric("long_term_borrowings", Measure.MONEY, "Long-term borrowings"),
    Metric("total_borrowings", Measure.MONEY, "Total borrowings"),
    Metric("total_equity", Measure.MONEY, "Total shareholders' equity"),
    Metric("depreciation_amortization", Measure.MONEY, "Depreciation and amortisation"),
    Metric("operating_cash_flow", Measure.MONEY, "Net cash from operating activities"),
    Metric("ps_multiple", Measure.RATIO, "Price to sales multiple (x)"),
    Metric("target_price_usd", Measure.PER_SHARE, "Broker target price, USD per ADS"),
    Metric("share_price_usd", Measure.PER_SHARE, "Share price, USD per ADS"),
    Metric("share_price_hkd", Measure.PER_SHARE, "Share price, HKD per share"),
    Metric("ads_outstanding", Measure.COUNT, "ADS outstanding, millions"),
    Metric("market_cap_usd", Measure.MONEY, "Market capitalisation, USD m"),
)

METRICS: dict[str, Metric] = {metric.name: metric for metric in _METRICS}

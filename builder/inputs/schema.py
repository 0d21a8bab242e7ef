"""The assumptions schema: one typed field per YAML key, with its unit in the description.

:func:`builder.inputs.record.validate` does the checking; :mod:`builder.inputs.loader` turns its
issues into ``file:line: dotted.key: message`` problems. Every record rejects unknown keys, so a
typo such as ``gross_margn`` is reported rather than silently ignored. Rates are fractions
(0.15 is 15%).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from builder.inputs.memo_schema import Memo
from builder.inputs.record import Field, Record
from builder.inputs.valuation_schema import Market, Peers, Valuation

Year = int
Series = dict[Year, float]

# What each driver means and its unit; shared by the base case and the scenario overrides.
DRIVER_TEXT = {
    "ai_public_cloud": "AI public cloud revenue growth, fraction YoY per forecast year "
                       "(0.25 = +25%)",
    "non_ai_public_cloud": "non-AI public cloud revenue growth, fraction YoY per forecast year",
    "industry_cloud": "industry cloud revenue growth, fraction YoY per forecast year",
    "total": "total revenue growth, fraction YoY per forecast year: a company reported as one "
             "segment (give this alone, or the three segments without it)",
    "gross_margin": "gross profit / revenue, fraction per forecast year",
    "selling_pct_revenue": "selling & marketing expense / revenue, fraction per forecast year",
    "ga_pct_revenue": "general & administrative expense / revenue, fraction per forecast year",
    "rnd_pct_revenue": "research & development expense / revenue, fraction per forecast year",
    "other_income_pct_revenue": "other income net of finance costs / revenue, fraction per "
                                "forecast year (negative = net cost)",
    "da_pct_revenue": "depreciation & amortisation / revenue, fraction per forecast year",
    "capex_pct_revenue": "capital expenditure / revenue, fraction per forecast year",
    "receivable_days": "accounts receivable in days of revenue (365-day year), per forecast year",
    "payable_days": "accounts payable in days of cost of revenue (365-day year), per forecast year",
}


def driver(name: str) -> Any:
    """The field of a required per-year driver, described once in ``DRIVER_TEXT``."""
    return Field(description=DRIVER_TEXT[name])


def override(name: str) -> Any:
    """The field of an optional driver, or of a scenario's override of one."""
    return Field(default=None, description=DRIVER_TEXT[name])


class Listing(Record):
    """Where the equity trades; ``shares_per_unit`` is ordinary shares per unit (ADS = 15)."""

    exchange: str = Field(min_length=1, description="exchange name, e.g. NASDAQ, HKEX")
    ticker: str = Field(min_length=1, description="ticker as that exchange writes it")
    currency: str = Field(pattern=r"^[A-Z]{3}$", description="trading currency, ISO code (USD)")
    instrument: Literal["ADS", "ordinary"] = Field(description="what trades: ADS or ordinary")
    shares_per_unit: float = Field(gt=0, description="ordinary shares per traded unit (ADS: 15)")


SEGMENT_ID = r"^[a-z][a-z0-9_]{0,39}$"


class Segment(Record):
    """A revenue segment. Its id names its rows, its defined name (``Growth_<id>``) and its
    historicals (CSV metrics ``<id>_revenue``, ``<id>_revenue_yoy``); a segment with children
    is their sum, or (given its own driver) the parent their shares divide."""

    id: str = Field(pattern=SEGMENT_ID, description="short id, lower case: letters, digits, _ "
                                                    "(ai_cloud)")
    name: str = Field(min_length=1, max_length=80, description="segment name as labels show it")
    aliases: list[str] = Field(default_factory=list,
                               description="how the documents name it (any language), for "
                                           "`finmodel extract`")
    children: list[Segment] = Field(default_factory=list,
                                    description="sub-segments (one level below a top segment)")


class Company(Record):
    entity: str = Field(min_length=1, description="short id of the company in the historicals "
                                                  "CSV's entity column")
    name_en: str = Field(min_length=1, description="company name in English (shown as text)")
    name_zh: str = Field(min_length=1, description="company name in Chinese (shown as text)")
    aliases: list[str] = Field(default_factory=list,
                               description="other names the documents use for the company "
                                           "(short names, old tickers), for `finmodel extract`")
    listings: list[Listing] = Field(min_length=1, description="one entry per listing")
    reporting_currency: str = Field(pattern=r"^[A-Z]{3}$",
                                    description="currency of the accounts, ISO code (CNY)")
    unit: Literal["millions"] = Field(description="unit of every money figure: millions")
    fiscal_year_end: str = Field(default="12-31", pattern=r"^\d{2}-\d{2}$",
                                 description="month-day the fiscal year ends, MM-DD")
    segments: list[Segment] = Field(default_factory=list,
                                    description="revenue segments, top level (none: revenue "
                                                "is one line)")


class Timeline(Record):
    """Annual columns: reported years, then the forecast years; the quarters of the current year."""

    actual_years: list[Year] = Field(min_length=1, description="reported fiscal years, e.g. "
                                     "[2023, 2024]")
    forecast_years: list[Year] = Field(min_length=1, max_length=40,
                                       description="forecast fiscal years, consecutive after "
                                                   "the actual ones (1 to 40 years)")
    reported_quarters: list[str] = Field(default_factory=list,
                                         description="quarters of the first forecast year "
                                                     "already reported, e.g. [1Q25, 2Q25]")

    def check(self) -> None:
        years = self.actual_years + self.forecast_years
        if years != list(range(years[0], years[0] + len(years))):
            raise ValueError(f"years must be consecutive and increasing, got {years}")


class RevenueGrowth(Record):
    """Year-on-year growth of each segment, fraction per forecast year (0.25 = +25%).

    Either the three cloud segments, or ``total`` alone for a company with one segment; the
    rules check which.
    """

    ai_public_cloud: Series | None = override("ai_public_cloud")
    non_ai_public_cloud: Series | None = override("non_ai_public_cloud")
    industry_cloud: Series | None = override("industry_cloud")
    total: Series | None = override("total")

    @property
    def segmented(self) -> bool:
        return self.total is None


class Drivers(Record):
    """Forecast drivers, each a value per forecast year. Ratios are fractions of revenue."""

    revenue_growth: RevenueGrowth
    gross_margin: Series = driver("gross_margin")
    selling_pct_revenue: Series = driver("selling_pct_revenue")
    ga_pct_revenue: Series = driver("ga_pct_revenue")
    rnd_pct_revenue: Series = driver("rnd_pct_revenue")
    other_income_pct_revenue: Series = driver("other_income_pct_revenue")
    da_pct_revenue: Series = driver("da_pct_revenue")
    capex_pct_revenue: Series = driver("capex_pct_revenue")
    receivable_days: Series = driver("receivable_days")
    payable_days: Series = driver("payable_days")


class RevenueGrowthOverride(Record):
    ai_public_cloud: Series | None = override("ai_public_cloud")
    non_ai_public_cloud: Series | None = override("non_ai_public_cloud")
    industry_cloud: Series | None = override("industry_cloud")
    total: Series | None = override("total")


class DriverOverrides(Record):
    """A scenario: only the drivers that differ from the base case."""

    description: str = Field(default="", description="one line on the scenario (memo text)")
    revenue_growth: RevenueGrowthOverride | None = None
    gross_margin: Series | None = override("gross_margin")
    selling_pct_revenue: Series | None = override("selling_pct_revenue")
    ga_pct_revenue: Series | None = override("ga_pct_revenue")
    rnd_pct_revenue: Series | None = override("rnd_pct_revenue")
    other_income_pct_revenue: Series | None = override("other_income_pct_revenue")
    da_pct_revenue: Series | None = override("da_pct_revenue")
    capex_pct_revenue: Series | None = override("capex_pct_revenue")
    receivable_days: Series | None = override("receivable_days")
    payable_days: Series | None = override("payable_days")


class Scenarios(Record):
    selected: Literal["bear", "base", "bull"] = Field(
        default="base", description="scenario the workbook opens with (its selector cell)")
    base_description: str = Field(default="", description="one line on the base case (memo)")
    bear: DriverOverrides = Field(default_factory=DriverOverrides)
    bull: DriverOverrides = Field(default_factory=DriverOverrides)


class HistoricalChoice(Record):
    """The analyst's pick where documents disagree beyond rounding."""

    metric: str = Field(description="metric of the conflict, from the vocabulary (e.g. cash)")
    period: str = Field(description="period of the conflict, e.g. FY2024 or 3Q24")
    document: str = Field(description="seed file name whose figure the model uses")
    why: str = Field(min_length=1, description="the reason, shown in the cell comment")


class Historicals(Record):
    file: str = Field(min_length=1, description="CSV path, relative to the YAML file")
    documents: str = Field(default="../seeds", min_length=1,
                           description="folder of the documents the CSV quotes, relative to "
                                       "the YAML file")
    document_dates: dict[str, dt.date] = Field(
        default_factory=dict, description="document file name -> the date it was published "
                                          "(when the document does not say, or says wrongly)")
    choices: list[HistoricalChoice] = Field(default_factory=list,
                                            description="picks for documents that disagree")
    segment_tolerance: float = Field(
        default=5.0, ge=0, description="CNY m: reported total vs segments rebuilt from quarters"
    )


class Assumptions(Record):
    model: str = Field(min_length=1, description="the model's title")
    as_of: dt.date = Field(description="date of the model, YYYY-MM-DD (also the file date)")
    company: Company
    timeline: Timeline
    historicals: Historicals
    tax_rate: float = Field(ge=0, le=1, description="statutory rate on positive pre-tax profit")
    drivers: Drivers
    scenarios: Scenarios = Field(default_factory=Scenarios)
    memo: Memo = Field(default_factory=Memo)
    market: Market | None = Field(default=None, description="price, FX and share count; "
                                  "required with valuation")
    valuation: Valuation | None = Field(default=None, description="DCF, multiples, blend, rating")
    peers: Peers | None = Field(default=None, description="comparable companies")

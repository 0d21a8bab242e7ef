"""The assumptions schema: one typed field per YAML key, with its unit in the description.

:func:`builder.inputs.record.validate` does the checking; :mod:`builder.inputs.loader` turns its
issues into ``file:line: dotted.key: message`` problems. Every record rejects unknown keys, so a
typo such as ``gross_margn`` is reported rather than silently ignored. Rates are fractions
(0.15 is 15%); money is in millions of the reporting currency.

What is particular to a company is declared here, never in code: its segments (a tree), its
operating expense lines, its listings and currencies. The drivers are keyed by those declared
ids, and the scenarios override the same keys.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from builder.inputs.memo_schema import Memo
from builder.inputs.record import Field, Record
from builder.inputs.statement_schema import (
    DriverOverrides,
    Drivers,
    Funding,
    Tax,
)
from builder.inputs.valuation_schema import Market, Peers, Valuation

Year = int
SEGMENT_ID = r"^[a-z][a-z0-9_]{0,39}$"
PERIOD = r"^(FY\d{4}|[1-4]Q\d{2}|[12]H\d{2}|(3|6|9)M\d{2})$"


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


class Listing(Record):
    """Where the equity trades; ``shares_per_unit`` is ordinary shares per unit (ADS = 15)."""

    exchange: str = Field(min_length=1, description="exchange name, e.g. NASDAQ, HKEX, BSE")
    ticker: str = Field(min_length=1, description="ticker as that exchange writes it")
    currency: str = Field(pattern=r"^[A-Z]{3}$", description="trading currency, ISO code (USD)")
    instrument: Literal["ADS", "ordinary"] = Field(description="what trades: ADS (depositary "
                                                   "shares) or ordinary shares")
    shares_per_unit: float = Field(gt=0, description="ordinary shares per traded unit (ADS: 15; "
                                                     "ordinary: 1)")


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
                                                "is one line, driven as `total`)")


class Timeline(Record):
    """Annual columns: reported years, then the forecast years; the interim periods of the
    first forecast year already reported."""

    actual_years: list[Year] = Field(min_length=1, description="reported fiscal years, e.g. "
                                     "[2023, 2024]")
    forecast_years: list[Year] = Field(min_length=1, max_length=40,
                                       description="forecast fiscal years, consecutive after "
                                                   "the actual ones (1 to 40 years)")
    reported_periods: list[str] = Field(
        default_factory=list,
        description="interim periods of the first forecast year reported by `as_of`: quarters "
                    "(1Q25), halves (1H25) or cumulative periods (9M25); none: no bridge")
    explained: dict[str, str] = Field(
        default_factory=dict,
        description="metric -> why its implied rest of the first forecast year may change sign "
                    "against the year to date (the interim check then warns instead); also "
                    "`ppe` or `cash` -> why the year-end forecast may move that balance sheet "
                    "line further from its last reported balance than the rest of the year's "
                    "D&A or free cash flow allow (the Interim sheet then shows the reason "
                    "instead of a warning)")

    def check(self) -> None:
        years = self.actual_years + self.forecast_years
        if years != list(range(years[0], years[0] + len(years))):
            raise ValueError(f"years must be consecutive and increasing, got {years}")


class HistoricalChoice(Record):
    """The analyst's pick where documents disagree beyond rounding."""

    metric: str = Field(description="metric of the conflict, from the vocabulary (e.g. cash)")
    period: str = Field(description="period of the conflict, e.g. FY2024 or 3Q24")
    document: str = Field(description="seed file name whose figure the model uses")
    why: str = Field(min_length=1, description="the reason, shown in the cell comment")


class Estimate(Record):
    """A figure the documents do not give, estimated by the analyst: marked as such."""

    metric: str = Field(min_length=1, description="metric, from the vocabulary or a declared "
                                                  "segment (<id>_revenue)")
    period: str = Field(pattern=PERIOD, description="period, e.g. FY2024, 3Q25, 1H25")
    value: float = Field(description="money in millions of the reporting currency; ratios as "
                                     "fractions")
    why: str = Field(min_length=1, description="the basis of the estimate, shown in the cell "
                                               "comment")


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
    estimates: list[Estimate] = Field(default_factory=list,
                                      description="analyst estimates of figures the documents "
                                                  "lack (marked as estimates in the workbook)")
    segment_tolerance: float = Field(
        default=5.0, ge=0, description="reporting currency m: rounding allowed between a "
                                       "reported total and its parts")


class Scenarios(Record):
    selected: Literal["bear", "base", "bull"] = Field(
        default="base", description="scenario the workbook opens with (its selector cell)")
    base_description: str = Field(default="", description="one line on the base case (memo)")
    bear: DriverOverrides = Field(default_factory=DriverOverrides)
    bull: DriverOverrides = Field(default_factory=DriverOverrides)


class Assumptions(Record):
    model: str = Field(min_length=1, description="the model's title")
    as_of: dt.date = Field(description="information date, YYYY-MM-DD: figures published after "
                                       "it are left out (also the file date)")
    company: Company
    timeline: Timeline
    historicals: Historicals
    tax: Tax
    drivers: Drivers
    funding: Funding = Field(default_factory=Funding)
    scenarios: Scenarios = Field(default_factory=Scenarios)
    memo: Memo = Field(default_factory=Memo)
    market: Market | None = Field(default=None, description="prices, FX and share count; "
                                  "required with valuation")
    valuation: Valuation | None = Field(default=None, description="DCF, multiples, blend, rating")
    peers: Peers | None = Field(default=None, description="comparable companies")
    non_positive_why: str = Field(
        default="", description="why a forecast year's revenue, or the target, equity value or "
                                "a value per share, may be at or below zero (a distressed "
                                "company); empty: any of these is an error")

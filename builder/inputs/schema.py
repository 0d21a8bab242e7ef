"""The assumptions schema: one typed field per YAML key, with its unit in the description.

Pydantic does the checking; :mod:`builder.inputs.loader` turns its errors into
``file:line: dotted.key: message`` problems. Every model forbids unknown keys, so a typo such as
``gross_margn`` is reported rather than silently ignored. Rates are fractions (0.15 is 15%).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictFloat, StrictInt, model_validator

from builder.inputs.memo_schema import Memo
from builder.inputs.valuation_schema import Market, Peers, Valuation

Rate = Annotated[float, Field(strict=False)]
Year = int
Series = dict[Year, Annotated[StrictFloat | StrictInt, Field()]]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Listing(Strict):
    """Where the equity trades; ``shares_per_unit`` is ordinary shares per unit (ADS = 15)."""

    exchange: str = Field(min_length=1)
    ticker: str = Field(min_length=1)
    currency: str = Field(pattern=r"^[A-Z]{3}$")
    instrument: Literal["ADS", "ordinary"]
    shares_per_unit: float = Field(gt=0)


class Company(Strict):
    entity: str = Field(min_length=1, description="id used in the historicals CSV, e.g. KC")
    name_en: str = Field(min_length=1)
    name_zh: str = Field(min_length=1)
    listings: list[Listing] = Field(min_length=1)
    reporting_currency: str = Field(pattern=r"^[A-Z]{3}$")
    unit: Literal["millions"]
    fiscal_year_end: str = Field(default="12-31", pattern=r"^\d{2}-\d{2}$")


class Timeline(Strict):
    """Annual columns: reported years, then the forecast years; the quarters of the current year."""

    actual_years: list[Year] = Field(min_length=1)
    forecast_years: list[Year] = Field(min_length=1, max_length=40)
    reported_quarters: list[str] = Field(default_factory=list, description="e.g. 1Q25, 2Q25")

    @model_validator(mode="after")
    def _consecutive(self) -> Timeline:
        years = self.actual_years + self.forecast_years
        if years != list(range(years[0], years[0] + len(years))):
            raise ValueError(f"years must be consecutive and increasing, got {years}")
        return self


class RevenueGrowth(Strict):
    """Year-on-year growth of each segment, fraction per forecast year (0.25 = +25%)."""

    ai_public_cloud: Series
    non_ai_public_cloud: Series
    industry_cloud: Series


class Drivers(Strict):
    """Forecast drivers, each a value per forecast year. Ratios are fractions of revenue."""

    revenue_growth: RevenueGrowth
    gross_margin: Series
    selling_pct_revenue: Series
    ga_pct_revenue: Series
    rnd_pct_revenue: Series
    other_income_pct_revenue: Series
    da_pct_revenue: Series
    capex_pct_revenue: Series
    receivable_days: Series
    payable_days: Series


class RevenueGrowthOverride(Strict):
    ai_public_cloud: Series | None = None
    non_ai_public_cloud: Series | None = None
    industry_cloud: Series | None = None


class DriverOverrides(Strict):
    """A scenario: only the drivers that differ from the base case."""

    description: str = ""
    revenue_growth: RevenueGrowthOverride | None = None
    gross_margin: Series | None = None
    selling_pct_revenue: Series | None = None
    ga_pct_revenue: Series | None = None
    rnd_pct_revenue: Series | None = None
    other_income_pct_revenue: Series | None = None
    da_pct_revenue: Series | None = None
    capex_pct_revenue: Series | None = None
    receivable_days: Series | None = None
    payable_days: Series | None = None


class Scenarios(Strict):
    selected: Literal["bear", "base", "bull"] = "base"
    base_description: str = ""
    bear: DriverOverrides = Field(default_factory=DriverOverrides)
    bull: DriverOverrides = Field(default_factory=DriverOverrides)


class HistoricalChoice(Strict):
    """The analyst's pick where documents disagree beyond rounding."""

    metric: str
    period: str
    document: str
    why: str = Field(min_length=1)


class Historicals(Strict):
    file: str = Field(min_length=1, description="CSV path, relative to the YAML file")
    choices: list[HistoricalChoice] = Field(default_factory=list)
    segment_tolerance: float = Field(
        default=5.0, ge=0, description="CNY m: reported total vs segments rebuilt from quarters"
    )


class Assumptions(Strict):
    model: str = Field(min_length=1, description="the model's title")
    as_of: dt.date
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

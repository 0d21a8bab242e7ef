"""The forecast drivers of the three statements, the tax policy and the funding rule.

Kept apart from :mod:`builder.inputs.schema` so the statements' fields change without touching
the company's. Every driver is a value per forecast year (a map year -> number). Ratios are
fractions; money is in millions of the reporting currency; days are days of a 365-day year.
A balance sheet line the company reports is forecast by giving its driver; a line without a
driver is not on the statements (never invented).
"""

from __future__ import annotations

from typing import Literal

from builder.inputs.record import Field, Record

Year = int
Series = dict[Year, float]

# What each per-year driver means and its unit; shared by the base case and the scenarios.
DRIVER_TEXT = {
    "gross_margin": "gross profit / revenue, fraction per forecast year",
    "other_income_pct_revenue": "other operating income, net / revenue (subsidies, investment "
                                "income; not interest), fraction per forecast year",
    "non_recurring": "non-recurring items before tax, reporting currency m per forecast year "
                     "(gains positive)",
    "da_pct_revenue": "depreciation & amortisation / revenue (inside cost and expenses), fraction "
                      "per forecast year",
    "capex_pct_revenue": "capital expenditure / revenue, fraction per forecast year",
    "sbc_pct_revenue": "share-based compensation / revenue (a non-cash expense inside cost and "
                       "expenses), fraction per forecast year",
    "receivable_days": "accounts receivable in days of revenue, per forecast year",
    "inventory_days": "inventory in days of cost of revenue, per forecast year",
    "payable_days": "accounts payable in days of cost of revenue, per forecast year",
    "other_current_assets_pct_revenue": "other current assets / revenue, fraction per forecast "
                                        "year",
    "accrued_expenses_pct_revenue": "accrued expenses / revenue, fraction per forecast year",
    "other_current_liabilities_pct_revenue": "other current liabilities / revenue, fraction per "
                                             "forecast year",
    "interest_rate_on_debt": "interest expense / opening borrowings, fraction per forecast year",
    "interest_rate_on_cash": "interest income / opening cash, fraction per forecast year",
    "minority_share": "minority interests' share of net profit, fraction per forecast year",
    "dividend_payout": "dividends / attributable net profit (when positive), fraction per "
                       "forecast year",
    "debt_change": "new borrowings less repayments, reporting currency m per forecast year",
    "equity_issuance": "new equity raised, reporting currency m per forecast year",
    "buybacks": "share buybacks, reporting currency m per forecast year",
    "other_investing": "other investing cash flows (inflow positive), reporting currency m per "
                       "forecast year",
    "other_financing": "other financing cash flows (inflow positive), reporting currency m per "
                       "forecast year",
}


def series(name: str, required: bool = False) -> Series:
    """The field of a per-year driver, described once in ``DRIVER_TEXT``."""
    if required:
        return Field(description=DRIVER_TEXT[name])
    return Field(default=None, description=DRIVER_TEXT[name])


class SegmentDriver(Record):
    """How one segment's revenue is forecast: exactly one kind of driver."""

    growth: Series | None = Field(default=None, description="revenue growth, fraction YoY per "
                                                            "forecast year (0.25 = +25%)")
    share: Series | None = Field(default=None, description="share of its parent's revenue, "
                                                           "fraction per forecast year")
    volume: Series | None = Field(default=None, description="volume, millions of units per "
                                                            "forecast year (with price)")
    price: Series | None = Field(default=None, description="price per unit, reporting currency "
                                                           "per forecast year (with volume)")
    volume_unit: str = Field(default="units", min_length=1, max_length=40,
                             description="what a unit of volume is, for labels (GPU-hours)")
    rest: bool = Field(default=False, description="true: the parent's revenue less its other "
                                                  "children (one child at most)")


class SegmentOverride(Record):
    """A scenario's change to one segment's driver (the same kind as the base case's)."""

    growth: Series | None = Field(default=None, description="revenue growth, fraction YoY")
    share: Series | None = Field(default=None, description="share of its parent's revenue")
    volume: Series | None = Field(default=None, description="volume, millions of units")
    price: Series | None = Field(default=None, description="price per unit, reporting currency")


class OpexLine(Record):
    """An operating expense line the company reports, forecast as a share of revenue."""

    name: str = Field(min_length=1, max_length=80, description="line name as labels show it")
    pct_revenue: Series = Field(description="expense / revenue, fraction per forecast year")
    metric: str | None = Field(default=None, description="CSV metric of its history (default "
                                                         "<id>_expenses)")


class OptionalDrivers(Record):
    """The drivers a company may give, each only if its statements have the line: the same in
    the base case and in a scenario's overrides."""

    other_income_pct_revenue: Series | None = series("other_income_pct_revenue")
    non_recurring: Series | None = series("non_recurring")
    sbc_pct_revenue: Series | None = series("sbc_pct_revenue")
    receivable_days: Series | None = series("receivable_days")
    inventory_days: Series | None = series("inventory_days")
    payable_days: Series | None = series("payable_days")
    other_current_assets_pct_revenue: Series | None = series("other_current_assets_pct_revenue")
    accrued_expenses_pct_revenue: Series | None = series("accrued_expenses_pct_revenue")
    other_current_liabilities_pct_revenue: Series | None = series(
        "other_current_liabilities_pct_revenue")
    interest_rate_on_debt: Series | None = series("interest_rate_on_debt")
    interest_rate_on_cash: Series | None = series("interest_rate_on_cash")
    minority_share: Series | None = series("minority_share")
    dividend_payout: Series | None = series("dividend_payout")
    debt_change: Series | None = series("debt_change")
    equity_issuance: Series | None = series("equity_issuance")
    buybacks: Series | None = series("buybacks")
    other_investing: Series | None = series("other_investing")
    other_financing: Series | None = series("other_financing")


class Drivers(OptionalDrivers):
    """Forecast drivers, each a value per forecast year: revenue by segment, the margin, the
    expense lines, D&A and capex always; the others where the company has the line."""

    revenue: dict[str, SegmentDriver] = Field(
        min_length=1, description="segment id (or `total` without segments) -> its driver")
    gross_margin: Series = series("gross_margin", required=True)
    opex: dict[str, OpexLine] = Field(default_factory=dict,
                                      description="line id -> operating expense line (selling, "
                                                  "G&A, R&D ...), in reading order")
    da_pct_revenue: Series = series("da_pct_revenue", required=True)
    capex_pct_revenue: Series = series("capex_pct_revenue", required=True)


class DriverOverrides(OptionalDrivers):
    """A scenario: only the drivers that differ from the base case."""

    description: str = Field(default="", description="one line on the scenario (memo text)")
    revenue: dict[str, SegmentOverride] = Field(default_factory=dict,
                                                description="segment id -> its driver here")
    gross_margin: Series | None = series("gross_margin")
    opex: dict[str, Series] = Field(default_factory=dict,
                                    description="opex line id -> expense / revenue here")
    da_pct_revenue: Series | None = series("da_pct_revenue")
    capex_pct_revenue: Series | None = series("capex_pct_revenue")


class Tax(Record):
    """Income tax: the rate, and what a loss year does."""

    rate: float = Field(ge=0, le=1, description="tax rate on profit before tax (fraction)")
    losses: Literal["carry_forward", "credit"] = Field(
        default="carry_forward",
        description="carry_forward: a loss is set against later profits, no tax until it is "
                    "used; credit: a loss earns a tax credit at the rate, booked as a deferred "
                    "tax asset that later tax uses up")
    losses_brought_forward: float = Field(
        default=0.0, ge=0, description="tax losses available at the start of the forecast, "
                                       "reporting currency m (carry_forward)")


class Funding(Record):
    """What happens when the forecast cash would fall below the minimum."""

    minimum_cash: float = Field(default=0.0, ge=0, description="cash the company keeps at a "
                                                               "year end, reporting currency m")
    shortfall: Literal["revolver", "show"] = Field(
        default="revolver",
        description="revolver: a shortfall below the minimum is drawn on a revolving facility "
                    "and repaid from later surpluses; show: it stays a funding need the analyst "
                    "must fill (a warning)")
    revolver_rate: float = Field(default=0.0, ge=0, le=0.5,
                                 description="interest on the opening revolver balance "
                                             "(fraction)")

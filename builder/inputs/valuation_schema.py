"""The ``market:``, ``valuation:`` and ``peers:`` sections of the assumptions.

Kept apart from :mod:`builder.inputs.schema` so the valuation's fields change without touching
the forecast's. Rates are fractions (0.09 is 9%); money is in millions of the stated currency;
multiples are plain numbers (3.5 is 3.5x). Cross-field rules (WACC above terminal growth,
weights summing to 1) live in :mod:`builder.inputs.valuation_rules`.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from builder.inputs.record import DayOrMonth, Field, Record

Currency = str  # an ISO 4217 code; every one used needs its rate under market.fx
ISO_CODE = r"^[A-Z]{3}$"


def source_field(what: str) -> str:
    """The optional ``source`` of a market input: prices and share counts are not in the
    historicals, so this is where a reader of the workbook or memo learns where they came from."""
    return Field(default="", description=f"where {what} comes from: a document and line "
                                         "(003:11), a data terminal and date, or 'estimate' "
                                         "and why; shown beside the input in the workbook and "
                                         "in the memo")


class Price(Record):
    """A listing's current price, in its trading currency per traded unit."""

    ticker: str = Field(min_length=1, description="the listing's ticker, as in company.listings")
    value: float = Field(description="price per traded unit, in the listing's currency")
    date: dt.date = Field(description="the trading day of the price")
    source: str = source_field("the price")


class CrossRate(Record):
    """A quoted rate between two currencies, to check the rates to the reporting currency."""

    pair: str = Field(pattern=r"^[A-Z]{3}/[A-Z]{3}$",
                      description="BASE/QUOTE, e.g. USD/HKD: units of QUOTE per BASE")
    rate: float = Field(gt=0, description="units of QUOTE per unit of BASE")


class Placement(Record):
    """New ordinary shares issued after the share count's date: proceeds / price."""

    date: DayOrMonth = Field(description="when: a day, or a month (2025-09) taken as known "
                                         "on its last day; not after `as_of`")
    proceeds_m: float = Field(description="gross proceeds, millions of `currency`")
    price: float = Field(description="price per new ordinary share, in `currency`")
    currency: Currency = Field(pattern=ISO_CODE, description="currency of proceeds and price")
    cash_after_balance_sheet: bool = Field(
        default=False, description="true: the cash arrived after the valuation's balance sheet "
                                   "date, so the equity bridge adds it")
    source: str = source_field("the placement's proceeds and price")


class Shares(Record):
    ordinary_m: float = Field(description="ordinary shares outstanding at `as_of`, millions "
                                          "(an ADS of 15 shares counts 15)")
    dilutive_m: float = Field(default=0.0, ge=0,
                              description="options, RSUs and convertibles in the money, "
                                          "millions of ordinary shares (diluted EPS and value "
                                          "per share)")
    as_of: dt.date = Field(description="date of that share count")
    placements: list[Placement] = Field(default_factory=list, description="share issues after "
                                        "`as_of`, in date order")
    source: str = source_field("the share count")


class Market(Record):
    prices: list[Price] = Field(min_length=1, description="current price of one or more "
                                                          "listings")
    rating_listing: str | None = Field(
        default=None, description="ticker whose upside sets the rating (default: the first "
                                  "priced listing)")
    fx: dict[str, float] = Field(
        default_factory=dict,
        description="ISO code -> reporting currency per unit of it, for every other currency "
                    "used (listings, placements, peers)")
    fx_cross: list[CrossRate] = Field(default_factory=list,
                                      description="quoted cross rates the fx rates must agree "
                                                  "with")
    fx_source: str = source_field("the fx and fx_cross rates")
    fx_tolerance: float = Field(default=0.005, description="largest relative gap allowed "
                                                           "between a cross rate and the fx "
                                                           "rates (fraction)")
    shares: Shares


class Wacc(Record):
    """The discount rate, built up from its parts, or given directly by `override`."""

    risk_free_rate: float = Field(description="fraction per year")
    equity_risk_premium: float = Field(description="fraction per year")
    beta: float = Field(description="equity beta against the market of the premium")
    pre_tax_cost_of_debt: float = Field(description="fraction per year")
    debt_tax_rate: float = Field(ge=0, le=1,
                                 description="tax rate of the debt tax shield (fraction)")
    target_debt_weight: float = Field(description="debt / (debt + equity) at target (fraction)")
    override: float | None = Field(default=None, description="a WACC to use instead of the "
                                                             "build-up (fraction); null = build-up")


class Terminal(Record):
    method: Literal["gordon", "exit_multiple"] = Field(
        description="gordon: the final year's operating profit after tax grows at `growth` "
                    "forever, less the reinvestment that growth needs; exit_multiple: EV / "
                    "EBITDA on the final forecast year")
    growth: float = Field(description="perpetual growth after the horizon (fraction)")
    return_on_new_capital: float | None = Field(
        default=None, description="return on the capital reinvested after the horizon "
                                  "(fraction); reinvestment = growth / this x NOPAT; null = the "
                                  "WACC (growth creates no value)")
    exit_ev_ebitda: float = Field(description="EV / EBITDA of the final forecast year (x)")


class EquityBridge(Record):
    """From enterprise value to equity value, at the valuation date: the balance sheet date."""

    balance_sheet: str = Field(
        pattern=r"^(FY\d{4}|[1-4]Q\d{2}|[12]H\d{2}|(3|6|9)M\d{2})$",
        description="the reported balance sheet the bridge reads (FY2024, 3Q25, 1H25); its date "
                    "is the valuation date, from which the first forecast year's stub follows")
    cash: float | None = Field(default=None, description="reporting currency m; null = the "
                                                         "reported figure")
    borrowings: float | None = Field(default=None, description="reporting currency m; null = "
                                                               "the reported figure")
    minority_interests: float | None = Field(default=None, description="reporting currency m, "
                                             "deducted; null = the reported figure, or 0 when "
                                             "none is reported")
    other_adjustments: float = Field(default=0.0, description="reporting currency m, added to "
                                                              "equity value")


class Multiples(Record):
    """Multiples applied to the company's forecast `year`; null = the peer median."""

    year: int = Field(description="forecast year the multiples apply to, e.g. 2026")
    ps: float | None = Field(default=None, description="price / sales (x)")
    ev_sales: float | None = Field(default=None, description="EV / sales (x)")
    ev_ebitda: float | None = Field(default=None, description="EV / EBITDA (x)")
    pe: float | None = Field(default=None, description="price / earnings (x)")


class Weights(Record):
    """Weight of each method in the blended target price; they must sum to 1."""

    dcf: float = Field(default=0.0, description="fraction")
    ps: float = Field(default=0.0, description="fraction")
    ev_sales: float = Field(default=0.0, description="fraction")
    ev_ebitda: float = Field(default=0.0, description="fraction")
    pe: float = Field(default=0.0, description="fraction")


class Rating(Record):
    buy_at_or_above: float = Field(default=0.20, description="upside for Buy (fraction)")
    sell_at_or_below: float = Field(default=-0.20, description="upside for Sell (fraction)")


class Sensitivity(Record):
    wacc_step: float = Field(default=0.01, description="WACC step between grid rows (fraction)")
    growth_step: float = Field(default=0.005, description="terminal growth step (fraction)")
    exit_multiple_step: float = Field(default=1.0, description="exit EV/EBITDA step (x)")


class Valuation(Record):
    cash_flow_timing: float = Field(
        default=0.5, description="when in the year cash flows arrive: 0.5 = mid-year, 1 = year "
                                 "end")
    target_basis: Literal["twelve_month", "today"] = Field(
        default="twelve_month",
        description="twelve_month: the target is a price 12 months ahead (the DCF value rolled "
                    "forward at the cost of equity, less the year's dividends); today: the "
                    "value at the valuation date")
    wacc: Wacc
    terminal: Terminal
    equity_bridge: EquityBridge
    multiples: Multiples
    weights: Weights
    rating: Rating = Field(default_factory=Rating)
    tv_share_limit: float = Field(default=0.85, description="largest terminal value share of EV "
                                                            "accepted without a warning "
                                                            "(fraction)")
    tv_share_limit_why: str = Field(default="", description="the reason, required to raise "
                                                            "tv_share_limit above 0.85 (shown "
                                                            "beside the warning)")
    sensitivity: Sensitivity = Field(default_factory=Sensitivity)


class PublishedMultiples(Record):
    """Multiples as a source table prints them; null where it cannot be read."""

    pe_ttm: float | None = Field(default=None, description="P/E, trailing twelve months (x)")
    pe: dict[int, float] = Field(default_factory=dict, description="P/E by forecast year (x)")
    pb: float | None = Field(default=None, description="price / book (x)")
    ps: float | None = Field(default=None, description="price / sales (x), basis as published")


class Peer(Record):
    """One comparable company; every figure is optional and a missing one stays blank."""

    name: str = Field(min_length=1, description="company name as shown on the Peer Comps sheet")
    ticker: str = Field(min_length=1, description="exchange ticker, e.g. SNOW or 9698.HK")
    currency: Currency = Field(pattern=ISO_CODE, description="currency of the money figures "
                                                             "below, ISO code")
    price: float | None = Field(default=None, description="per share, in `currency`")
    shares_m: float | None = Field(default=None, description="shares outstanding, millions")
    market_cap_m: float | None = Field(default=None, description="millions of `currency`; used "
                                                                 "when price or shares are missing")
    net_debt_m: float | None = Field(default=None, description="millions of `currency`")
    revenue_m: float | None = Field(default=None, description="peers.year, millions")
    ebitda_m: float | None = Field(default=None, description="peers.year, millions")
    net_income_m: float | None = Field(default=None, description="peers.year, millions")
    published: PublishedMultiples = Field(default_factory=PublishedMultiples)


class Peers(Record):
    year: int = Field(description="forecast year of the peers' revenue, EBITDA and net income")
    published_basis: str = Field(
        default="", description="year and basis of the published P/B and P/S as the source "
                                "states them (e.g. 'consensus FY2025E, as of 2025-05-15'); "
                                "shown in those rows' labels and the memo; empty = the labels "
                                "say the basis is not stated")
    companies: list[Peer] = Field(min_length=1, description="one entry per peer, in the "
                                                            "order of the sheet's columns")

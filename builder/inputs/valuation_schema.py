"""The ``market:``, ``valuation:`` and ``peers:`` sections of the assumptions.

Kept apart from :mod:`builder.inputs.schema` so the valuation's fields change without touching
the forecast's. Rates are fractions (0.09 is 9%); money is in millions of the stated currency;
multiples are plain numbers (3.5 is 3.5x). Cross-field rules (WACC above terminal growth,
weights summing to 1) live in :mod:`builder.inputs.valuation_rules`.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from builder.inputs.record import Field, Record

Currency = Literal["CNY", "USD", "HKD"]


class Price(Record):
    """The current market price the upside and the rating are measured against."""

    value: float = Field(description="price per unit of `instrument`, in its listing currency")
    instrument: Literal["ADS", "ordinary"] = Field(
        description="ADS (priced in USD on NASDAQ) or ordinary share (priced in HKD in Hong Kong)")
    date: dt.date = Field(description="the trading day of the price")


class Fx(Record):
    """Exchange rates on the price date; the three are checked against each other."""

    usd_cny: float = Field(description="CNY per USD")
    hkd_cny: float = Field(description="CNY per HKD")
    usd_hkd: float = Field(description="HKD per USD")
    cross_tolerance: float = Field(
        default=0.005, description="largest relative gap allowed between usd_cny and "
                                   "usd_hkd x hkd_cny (fraction)")


class Placement(Record):
    """New ordinary shares issued after the share count's date: proceeds / price."""

    date: str = Field(min_length=1, description="when, as the source words it (e.g. 2025-09)")
    proceeds_m: float = Field(description="gross proceeds, millions of HKD")
    price_hkd: float = Field(description="price per new ordinary share, HKD")


class Shares(Record):
    ads_outstanding_m: float = Field(description="ADS-equivalents outstanding at `as_of`, "
                                                 "millions")
    as_of: dt.date = Field(description="date of that share count")
    placements: list[Placement] = Field(default_factory=list, description="share issues after "
                                        "`as_of`, in date order")


class Market(Record):
    price: Price
    fx: Fx
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
        description="gordon: FCFF grows at `growth` forever; exit_multiple: EV/EBITDA on the "
                    "final forecast year")
    growth: float = Field(description="perpetual FCFF growth after the horizon (fraction)")
    exit_ev_ebitda: float = Field(description="EV / EBITDA of the final forecast year (x)")


class EquityBridge(Record):
    """From enterprise value to equity value: + cash - borrowings - minorities + other."""

    balance_sheet_period: str = Field(
        pattern=r"^(FY\d{4}|[1-4]Q\d{2})$",
        description="reported balance sheet the bridge links to, a year (FY2024) or a quarter "
                    "(3Q25) of the historicals")
    cash: float | None = Field(default=None, description="CNY m; null = the reported figure")
    borrowings: float | None = Field(default=None, description="CNY m; null = the reported "
                                                               "figure")
    minority_interests: float = Field(default=0.0, description="CNY m, deducted")
    other_adjustments: float = Field(default=0.0, description="CNY m, added to equity value")


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
    first_year_remaining: float = Field(
        default=1.0, description="share of the first forecast year still to come at the "
                                 "valuation date (0.25 = one quarter left)")
    wacc: Wacc
    terminal: Terminal
    equity_bridge: EquityBridge
    multiples: Multiples
    weights: Weights
    rating: Rating = Field(default_factory=Rating)
    tv_share_limit: float = Field(default=1.0, description="largest terminal value share of EV "
                                                           "the checks accept (fraction)")
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
    currency: Currency = Field(description="currency of the money figures below")
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
    companies: list[Peer] = Field(min_length=1, description="one entry per peer, in the "
                                                            "order of the sheet's columns")

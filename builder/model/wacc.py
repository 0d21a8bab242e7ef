"""The discount rate and the discounting timeline, shared by every scenario.

WACC is built up from its parts (CAPM cost of equity, after-tax cost of debt, target weights),
and a direct override wins when the analyst types one. Discount factors are explicit per year:

* ``remaining``: the share of the first forecast year after the valuation date, from the two
  dates (the valuation date is the equity bridge's balance sheet date: it is set once).
* ``year end``: years from the valuation date to each year end. The last actual year ends
  ``remaining - 1`` years from the valuation date (negative: already past), and every forecast
  year adds one.
* ``share``: the part of each year's cash flow still to come, ``year end - MAX(0, previous
  year end)``: the remaining stub in the first forecast year, then whole years.
* ``timing``: when that cash arrives, ``year end - share x (1 - timing input)``: mid-way
  through the remaining part with the mid-year convention (timing 0.5), at the year end with 1.
"""

from __future__ import annotations

import datetime as dt

from builder.inputs.valuation_schema import Valuation
from builder.model.book import ItemBook
from builder.model.conditions import number_or
from builder.model.expr import Ref, at, prev
from builder.model.functions import Match, maximum, minimum
from builder.model.items import Timeline, Unit
from builder.model.periods import DAYS_IN_YEAR
from builder.model.timeline import ANNUAL

WACC = "val_wacc"
GROWTH = "in_terminal_growth"
EXIT_MULTIPLE = "in_exit_multiple"
TIMING = "in_cash_flow_timing"
REMAINING = "val_first_year_remaining"
VALUATION_DATE = "in_valuation_date"
FIRST_YEAR_END = "in_first_year_end"
RONIC = "val_return_on_new_capital"
EXCEL_EPOCH = dt.date(1899, 12, 30)  # day 0 of Excel's (and LibreOffice's) date serials
METHOD_INDEX = "val_tv_method_index"
METHOD_OPTIONS = (("in_tv_method_gordon", "Gordon growth"), ("in_tv_method_exit", "Exit multiple"))
YEAR_END = "val_year_end"
SHARE = "val_year_share"
CF_TIME = "val_cf_time"
DISCOUNT = "val_discount"
DISCOUNT_END = "val_discount_end"


def add_wacc(book: ItemBook, valuation: Valuation) -> None:
    w = valuation.wacc
    book.scalar_input("in_risk_free", "Risk-free rate (%)", Unit.RATIO, w.risk_free_rate)
    book.scalar_input("in_erp", "Equity risk premium (%)", Unit.RATIO, w.equity_risk_premium)
    book.scalar_input("in_beta", "Equity beta (x)", Unit.MULTIPLE, w.beta)
    book.scalar_input("in_cost_of_debt", "Cost of debt, pre-tax (%)", Unit.RATIO,
                      w.pre_tax_cost_of_debt)
    book.scalar_input("in_debt_tax_rate", "Tax rate of the debt tax shield (%)", Unit.RATIO,
                      w.debt_tax_rate)
    book.scalar_input("in_debt_weight", "Target debt weight, D / (D + E) (%)", Unit.RATIO,
                      w.target_debt_weight)
    book.scalar_input("in_wacc_override", "WACC typed directly (%; blank = use the build-up)",
                      Unit.RATIO, w.override)
    one = {None: at("in_risk_free", None) + at("in_beta", None) * at("in_erp", None)}
    book.calc("val_cost_of_equity", "Cost of equity, CAPM (%)", Unit.RATIO, None, cells=one)
    book.calc("val_cost_of_debt", "Cost of debt, after tax (%)", Unit.RATIO, None,
              cells={None: at("in_cost_of_debt", None) * (1 - at("in_debt_tax_rate", None))})
    book.calc("val_equity_weight", "Target equity weight (%)", Unit.RATIO, None,
              cells={None: 1 - at("in_debt_weight", None)})
    built = (at("val_cost_of_equity", None) * at("val_equity_weight", None)
             + at("val_cost_of_debt", None) * at("in_debt_weight", None))
    book.calc("val_wacc_built", "WACC from the build-up (%)", Unit.RATIO, None,
              cells={None: built})
    book.calc(WACC, "WACC used (%)", Unit.RATIO, None,
              cells={None: number_or(at("in_wacc_override", None), at("val_wacc_built", None))},
              name="WACC")


def add_terminal_inputs(book: ItemBook, valuation: Valuation) -> None:
    terminal = valuation.terminal
    for key, text in METHOD_OPTIONS:
        book.scalar_input(key, f"Terminal value method option: {text} (text)", Unit.TEXT, text)
    chosen = dict(METHOD_OPTIONS)["in_tv_method_gordon" if terminal.method == "gordon"
                                  else "in_tv_method_exit"]
    book.scalar_input("in_tv_method", "Terminal value method (Gordon growth / Exit multiple)",
                      Unit.TEXT, chosen, options=[text for _, text in METHOD_OPTIONS])
    book.calc(METHOD_INDEX, "Terminal value method (1 = Gordon growth, 2 = exit multiple)",
              Unit.INDEX, None, cells={None: Match(at("in_tv_method", None),
                                                   tuple(k for k, _ in METHOD_OPTIONS))})
    book.scalar_input(GROWTH, "Terminal FCFF growth (% a year)", Unit.RATIO, terminal.growth,
                      name="TerminalGrowth")
    book.scalar_input(EXIT_MULTIPLE, "Exit EV / EBITDA on the final forecast year (x)",
                      Unit.MULTIPLE, terminal.exit_ev_ebitda, name="ExitMultiple")
    book.scalar_input("in_return_on_new_capital", "Return on capital reinvested after the "
                      "horizon (%; blank = the WACC: growth then adds no value)", Unit.RATIO,
                      terminal.return_on_new_capital)
    book.calc(RONIC, "Return on new capital used (%)", Unit.RATIO, None,
              cells={None: number_or(at("in_return_on_new_capital", None), at(WACC, None))})
    book.scalar_input(TIMING, "Cash-flow timing within the year (0.5 = mid-year, 1 = year end)",
                      Unit.YEARS, valuation.cash_flow_timing)


def serial(day: dt.date) -> float:
    """A date as the spreadsheet's serial number, so formulas can subtract dates."""
    return float((day - EXCEL_EPOCH).days)


def add_valuation_date(book: ItemBook, valuation_date: dt.date, first_year_end: dt.date) -> None:
    """The valuation date (the bridge's balance sheet date) and the stub it leaves of the first
    forecast year: set once, from the dates, so the two cannot disagree."""
    book.scalar_input(VALUATION_DATE, "Valuation date: the date of the balance sheet the equity "
                      "bridge reads", Unit.DATE, serial(valuation_date), name="ValuationDate")
    book.scalar_input(FIRST_YEAR_END, "End of the first forecast year", Unit.DATE,
                      serial(first_year_end))
    book.calc(REMAINING, "Share of the first forecast year after the valuation date (%; days / "
              f"{DAYS_IN_YEAR}, at most 1)", Unit.RATIO, None,
              cells={None: minimum(1, (at(FIRST_YEAR_END, None) - at(VALUATION_DATE, None))
                                   / DAYS_IN_YEAR)})


def add_discounting(book: ItemBook, annual: Timeline) -> None:
    last_actual = annual.actual_keys()[-1]
    book.calc(YEAR_END, "Years from the valuation date to the year end (years)", Unit.YEARS,
              ANNUAL, cells={last_actual: at(REMAINING, None) - 1},
              forecast=prev(YEAR_END) + 1)
    book.calc(SHARE, "Share of the year's cash flow after the valuation date (%)", Unit.RATIO,
              ANNUAL, forecast=Ref(YEAR_END) - maximum(0, prev(YEAR_END)))
    book.calc(CF_TIME, "Discount period to the cash-flow timing (years)", Unit.YEARS, ANNUAL,
              forecast=Ref(YEAR_END) - Ref(SHARE) * (1 - at(TIMING, None)))
    book.calc(DISCOUNT, "Discount factor at the cash-flow timing (x)", Unit.FX, ANNUAL,
              forecast=1 / (1 + at(WACC, None)) ** Ref(CF_TIME))
    book.calc(DISCOUNT_END, "Discount factor at the year end (x)", Unit.FX, ANNUAL,
              forecast=1 / (1 + at(WACC, None)) ** Ref(YEAR_END))

"""The DCF of one namespace (the live model or a scenario): FCFF to enterprise value.

Cash flows are the statements' FCFF, discounted with the explicit factors of
:mod:`builder.model.wacc`. The Gordon terminal value starts from the final year's operating
profit after tax grown one year, less the reinvestment that growth needs (growth / return on new
capital): a horizon year that still invests heavily, or one that invests nothing while growing
forever, would otherwise set the value. It arrives one year after the final year's flow, so it
is discounted with the final year's cash-flow factor; the exit-multiple value is a price at the
final year end, discounted with the year-end factor.
"""

from __future__ import annotations

from builder.model import wacc
from builder.model.book import ItemBook
from builder.model.expr import Expr, Ref, at
from builder.model.functions import SumRange, compare, if_, ratio
from builder.model.items import Timeline, Unit
from builder.model.namespace import Namespace
from builder.model.timeline import ANNUAL

BRIDGE = "val_bridge_total"


def terminal_flow(ns: Namespace, final: str, growth: Expr, return_on_capital: Expr) -> Expr:
    """The first flow after the horizon: NOPAT grown a year, less growth's reinvestment."""
    return at(ns.fc("nopat"), final) * (1 + growth) * (1 - ratio(growth, return_on_capital))


def gordon_value(flow: Expr, wacc_rate: Expr, growth: Expr) -> Expr:
    return ratio(flow, wacc_rate - growth)


def add_dcf(book: ItemBook, ns: Namespace, annual: Timeline) -> None:
    forecast = annual.forecast_keys()
    final = forecast[-1]
    val = ns.val
    money = book.money
    book.calc(val("fcff_counted"), money("FCFF after the valuation date"), Unit.MONEY, ANNUAL,
              forecast=Ref(ns.fc("fcff")) * Ref(wacc.SHARE))
    book.calc(val("pv_fcff"), money("Present value of FCFF"), Unit.MONEY, ANNUAL,
              forecast=Ref(val("fcff_counted")) * Ref(wacc.DISCOUNT))
    book.calc(val("sum_pv_fcff"), money("Sum of discounted FCFF over the forecast"),
              Unit.MONEY, None, cells={None: SumRange(val("pv_fcff"), forecast)})
    growth, rate = at(wacc.GROWTH, None), at(wacc.WACC, None)
    book.calc(val("terminal_reinvestment"), "Terminal reinvestment: growth / return on new "
              "capital (% of NOPAT)", Unit.RATIO, None,
              cells={None: ratio(growth, at(wacc.RONIC, None))})
    book.calc(val("terminal_flow"), money(f"First flow after the horizon: NOPAT {final} x (1 + "
              "growth) x (1 - reinvestment)"), Unit.MONEY, None,
              cells={None: terminal_flow(ns, final, growth, at(wacc.RONIC, None))})
    book.calc(val("tv_gordon"), money(f"Terminal value, Gordon growth, at {final} cash-flow "
              "timing"), Unit.MONEY, None,
              cells={None: gordon_value(at(val("terminal_flow"), None), rate, growth)})
    book.calc(val("tv_exit"), money(f"Terminal value, exit EV / EBITDA, at {final} year end"),
              Unit.MONEY, None,
              cells={None: at(ns.fc("ebitda"), final) * at(wacc.EXIT_MULTIPLE, None)})
    pv = if_(compare(at(wacc.METHOD_INDEX, None), "=", 1),
             at(val("tv_gordon"), None) * at(wacc.DISCOUNT, final),
             at(val("tv_exit"), None) * at(wacc.DISCOUNT_END, final))
    book.calc(val("pv_tv"), money("Present value of the terminal value, method chosen"),
              Unit.MONEY, None, cells={None: pv})
    book.calc(val("ev"), money("Enterprise value, DCF"), Unit.MONEY, None,
              cells={None: at(val("sum_pv_fcff"), None) + at(val("pv_tv"), None)},
              name="EnterpriseValue" if ns.live else None)
    book.calc(val("tv_share"), "Terminal value as a share of enterprise value (%)", Unit.RATIO,
              None, cells={None: ratio(at(val("pv_tv"), None), at(val("ev"), None))})
    book.calc(val("equity"), money("Equity value, DCF"), Unit.MONEY, None,
              cells={None: at(val("ev"), None) + at(BRIDGE, None)},
              name="EquityValue" if ns.live else None)

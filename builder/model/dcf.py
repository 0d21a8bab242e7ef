"""The DCF of one namespace (the live model or a scenario): FCFF to enterprise value.

Cash flows are discounted with the explicit factors of :mod:`builder.model.wacc`. The Gordon
terminal value is a growing perpetuity whose first flow arrives one year after the final year's
flow, so it is discounted with the final year's cash-flow factor; the exit-multiple value is a
price at the final year end, discounted with the year-end factor.
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


def gordon_value(ns: Namespace, final: str, wacc_rate: Expr, growth: Expr) -> Expr:
    """Gordon terminal value at the final year's cash-flow timing (CNY m)."""
    return ratio(at(ns.fc("fcff"), final) * (1 + growth), wacc_rate - growth)


def add_dcf(book: ItemBook, ns: Namespace, annual: Timeline) -> None:
    forecast = annual.forecast_keys()
    final = forecast[-1]
    val = ns.val
    book.calc(val("fcff_counted"), "FCFF after the valuation date (CNY m)", Unit.CNY_M, ANNUAL,
              forecast=Ref(ns.fc("fcff")) * Ref(wacc.SHARE))
    book.calc(val("pv_fcff"), "Present value of FCFF (CNY m)", Unit.CNY_M, ANNUAL,
              forecast=Ref(val("fcff_counted")) * Ref(wacc.DISCOUNT))
    book.calc(val("sum_pv_fcff"), "Sum of discounted FCFF over the forecast (CNY m)",
              Unit.CNY_M, None, cells={None: SumRange(val("pv_fcff"), forecast)})
    growth, rate = at(wacc.GROWTH, None), at(wacc.WACC, None)
    book.calc(val("tv_gordon"), f"Terminal value, Gordon growth, at {final} cash-flow timing "
              "(CNY m)", Unit.CNY_M, None, cells={None: gordon_value(ns, final, rate, growth)})
    book.calc(val("tv_exit"), f"Terminal value, exit EV / EBITDA, at {final} year end (CNY m)",
              Unit.CNY_M, None,
              cells={None: at(ns.fc("ebitda"), final) * at(wacc.EXIT_MULTIPLE, None)})
    pv = if_(compare(at(wacc.METHOD_INDEX, None), "=", 1),
             at(val("tv_gordon"), None) * at(wacc.DISCOUNT, final),
             at(val("tv_exit"), None) * at(wacc.DISCOUNT_END, final))
    book.calc(val("pv_tv"), "Present value of the terminal value, method chosen (CNY m)",
              Unit.CNY_M, None, cells={None: pv})
    book.calc(val("ev"), "Enterprise value, DCF (CNY m)", Unit.CNY_M, None,
              cells={None: at(val("sum_pv_fcff"), None) + at(val("pv_tv"), None)},
              name="EnterpriseValue" if ns.live else None)
    book.calc(val("tv_share"), "Terminal value as a share of enterprise value (%)", Unit.RATIO,
              None, cells={None: ratio(at(val("pv_tv"), None), at(val("ev"), None))})
    book.calc(val("equity"), "Equity value, DCF (CNY m)", Unit.CNY_M, None,
              cells={None: at(val("ev"), None) + at(BRIDGE, None)},
              name="EquityValue" if ns.live else None)

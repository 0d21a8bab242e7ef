"""Checks on the valuation: each a scalar that is 0 when the invariant holds and 1 when not.

They are added to the master check, so a workbook whose weights do not sum to 100%, whose WACC
is not above terminal growth or whose scenario sheets disagree with the live model says so on
its cover. A terminal value carrying more of EV than the analyst accepts is a warning instead:
it questions the assumptions, not the arithmetic.
"""

from __future__ import annotations

from builder.inputs.valuation_schema import Valuation
from builder.model import market, wacc
from builder.model.book import ItemBook
from builder.model.checks import TOLERANCE, flag_unless
from builder.model.expr import Expr, at, lift
from builder.model.functions import absolute, compare, if_
from builder.model.items import Unit
from builder.model.ranges import ScalarIndex
from builder.model.sensitivity import CENTRE

TV_LIMIT = "in_tv_share_limit"


def _close(left: Expr, right: Expr) -> Expr:
    return flag_unless(compare(absolute(left - right), "<=", at(TOLERANCE, None)))


def add_valuation_checks(book: ItemBook, valuation: Valuation,
                         scenario_targets: tuple[str, ...]) -> list[str]:
    """Declare the checks; return their keys for the master check."""
    book.scalar_input(TV_LIMIT, "Largest terminal value share of EV accepted (%)", Unit.RATIO,
                      valuation.tv_share_limit)

    def s(key: str) -> Expr:
        return at(key, None)

    target_cny = s("val_target_cny")
    bridge = (s("val_ev") + s("val_cash") - s("val_borrowings") - s("in_minority_interests")
              + s("in_other_adjustments"))
    units = (absolute(s("val_target_ads") * s(market.USD_CNY) / s(market.ADS_RATIO) - target_cny)
             + absolute(s("val_target_hk") * s(market.HKD_CNY) - target_cny))
    fx_gap = absolute(s(market.USD_CNY) - s(market.USD_HKD) * s(market.HKD_CNY))
    grid = if_(compare(s(wacc.METHOD_INDEX), "=", 1), at("sens_gordon_2", CENTRE),
               at("sens_exit_2", CENTRE))
    checks = (
        ("chk_val_weights", "Valuation weights sum to 100%",
         _close(s("val_weight_total"), lift(1))),
        ("chk_val_wacc_above_growth", "WACC is above terminal growth",
         flag_unless(compare(s(wacc.WACC), ">", s(wacc.GROWTH)))),
        ("chk_val_bridge", "Equity value = EV + cash - borrowings - minorities + other",
         _close(s("val_equity"), bridge)),
        ("chk_val_units", "Target per ADS and per HK share convert back to CNY per share",
         flag_unless(compare(units, "<=", s(TOLERANCE)))),
        ("chk_val_fx_cross", "FX rates agree: CNY per USD = HKD per USD x CNY per HKD",
         flag_unless(compare(fx_gap, "<=", s(market.FX_TOLERANCE) * s(market.USD_CNY)))),
        ("chk_val_scenario", "Target price equals the selected scenario's sheet",
         _close(s("val_target"), ScalarIndex(scenario_targets, s("scenario_index")))),
        ("chk_val_sensitivity", "Sensitivity base-case cell equals the target price",
         _close(grid, s("val_target"))),
    )
    for key, label, expr in checks:
        book.calc(key, f"{label} (1 = fails)", Unit.FLAG, None, cells={None: expr})
    # A judgement, not an integrity failure: shown beside the checks, kept out of the master.
    book.calc("warn_val_tv_share", "Terminal value share of EV above the accepted limit "
              "(1 = warning)", Unit.FLAG, None,
              cells={None: flag_unless(compare(s("val_tv_share"), "<=", s(TV_LIMIT)))})
    return [key for key, _, _ in checks]

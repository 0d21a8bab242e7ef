"""Checks on the valuation: each a scalar that is 0 when the invariant holds and 1 when not.

They go into the master check, so a workbook whose weights do not sum to 100%, whose WACC is
not above terminal growth, whose listings' targets do not convert back, or whose scenario sheets
disagree with the live model says so on its cover. A value at or below zero is an error unless
the YAML says why (a distressed company can be worth nothing, never silently). A terminal value
carrying more of EV than the limit is a warning: it questions the assumptions, not the
arithmetic; the limit is raised above 85% only with a written reason, shown beside it.
"""

from __future__ import annotations

from builder.inputs.schema import Assumptions
from builder.model import market, wacc
from builder.model.book import ItemBook
from builder.model.bridge import BORROWINGS, CASH, MINORITIES
from builder.model.checks import Checks, close, flag_unless
from builder.model.expr import Expr, at, lift
from builder.model.functions import absolute, compare, if_, total
from builder.model.items import Unit
from builder.model.market import Quotes
from builder.model.ranges import ScalarIndex
from builder.model.sensitivity import CENTRE

TV_LIMIT = "in_tv_share_limit"


def add_valuation_checks(book: ItemBook, checks: Checks, assumptions: Assumptions,
                         quotes: Quotes, scenario_targets: tuple[str, ...]) -> None:
    valuation = assumptions.valuation
    assert valuation is not None and assumptions.market is not None

    def s(key: str) -> Expr:
        return at(key, None)

    target = s("val_target_per_share")
    bridge_parts = [s(CASH), -s(BORROWINGS), -s(MINORITIES), s("in_other_adjustments")]
    if book.has("val_placement_cash"):
        bridge_parts.append(s("val_placement_cash"))
    units = total(*(absolute(s(f"val_target_{q.key}") / s(q.factor) - target)
                    for q in quotes.listings))
    grid = if_(compare(s(wacc.METHOD_INDEX), "=", 1), at("sens_gordon_2", CENTRE),
               at("sens_exit_2", CENTRE))
    checks.scalar("chk_val_weights", "Valuation weights sum to 100%",
                  close(s("val_weight_total"), lift(1)))
    checks.scalar("chk_val_wacc_above_growth", "WACC is above terminal growth",
                  flag_unless(compare(s(wacc.WACC), ">", s(wacc.GROWTH))))
    checks.scalar("chk_val_bridge", "Equity value = EV + cash - borrowings - minorities + other",
                  close(s("val_equity"), s("val_ev") + total(*bridge_parts)))
    checks.scalar("chk_val_units", "Every listing's target converts back to the value per "
                  "ordinary share", flag_unless(compare(units, "<=", s("check_tolerance"))))
    for index, cross in market.fx_crosses(assumptions):
        quoted, implied = s(f"in_fx_cross_{index}"), s(f"val_fx_cross_{index}")
        checks.scalar(f"chk_val_fx_cross_{index}", f"FX rates agree with the quoted {cross.pair}",
                      flag_unless(compare(absolute(implied - quoted), "<=",
                                          s(market.FX_TOLERANCE) * quoted)))
    checks.scalar("chk_val_scenario", "Target price equals the selected scenario's sheet",
                  close(s("val_target"), ScalarIndex(scenario_targets, s("scenario_index"))))
    checks.scalar("chk_val_sensitivity", "Sensitivity base-case cell equals the target price",
                  close(grid, s("val_target")))
    positive = (("val_target", "The target price is above zero"),
                ("val_equity", "The DCF equity value is above zero"),
                ("val_dcf_per_share", "The DCF value per share is above zero"))
    why = assumptions.non_positive_why
    for key, label in positive:
        flag = flag_unless(compare(s(key), ">", 0))
        name = key.removeprefix("val_")
        if why:
            checks.warning(f"warn_positive_{name}", label, None, {None: flag}, why)
        else:
            checks.scalar(f"chk_positive_{name}", label, flag)
    book.scalar_input(TV_LIMIT, "Largest terminal value share of EV accepted (%)", Unit.RATIO,
                      valuation.tv_share_limit, description=valuation.tv_share_limit_why)
    checks.warning("warn_val_tv_share", "Terminal value share of EV within the accepted limit",
                   None, {None: flag_unless(compare(s("val_tv_share"), "<=", s(TV_LIMIT)))},
                   valuation.tv_share_limit_why)

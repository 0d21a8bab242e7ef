"""Valuation: WACC, the valuation date and explicit discounting, DCF to equity, multiples, the
blended target price per listing, the rating and the three scenarios side by side."""

from __future__ import annotations

from builder.inputs.schema import Assumptions
from builder.layout.sheets.common import present, units_note
from builder.layout.spec import Gap, Heading, SheetSpec, TextRow
from builder.model.drivers import SCENARIOS
from builder.model.items import Model, Role
from builder.model.multiples import active_methods, weight_names
from builder.model.timeline import ANNUAL

NAME = "Valuation"

WACC = ("val_cost_of_equity", "val_cost_of_debt", "val_equity_weight", "val_wacc_built",
        "val_wacc", "val_return_on_new_capital")
DISCOUNTING = ("val_first_year_remaining", "val_year_end", "val_year_share", "val_cf_time",
               "val_discount", "val_discount_end", "val_fcff_counted", "val_pv_fcff")
ENTERPRISE = ("val_sum_pv_fcff", "val_tv_method_index", "val_terminal_reinvestment",
              "val_terminal_flow", "val_tv_gordon", "val_tv_exit", "val_pv_tv", "val_ev",
              "val_tv_share")
BRIDGE = ("val_cash", "val_borrowings", "val_minorities", "val_placement_cash",
          "val_bridge_total", "val_equity")
PER_SHARE = ("val_dcf_today", "val_dps_next_year", "val_dcf_per_share")


def valuation_sheet(model: Model, assumptions: Assumptions) -> SheetSpec:
    valuation = assumptions.valuation
    assert valuation is not None
    placements = [k for k in model.items if k.startswith("val_placement_") and
                  k.endswith("_shares")]
    factors = [k for k in model.items if k.startswith("val_factor_")]
    prices = [k for k, i in model.items.items() if k.startswith("in_price_")
              and i.role is Role.CALC]
    crosses = [k for k in model.items if k.startswith("val_fx_cross_")]
    multiples: list = []
    for method in active_methods(valuation):
        multiples += present(model, [f"val_multiple_{method.key}", f"val_{method.key}_metric",
                                     f"val_{method.key}_equity", f"val_{method.key}_per_share"])
    listings = [k for k in model.items if k.startswith(("val_target_", "val_upside_"))
                and k not in ("val_target_per_share", "val_target_ex_dcf")]
    basis = "a price 12 months ahead" if valuation.target_basis == "twelve_month" else \
        "the value at the valuation date"
    rows = (
        Heading("Discount rate (inputs on the Inputs sheet)"),
        *present(model, WACC),
        Gap(),
        Heading("Discounting from the valuation date (the equity bridge's balance sheet date)"),
        *present(model, DISCOUNTING),
        Gap(),
        Heading("Enterprise value"),
        *present(model, ENTERPRISE),
        Gap(),
        Heading("Equity bridge at the valuation date"),
        *present(model, BRIDGE),
        Gap(),
        Heading("Shares and the DCF value per share"),
        *present(model, [*placements, "val_shares", "val_shares_diluted", *PER_SHARE]),
        TextRow("Target basis", f"{basis} (Inputs: TargetIsForward)"),
        Gap(),
        Heading(f"Multiples on FY{valuation.multiples.year}E (blank typed multiple = peer median)"),
        *multiples,
        Gap(),
        Heading("Blended target price, per listing, upside and rating"),
        *present(model, ["val_weight_total",
                         *(f"val_{w}_contribution" for w in weight_names(valuation)),
                         "val_target_per_share", *factors, *prices, *crosses, *listings,
                         "val_target", "val_upside", "val_rating"]),
        TextRow("Rating rule", "Buy at or above the Buy threshold, Sell at or below the Sell "
                "threshold, Hold between (Inputs)"),
        Gap(),
        Heading("Scenarios side by side (each computed live on its own sheet)"),
        *present(model, [f"val_scenario_{s}_target" for s in SCENARIOS]),
        *present(model, [f"val_scenario_{s}_upside" for s in SCENARIOS]),
    )
    return SheetSpec(NAME, "Valuation: DCF, multiples and target price", ANNUAL, rows,
                     subtitle=units_note(assumptions.company.reporting_currency),
                     tab_color="#375623")

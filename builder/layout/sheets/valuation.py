"""Valuation: WACC, explicit discounting, DCF to equity, multiples, the blended target price,
the rating and the three scenarios side by side."""

from __future__ import annotations

from builder.inputs.schema import Assumptions
from builder.layout.sheets.common import present, units_note
from builder.layout.spec import Gap, Heading, SheetSpec, TextRow
from builder.model.drivers import SCENARIOS
from builder.model.items import Model
from builder.model.multiples import active_methods, weight_names
from builder.model.timeline import ANNUAL

NAME = "Valuation"

WACC = ("val_cost_of_equity", "val_cost_of_debt", "val_equity_weight", "val_wacc_built",
        "val_wacc")
DISCOUNTING = ("val_year_end", "val_year_share", "val_cf_time", "val_discount",
               "val_discount_end", "val_fcff_counted", "val_pv_fcff")
ENTERPRISE = ("val_sum_pv_fcff", "val_tv_method_index", "val_tv_gordon", "val_tv_exit",
              "val_pv_tv", "val_ev", "val_tv_share")
BRIDGE = ("val_cash", "val_borrowings", "val_bridge_total", "val_equity")
PER_UNIT = ("val_per_ads_factor", "val_per_hk_factor")
TARGET = ("val_target_cny", "val_target_ads", "val_target_hk", "val_target", "val_upside",
          "val_rating")


def valuation_sheet(model: Model, assumptions: Assumptions) -> SheetSpec:
    valuation = assumptions.valuation
    assert valuation is not None
    placements = [k for k in model.items if k.startswith("val_placement_")]
    multiples: list = []
    for method in active_methods(valuation):
        multiples += present(model, [f"val_multiple_{method.key}", f"val_{method.key}_metric",
                                     f"val_{method.key}_equity", f"val_{method.key}_per_share"])
    rows = (
        Heading("Discount rate (inputs on the Inputs sheet)"),
        *present(model, WACC),
        Gap(),
        Heading("Discounting, year by year (valuation date = the bridge's balance sheet date)"),
        *present(model, DISCOUNTING),
        Gap(),
        Heading("Enterprise value"),
        *present(model, ENTERPRISE),
        Gap(),
        Heading("Equity bridge and value per share"),
        *present(model, BRIDGE),
        *present(model, [*placements, "val_shares", "val_dcf_per_share", *PER_UNIT]),
        Gap(),
        Heading(f"Multiples on FY{valuation.multiples.year}E (blank typed multiple = peer median)"),
        *multiples,
        Gap(),
        Heading("Blended target price, upside and rating"),
        *present(model, ["val_weight_total",
                         *(f"val_{w}_contribution" for w in weight_names(valuation)), *TARGET]),
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

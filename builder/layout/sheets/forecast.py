"""Forecast: revenue by segment to net income, EBITDA and free cash flow to the firm."""

from __future__ import annotations

from builder.inputs.schema import Assumptions
from builder.layout.sheets.common import present, units_note
from builder.layout.spec import Gap, Heading, ItemRow, SheetSpec
from builder.model.items import Model
from builder.model.timeline import ANNUAL

NAME = "Forecast"

REVENUE = ("fc_ai_revenue", "fc_non_ai_revenue", "fc_public_cloud_revenue",
           "fc_industry_cloud_revenue", "fc_revenue")
GROWTH = ("fc_revenue_growth", "fc_ai_revenue_growth", "fc_non_ai_revenue_growth",
          "fc_industry_cloud_revenue_growth")
INCOME = ("fc_gross_margin", "fc_gross_profit", "fc_cost_of_revenue", "fc_selling", "fc_ga",
          "fc_rnd", "fc_opex", "fc_ebit", "fc_da", "fc_ebitda", "fc_ebitda_margin",
          "fc_other_income", "fc_pretax_income", "fc_income_tax", "fc_net_income", "fc_net_margin")
CASH_FLOW = ("fc_ebit", "fc_tax_on_ebit", "fc_nopat", "fc_da", "fc_capex", "fc_receivables",
             "fc_receivable_days", "fc_payables", "fc_payable_days", "fc_nwc", "fc_change_nwc",
             "fc_fcff")


def forecast_sheet(model: Model, assumptions: Assumptions) -> SheetSpec:
    cash_flow = [k for k in CASH_FLOW if k not in ("fc_ebit", "fc_da")]
    checks = [k for k in ("chk_segments", "chk_rebuilt_year") if k in model.items]
    rows = (
        Heading("Revenue by segment"),
        *present(model, REVENUE),
        Gap(),
        Heading("Growth"),
        *present(model, GROWTH),
        Gap(),
        Heading("Income statement"),
        *present(model, INCOME),
        Gap(),
        Heading("Free cash flow to the firm (EBIT and D&A above)"),
        *present(model, cash_flow),
        Gap(),
        Heading("Checks (1 = fails; counted on the Checks sheet)"),
        *(ItemRow(k) for k in checks),
    )
    return SheetSpec(NAME, "Forecast", ANNUAL, rows,
                     subtitle=units_note(assumptions.company.reporting_currency))

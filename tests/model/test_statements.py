"""The three statements on a company small enough to check by hand: they balance every year,
cash follows the cash flow, tax follows the loss policy, funding follows the minimum cash, and
FCFF ties to the cash flow statement."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.model.items import Model
from builder.pipeline import compute

from .tiny import each_year, tiny_company

FORECAST = ("FY2025", "FY2026", "FY2027")


def model_of(folder: Path, edit=None, **kwargs) -> Model:
    return compute(tiny_company(folder, edit, **kwargs))[1]


def test_first_year_by_hand(tmp_path: Path) -> None:
    m = model_of(tmp_path)
    assert m.value("fc_revenue", "FY2025") == pytest.approx(1100)
    assert m.value("fc_gross_profit", "FY2025") == pytest.approx(440)
    assert m.value("fc_ebit", "FY2025") == pytest.approx(220)  # less SG&A at 20%
    assert m.value("fc_interest_expense", "FY2025") == pytest.approx(15)  # 5% of opening 300
    assert m.value("fc_pretax", "FY2025") == pytest.approx(205)
    assert m.value("fc_tax", "FY2025") == pytest.approx(51.25)
    assert m.value("fc_net_income", "FY2025") == pytest.approx(153.75)
    receivables, payables = 1100 * 60 / 365, 660 * 45 / 365
    working = -(receivables - 150) + (payables - 80)
    assert m.value("fc_cf_working_capital", "FY2025") == pytest.approx(working)
    assert m.value("fc_cash", "FY2025") == pytest.approx(200 + 153.75 + 55 + working - 66)
    assert m.value("fc_bs_ppe", "FY2025") == pytest.approx(600 + 66 - 55)
    assert m.value("fc_equity", "FY2025") == pytest.approx(700 + 153.75)
    assert m.value("fc_eps_basic", "FY2025") == pytest.approx(1.5375)


def everything(case: str):
    """An edit for the tiny company: margins, tax policy, funding, and with ``everything`` every
    optional driver the schema has."""
    def edit(data: dict) -> None:
        drivers = data["drivers"]
        if case in ("losses", "credit", "everything"):
            drivers["gross_margin"] = {2025: 0.10, 2026: 0.15, 2027: 0.45}
        if case == "credit":
            data["tax"]["losses"] = "credit"
        if case in ("revolver", "everything"):
            drivers["capex_pct_revenue"] = each_year(0.60)
            data["funding"] = {"minimum_cash": 150, "shortfall": "revolver",
                               "revolver_rate": 0.08}
        if case in ("everything", "revolver"):
            drivers.update({
                "sbc_pct_revenue": each_year(0.02), "interest_rate_on_cash": each_year(0.01),
                "other_income_pct_revenue": each_year(0.01), "non_recurring": each_year(-5.0),
                "dividend_payout": each_year(0.3), "minority_share": each_year(0.1),
                "debt_change": {2025: 50.0, 2026: -20.0, 2027: 0.0},
                "equity_issuance": {2025: 0.0, 2026: 100.0, 2027: 0.0},
                "buybacks": each_year(5.0), "other_investing": each_year(3.0),
                "other_financing": each_year(-2.0), "inventory_days": each_year(20),
                "other_current_assets_pct_revenue": each_year(0.05),
                "accrued_expenses_pct_revenue": each_year(0.04),
                "other_current_liabilities_pct_revenue": each_year(0.03)})
            data["tax"]["losses_brought_forward"] = 40.0
    return edit


everything.figures = {("minority_interests", "FY2024"): 20.0, ("inventory", "FY2024"): 30.0,  # type: ignore[attr-defined]
                      ("other_current_assets", "FY2024"): 40.0,
                      ("accrued_expenses", "FY2024"): 35.0,
                      ("other_current_liabilities", "FY2024"): 25.0,
                      ("intangibles", "FY2024"): 90.0}


@pytest.mark.parametrize("case", ["base", "losses", "credit", "revolver", "everything"])
def test_the_balance_sheet_balances_and_fcff_ties_every_year(case: str, tmp_path: Path) -> None:
    full = case in ("everything", "revolver")
    m = model_of(tmp_path, everything(case), figures=everything.figures if full else {})
    assert m.value("check_master") == 0
    for period in ("FY2024", *FORECAST):
        assert m.value("fc_balance_check", period) == pytest.approx(0, abs=1e-6)
    for period in FORECAST:
        assert m.value("fc_fcff", period) == pytest.approx(
            m.value("fc_fcff_from_cash_flow", period))
        change = m.value("fc_cash", period) - m.value("fc_cash", _before(period))
        assert change == pytest.approx(m.value("fc_cash_change", period))


def test_losses_are_carried_forward_before_any_tax(tmp_path: Path) -> None:
    def edit(data: dict) -> None:
        data["drivers"]["gross_margin"] = {2025: 0.10, 2026: 0.45, 2027: 0.45}
        data["tax"]["losses_brought_forward"] = 100.0

    m = model_of(tmp_path, edit)
    loss = -m.value("fc_pretax", "FY2025")
    assert loss > 0 and m.value("fc_tax", "FY2025") == 0
    assert m.value("fc_tax_losses", "FY2025") == pytest.approx(100 + loss)
    profit = m.value("fc_pretax", "FY2026")
    used = min(100 + loss, profit)
    assert m.value("fc_tax", "FY2026") == pytest.approx((profit - used) * 0.25)


def test_a_loss_earns_a_credit_booked_as_a_deferred_tax_asset(tmp_path: Path) -> None:
    def edit(data: dict) -> None:
        data["drivers"]["gross_margin"] = {2025: 0.10, 2026: 0.45, 2027: 0.45}
        data["tax"]["losses"] = "credit"

    m = model_of(tmp_path, edit)
    pretax = m.value("fc_pretax", "FY2025")
    assert m.value("fc_tax", "FY2025") == pytest.approx(pretax * 0.25) and pretax < 0
    assert m.value("fc_dta", "FY2025") == pytest.approx(-pretax * 0.25)
    assert m.value("fc_cash_tax", "FY2025") == pytest.approx(0)
    # The next year's charge uses the asset before any cash is paid.
    charge = m.value("fc_tax", "FY2026")
    assert m.value("fc_cash_tax", "FY2026") == pytest.approx(max(0, charge + pretax * 0.25))


def test_a_shortfall_is_drawn_on_the_revolver_and_repaid(tmp_path: Path) -> None:
    def edit(data: dict) -> None:
        data["drivers"]["capex_pct_revenue"] = {2025: 0.60, 2026: 0.05, 2027: 0.05}
        data["funding"] = {"minimum_cash": 150, "shortfall": "revolver", "revolver_rate": 0.08}

    m = model_of(tmp_path, edit)
    assert m.value("fc_cash", "FY2025") == pytest.approx(150)
    drawn = m.value("fc_revolver", "FY2025")
    assert drawn > 0
    assert m.value("fc_revolver_interest", "FY2026") == pytest.approx(drawn * 0.08)
    assert m.value("fc_revolver", "FY2027") < drawn  # repaid from later surpluses
    assert m.value("cover_fc_revolver_peak") == pytest.approx(
        max(m.value("fc_revolver", p) for p in FORECAST))


def test_a_funding_need_can_be_shown_instead_and_is_a_warning(tmp_path: Path) -> None:
    def edit(data: dict) -> None:
        data["drivers"]["capex_pct_revenue"] = each_year(0.60)
        data["funding"] = {"minimum_cash": 150, "shortfall": "show"}

    m = model_of(tmp_path, edit)
    assert "fc_revolver" not in m.items
    need = m.value("fc_funding_need", "FY2025")
    assert need == pytest.approx(150 - m.value("fc_cash", "FY2025")) and need > 0
    assert m.value("warn_funding_need_total") >= 1
    assert m.value("cover_warnings") >= 1
    assert m.value("check_master") == 0


def _before(period: str) -> str:
    return f"FY{int(period[2:]) - 1}"

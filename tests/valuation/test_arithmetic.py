"""The valuation arithmetic, checked through the model against hand-written finance."""

from __future__ import annotations

import pytest

from builder.model.assemble import build_model
from builder.model.book import ItemBook
from builder.model.evaluate import evaluate
from builder.model.expr import at
from builder.model.items import Unit
from builder.model.multiples import rating_expr

from .conftest import varied

WACC_CASES = [  # (rf, erp, beta, kd, tax, debt weight, override, expected WACC)
    (0.03, 0.07, 1.3, 0.045, 0.15, 0.25, None, 0.121 * 0.75 + 0.045 * 0.85 * 0.25),
    (0.04, 0.06, 1.0, 0.05, 0.25, 0.0, None, 0.10),
    (0.02, 0.05, 2.0, 0.06, 0.0, 0.5, None, 0.12 * 0.5 + 0.06 * 0.5),
    (0.03, 0.07, 1.3, 0.045, 0.15, 0.25, 0.085, 0.085),
]


@pytest.mark.parametrize(("rf", "erp", "beta", "kd", "tax", "wd", "override", "expected"),
                         WACC_CASES)
def test_wacc_build_up(kc_inputs, rf, erp, beta, kd, tax, wd, override, expected):
    assumptions, facts = kc_inputs
    changed = varied(assumptions, "wacc", risk_free_rate=rf, equity_risk_premium=erp, beta=beta,
                     pre_tax_cost_of_debt=kd, debt_tax_rate=tax, target_debt_weight=wd,
                     override=override)
    model = build_model(changed, facts)
    assert model.value("val_wacc") == pytest.approx(expected, rel=1e-12)
    assert model.value("val_cost_of_equity") == pytest.approx(rf + beta * erp)


STUB = 92 / 365  # 30 Sep to 31 Dec 2025: what a 3Q25 balance sheet leaves of FY2025
DISCOUNT_CASES = [  # (timing, bridge balance sheet, first-year remaining, discount periods)
    (0.5, "FY2024", 1.0, [0.5, 1.5, 2.5, 3.5, 4.5, 5.5]),
    (1.0, "FY2024", 1.0, [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]),
    (0.5, "3Q25", STUB, [STUB / 2, STUB + 0.5, STUB + 1.5, STUB + 2.5, STUB + 3.5, STUB + 4.5]),
    (1.0, "3Q25", STUB, [STUB, STUB + 1, STUB + 2, STUB + 3, STUB + 4, STUB + 5]),
]


@pytest.mark.parametrize(("timing", "balance_sheet", "remaining", "periods"), DISCOUNT_CASES)
def test_discount_factors_follow_the_valuation_date(kc_inputs, timing, balance_sheet, remaining,
                                                    periods):
    """The valuation date is the bridge's balance sheet date: the stub follows from it."""
    assumptions, facts = kc_inputs
    changed = varied(assumptions, "", cash_flow_timing=timing)
    changed = varied(changed, "equity_bridge", balance_sheet=balance_sheet)
    model = build_model(changed, facts)
    assert model.value("val_first_year_remaining") == pytest.approx(remaining)
    rate = model.value("val_wacc")
    forecast = model.timelines["annual"].forecast_keys()
    assert [model.value("val_cf_time", p) for p in forecast] == pytest.approx(periods)
    for period, t in zip(forecast, periods, strict=True):
        assert model.value("val_discount", period) == pytest.approx((1 + rate) ** -t)
    shares = [model.value("val_year_share", p) for p in forecast]
    assert shares == pytest.approx([remaining, 1, 1, 1, 1, 1])
    fcff = [model.value("fc_fcff", p) for p in forecast]
    expected = sum(f * s / (1 + rate) ** t for f, s, t in zip(fcff, shares, periods, strict=True))
    assert model.value("val_sum_pv_fcff") == pytest.approx(expected)


@pytest.mark.parametrize("method", ["gordon", "exit_multiple"])
def test_terminal_value_by_gordon_and_by_exit_multiple(kc_inputs, method):
    assumptions, facts = kc_inputs
    model = build_model(varied(assumptions, "terminal", method=method), facts)
    terminal = assumptions.valuation.terminal
    rate, final = model.value("val_wacc"), model.timelines["annual"].forecast_keys()[-1]
    g, ronic = terminal.growth, terminal.return_on_new_capital
    nopat = model.value("fc_nopat", final)
    assert nopat == pytest.approx((model.value("fc_ebit", final)
                                   + model.value("fc_other_income", final)) * (1 - 0.15))
    gordon = nopat * (1 + g) * (1 - g / ronic) / (rate - g)  # growth's reinvestment deducted
    exit_value = model.value("fc_ebitda", final) * terminal.exit_ev_ebitda
    assert model.value("val_tv_gordon") == pytest.approx(gordon)
    assert model.value("val_tv_exit") == pytest.approx(exit_value)
    if method == "gordon":
        pv = gordon / (1 + rate) ** model.value("val_cf_time", final)
    else:
        pv = exit_value / (1 + rate) ** model.value("val_year_end", final)
    assert model.value("val_pv_tv") == pytest.approx(pv)
    ev = model.value("val_ev")
    assert ev == pytest.approx(model.value("val_sum_pv_fcff") + pv)
    assert model.value("val_tv_share") == pytest.approx(pv / ev)
    assert model.value("check_master") == 0


def test_equity_bridge_and_per_unit_prices(kc_model):
    m = kc_model
    equity = m.value("val_ev") + 3955 - 6190  # 3Q25 cash and total borrowings (003:14)
    assert m.value("val_equity") == pytest.approx(equity)
    shares = 274 * 15 + 2700 / 7.18  # ADS x 15 plus the September placement (estimate)
    assert m.value("val_shares") == pytest.approx(shares)
    assert m.value("val_shares_diluted") == pytest.approx(shares)  # no dilutive shares given
    today = equity / shares
    assert m.value("val_dcf_today") == pytest.approx(today)
    # A 12-month target: the DCF value rolled forward at the cost of equity (no dividends).
    assert m.value("val_dcf_per_share") == pytest.approx(today * (1 + m.value(
        "val_cost_of_equity")))
    per_share = m.value("val_target_per_share")
    assert m.value("val_target_kc") == pytest.approx(per_share * 15 / 7.11)
    assert m.value("val_target_3896_hk") == pytest.approx(per_share / 0.914)
    assert m.value("val_target") == m.value("val_target_3896_hk")  # the rating listing
    blended = 0.5 * m.value("val_dcf_per_share") + 0.5 * m.value("val_ps_per_share")
    assert per_share == pytest.approx(blended)
    assert m.value("val_ps_per_share") == pytest.approx(3.0 * m.value("fc_revenue", "FY2026")
                                                        / shares)
    assert m.value("val_upside") == pytest.approx(m.value("val_target") / 6.21 - 1)


RATING_CASES = [(0.20, "Buy"), (0.2000001, "Buy"), (0.1999999, "Hold"), (0.0, "Hold"),
                (-0.1999999, "Hold"), (-0.20, "Sell"), (-0.5, "Sell")]


@pytest.mark.parametrize(("upside", "rating"), RATING_CASES)
def test_rating_thresholds_are_inclusive(upside, rating):
    book = ItemBook({}, "CNY")
    for key, value in (("upside", upside), ("buy", 0.20), ("sell", -0.20)):
        book.scalar_input(key, key, Unit.RATIO, value)
    for word in ("Buy", "Hold", "Sell"):
        book.scalar_input(f"in_rating_{word.lower()}", word, Unit.TEXT, word)
    book.calc("rating", "rating", Unit.TEXT, None,
              cells={None: rating_expr(at("upside", None), at("buy", None), at("sell", None))})
    assert evaluate(book.items, {}).value("rating") == rating

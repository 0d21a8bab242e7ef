"""Broker parity: Guoyuan's report of 2025-05-15 rebuilt from its published drivers gives its
forecast net profit, year-end cash and target price."""

from __future__ import annotations

import pytest

from builder.pipeline import compute_loaded

from .conftest import GUOYUAN_YAML

PUBLISHED_TARGET_USD = 17.60  # 001:107
PUBLISHED_REVENUE = {"FY2025": 9880, "FY2026": 11952, "FY2027": 14022}  # 001:56
PUBLISHED_NET_PROFIT = {"FY2025": -439, "FY2026": -54, "FY2027": 426}  # 001:60, 001:359
PUBLISHED_CASH = {"FY2025": 2643, "FY2026": 2742, "FY2027": 3110}  # 001:385, 期末持有现金
PUBLISHED_WORKING_CAPITAL = {"FY2025": -741, "FY2026": -713, "FY2027": -694}  # 001:421


@pytest.fixture(scope="module")
def guoyuan():
    return compute_loaded(GUOYUAN_YAML)


def close(ours: float, theirs: float) -> bool:
    """Within 3% or CNY 30m, whichever is wider."""
    return abs(ours - theirs) <= max(0.03 * abs(theirs), 30)


def test_target_price_within_one_percent(guoyuan):
    model = guoyuan[1]
    target = model.value("val_target")
    assert target == pytest.approx(PUBLISHED_TARGET_USD, rel=0.01)
    assert model.items["val_target"].name == "TargetPrice"
    assert model.value("val_rating") == "Buy"  # the report's rating, upside 27.8% (001:111)
    assert model.value("check_master") == 0


def test_revenue_rows_reproduce_the_report(guoyuan):
    model = guoyuan[1]
    for period, revenue in PUBLISHED_REVENUE.items():
        assert model.value("fc_revenue", period) == pytest.approx(revenue, abs=0.5)


def test_net_profit_and_year_end_cash_reproduce_the_report(guoyuan):
    model = guoyuan[1]
    for period, profit in PUBLISHED_NET_PROFIT.items():
        ours = model.value("fc_net_profit", period)
        assert close(ours, profit), (period, ours, profit)
    for period, cash in PUBLISHED_CASH.items():
        ours = model.value("fc_cash", period)
        assert close(ours, cash), (period, ours, cash)
    # Its tax on a loss is a credit at 10%: -487 pre-tax becomes -439 (001:353-359).
    assert model.value("fc_pretax", "FY2025") == pytest.approx(-487, abs=1)
    assert model.value("fc_tax", "FY2025") == pytest.approx(-48.7, abs=0.1)


def test_its_working_capital_change_is_its_balance_sheet_lines(guoyuan):
    model = guoyuan[1]
    for period, change in PUBLISHED_WORKING_CAPITAL.items():
        assert model.value("fc_cf_working_capital", period) == pytest.approx(change, abs=1)


def test_a_model_dated_before_the_2025_quarters_leaves_them_out(guoyuan):
    loaded = guoyuan[0]
    assert not loaded.facts.has("revenue", "1Q25")
    assert any(line.startswith("revenue 1Q25") for line in loaded.left_out)

"""The statements' actual columns show what the documents report: the cash flow's lines and the
income tax link the Historicals sheet (or repeat a statement line that does), a line the CSV
lacks stays blank, and the Inputs sheet's driver rows show the ratios those actuals imply."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.model.expr import Ref
from builder.pipeline import compute

ROOT = Path(__file__).resolve().parents[2]
ACTUAL = ("FY2023", "FY2024")


@pytest.fixture(scope="module")
def kc():
    return compute(ROOT / "assumptions" / "kingsoft_cloud.yaml")[1]


@pytest.mark.parametrize(("key", "reported"), [
    ("fc_cf_net_profit", (-2184, -1979)),
    ("fc_cf_non_cash", (2391, 2718)),
    ("fc_cf_capex", (-1959, -3672)),  # capex reported as spent, shown as an outflow
    ("fc_cf_other_investing", (1273, 51)),  # reported, not driven: its forecast stays blank
    ("fc_cf_debt", (587, 3776)),
    ("fc_cf_equity", (-751, -1203)),
    ("fc_tax", (18, -2)),
])
def test_actual_columns_show_the_reported_figures(kc, key, reported):
    assert tuple(kc.value(key, p) for p in ACTUAL) == reported


def test_the_reported_operating_lines_add_up_to_the_reported_cash_from_operations(kc):
    for period in ACTUAL:
        parts = sum(kc.value(k, period) for k in ("fc_cf_net_profit", "fc_cf_non_cash",
                                                  "fc_cf_working_capital"))
        assert parts == kc.value("fc_cfo", period)


def test_links_not_copies_and_blank_where_the_csv_is_silent(kc):
    assert kc.items["fc_cf_non_cash"].cells["FY2024"] == Ref("hist_non_cash_adjustments")
    assert "FY2024" not in kc.items["fc_cf_da"].cells  # KC reports no D&A line
    assert "FY2025" not in kc.items["fc_cf_other_investing"].cells  # no driver: not forecast
    assert kc.value("fc_tax_rate_effective", "FY2023") == pytest.approx(18 / -2166)


def test_driver_rows_show_their_history(kc):
    assert kc.value("drv_capex", "FY2024") == pytest.approx(3672 / 7785)
    assert kc.value("drv_receivable_days", "FY2024") == pytest.approx(1469 / 7785 * 365)
    assert kc.value("drv_payable_days", "FY2024") == pytest.approx(1877 / 6444 * 365)
    assert kc.value("drv_da", "FY2024") is None  # no reported D&A, no ratio

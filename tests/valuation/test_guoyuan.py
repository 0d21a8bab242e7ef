"""The Guoyuan report of 2025-05-15 rebuilt from its inputs gives its published target."""

from __future__ import annotations

import pytest

from builder.pipeline import compute

from .conftest import GUOYUAN_YAML

PUBLISHED_TARGET_USD = 17.60  # 001:107
PUBLISHED_REVENUE = {"FY2025": 9880, "FY2026": 11952, "FY2027": 14022}  # 001:56


@pytest.fixture(scope="module")
def guoyuan():
    return compute(GUOYUAN_YAML)[1]


def test_target_price_within_one_percent(guoyuan):
    target = guoyuan.value("val_target")
    assert target == pytest.approx(PUBLISHED_TARGET_USD, rel=0.01)
    assert guoyuan.items["val_target"].name == "TargetPrice"
    assert guoyuan.value("val_rating") == "Buy"  # the report's rating, upside 27.8% (001:111)
    assert guoyuan.value("check_master") == 0


def test_revenue_rows_reproduce_the_report(guoyuan):
    for period, revenue in PUBLISHED_REVENUE.items():
        assert guoyuan.value("fc_revenue", period) == pytest.approx(revenue, abs=0.5)

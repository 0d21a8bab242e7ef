"""Interim periods: quarters, halves and cumulative periods bridge to the first forecast year;
the rest of the year the forecast implies is shown with its growth, and checked."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.pipeline import compute
from builder.problems import InputError

from .tiny import tiny_company

QUARTERS = {("revenue", "1Q25"): 260.0, ("revenue", "2Q25"): 270.0,
            ("revenue_yoy", "1Q25"): 0.04, ("revenue_yoy", "2Q25"): 0.08,
            ("revenue", "3Q24"): 240.0}
CUMULATIVE = {("revenue", "1H25"): 530.0, ("revenue", "9M25"): 810.0,
              ("revenue_yoy", "9M25"): 0.08, ("net_income", "9M25"): 120.0,
              ("net_income", "FY2024"): 140.0, ("net_income_yoy", "9M25"): 0.2}


def reported(*periods: str):
    def edit(data: dict) -> None:
        data["timeline"]["reported_periods"] = list(periods)
    return edit


def test_quarters_rebuild_last_year_and_imply_the_rest(tmp_path: Path) -> None:
    m = compute(tiny_company(tmp_path, reported("1Q25", "2Q25"), figures=QUARTERS))[1]
    assert m.value("ib_revenue", "1Q24") == pytest.approx(260 / 1.04)
    assert m.value("ib_revenue", "1H25") == pytest.approx(530)
    assert m.value("ib_revenue", "1H24") == pytest.approx(250 + 250)
    assert m.value("ib_revenue", "2H24") == pytest.approx(1000 - 500)  # FY2024 less 1H24
    assert m.value("ib_revenue", "2H25") == pytest.approx(1100 - 530)  # FY2025E less 1H25
    assert m.value("ib_revenue_rest_yoy", "2H25") == pytest.approx(570 / 500 - 1)
    assert m.timelines["interim"].keys == ("1Q24", "2Q24", "1H24", "2H24", "FY2024i",
                                           "1Q25", "2Q25", "1H25", "2H25", "FY2025i")
    assert m.value("check_master") == 0


def test_cumulative_periods_bridge_like_an_a_share_report(tmp_path: Path) -> None:
    m = compute(tiny_company(tmp_path, reported("1H25", "9M25"), figures=CUMULATIVE))[1]
    assert m.value("ib_revenue", "9M24") == pytest.approx(810 / 1.08)
    assert m.value("ib_revenue", "4Q24") == pytest.approx(1000 - 810 / 1.08)
    assert m.value("ib_revenue", "4Q25") == pytest.approx(1100 - 810)
    assert m.value("ib_net_income", "4Q25") == pytest.approx(
        m.value("fc_net_income", "FY2025") - 120)
    assert m.value("ib_net_income", "4Q24") == pytest.approx(140 - 120 / 1.2)


def test_a_negative_rest_of_revenue_fails_the_master_check(tmp_path: Path) -> None:
    figures = {**QUARTERS, ("revenue", "1Q25"): 600.0, ("revenue", "2Q25"): 600.0}
    m = compute(tiny_company(tmp_path, reported("1Q25", "2Q25"), figures=figures))[1]
    assert m.value("ib_revenue", "2H25") < 0
    assert m.value("chk_interim_revenue_total") == 1
    assert m.value("check_master") >= 1


def test_a_profit_that_flips_sign_fails_unless_the_yaml_explains_it(tmp_path: Path) -> None:
    figures = {**CUMULATIVE, ("net_income", "9M25"): 400.0}  # above the year's forecast
    m = compute(tiny_company(tmp_path, reported("1H25", "9M25"), figures=figures))[1]
    assert m.value("ib_net_income", "4Q25") < 0
    assert m.value("chk_interim_net_income_total") == 1

    def explained(data: dict) -> None:
        reported("1H25", "9M25")(data)
        data["timeline"]["explained"] = {"net_income": "a one-off gain in 3Q25"}

    m = compute(tiny_company(tmp_path / "explained", explained, figures=figures))[1]
    assert "chk_interim_net_income_total" not in m.items
    assert m.value("warn_interim_net_income_total") == 1
    assert m.items["warn_interim_net_income_total"].description == "a one-off gain in 3Q25"
    assert m.value("check_master") == 0


def test_no_reported_period_means_no_interim_sheet(tmp_path: Path) -> None:
    m = compute(tiny_company(tmp_path))[1]
    assert "interim" not in m.timelines


@pytest.mark.parametrize(("periods", "message"), [
    (["2Q25"], "2Q25 starts in month 4, but what is reported before it covers months 1-0"),
    (["1Q24"], "1Q24 is not in 2025, the first forecast year"),
    (["13Q25"], "'13Q25' is not an interim period"),
    (["1H25", "2H25"], "the periods cover all of 2025: it is a reported year"),
])
def test_reported_periods_that_cannot_bridge_are_named(periods, message, tmp_path) -> None:
    with pytest.raises(InputError) as raised:
        compute(tiny_company(tmp_path, reported(*periods)))
    assert f"timeline.reported_periods: {message}" in str(raised.value)

"""KC modelled as of 2025-08-21, after its 2Q25 results: the 3Q25 figures (reported 2025-11-19)
and the estimates published since are left out; what the model then lacks is named, with both
ways to supply it; supplied, it builds."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from builder.pipeline import compute_loaded
from builder.problems import InputError


def _earlier(kc_copy: Path, estimates: list[dict] | None = None) -> Path:
    path = kc_copy / "kingsoft_cloud.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["as_of"] = "2025-08-21"
    data["timeline"]["reported_periods"] = ["1Q25", "2Q25"]
    data["timeline"]["explained"] = {}
    # The ADS closed at USD 13.80 on 2025-08-21 (003:20); the HK quote used today came later.
    data["market"]["prices"] = [{"ticker": "KC", "value": 13.80, "date": "2025-08-21"}]
    data["market"]["rating_listing"] = "KC"
    data["market"]["shares"]["placements"] = []  # September's placement was still to come
    data["valuation"]["equity_bridge"] = {"balance_sheet": "FY2024", "minority_interests": 0}
    data["drivers"]["equity_issuance"] = {y: 0 for y in data["timeline"]["forecast_years"]}
    if estimates:
        data["historicals"]["estimates"] = estimates
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_later_figures_are_left_out_and_the_gap_is_named(kc_copy: Path) -> None:
    with pytest.raises(InputError) as raised:
        compute_loaded(_earlier(kc_copy))
    text = str(raised.value)
    # Without 3Q25, FY2024's segments cannot be rebuilt from the quarters.
    assert "historicals: industry_cloud_revenue FY2024 is needed for the base of industry cloud" \
           " revenue's growth, but the documents known by 2025-08-21 do not give it" in text
    assert "analyst estimate under historicals.estimates (metric: industry_cloud_revenue" in text


def test_supplied_as_estimates_it_builds_without_later_figures(kc_copy: Path) -> None:
    estimates = [
        {"metric": "public_cloud_revenue", "period": "FY2024", "value": 5010.0,
         "why": "the 2024 quarters rebuilt by the 2025-11 model; not in documents of 2025-08"},
        {"metric": "industry_cloud_revenue", "period": "FY2024", "value": 2775.0,
         "why": "the 2024 quarters rebuilt by the 2025-11 model; not in documents of 2025-08"}]
    loaded, model = compute_loaded(_earlier(kc_copy, estimates))
    assert model.value("check_master") == 0
    assert not loaded.facts.has("revenue", "3Q25")
    later = [line for line in loaded.left_out if "3Q25" in line]
    assert later and all("published 2025-11" in line for line in later)
    assert all(not f.broker.startswith("Everbright 2025-11") for f in loaded.facts.estimates)
    assert model.value("ib_revenue", "2H25") == pytest.approx(
        model.value("fc_revenue", "FY2025") - model.value("ib_revenue", "1H25"))
    assert model.items["hist_public_cloud_revenue"].estimated == frozenset({"FY2024"})


def test_a_price_after_as_of_is_refused(kc_copy: Path) -> None:
    path = _earlier(kc_copy)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["market"]["prices"][0]["date"] = "2025-11-20"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(InputError) as raised:
        compute_loaded(path)
    assert "market.prices.0.date: 2025-11-20 is after as_of (2025-08-21)" in str(raised.value)


def test_the_september_placement_is_refused_as_of_august(kc_copy: Path) -> None:
    """The leak the issue found: September 2025's placement in a model as of 2025-08-21."""
    path = _earlier(kc_copy)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["market"]["shares"]["placements"] = [
        {"date": "2025-09", "proceeds_m": 2700, "currency": "HKD", "price": 7.18}]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(InputError) as raised:
        compute_loaded(path)
    assert ("market.shares.placements.0.date: 2025-09 is after as_of (2025-08-21): the model "
            "could not have known it") in str(raised.value)

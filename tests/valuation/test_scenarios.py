"""The scenario sheets side by side equal the live model run with each scenario selected."""

from __future__ import annotations

import pytest

from builder.model.assemble import build_model
from builder.model.drivers import SCENARIOS
from builder.model.namespace import scenario_namespace

KEYS = ("val_target", "val_upside", "val_ev", "val_equity", "val_dcf_per_share",
        "val_ps_per_share", "val_target_per_share")


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_side_by_side_equals_live_model_with_that_scenario(kc_inputs, kc_model, scenario):
    assumptions, facts = kc_inputs
    selected = assumptions.replace(scenarios=assumptions.scenarios.replace(selected=scenario))
    live = build_model(selected, facts)
    ns = scenario_namespace(scenario)
    for key in KEYS:
        assert kc_model.value(ns.prefix + key) == pytest.approx(live.value(key), rel=1e-12), key
    assert kc_model.value(f"val_scenario_{scenario}_target") == pytest.approx(
        live.value("val_target"), rel=1e-12)
    for period in live.timelines["annual"].forecast_keys():
        assert kc_model.value(ns.fc("revenue"), period) == pytest.approx(
            live.value("fc_revenue", period), rel=1e-12)
    failing = {k for k in live.items if k.startswith("chk_") and live.value(k)}
    assert failing == set()  # every integrity check passes in every scenario
    assert live.value("check_master") == 0
    # Where FCFF stays negative for longer the terminal value carries more than the accepted
    # share of EV: the TV-share warning (outside the master check) says so.
    above = live.value("val_tv_share") > assumptions.valuation.tv_share_limit
    assert live.value("warn_val_tv_share") == (1 if above else 0)


def test_scenarios_differ_and_are_ordered(kc_model):
    targets = [kc_model.value(f"val_scenario_{s}_target") for s in SCENARIOS]
    assert targets[0] < targets[1] < targets[2]


def test_sensitivity_base_cells_equal_the_target(kc_model):
    assert kc_model.value("sens_gordon_2", "sens_0") == pytest.approx(kc_model.value("val_target"))
    assert kc_model.value("sens_gordon_1", "sens_0") > kc_model.value("val_target")  # lower WACC
    assert kc_model.value("sens_gordon_2", "sens_p1") > kc_model.value("val_target")  # higher g

"""Bad valuation inputs are reported with their dotted key path."""

from __future__ import annotations

from builder.inputs import rules

from .conftest import varied


def _messages(assumptions) -> dict[str, str]:
    return {".".join(map(str, p.path)): p.message for p in rules.check(assumptions)}


def test_wacc_at_or_below_growth_is_an_error(kc_inputs):
    assumptions, _ = kc_inputs
    problems = _messages(varied(assumptions, "wacc", override=0.03))
    assert "must be below the WACC" in problems["valuation.terminal.growth"]


def test_weights_must_sum_to_one(kc_inputs):
    assumptions, _ = kc_inputs
    problems = _messages(varied(assumptions, "weights", dcf=0.6))
    assert "weights must sum to 1, got 1.1" in problems["valuation.weights"]


def test_negative_share_count_is_an_error(kc_inputs):
    assumptions, _ = kc_inputs
    shares = assumptions.market.shares.replace(ordinary_m=-4110)
    market = assumptions.market.replace(shares=shares)
    problems = _messages(assumptions.replace(market=market))
    assert "greater than 0" in problems["market.shares.ordinary_m"]


def test_the_committed_yaml_has_no_problems(kc_inputs):
    assert _messages(kc_inputs[0]) == {}

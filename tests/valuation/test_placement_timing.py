"""Placements against the bridge's balance sheet date: a placement counted in the shares with
none of its cash in the bridge (or its cash counted twice) raises a warning, outside the master
check, and the build prints it."""

from __future__ import annotations

import pytest

from builder.model.assemble import build_model
from builder.model.checks import raised

from .conftest import varied

WARNING = "warn_placement_1_timing"


def with_placement(assumptions, balance_sheet: str, cash_after: bool):
    market = assumptions.market
    placement = market.shares.placements[0].replace(cash_after_balance_sheet=cash_after)
    shares = market.shares.replace(placements=[placement])
    return varied(assumptions.replace(market=market.replace(shares=shares)), "equity_bridge",
                  balance_sheet=balance_sheet)


def test_kc_as_built_has_no_placement_warning(kc_model):
    assert kc_model.value(WARNING) == 0  # 2025-09 placement, in the 3Q25 balance sheet
    assert kc_model.value("in_placement_1_date") == pytest.approx(45930)  # 2025-09-30


@pytest.mark.parametrize(("balance_sheet", "cash_after", "warned"), [
    ("FY2024", False, 1),  # shares counted, cash neither in the balance sheet nor added
    ("FY2024", True, 0),
    ("3Q25", True, 1),  # cash in the 3Q25 balance sheet and added again
    ("3Q25", False, 0),
])
def test_placement_against_the_bridge_date(kc_inputs, balance_sheet, cash_after, warned):
    assumptions, facts = kc_inputs
    model = build_model(with_placement(assumptions, balance_sheet, cash_after), facts)
    assert model.value(WARNING) == warned
    assert model.value("check_master") == 0  # a judgement, not a failed check
    assert any("Placement 2025-09" in label for label in raised(model)) == bool(warned)

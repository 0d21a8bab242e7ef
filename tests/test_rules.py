"""The range rules, one bound at a time: every per-year driver is accepted at both ends of its
range and refused just outside either, with one problem naming the key, the year and its line.

The ranges are wide on purpose (they catch 25 typed for 0.25, or a sign slip, never an
analyst's bold view), so the edges are where a rule can be wrong without anyone noticing: a
``<`` for a ``<=`` refuses a 100% payout; a missing entry lets a 50-day rate through.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.inputs.loader import load_assumptions
from builder.inputs.rules import DRIVER_BOUNDS, SEGMENT_BOUNDS, Bounds
from builder.problems import InputError

from .model.tiny import YEARS, tiny_company

YEAR = YEARS[1]
BUMP = 1e-6


def _with_driver(tmp_path: Path, name: str, value: float, scenario: bool = False) -> Path:
    """The tiny company with ``name`` set to its base value every year, and ``value`` in YEAR;
    in the bear scenario's overrides when ``scenario``."""
    bounds = DRIVER_BOUNDS[name]
    middle = 0.0 if bounds.low <= 0.0 <= bounds.high else bounds.low

    def edit(data: dict) -> None:
        base = dict.fromkeys(YEARS, middle)
        data["drivers"].setdefault(name, base)
        series = {**data["drivers"][name], YEAR: value}
        if scenario:
            data.setdefault("scenarios", {}).setdefault("bear", {})[name] = series
        else:
            data["drivers"][name] = series

    return tiny_company(tmp_path, edit)


def _problems(path: Path) -> list[str]:
    try:
        load_assumptions(path)
    except InputError as error:
        return [str(p) for p in error.problems]
    return []


def _line_of(path: Path, key: str, year: int) -> int:
    """The YAML line of ``key``'s ``year`` entry, found by reading the file as text."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == f"{key}:")
    return next(i for i, line in enumerate(lines[start:], start)
                if line.strip().startswith(f"{year}:")) + 1


@pytest.mark.parametrize("name", sorted(DRIVER_BOUNDS))
def test_a_driver_is_accepted_at_both_ends_of_its_range(tmp_path: Path, name: str) -> None:
    bounds = DRIVER_BOUNDS[name]
    for edge, value in (("low", bounds.low), ("high", bounds.high)):
        folder = tmp_path / edge
        assert _problems(_with_driver(folder, name, value)) == [], f"{name} = {value}"


@pytest.mark.parametrize("side", ["below", "above"])
@pytest.mark.parametrize("name", sorted(DRIVER_BOUNDS))
def test_a_driver_just_outside_its_range_is_one_problem_with_its_line(
        tmp_path: Path, name: str, side: str) -> None:
    bounds = DRIVER_BOUNDS[name]
    value = bounds.low - BUMP if side == "below" else bounds.high + BUMP
    path = _with_driver(tmp_path, name, value)
    line = _line_of(path, name, YEAR)
    assert _problems(path) == [
        f"{path}:{line}: drivers.{name}.{YEAR}: expected {bounds.what}, got {value!r}"]


@pytest.mark.parametrize("name", ["dividend_payout", "receivable_days", "interest_rate_on_debt"])
def test_a_scenario_override_is_held_to_the_same_range(tmp_path: Path, name: str) -> None:
    bounds = DRIVER_BOUNDS[name]
    value = bounds.high * 2 + 1
    problems = _problems(_with_driver(tmp_path, name, value, scenario=True))
    assert len(problems) == 1
    assert f": scenarios.bear.{name}.{YEAR}: expected {bounds.what}, got {value!r}" in problems[0]


# The ranges as a reader of the schema expects them, written out here rather than read back from
# the rules, so that a driver given the wrong range is caught too.
EXPECTED_RANGES = {
    "gross_margin": (-1, 1), "other_income_pct_revenue": (-1, 1),
    "da_pct_revenue": (0, 2), "capex_pct_revenue": (0, 2), "sbc_pct_revenue": (0, 2),
    "other_current_assets_pct_revenue": (0, 2), "accrued_expenses_pct_revenue": (0, 2),
    "other_current_liabilities_pct_revenue": (0, 2),
    "receivable_days": (0, 730), "inventory_days": (0, 730), "payable_days": (0, 730),
    "interest_rate_on_debt": (0, 0.5), "interest_rate_on_cash": (0, 0.5),
    "minority_share": (0, 1), "dividend_payout": (0, 1),
    "non_recurring": (-1e9, 1e9), "debt_change": (-1e9, 1e9), "other_investing": (-1e9, 1e9),
    "other_financing": (-1e9, 1e9), "equity_issuance": (0, 1e9), "buybacks": (0, 1e9),
}


def test_each_driver_has_the_range_its_meaning_allows() -> None:
    assert {name: (b.low, b.high) for name, b in DRIVER_BOUNDS.items()} == EXPECTED_RANGES


def test_the_bounds_cover_every_per_year_driver_of_the_schema() -> None:
    """A driver added to the schema without a range would take any number silently."""
    from builder.inputs.statement_schema import DRIVER_TEXT

    assert set(DRIVER_TEXT) == set(DRIVER_BOUNDS)
    assert set(SEGMENT_BOUNDS) == {"growth", "share", "volume", "price"}


@pytest.mark.parametrize(("kind", "bounds"), sorted(SEGMENT_BOUNDS.items()))
def test_a_segment_driver_outside_its_range_names_the_segment(
        tmp_path: Path, kind: str, bounds: Bounds) -> None:
    value = bounds.high * 2 + 1

    def edit(data: dict) -> None:
        if kind == "share":
            data["company"]["segments"] = [{"id": "core", "name": "Core"},
                                           {"id": "other", "name": "Other"}]
            data["drivers"]["revenue"] = {"core": {"share": dict.fromkeys(YEARS, 0.5)},
                                          "other": {"rest": True}}
            data["drivers"]["revenue"]["core"]["share"][YEAR] = value
            return
        if kind in ("volume", "price"):
            data["drivers"]["revenue"] = {"total": {"volume": dict.fromkeys(YEARS, 10.0),
                                                    "price": dict.fromkeys(YEARS, 100.0)}}
        data["drivers"]["revenue"][next(iter(data["drivers"]["revenue"]))][kind][YEAR] = value

    path = tiny_company(tmp_path, edit)
    problems = _problems(path)
    assert [p.split(": ", 1)[1] for p in problems if "expected" in p and "got" in p] == [
        f"drivers.revenue.{'core' if kind == 'share' else 'total'}.{kind}.{YEAR}: "
        f"expected {bounds.what}, got {value!r}"], problems


"""Nonsense never passes silently: revenue at or below zero in a forecast year, or a target,
equity value or value per share at or below zero, fails the master check and the build says
which; unless the YAML says why (a distressed company), then each is a warning with the reason."""

from __future__ import annotations

from pathlib import Path

from builder.cli import main
from builder.pipeline import compute

from .tiny import each_year, tiny_company


def collapse(data: dict) -> None:
    data["drivers"]["revenue"]["total"]["growth"] = {2025: 0.1, 2026: -1.0, 2027: 0.0}


def worthless(data: dict) -> None:
    data["drivers"]["gross_margin"] = each_year(-0.5)
    data["valuation"]["weights"] = {"dcf": 1.0}


def test_zero_revenue_fails_the_master_check_and_the_build_says_why(tmp_path: Path,
                                                                     capsys) -> None:
    path = tiny_company(tmp_path, collapse)
    assert main(["build", str(path), "--out", str(tmp_path / "out"), "--no-memo"]) == 1
    error = capsys.readouterr().err
    assert "error: check failed: Revenue is above zero in every forecast year: fails" in error


def test_a_value_at_or_below_zero_fails_unless_the_yaml_says_why(tmp_path: Path) -> None:
    model = compute(tiny_company(tmp_path, worthless))[1]
    assert model.value("val_target") <= 0
    assert model.value("chk_positive_target") == 1
    assert model.value("check_master") >= 1

    def explained(data: dict) -> None:
        worthless(data)
        data["non_positive_why"] = "in restructuring: the equity is worth nothing"

    model = compute(tiny_company(tmp_path / "why", explained))[1]
    assert "chk_positive_target" not in model.items
    assert model.value("warn_positive_target") == 1
    assert model.items["warn_positive_target"].description.startswith("in restructuring")
    assert model.value("check_master") == 0

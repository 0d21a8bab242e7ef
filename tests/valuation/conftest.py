"""Fixtures for the valuation tests: the KC inputs loaded once, and a way to vary them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from builder.inputs.loader import load_assumptions
from builder.inputs.schema import Assumptions
from builder.model.assemble import build_model
from builder.model.facts import Facts
from builder.model.items import Model
from builder.pipeline import load_facts

ROOT = Path(__file__).resolve().parents[2]
KC_YAML = ROOT / "assumptions" / "kingsoft_cloud.yaml"
GUOYUAN_YAML = ROOT / "assumptions" / "kingsoft_cloud_guoyuan_2025-05.yaml"


def varied(assumptions: Assumptions, section: str, **changes: Any) -> Assumptions:
    """A copy with ``changes`` in ``valuation.<section>`` (or in ``valuation`` for section '')."""
    valuation = assumptions.valuation
    assert valuation is not None
    if section:
        part = getattr(valuation, section).replace(**changes)
        valuation = valuation.replace(**{section: part})
    else:
        valuation = valuation.replace(**changes)
    return assumptions.replace(valuation=valuation)


@pytest.fixture(scope="session")
def kc_inputs() -> tuple[Assumptions, Facts]:
    assumptions = load_assumptions(KC_YAML)
    return assumptions, load_facts(KC_YAML, assumptions)[0]


@pytest.fixture(scope="session")
def kc_model(kc_inputs: tuple[Assumptions, Facts]) -> Model:
    return build_model(*kc_inputs)

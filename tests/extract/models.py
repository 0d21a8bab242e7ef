"""Model files the extraction tests read companies from: the committed models in assumptions/."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from builder.extract.companies import Catalog, read_catalog
from builder.extract.phrases import Phrasebook

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
MODELS = (ROOT / "assumptions",)


@cache
def seed_catalog() -> Catalog:
    """The companies of the committed CSV: every model in assumptions/."""
    catalog = read_catalog(MODELS)
    assert not catalog.problems, catalog.problems
    return catalog


@cache
def seed_phrases() -> Phrasebook:
    return Phrasebook(seed_catalog().companies)

"""The Street sheet's rows are one per house and metric, whatever the houses are called: two
articles credited on the same date under names in Chinese (or differing only in case) are two
rows, each with its own figure, never one row defined twice."""

from __future__ import annotations

from pathlib import Path

from builder.model.street import street_key
from builder.pipeline import compute

from .tiny import tiny_company

HOUSES = ("格隆汇 2025-03-31", "新浪财经 2025-03-31", "Guoyuan 2025-03-31", "guoyuan 2025-03-31")


def test_houses_whose_names_share_their_latin_letters_get_their_own_rows(tmp_path: Path) -> None:
    estimates = {("revenue", "FY2026", house): 1100.0 + n for n, house in enumerate(HOUSES)}
    model = compute(tiny_company(tmp_path, estimates=estimates))[1]
    keys = [street_key(house, "revenue") for house in HOUSES]
    assert len(set(keys)) == len(HOUSES)
    for n, key in enumerate(keys):
        assert model.items[key].label.startswith(HOUSES[n])
        assert model.value(key, "FY2026") == 1100.0 + n


def test_a_plain_house_name_is_its_own_key() -> None:
    assert street_key("everbright", "revenue") == "st_revenue__everbright"

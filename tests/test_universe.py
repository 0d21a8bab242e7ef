"""A small synthetic coverage universe builds in a batch, and its extremes recompute exactly.

Twenty companies from :mod:`builder.universe` (seed 0): horizons from 3 to 30 years, 0 to 200
peers, one segment or three, hostile names. Every model must build with its master check at 0;
three of them (the longest horizon, the most peers, a single-segment company) are recomputed
formula by formula by the independent ``formulas`` engine.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
import yaml

from builder.batch import build_many
from builder.check import compare, read_cached, recompute_with_formulas
from builder.universe import MACRO, generate_universe

COUNT = 20
SEED = 0


@pytest.fixture(scope="module")
def universe(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return generate_universe(tmp_path_factory.mktemp("universe"), COUNT, seed=SEED)


@pytest.fixture(scope="module")
def built(universe: list[Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("built")
    outcomes = build_many(universe, out, jobs=2, stream=io.StringIO(), memo=False)
    problems = [f"{o.model}: {o.status} {o.message}" for o in outcomes if o.status != "ok"]
    assert not problems, "\n".join(problems)
    assert len(outcomes) == COUNT
    return out


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_the_generator_is_deterministic(universe: list[Path], tmp_path: Path) -> None:
    again = generate_universe(tmp_path, COUNT, seed=SEED)
    assert [p.name for p in again] == [p.name for p in universe]
    assert _files(tmp_path) == _files(universe[0].parent)
    other = generate_universe(tmp_path / "other", COUNT, seed=SEED + 1)
    assert other[5].read_bytes() != universe[5].read_bytes()


def test_the_universe_covers_the_extremes(universe: list[Path]) -> None:
    models = [_load(p) for p in universe]
    horizons = [len(m["timeline"]["forecast_years"]) for m in models]
    peers = [len(m.get("peers", {}).get("companies", [])) for m in models]
    assert min(horizons) == 3 and max(horizons) == 30
    assert min(peers) == 0 and max(peers) == 200
    assert any("total" in m["drivers"]["revenue_growth"] for m in models)
    assert any(m["company"]["name_en"] == "=1+1" for m in models)
    assert any(m["company"]["name_en"] == m["company"]["name_zh"] for m in models)
    assert all(m["include"] == [MACRO] for m in models)
    for model, horizon in zip(models, horizons, strict=True):
        years = model["timeline"]["forecast_years"]
        assert list(model["drivers"]["gross_margin"]) == years  # every series covers the horizon
        assert horizon == len(years)


def test_every_model_of_the_universe_builds_with_its_checks_at_zero(built: Path) -> None:
    assert len(list(built.glob("*.xlsx"))) == COUNT


def test_a_formula_like_company_name_stays_text(built: Path) -> None:
    with zipfile.ZipFile(built / "syn004.xlsx") as book:
        strings = book.read("xl/sharedStrings.xml").decode("utf-8")
        sheets = "".join(book.read(n).decode("utf-8") for n in book.namelist()
                         if n.startswith("xl/worksheets/sheet"))
    assert "<t>=1+1</t>" in strings
    assert "<f>1+1</f>" not in sheets


def test_the_extremes_recompute_exactly_with_the_formulas_engine(universe: list[Path],
                                                                 built: Path) -> None:
    for path in _extremes(universe):
        workbook = built / f"{path.stem}.xlsx"
        cached = read_cached(workbook)
        mismatches = compare(cached, recompute_with_formulas(workbook), rel_tol=1e-9)
        assert mismatches == [], f"{path.stem}: " + "\n".join(str(m) for m in mismatches[:20])


def _load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _extremes(universe: list[Path]) -> list[Path]:
    """The longest horizon, the most peers and the first single-segment company (distinct)."""
    models = {p: _load(p) for p in universe}
    longest = max(universe, key=lambda p: len(models[p]["timeline"]["forecast_years"]))
    most_peers = max(universe, key=lambda p: len(models[p].get("peers", {}).get("companies", [])))
    single = next(p for p in universe if "total" in models[p]["drivers"]["revenue_growth"])
    chosen = list(dict.fromkeys([longest, most_peers, single]))
    return chosen + [p for p in universe if p not in chosen][: 3 - len(chosen)]

"""A small synthetic universe builds in a batch, recomputes exactly and shows only its own words.

Twelve companies from :mod:`builder.universe` (seed 0): the first six take the extremes (a
30-year horizon, no segments, a two-level tree with shares, cumulative periods, 200 peers,
hostile and Chinese names, USD, EUR, JPY and GBP reporters), six more are drawn. Every model
must build with its master check at 0; every workbook is recomputed formula by formula by
LibreOffice and linted, and four chosen ones (no segments, shares, a USD reporter, cumulative
periods) also by ``formulas`` (which takes a minute on the largest, a 30-year or 200-peer
workbook, and 5-15 s on each other one); no workbook or
memo may show a word of a real company (``assumptions/*.yaml``) or of another generated company.
A model that fails to build fails the build test alone: the others are still checked.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from builder.batch import Outcome, build_many
from builder.check import compare, read_cached, recompute_with_formulas
from builder.lint import lint_workbook
from builder.universe import MACRO, generate_universe
from tests.company_words import (
    found_words,
    memo_texts,
    model_words,
    words_of_models,
    workbook_texts,
)
from tests.conftest import ROOT, once_per_run
from tests.recalc import assert_libreoffice_agrees

COUNT = 12
SEED = 0
MEMOS = ("syn004", "syn005", "syn006")  # "=1+1", a hostile name, Chinese names


@pytest.fixture(scope="module")
def universe(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return once_per_run(tmp_path_factory, "universe",
                        lambda folder: generate_universe(folder, COUNT, seed=SEED))


@pytest.fixture(scope="module")
def models(universe: list[Path]) -> dict[str, dict[str, Any]]:
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in universe}


@pytest.fixture(scope="module")
def built(universe: list[Path], tmp_path_factory: pytest.TempPathFactory
          ) -> tuple[Path, list[Outcome]]:
    return once_per_run(tmp_path_factory, "universe-built", lambda out: (
        out, build_many(universe, out, jobs=2, stream=io.StringIO(), memo=False)))


@pytest.fixture(scope="module")
def memos(universe: list[Path], tmp_path_factory: pytest.TempPathFactory
          ) -> tuple[Path, list[Outcome]]:
    chosen = [p for p in universe if p.stem in MEMOS]
    return once_per_run(tmp_path_factory, "universe-memos", lambda out: (
        out, build_many(chosen, out, jobs=2, stream=io.StringIO(), memo=True)))


def test_the_generator_is_deterministic(universe: list[Path], tmp_path: Path) -> None:
    again = generate_universe(tmp_path, COUNT, seed=SEED)
    assert [p.name for p in again] == [p.name for p in universe]
    assert _files(tmp_path) == _files(universe[0].parent)
    other = generate_universe(tmp_path / "other", COUNT, seed=SEED + 1)
    assert other[7].read_bytes() != universe[7].read_bytes()


def test_the_universe_covers_the_extremes(models: dict[str, dict[str, Any]]) -> None:
    every = list(models.values())
    horizons = [len(m["timeline"]["forecast_years"]) for m in every]
    assert (min(horizons), max(horizons)) == (1, 30)
    assert {len(m["timeline"]["actual_years"]) for m in every} == {1, 2, 3}
    assert {len(_peers(m)) for m in every} >= {0, 200}
    assert all(m["include"] == [MACRO] for m in every)
    for name, holds in _COVERAGE.items():
        assert any(holds(m) for m in every), f"no generated company has {name}"
    for model in every:  # every per-year driver covers the horizon, no more
        years = model["timeline"]["forecast_years"]
        assert list(model["drivers"]["gross_margin"]) == years


def test_every_model_builds_with_its_master_check_at_zero(
        built: tuple[Path, list[Outcome]]) -> None:
    out, outcomes = built
    problems = [f"{o.model}: {o.status} {o.message}" for o in outcomes if o.status != "ok"]
    assert not problems, "\n".join(problems)
    assert len(list(out.glob("*.xlsx"))) == COUNT


@pytest.mark.slow
@pytest.mark.libreoffice
@pytest.mark.parametrize("stem", [f"syn{number:03d}" for number in range(1, COUNT + 1)])
def test_every_workbook_recomputes_exactly_in_libreoffice_and_lints_clean(
        stem: str, built: tuple[Path, list[Outcome]], libreoffice: str, tmp_path: Path) -> None:
    """Each of the twelve, in the worker's running office: a one-segment tree once wrote
    ``SUM()`` that no chosen workbook had. One test per workbook, so that the two workers share
    them (the 30-year one alone takes a few seconds)."""
    out, outcomes = built
    assert stem in _ok(outcomes), [o.message for o in outcomes]
    _recomputes_and_lints([out / f"{stem}.xlsx"], tmp_path)


@pytest.mark.slow
@pytest.mark.parametrize("shape", ["no segments", "shares", "a USD reporter",
                                   "cumulative periods"])
def test_chosen_workbooks_recompute_exactly_in_formulas(
        shape: str, built: tuple[Path, list[Outcome]], models: dict[str, dict[str, Any]]) -> None:
    """The smallest workbook of each of four shapes, by ``formulas`` (one test each, so that
    the two workers share them): the shape is what is under test, and ``formulas`` takes about
    a second per thousand formulas (a minute on the largest, which LibreOffice recomputes)."""
    holds = {"no segments": _no_segments, "shares": _shares,
             "a USD reporter": lambda m: m["company"]["reporting_currency"] == "USD",
             "cumulative periods": _cumulative}[shape]
    out, _ = built
    workbook = min((out / f"{stem}.xlsx" for stem, model in models.items() if holds(model)),
                   key=lambda path: path.stat().st_size)
    stem = workbook.stem
    mismatches = compare(read_cached(workbook), recompute_with_formulas(workbook))
    assert mismatches == [], f"{stem}: " + "\n".join(map(str, mismatches[:20]))


def test_no_workbook_shows_another_companys_words(
        built: tuple[Path, list[Outcome]], models: dict[str, dict[str, Any]]) -> None:
    out, outcomes = built
    foreign = _foreign(models)
    for stem in _ok(outcomes):
        texts = workbook_texts(out / f"{stem}.xlsx")
        assert found_words(texts, foreign[stem]) == [], stem
        assert found_words(texts, model_words(models[stem])), f"{stem}: none of its own words"


def test_no_memo_shows_another_companys_words(
        memos: tuple[Path, list[Outcome]], models: dict[str, dict[str, Any]]) -> None:
    out, outcomes = memos
    foreign = _foreign(models)
    assert _ok(outcomes), [o.message for o in outcomes]
    for stem in _ok(outcomes):
        texts = memo_texts([out / f"{stem}.memo.md", out / f"{stem}.memo.html"])
        assert found_words(texts, foreign[stem]) == [], stem
        assert found_words(texts, model_words(models[stem])), f"{stem}: none of its own words"


def test_hostile_names_stay_text(built: tuple[Path, list[Outcome]],
                                 memos: tuple[Path, list[Outcome]],
                                 models: dict[str, dict[str, Any]]) -> None:
    out, _ = built
    with zipfile.ZipFile(out / "syn004.xlsx") as book:
        strings = book.read("xl/sharedStrings.xml").decode("utf-8")
        sheets = "".join(book.read(n).decode("utf-8") for n in book.namelist()
                         if n.startswith("xl/worksheets/sheet"))
    assert models["syn004"]["company"]["name_en"] == "=1+1"
    assert "<t>=1+1</t>" in strings
    assert "<f>1+1</f>" not in sheets
    hostile = models["syn005"]["company"]["name_en"]
    assert any(c in hostile for c in "=+-@<{*[|'")
    html = memo_texts([memos[0] / "syn005.memo.html"])
    assert any(hostile in text for text in html), "the HTML memo does not show the name as typed"


# -- helpers -------------------------------------------------------------------------------

def _recomputes_and_lints(workbooks: list[Path], workdir: Path) -> None:
    assert_libreoffice_agrees(workbooks, workdir)
    for workbook in workbooks:
        issues = lint_workbook(workbook)
        assert issues == [], f"{workbook.stem}: " + "\n".join(map(str, issues[:20]))


def _ok(outcomes: list[Outcome]) -> list[str]:
    return [o.model for o in outcomes if o.status == "ok"]


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and "other" not in p.relative_to(folder).parts}


def _foreign(models: dict[str, dict[str, Any]]) -> dict[str, set[str]]:
    """Per generated company: the words of the real companies and of the other generated
    ones."""
    real = words_of_models(p for p in (ROOT / "assumptions").glob("*.yaml")
                           if not p.name.startswith("_"))
    own = {stem: model_words(m) for stem, m in models.items()}
    return {stem: real.union(*(w for other, w in own.items() if other != stem))
            for stem in models}


def _peers(model: dict[str, Any]) -> list[dict[str, Any]]:
    return (model.get("peers") or {}).get("companies", [])


def _segments(model: dict[str, Any]) -> list[dict[str, Any]]:
    found = []
    for top in model["company"].get("segments", []):
        found += [top, *top.get("children", [])]
    return found


def _no_segments(model: dict[str, Any]) -> bool:
    return "total" in model["drivers"]["revenue"] and not model["company"].get("segments")


def _shares(model: dict[str, Any]) -> bool:
    """A two-level tree whose parent is divided among its children by shares."""
    revenue = model["drivers"]["revenue"]
    return any(top.get("children") and top["id"] in revenue
               and any("share" in revenue[c["id"]] for c in top["children"])
               for top in model["company"].get("segments", []))


def _cumulative(model: dict[str, Any]) -> bool:
    return any(p.startswith("9M") for p in model["timeline"].get("reported_periods", []))


def _periods(kind: str) -> Callable[[dict[str, Any]], bool]:
    def holds(model: dict[str, Any]) -> bool:
        periods = model["timeline"].get("reported_periods", [])
        return {"none": not periods, "quarters": any("Q" in p for p in periods) and
                not _cumulative(model), "half": periods and all("H" in p for p in periods),
                "cumulative": _cumulative(model)}[kind]
    return holds


def _listings(model: dict[str, Any]) -> list[dict[str, Any]]:
    return model["company"]["listings"]


def _first(models: dict[str, dict[str, Any]], holds: Callable[[dict[str, Any]], bool]) -> str:
    return next(stem for stem, m in models.items() if holds(m))


_COVERAGE: dict[str, Callable[[dict[str, Any]], bool]] = {
    "no segments": _no_segments,
    "a two-level tree with shares and a rest": lambda m: _shares(m) and any(
        d.get("rest") for d in m["drivers"]["revenue"].values()),
    "a sum of driven parts": lambda m: any(s.get("children") and s["id"] not in
                                           m["drivers"]["revenue"] for s in _segments(m)),
    "a driven total divided by shares": lambda m: "total" in m["drivers"]["revenue"]
    and bool(m["company"].get("segments")),
    "volume x price": lambda m: any("volume" in d for d in m["drivers"]["revenue"].values()),
    "six segments": lambda m: len(_segments(m)) == 6,
    "no reported periods": _periods("none"),
    "quarters": _periods("quarters"),
    "a half": _periods("half"),
    "cumulative periods": _periods("cumulative"),
    "an interim balance sheet in the bridge": lambda m: not m["valuation"]["equity_bridge"][
        "balance_sheet"].startswith("FY"),
    "a USD reporter listed in the US alone": lambda m: m["company"]["reporting_currency"] ==
    "USD" and {x["currency"] for x in _listings(m)} == {"USD"},
    "a CNY reporter listed in CNY alone": lambda m: m["company"]["reporting_currency"] ==
    "CNY" and {x["currency"] for x in _listings(m)} == {"CNY"},
    "a reporter in neither CNY nor USD": lambda m: m["company"]["reporting_currency"] not in
    ("CNY", "USD"),
    "an ADS listing": lambda m: any(x["instrument"] == "ADS" for x in _listings(m)),
    "three listings": lambda m: len(_listings(m)) == 3,
    "a rating listing": lambda m: "rating_listing" in m["market"],
    "quoted cross rates": lambda m: bool(m["market"].get("fx_cross")),
    "a fiscal year not ending in December": lambda m: m["company"].get(
        "fiscal_year_end", "12-31") != "12-31",
    "an analyst estimate": lambda m: bool(m["historicals"].get("estimates")),
    "tax losses carried forward": lambda m: m["tax"]["losses"] == "carry_forward",
    "tax credits": lambda m: m["tax"]["losses"] == "credit",
    "a revolver": lambda m: m["funding"]["shortfall"] == "revolver",
    "a funding need shown": lambda m: m["funding"]["shortfall"] == "show",
    "minority interests": lambda m: "minority_share" in m["drivers"],
    "a formula-like name": lambda m: m["company"]["name_en"] == "=1+1",
    "a Chinese name only": lambda m: m["company"]["name_en"] == m["company"]["name_zh"],
}

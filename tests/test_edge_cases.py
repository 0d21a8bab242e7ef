"""Edge cases a coverage list contains: each builds, lints clean and recomputes to its cache.

A 30-year horizon, 200 peers, a company reported as one segment, a loss-maker, a year with no
revenue, and Chinese text in every name field.
"""

from __future__ import annotations

import copy
import shutil
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
import yaml

from builder.lint import lint_workbook
from builder.pipeline import BuildResult, build
from tests.conftest import ROOT
from tests.recalc import assert_libreoffice_agrees

BASE = yaml.safe_load((ROOT / "assumptions" / "kingsoft_cloud.yaml").read_text(encoding="utf-8"))


def _series_maps(data: dict) -> list[dict]:
    """Every per-year map of drivers and scenario overrides (they must cover the horizon)."""
    found = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if node and all(isinstance(k, int) and k > 1900 for k in node):
                found.append(node)
                return
            for value in node.values():
                walk(value)
    walk(data["drivers"])
    walk(data["scenarios"])
    return found


def long_horizon(data: dict) -> None:
    years = list(range(2025, 2055))
    data["timeline"]["forecast_years"] = years
    for series in _series_maps(data):
        last = series[max(series)]
        for year in years:
            series.setdefault(year, last)


def many_peers(data: dict) -> None:
    template = data["peers"]["companies"]
    data["peers"]["companies"] = [
        {**copy.deepcopy(template[i % len(template)]), "name": f"Peer {i:03d} 同行",
         "ticker": f"P{i:03d}"}
        for i in range(200)
    ]


def one_segment(data: dict) -> None:
    """No segments declared: revenue is one line (the CSV's segment rows are dropped too)."""
    years = data["timeline"]["forecast_years"]
    data["company"]["segments"] = []
    data["drivers"]["revenue"] = {"total": {"growth": {y: 0.15 for y in years}}}
    for scenario in ("bear", "bull"):
        data["scenarios"][scenario].pop("revenue", None)
    data["scenarios"]["bull"]["revenue"] = {"total": {"growth": {y: 0.25 for y in years}}}


def loss_maker(data: dict) -> None:
    for scenario in (data["drivers"], data["scenarios"]["bear"], data["scenarios"]["bull"]):
        if "gross_margin" in scenario:
            scenario["gross_margin"] = {y: -0.05 for y in scenario["gross_margin"]}
    data["non_positive_why"] = "a loss-maker at every margin: the equity may be worth nothing"


def zero_revenue_year(data: dict) -> None:
    for scenario in (data["drivers"], data["scenarios"]["bear"], data["scenarios"]["bull"]):
        for driver in (scenario.get("revenue") or {}).values():
            driver["growth"][2028] = -1.0  # revenue falls to nil in 2028 and stays there
    data["non_positive_why"] = "the business is wound down in 2028"


def chinese_names(data: dict) -> None:
    data["model"] = "金山云：人工智能云扩张"
    data["company"]["name_en"] = "金山云控股有限公司"
    for listing in data["company"]["listings"]:
        listing["exchange"] = "香港交易所" if listing["currency"] == "HKD" else "纳斯达克"
    for peer in data["peers"]["companies"]:
        peer["name"] = f"{peer['name']}（同行）"
    data["scenarios"]["bear"]["description"] = "悲观情景：生态需求放缓"
    data["memo"]["thesis"] = ["小米与金山生态的人工智能算力需求", "<b>不是标记</b> =1+1"]


CASES: dict[str, Callable[[dict], None]] = {
    "30-year horizon": long_horizon,
    "200 peers": many_peers,
    "one segment": one_segment,
    "loss-making company": loss_maker,
    "a zero-revenue year": zero_revenue_year,
    "Chinese text in every name field": chinese_names,
}


def _build_case(case: str, folder: Path, memo: bool = False) -> BuildResult:
    data = copy.deepcopy(BASE)
    CASES[case](data)
    data["historicals"]["documents"] = str(ROOT / "seeds")
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "assumptions" / "_macro.yaml", folder)
    rows = (ROOT / "assumptions" / "historicals.csv").read_text(encoding="utf-8").splitlines()
    if not data["company"]["segments"]:  # a company reported as one segment has no such rows
        segments = ("ai_", "non_ai_", "public_cloud_", "industry_cloud_")
        rows = [r for r in rows if not r.split(",")[1].startswith(segments)]
    (folder / "historicals.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    path = folder / "edge.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return build(path, folder / "out", memo=memo)


@pytest.fixture(scope="module")
def built_case(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], BuildResult]:
    """Each case built once per worker, for its build test and its LibreOffice test. The memo
    only where its text is the edge (the workbooks are under test; the universe's memo tests
    draw companies of every shape)."""
    done: dict[str, BuildResult] = {}

    def get(case: str) -> BuildResult:
        if case not in done:
            done[case] = _build_case(case, tmp_path_factory.mktemp("edge"),
                                     memo=case == "Chinese text in every name field")
        return done[case]

    return get


@pytest.mark.parametrize("case", list(CASES))
def test_edge_case_builds_and_lints(case: str, built_case: Callable[[str], BuildResult]):
    result = built_case(case)

    assert result.model.value("check_master") == 0
    assert lint_workbook(result.workbook) == []
    if case == "loss-making company":
        assert result.model.value("fc_ebitda", "FY2030") < 0
    if case == "a zero-revenue year":
        assert result.model.value("fc_revenue", "FY2029") == 0
        assert result.model.value("fc_ebitda_margin", "FY2029") == "n/a"
    if case == "200 peers":
        assert len(openpyxl.load_workbook(result.workbook, read_only=True)["Peer Comps"]
                   .iter_rows(max_row=4).__next__()) >= 200


@pytest.mark.slow
@pytest.mark.libreoffice
@pytest.mark.parametrize("case", list(CASES))
def test_every_edge_case_recomputes_in_libreoffice(
        case: str, built_case: Callable[[str], BuildResult], tmp_path: Path, libreoffice: str):
    """Each case in the worker's running office (one test per case, so that the two workers
    share them)."""
    assert_libreoffice_agrees([built_case(case).workbook], tmp_path / "lo")

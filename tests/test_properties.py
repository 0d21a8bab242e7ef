"""Property-based tests: generated assumption files either build and recompute cleanly, or fail
with a message naming a key and leave the output folder exactly as it was."""

from __future__ import annotations

import copy
import re
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builder.cli import main
from tests.conftest import ROOT
from tests.recalc import assert_libreoffice_agrees

BASE = yaml.safe_load((ROOT / "assumptions" / "kingsoft_cloud.yaml").read_text(encoding="utf-8"))
DRIVER_RANGES = {
    "gross_margin": (-0.2, 0.6), "other_income_pct_revenue": (-0.1, 0.1),
    "da_pct_revenue": (0.0, 0.4), "capex_pct_revenue": (0.0, 0.8),
    "receivable_days": (0.0, 200.0), "payable_days": (0.0, 200.0),
    "interest_rate_on_debt": (0.0, 0.15),
}
SETTINGS = settings(max_examples=6, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


def _leaves(node: object, path: tuple = ()) -> list[tuple]:
    if isinstance(node, dict):
        return [p for k, v in node.items() for p in _leaves(v, (*path, k))]
    if isinstance(node, list):
        return [p for i, v in enumerate(node) for p in _leaves(v, (*path, i))]
    return [path]


LEAVES = [p for p in _leaves(BASE) if p[0] not in ("historicals",)]


def _set(data: dict, path: tuple, value: object) -> None:
    node = data
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value


@st.composite
def valid_assumptions(draw: st.DrawFn) -> dict:
    data = copy.deepcopy(BASE)
    years = data["timeline"]["forecast_years"]
    for name, (low, high) in DRIVER_RANGES.items():
        data["drivers"][name] = {y: draw(st.floats(low, high)) for y in years}
    for line in data["drivers"]["opex"].values():
        line["pct_revenue"] = {y: draw(st.floats(0.0, 0.2)) for y in years}
    for driver in data["drivers"]["revenue"].values():
        driver["growth"] = {y: draw(st.floats(-0.5, 1.5)) for y in years}
    data["tax"]["rate"] = draw(st.floats(0.0, 0.4))
    data["tax"]["losses"] = draw(st.sampled_from(["carry_forward", "credit"]))
    data["scenarios"]["selected"] = draw(st.sampled_from(["bear", "base", "bull"]))
    return data


@st.composite
def invalid_assumptions(draw: st.DrawFn) -> dict:
    data = copy.deepcopy(BASE)
    path = draw(st.sampled_from(LEAVES))
    mutation = draw(st.sampled_from(["text", "unknown key", "delete section", "percent"]))
    if mutation == "text":
        _set(data, path, draw(st.sampled_from(["abc", "12%", "n/a"])))
        if isinstance(_get(BASE, path), str):
            _set(data, path, {"not": "text"})
    elif mutation == "percent":
        _set(data, ("tax", "rate"), draw(st.floats(1.01, 100)))
    elif mutation == "unknown key":
        parent = path[:-1] if isinstance(_get(BASE, path[:-1]), dict) else ()
        _set(data, (*parent, draw(st.sampled_from(["gross_margn", "colour", "tax_rat"]))), 1)
    else:
        del data[draw(st.sampled_from(["drivers", "company", "timeline", "tax"]))]
    return data


def _get(data: object, path: tuple) -> object:
    for part in path:
        data = data[part]  # type: ignore[index]
    return data


def _write(folder: Path, data: dict) -> Path:
    for name in ("historicals.csv", "_macro.yaml"):
        shutil.copy(ROOT / "assumptions" / name, folder)
    if isinstance(data.get("historicals"), dict):
        data = {**data, "historicals": {**data["historicals"], "documents": str(ROOT / "seeds")}}
    path = folder / "model.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.mark.slow
@pytest.mark.libreoffice
def test_valid_assumptions_build_and_recompute_without_error_values(tmp_path_factory,
                                                                     libreoffice):
    """Each drawn file builds; then LibreOffice recomputes every workbook drawn, in one batch
    (a mismatch names the workbook; the drawn YAML sits beside it)."""
    workbooks: list[Path] = []

    @SETTINGS
    @given(data=valid_assumptions())
    def builds(data: dict) -> None:
        folder = tmp_path_factory.mktemp("valid")
        assert main(["build", str(_write(folder, data)), "--out", str(folder / "out"),
                     "--no-memo"]) in (0, 1)  # the workbook is under test; memos have their own
        workbook = folder / "out" / "model.xlsx"
        assert workbook.exists()
        workbooks.append(workbook.resolve())

    builds()
    assert len(workbooks) >= 5
    assert_libreoffice_agrees(workbooks, tmp_path_factory.mktemp("lo"))


@settings(max_examples=40, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=invalid_assumptions())
def test_invalid_assumptions_fail_naming_a_key_and_leave_outputs_alone(data, tmp_path_factory,
                                                                       capsys):
    folder = tmp_path_factory.mktemp("invalid")
    out = folder / "out"
    out.mkdir()
    (out / "model.xlsx").write_bytes(b"previous good workbook")
    capsys.readouterr()

    code = main(["build", str(_write(folder, data)), "--out", str(out)])

    error = capsys.readouterr().err
    assert code == 1
    assert "Traceback" not in error
    assert re.search(r"model\.yaml(:\d+)?: [\w.]+: ", error), error
    assert sorted(p.name for p in out.iterdir()) == ["model.xlsx"]
    assert (out / "model.xlsx").read_bytes() == b"previous good workbook"

"""Bad input: one clear compiler-style message per problem, exit 1, no traceback, and the
previous workbook left exactly as it was."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from builder.cli import main


def _snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (temporary files included) with its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def _edit_text(old: str, new: str) -> Callable[[str], str]:
    def edit(text: str) -> str:
        assert old in text, f"fixture drifted: {old!r} not in the YAML"
        return text.replace(old, new, 1)
    return edit


def _edit_data(change: Callable[[dict], None]) -> Callable[[str], str]:
    def edit(text: str) -> str:
        data = yaml.safe_load(text)
        change(data)
        return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    return edit


def _set(path: tuple, value: object) -> Callable[[dict], None]:
    def change(data: dict) -> None:
        node = data
        for part in path[:-1]:
            node = node[part]
        node[path[-1]] = value
    return change


def _delete(path: tuple) -> Callable[[dict], None]:
    def change(data: dict) -> None:
        node = data
        for part in path[:-1]:
            node = node[part]
        del node[path[-1]]
    return change


CASES = {
    "tab indentation": (_edit_text("tax_rate: 0.15", "tax_rate:\n\t0.15"),
                        ["YAML syntax error: tabs are not allowed"]),
    "unclosed bracket": (_edit_text("reported_quarters: [1Q25, 2Q25, 3Q25]",
                                    "reported_quarters: [1Q25, 2Q25, 3Q25"),
                         ["YAML syntax error"]),
    "duplicate key": (_edit_text("tax_rate: 0.15", "tax_rate: 0.15\ntax_rate: 0.2"),
                      ["tax_rate: duplicate key 'tax_rate' (first at line "]),
    "empty file": (lambda text: "", ["the file is empty"]),
    "missing section": (_edit_data(_delete(("drivers",))),
                        [": drivers: required field is missing"]),
    "unknown key with suggestion": (
        _edit_data(_set(("drivers", "gross_margn"), {2025: 0.2})),
        ["drivers.gross_margn: unknown key 'gross_margn'; did you mean 'gross_margin'?"]),
    "text for a rate": (_edit_data(_set(("tax_rate",), "12%")),
                        ["tax_rate: expected a number, got '12%'"]),
    "word for a growth rate": (
        _edit_data(_set(("drivers", "revenue_growth", "industry_cloud", 2027), "abc")),
        ["drivers.revenue_growth.industry_cloud.2027: expected a number, got 'abc'"]),
    "series shorter than the horizon": (
        _edit_data(_delete(("drivers", "capex_pct_revenue", 2030))),
        ["drivers.capex_pct_revenue: no value for 2030; "
         "the horizon is 2025..2030 (6 years), got 5"]),
    "growth below -100%": (
        _edit_data(_set(("drivers", "revenue_growth", "ai_public_cloud", 2026), -1.5)),
        ["drivers.revenue_growth.ai_public_cloud.2026: expected growth between -100% and +500%"]),
    "tax rate above 100%": (_edit_data(_set(("tax_rate",), 1.5)),
                            ["tax_rate: expected a number <= 1.0, got 1.5"]),
    "missing historicals file": (_edit_data(_set(("historicals", "file"), "nowhere.csv")),
                                 ["nowhere.csv: historicals file not found"]),
    "weighted multiple no peer can give": (
        _edit_data(lambda d: (d["valuation"]["multiples"].update({"ev_sales": None}),
                              d["valuation"]["weights"].update({"ps": 0.25, "ev_sales": 0.25}))),
        ["valuation.multiples.ev_sales: has weight but no multiple, and no peer has what a "
         "median ev_sales needs"]),
    "unresolved conflict": (_edit_data(_set(("historicals", "choices"), [])),
                            ["KC cash FY2024: documents disagree:",
                             "2650 from 002_24f3fecbb64800ce.txt:5",
                             "2730 from 001_0b56c619b6183fc4.txt:385",
                             "pick one under historicals.choices"]),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_gets_a_clear_message_and_keeps_the_old_workbook(case, kc_copy, tmp_path,
                                                                   capsys):
    edit, expected = CASES[case]
    out = tmp_path / "out"
    good_yaml = kc_copy / "kingsoft_cloud.yaml"
    assert main(["build", str(good_yaml), "--out", str(out)]) == 0
    previous = _snapshot(out)
    good_yaml.write_text(edit(good_yaml.read_text(encoding="utf-8")), encoding="utf-8")
    capsys.readouterr()

    code = main(["build", str(good_yaml), "--out", str(out)])

    error = capsys.readouterr().err
    assert code == 1
    assert "Traceback" not in error
    for fragment in expected:
        assert fragment in error, error
    assert _snapshot(out) == previous  # workbook, memo and charts untouched, no temp files


def test_bad_historicals_rows_are_all_reported_with_their_line(kc_copy, tmp_path, capsys):
    csv_path = kc_copy / "kingsoft_cloud.historicals.csv"
    rows = list(csv.reader(csv_path.read_text(encoding="utf-8").splitlines()))
    rows[1][1] = "acounts_payable"
    rows[2][3] = "lots"
    with csv_path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)

    code = main(["build", str(kc_copy / "kingsoft_cloud.yaml"), "--out", str(tmp_path)])

    error = capsys.readouterr().err
    assert code == 1
    assert f"{csv_path}:2: metric: unknown metric 'acounts_payable'" in error
    assert f"{csv_path}:3: value: expected a number, got 'lots'" in error


def test_unwritable_output_folder_is_a_clear_message(kc_copy, tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")

    code = main(["build", str(kc_copy / "kingsoft_cloud.yaml"), "--out", str(blocker / "out")])

    assert code == 1
    assert "cannot write to the output folder" in capsys.readouterr().err


def test_text_from_inputs_never_becomes_a_formula(kc_copy, tmp_path):
    import openpyxl

    hostile = ['=HYPERLINK("http://x","y")', "=cmd|' /C calc'!A0", "@SUM(1)", "+1+1", "<script>"]
    data = yaml.safe_load((kc_copy / "kingsoft_cloud.yaml").read_text(encoding="utf-8"))
    data["company"]["name_en"] = hostile[0]
    data["company"]["name_zh"] = hostile[1]
    data["model"] = hostile[2]
    data["company"]["listings"][0]["exchange"] = hostile[3]
    data["scenarios"]["bear"]["description"] = hostile[4]
    (kc_copy / "kingsoft_cloud.yaml").write_text(yaml.safe_dump(data, allow_unicode=True))

    assert main(["build", str(kc_copy / "kingsoft_cloud.yaml"), "--out", str(tmp_path)]) == 0

    book = openpyxl.load_workbook(tmp_path / "kingsoft_cloud.xlsx")
    texts = {c.value: c.data_type for ws in book for row in ws.iter_rows() for c in row
             if isinstance(c.value, str) and any(h in c.value for h in hostile)}
    assert texts, "the hostile strings should appear as text"
    assert set(texts.values()) == {"s"}

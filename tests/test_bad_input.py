"""Bad input: one clear compiler-style message per problem, exit 1, no traceback.

The table of bad and hostile inputs (with the previous outputs compared byte for byte, in single
and batch builds) is tests/test_hostile_inputs.py; these are the cases that do not fit a row."""

from __future__ import annotations

import csv

import yaml

from builder.cli import main


def test_bad_historicals_rows_are_all_reported_with_their_line(kc_copy, tmp_path, capsys):
    csv_path = kc_copy / "historicals.csv"
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

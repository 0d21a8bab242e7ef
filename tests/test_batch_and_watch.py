"""Batch builds survive a failing model; watch mode rebuilds on save and reports what moved."""

from __future__ import annotations

import io
import os

import yaml

from builder.batch import build_many, model_files, summary_table
from builder.watch import watch


def test_a_batch_builds_every_model_and_reports_the_one_that_fails(kc_copy, tmp_path):
    broken = kc_copy / "broken.yaml"
    broken.write_text("tax_rate: [\n", encoding="utf-8")
    files = model_files([str(kc_copy)])
    assert "_macro.yaml" not in {f.name for f in files}

    log = io.StringIO()
    outcomes = build_many(files, tmp_path, jobs=2, stream=log)

    by_model = {o.model: o for o in outcomes}
    assert by_model["broken"].status == "failed"
    assert "YAML syntax error" in by_model["broken"].message
    assert by_model["kingsoft_cloud"].status == "ok"
    assert (tmp_path / "kingsoft_cloud.xlsx").exists()
    assert "[1/" in log.getvalue()  # plain progress lines when not on a terminal
    table = summary_table(outcomes)
    assert "1 failed" in table
    assert by_model["kingsoft_cloud"].target_unit == "HKD/share"  # the listing KC is quoted on
    assert "HKD/share" in table
    # KC's warnings (terminal value share, its explained interim sign flip) under its row, as
    # a single build prints them; a model that did not build has no count
    warnings = by_model["kingsoft_cloud"].warnings
    assert any("Terminal value share of EV" in w for w in warnings)
    row = next(line for line in table.splitlines() if line.startswith("kingsoft_cloud "))
    assert f" {len(warnings)} " in row
    assert all(f"    warning: not met: {w}" in table for w in warnings)
    broken_row = next(line for line in table.splitlines() if line.startswith("broken "))
    assert by_model["broken"].warnings == () and " - " in broken_row


def test_watch_rebuilds_after_a_save_and_prints_the_changes(kc_copy, tmp_path):
    path = kc_copy / "kingsoft_cloud.yaml"
    out = io.StringIO()

    def rounds():
        yield 0  # first build
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data["tax"]["rate"] = 0.25
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        stamp = path.stat().st_mtime + 5
        os.utime(path, (stamp, stamp))
        yield 1  # the save is seen and rebuilt
        path.write_text("tax_rate: [\n", encoding="utf-8")
        os.utime(path, (stamp + 5, stamp + 5))
        yield 2  # a broken save keeps the previous output

    watch(path, tmp_path, out, interval=0, rounds=rounds())

    text = out.getvalue()
    assert text.count("built kingsoft_cloud.yaml") == 2
    assert "build failed; the previous output is unchanged" in text
    assert (tmp_path / "kingsoft_cloud.xlsx").exists()


def test_build_a_folder_with_check_from_the_command_line(kc_copy, tmp_path, capsys):
    from builder.check.command import choose_engine
    from builder.cli import main

    code = main(["build", str(kc_copy), "--out", str(tmp_path), "--no-memo", "--check",
                 "--jobs", "1"])

    printed = capsys.readouterr().out
    assert code == 0, printed
    models = len([p for p in kc_copy.glob("*.yaml") if not p.name.startswith("_")])
    assert f"{models} models, {models} ok, 0 failed" in printed
    engine = choose_engine("auto")  # LibreOffice where installed: always in CI
    assert printed.count(f"0 mismatches ({engine}, ") == models
    assert not list(tmp_path.glob("*.memo.*"))


def test_watch_lines_read_as_an_analyst_would_write_them():
    from builder.watch import Snapshot, changes

    units = {"TargetPrice": "HKD", "Upside": "%", "Rating": "text", "EquityValue": "CNY m",
             "MasterCheck": "flag"}
    first = Snapshot({"TargetPrice": 5.106813595138527, "Upside": -0.17764676, "Rating": "Hold",
                      "EquityValue": 8829.373, "MasterCheck": 0.0}, units)
    assert changes(None, first) == ["TargetPrice: 5.11 HKD", "Upside: -17.76%", "Rating: 'Hold'",
                                    "EquityValue: 8,829 CNY m", "MasterCheck: 0"]
    second = Snapshot({**first.outputs, "TargetPrice": 6.4, "Upside": 0.03, "Rating": "Buy"},
                      units)
    assert changes(first, second) == ["TargetPrice: 5.11 HKD -> 6.40 HKD (+25.3%)",
                                      "Upside: -17.76% -> 3.00% (+20.76 pp)",
                                      "Rating: 'Hold' -> 'Buy'"]

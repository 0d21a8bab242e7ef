"""``run_extract``: writes the CSV atomically and prints counts, skipped tables and conflicts."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from builder.extract.command import run_extract
from builder.historicals.table import read_figures
from tests.extract.models import MODELS, SEEDS

SEGMENT_METRICS = ("public_cloud_revenue", "public_cloud_revenue_yoy", "industry_cloud_revenue",
                   "industry_cloud_revenue_yoy", "ai_revenue", "ai_revenue_yoy",
                   "ai_share_of_public_cloud", "ai_cloud_revenue", "ai_cloud_revenue_yoy")


def test_run_extract_writes_the_csv_and_reports(tmp_path: Path):
    out = tmp_path / "assumptions" / "historicals.csv"
    stream = io.StringIO()
    assert run_extract(SEEDS, out, stream=stream, models=MODELS) == 0
    report = stream.getvalue()
    assert "001_0b56c619b6183fc4.txt   300" in report
    assert "001_0b56c619b6183fc4.txt:223-266:" in report
    paratera = next(line for line in report.splitlines() if "PARATERA:" in line)
    assert "并行科技" in paratera and "839493.BJ" in paratera
    assert "Research houses (from the sources file):\n  Everbright: 光大\n  Guoyuan: 国元\n" \
        in report
    assert "Conflicts (2)" in report and "adj_operating_income" in report
    assert len(read_figures(out, documents=SEEDS, metrics=SEGMENT_METRICS)) == 425
    assert [p.name for p in out.parent.iterdir()] == [out.name]  # no temporary file left


def test_run_extract_replaces_an_existing_file(tmp_path: Path):
    out = tmp_path / "kc.csv"
    out.write_text("stale", encoding="utf-8")
    assert run_extract(SEEDS, out, stream=io.StringIO(), models=MODELS) == 0
    assert out.read_text(encoding="utf-8").startswith("entity,metric,period")


def test_a_missing_seeds_directory_is_reported_not_raised(tmp_path: Path):
    stream = io.StringIO()
    assert run_extract(tmp_path / "nowhere", tmp_path / "out.csv", stream=stream) == 1
    assert "expected a directory of seed documents" in stream.getvalue()
    assert not (tmp_path / "out.csv").exists()


def test_an_unreadable_document_is_skipped_and_the_rest_still_read(tmp_path: Path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "001_good.txt").write_text(
        "金山云:第一季度总收入19.7亿元\n快讯· 2025-05-28 20:06\n"
        "财务业绩 - 第一季度总收入达19.7亿元 [1]",
        encoding="utf-8")
    (seeds / "002_bad.txt").write_bytes(b"\xff\xfe\xfa not utf-8")
    stream = io.StringIO()
    assert run_extract(seeds, tmp_path / "out.csv", stream=stream, models=MODELS) == 0
    assert "002_bad.txt:1: cannot read" in stream.getvalue()
    (figure,) = read_figures(tmp_path / "out.csv")
    assert (figure.metric, figure.period, figure.value) == ("revenue", "1Q25", 1970.0)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_fifo_or_folder_among_the_seeds_gets_a_message_not_a_hang(tmp_path: Path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "001_good.txt").write_text(
        "金山云:第一季度总收入19.7亿元\n快讯· 2025-05-28 20:06\n"
        "财务业绩 - 第一季度总收入达19.7亿元 [1]", encoding="utf-8")
    os.mkfifo(seeds / "002_pipe.txt")
    (seeds / "003_folder.txt").mkdir()
    stream = io.StringIO()
    assert run_extract(seeds, tmp_path / "out.csv", stream=stream, models=MODELS) == 0
    report = stream.getvalue()
    assert "002_pipe.txt:1: cannot read: this is a FIFO (named pipe)" in report
    assert "003_folder.txt:1: cannot read: this is a folder, not a file" in report
    assert len(read_figures(tmp_path / "out.csv")) == 1


def test_missing_model_files_are_reported(tmp_path: Path):
    stream = io.StringIO()
    assert run_extract(SEEDS, tmp_path / "out.csv", stream=stream,
                       models=[tmp_path / "nowhere"]) == 1
    assert f"{tmp_path / 'nowhere'}: model file or folder not found (--models)" in stream.getvalue()
    assert not (tmp_path / "out.csv").exists()

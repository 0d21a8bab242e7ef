"""A folder read on several cores gives the bytes one process gives, however it is cut."""

from __future__ import annotations

import concurrent.futures
import io
import os
from pathlib import Path

import pytest

from builder.cli import main
from builder.extract import directory
from builder.extract.command import run_extract
from builder.extract.directory import extract_directory
from builder.extract.documents import section_starts
from builder.historicals import rows
from builder.historicals.reconcile import reconcile
from builder.historicals.table import sort_key, write_figures
from tests.extract.models import MODELS, ROOT, SEEDS, seed_catalog

REVIEWED = ROOT / "assumptions" / "historicals.csv"


@pytest.fixture
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    """Batches and parts small enough that the seeds make several of each: seed 003 (a feed of
    seven articles, 12 KB) is cut into parts at its articles."""
    monkeypatch.setattr(directory, "BATCH_CHARS", 6000)
    monkeypatch.setattr(directory, "PART_CHARS", 3000)


def test_the_same_csv_bytes_with_one_worker_and_with_two(tmp_path: Path, small_batches,
                                                         capsys: pytest.CaptureFixture[str]):
    reports = []
    for jobs in (1, 2):
        out = tmp_path / f"jobs{jobs}.csv"
        assert main(["extract", str(SEEDS), "--models", *map(str, MODELS), "--out", str(out),
                     "--jobs", str(jobs)]) == 0
        reports.append(capsys.readouterr().out.replace(str(out), "OUT"))
    assert (tmp_path / "jobs1.csv").read_bytes() == (tmp_path / "jobs2.csv").read_bytes() == \
        REVIEWED.read_bytes()
    assert reports[0] == reports[1]  # counts, skipped notes and conflicts, in the same order


def test_a_long_feed_cut_into_parts_reads_as_it_does_whole(tmp_path: Path, small_batches):
    one = tmp_path / "one"
    one.mkdir()
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    (one / "all.txt").write_text("\n".join(texts * 3), encoding="utf-8")
    (one / "bad.txt").write_bytes(b"\xff not utf-8")  # its note keeps its place
    cut = extract_directory(one, seed_catalog(), jobs=2)
    directory.PART_CHARS = directory.BATCH_CHARS = 10 ** 9  # (restored by the fixture)
    whole = extract_directory(one, seed_catalog(), jobs=1)
    assert write_figures(cut.figures) == write_figures(whole.figures)
    assert cut.figures == whole.figures and cut.skipped == whole.skipped
    assert cut.counts == whole.counts and cut.counts["bad.txt"] == 0


def test_parts_start_at_an_article_and_number_their_lines(small_batches):
    text = (SEEDS / "003_1df9bbaade28d23b.txt").read_text(encoding="utf-8")
    parts = list(directory._parts("003.txt", text, None))
    titles = [index + 1 for index in section_starts(text)]  # 1-based title lines
    assert len(parts) > 1 and parts[0].first_line == 1
    assert {p.first_line for p in parts[1:]} <= set(titles)
    assert "".join(p.text for p in parts) == text


def test_small_work_stays_in_this_process(monkeypatch: pytest.MonkeyPatch):
    def refused(*args, **kwargs):
        raise AssertionError("a worker process was started")

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", refused)
    extraction = extract_directory(SEEDS, seed_catalog(), jobs=2)  # 44 KB: one batch
    assert extraction.csv_text() == REVIEWED.read_text(encoding="utf-8")


@pytest.mark.parametrize("jobs", [1, 2])
def test_rows_rendered_where_found_write_the_same_bytes(small_batches, jobs: int):
    extraction = extract_directory(SEEDS, seed_catalog(), jobs=jobs)
    assert len(extraction.lines) == len(extraction.rows) == len(extraction.figures)
    assert extraction.csv_text() == write_figures(extraction.figures) == \
        REVIEWED.read_text(encoding="utf-8")


def test_a_row_sorts_and_groups_as_its_figure():
    extraction = extract_directory(SEEDS, seed_catalog(), jobs=1)
    for row, figure in zip(extraction.rows, extraction.figures, strict=True):
        assert rows.GROUP(row) + rows.REST(row) == sort_key(figure)
        assert rows.KEY(row) == figure.key
        assert rows.READING(row) == (figure.precision, figure.value)
        assert row[rows.QUOTE] == figure.source.quote and rows.row_of(figure) == row


def test_the_conflicts_found_on_rows_are_the_reconciled_ones(tmp_path: Path):
    many = tmp_path / "many"
    many.mkdir()
    for path in sorted(SEEDS.glob("*.txt")):  # every figure read twice, and one read otherwise
        (many / path.name).write_bytes(path.read_bytes())
        text = path.read_text(encoding="utf-8").replace("7,785", "7,795")
        (many / f"copy_{path.name}").write_text(text, encoding="utf-8")
    found = []
    for folder in (SEEDS, many):
        extraction = extract_directory(folder, seed_catalog(), jobs=1)
        found.append(extraction.conflicts())
        assert found[-1] == reconcile(extraction.figures)[1]
    assert 0 < len(found[0]) < len(found[1])


def test_a_figure_survives_the_trip_from_a_worker():
    figures = extract_directory(SEEDS, seed_catalog(), jobs=1).figures
    assert [rows.figure_of(rows.row_of(f)) for f in figures] == figures


def test_a_worker_count_below_one_is_refused(tmp_path: Path):
    stream = io.StringIO()
    assert run_extract(SEEDS, tmp_path / "out.csv", stream=stream, models=MODELS, jobs=0) == 1
    assert stream.getvalue() == "--jobs: expected 1 or more worker processes, got 0\n"
    assert not (tmp_path / "out.csv").exists()


def _die(batch: list) -> None:
    os._exit(3)  # a worker killed mid-batch (the OOM killer, kill -9)


def test_a_worker_that_dies_is_reported_and_nothing_is_written(
        tmp_path: Path, small_batches, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(directory, "_extract_flat", _die)
    stream = io.StringIO()
    out = tmp_path / "out.csv"
    assert run_extract(SEEDS, out, stream=stream, models=MODELS, jobs=2) == 1
    assert stream.getvalue() == (
        f"{SEEDS}: a worker process stopped (killed, or out of memory); nothing was written to "
        f"{out}: run again, or with fewer --jobs\n")
    assert not out.exists()


def test_prices_in_two_currencies_are_two_figures_when_finding_conflicts():
    def row(value: float, currency: str, document: str) -> tuple:
        return ("KC", "share_price", "2025-05-15", value, "per_share", currency, "market", "",
                0.01, document, 3, f"{value} {currency}", 0, "")

    rows = [row(17.6, "USD", "a.txt"), row(137.2, "HKD", "a.txt"), row(17.6, "USD", "b.txt"),
            row(138.4, "HKD", "b.txt"), row(9.1, "CNY", "c.txt")]
    extraction = directory.Extraction(rows=rows, lines=[""] * len(rows))
    conflicts = extraction.conflicts()
    assert conflicts == reconcile(extraction.figures)[1]
    assert [f.currency for c in conflicts for f in c.figures] == ["HKD", "HKD"]

"""The historicals CSV reader: new columns, declared segment metrics, and its sources checked."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from builder.historicals.reconcile import reconcile
from builder.historicals.records import Figure, Kind, Source
from builder.historicals.table import COLUMNS, read_figures, write_figures
from builder.problems import InputError

HEADER = ",".join((*COLUMNS, "published", "confirmed_by"))
DOCUMENT = "line one\n营收 24.78 亿元, 同比增长 31.4%\nline three\n"


def row(metric="revenue", quote="营收 24.78 亿元", line="2", document="doc.txt",
        published="2025-11-21", confirmed_by="") -> str:
    return (f"KC,{metric},3Q25,2478.0,million,CNY,actual,,1.0,{document},{line},\"{quote}\","
            f"{published},{confirmed_by}")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    documents = tmp_path / "seeds"
    documents.mkdir()
    (documents / "doc.txt").write_text(DOCUMENT, encoding="utf-8")
    return documents


def csv_file(tmp_path: Path, *rows: str, header: str = HEADER) -> Path:
    path = tmp_path / "historicals.csv"
    path.write_text("\n".join((header, *rows)) + "\n", encoding="utf-8")
    return path


def problems(path: Path, **kwargs) -> list[str]:
    with pytest.raises(InputError) as raised:
        read_figures(path, **kwargs)
    return [str(p) for p in raised.value.problems]


def test_a_row_whose_source_holds_reads_with_its_date_and_identity(tmp_path, folder):
    path = csv_file(tmp_path, row(confirmed_by="gross_profit = revenue - cost_of_revenue"))
    (figure,) = read_figures(path, documents=folder)
    assert figure.published == date(2025, 11, 21)
    assert figure.confirmed_by == "gross_profit = revenue - cost_of_revenue"


def test_quotes_match_whitespace_aside(tmp_path, folder):
    path = csv_file(tmp_path, row(quote="营收24.78亿元"), row(quote="同比增长  31.4 %"))
    assert len(read_figures(path, documents=folder)) == 2


def test_a_missing_document_names_the_csv_line_and_column(tmp_path, folder):
    path = csv_file(tmp_path, row(), row(document="gone.txt"))
    assert problems(path, documents=folder) == [
        f"{path}:3: document: document 'gone.txt' not found in {folder}"]


def test_a_quote_not_on_its_cited_line_is_an_error(tmp_path, folder):
    path = csv_file(tmp_path, row(line="3"))
    assert problems(path, documents=folder) == [
        f"{path}:2: quote: the quote '营收 24.78 亿元' is not on line 3 of doc.txt "
        "(whitespace aside)"]


def test_a_line_past_the_end_and_a_path_outside_the_folder_are_errors(tmp_path, folder):
    (tmp_path / "secret.txt").write_text("营收 24.78 亿元\n", encoding="utf-8")
    path = csv_file(tmp_path, row(line="9"), row(document="../secret.txt", line="1"))
    assert problems(path, documents=folder) == [
        f"{path}:2: line: line 9 is past the end of doc.txt (3 lines)",
        f"{path}:3: document: document '../secret.txt' is not a file name inside {folder}"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_fifo_as_document_is_refused_not_waited_on(tmp_path, folder):
    os.mkfifo(folder / "pipe.txt")
    path = csv_file(tmp_path, row(document="pipe.txt"))
    (message,) = problems(path, documents=folder)
    assert message.startswith(f"{path}:2: document: document 'pipe.txt' cannot be read: ")
    assert "FIFO" in message


def test_each_document_is_read_once(tmp_path, folder, monkeypatch):
    import builder.historicals.sources as sources

    reads = []
    real = sources.read_text
    monkeypatch.setattr(sources, "read_text", lambda p, limit: reads.append(p) or real(p, limit))
    path = csv_file(tmp_path, *[row() for _ in range(5)])
    assert len(read_figures(path, documents=folder)) == 5
    assert reads == [folder / "doc.txt"]


def test_declared_segment_metrics_are_accepted_and_undeclared_ones_are_errors(tmp_path):
    path = csv_file(tmp_path, row(metric="storage_revenue"), row(metric="cloud_revenue"))
    assert problems(path, metrics=["storage_revenue"]) == [
        f"{path}:3: metric: segment metric 'cloud_revenue' is not declared: the model's "
        "company.segments must name the segment"]


def test_a_csv_without_the_new_columns_still_reads(tmp_path):
    header = ",".join(COLUMNS)
    path = csv_file(tmp_path, "KC,revenue,3Q25,2478.0,million,CNY,actual,,1.0,doc.txt,2,x",
                    header=header)
    (figure,) = read_figures(path)
    assert (figure.published, figure.confirmed_by) == (None, "")


def test_a_bad_published_date_is_an_error(tmp_path):
    path = csv_file(tmp_path, row(published="21/11/2025"))
    assert problems(path) == [
        f"{path}:2: published: expected a date YYYY-MM-DD or nothing, got '21/11/2025'"]


def test_a_short_row_is_a_message_not_a_traceback(tmp_path):
    path = csv_file(tmp_path, "KC,revenue")
    assert f"{path}:2: value: expected a number, got ''" in problems(path)


def test_written_figures_read_back_the_same(tmp_path):
    figures = [Figure("KC", "capex", "FY2024", 3672.0, "million", "CNY", Kind.ACTUAL, "", 1.0,
                      Source("001.txt", 417, "(1,959) (3,672)"), date(2025, 5, 15),
                      "investing_cash_flow = other_investing - capex"),
               Figure("KC", "receivable_days", "FY2024", 68.0, "days", "", Kind.ACTUAL, "", 1.0,
                      Source("001.txt", 313, "应收账款天数 78 68"))]
    path = tmp_path / "out.csv"
    path.write_text(write_figures(figures), encoding="utf-8")
    assert sorted(read_figures(path), key=lambda f: f.metric) == figures


def test_reconciliation_keeps_the_earliest_date():
    def reading(published):
        return Figure("KC", "revenue", "3Q25", 2478.0, "million", "CNY", Kind.ACTUAL, "", 1.0,
                      Source(f"{published}.txt", 1, "x"), published)

    (merged,), _ = reconcile([reading(date(2025, 11, 21)), reading(date(2025, 11, 19)),
                              reading(None)])
    assert merged.published == date(2025, 11, 19)

"""Extraction over the real seeds: the reviewed CSV, quotes, traps, conflicts, skipped tables."""

from __future__ import annotations

from datetime import date

import pytest

from builder.extract.directory import extract_directory
from builder.historicals.reconcile import reconcile
from builder.historicals.table import read_figures, write_figures
from tests.extract.models import ROOT, SEEDS, seed_catalog

REVIEWED = ROOT / "assumptions" / "historicals.csv"


@pytest.fixture(scope="module")
def extraction():
    return extract_directory(SEEDS, seed_catalog())


def test_extraction_reproduces_the_reviewed_csv_byte_for_byte(extraction):
    assert write_figures(extraction.figures) == REVIEWED.read_text(encoding="utf-8")


def test_the_reviewed_csv_holds_against_its_documents():
    figures = read_figures(REVIEWED, documents=SEEDS, metrics=[
        "public_cloud_revenue", "public_cloud_revenue_yoy", "industry_cloud_revenue",
        "industry_cloud_revenue_yoy", "ai_revenue", "ai_revenue_yoy", "ai_share_of_public_cloud",
        "ai_cloud_revenue", "ai_cloud_revenue_yoy"])
    assert len(figures) == len(REVIEWED.read_text(encoding="utf-8").splitlines()) - 1


def test_every_quote_occurs_on_its_line(extraction):
    for figure in extraction.figures:
        lines = (SEEDS / figure.source.document).read_text(encoding="utf-8").splitlines()
        assert figure.source.quote, figure
        assert figure.source.quote in lines[figure.source.line - 1], figure


# Lines that hold dates, day counts, shareholdings, rating thresholds, peer multiples and the
# rating definitions after the statements: nothing may be read from them. The statements
# (295-437) are read only where an identity confirms a figure (test_statements.py).
TRAPS = {
    "001_0b56c619b6183fc4.txt": [*range(73, 88), *range(95, 106), 109, 111, *range(223, 295),
                                 *range(438, 503)],
    "000_d3043b5ac97c354b.txt": [],
    "004_44edf978f94c6965.txt": [11, 27, 31, 35, 51, 53, 55, 73, 79, 81, 83, 85],
}


def test_no_figure_comes_from_dates_counts_shareholdings_or_thresholds(extraction):
    for figure in extraction.figures:
        assert figure.source.line not in TRAPS.get(figure.source.document, []), figure


def test_no_figure_from_seed_000_beyond_its_results_paragraph(extraction):
    quotes = {f.source.quote for f in extraction.figures if f.source.document.startswith("000")}
    assert quotes == {"金山云Q4营收26.6亿元", "全年营收90.6亿元", "同比增长38%",
                      "公有云实现收入15.3亿元", "实现收入11.3亿元", "同比增长111%"}


def test_the_known_disagreements_are_the_only_conflicts(extraction):
    _, conflicts = reconcile(extraction.figures)
    assert sorted((c.entity, c.metric, c.period, tuple(sorted(f.value for f in c.figures)))
                  for c in conflicts) == [
        ("KC", "adj_operating_income", "3Q24", (-188.0, -140.0)),
        ("KC", "cash", "FY2024", (2650.0, 2730.0)),
    ]


def test_unaligned_tables_are_skipped_with_a_reason(extraction):
    skipped = {(s.document[:3], s.first_line, s.last_line): s.reason for s in extraction.skipped}
    assert "no fiscal-year column header" in skipped[("001", 223, 266)]
    assert "breaks total_current_assets + total_non_current_assets" in skipped[("001", 295, 437)]
    assert "no identity holds" in skipped[("001", 299, 299)]  # EBITDA margin: no EBITDA line
    assert not [s for s in extraction.skipped if s.document.startswith("003")]


def test_figures_per_document(extraction):
    assert extraction.counts == {
        "000_d3043b5ac97c354b.txt": 6, "001_0b56c619b6183fc4.txt": 300,
        "002_24f3fecbb64800ce.txt": 15, "003_1df9bbaade28d23b.txt": 99,
        "004_44edf978f94c6965.txt": 5}


def test_every_figure_carries_the_date_its_document_was_published(extraction):
    published = {(f.source.document[:3], f.source.line): f.published for f in extraction.figures}
    assert published[("001", 62)] == date(2025, 5, 15)  # the report's own date
    assert published[("003", 5)] == date(2025, 11, 26)  # the feed article's dateline
    assert published[("004", 23)] == date(2025, 9, 30)  # historicals.document_dates wins
    assert published[("000", 1)] == date(2022, 3, 24)  # undated; KC's model files date it


def test_estimates_name_their_broker_and_report_date(extraction):
    brokers = {f.broker for f in extraction.figures if f.kind.value == "estimate"}
    assert brokers == {"Guoyuan 2025-05-15", "Guoyuan 2025-08-21", "Everbright 2025-11-21",
                       "格隆汇 2025-08-25", "并行科技20251125 2025-11-26"}
    assert all(f.broker == "" for f in extraction.figures if f.kind.value != "estimate")


def test_forecasts_no_house_is_named_for_are_credited_to_their_article(extraction):
    """003:17, a news site's summary: its dateline's publisher. 003:5, a call summary whose
    dateline names nobody: its title. The approximate figures stay out: 约2000万 (2025) and
    可能上亿 (2027); 5,400万 is exact, in the company's reporting currency."""
    unnamed = sorted((f.entity, f.metric, f.period, f.value, f.currency, f.broker,
                      f.source.line, f.source.quote) for f in extraction.figures
                     if f.broker in ("格隆汇 2025-08-25", "并行科技20251125 2025-11-26"))
    assert unnamed == [
        ("KC", "revenue", "FY2025", 9409.0, "CNY", "格隆汇 2025-08-25", 17,
         "25-27年收入预测至94.09"),
        ("KC", "revenue", "FY2026", 11050.0, "CNY", "格隆汇 2025-08-25", 17, "110.50"),
        ("KC", "revenue", "FY2027", 12491.0, "CNY", "格隆汇 2025-08-25", 17, "124.91"),
        ("PARATERA", "net_income", "FY2026", 54.0, "CNY", "并行科技20251125 2025-11-26", 5,
         "2026年5,400万"),
    ]

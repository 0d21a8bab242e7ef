"""Seeds split into dated, attributed sections; wrapped lines join into paragraphs."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from builder.extract.documents import paragraphs, split_sections
from builder.extract.extractor import period_context
from tests.extract.models import SEEDS, seed_phrases


def read_sections(path: Path):
    return split_sections(path.name, path.read_text(encoding="utf-8"), seed_phrases().entity_of)


def test_a_feed_splits_at_its_datelines():
    sections = read_sections(SEEDS / "003_1df9bbaade28d23b.txt")
    assert [(s.first_line, s.last_line, s.date, s.broker, s.entity) for s in sections] == [
        (3, 5, date(2025, 11, 26), "", "PARATERA"),
        (6, 8, date(2025, 11, 21), "Everbright", "KC"),
        (9, 11, date(2025, 11, 20), "", "KC"),
        (12, 14, date(2025, 11, 19), "", "KC"),
        (15, 17, date(2025, 8, 25), "", "KC"),
        (18, 20, date(2025, 8, 21), "Guoyuan", "KC"),
        (21, 23, date(2025, 5, 28), "", "KC"),
    ]


def test_a_report_is_one_section_dated_by_its_cover():
    (report,) = read_sections(SEEDS / "001_0b56c619b6183fc4.txt")
    assert (report.date, report.broker, report.entity) == (date(2025, 5, 15), "Guoyuan", "KC")
    assert period_context(report).headline.label == "4Q24"


def test_undated_articles_take_the_year_they_name():
    (news,) = read_sections(SEEDS / "000_d3043b5ac97c354b.txt")
    context = period_context(news)
    assert news.date is None and context.anchor_year == 2021 and context.headline.label == "4Q21"


def test_wrapped_lines_join_and_quotes_stay_on_the_number_line():
    lines = [(133, "后经营利润为 0.24 亿元，首次实现扭亏为盈，此前 2024 年第三季度调整后经 "),
             (134, ""),
             (135, "营利润为亏损 1.88 亿元。2024 年 AI 相关业务有明显增长")]
    (paragraph,) = paragraphs(lines)  # a paragraph ends only where a line ends a sentence
    start = paragraph.text.index("调整后经")
    end = paragraph.text.index("亿元", start) + 2
    line, first, last = paragraph.span_on_line(start, end, paragraph.text.index("1.88"))
    assert line == 135 and lines[2][1][first:last] == "营利润为亏损 1.88 亿元"
    assert "调整后经营利润为亏损 1.88 亿元。2024 年 AI" in paragraph.text


def test_without_a_model_file_no_section_has_an_entity():
    text = (SEEDS / "003_1df9bbaade28d23b.txt").read_text(encoding="utf-8")
    sections = split_sections("003.txt", text, lambda _: "")
    assert len(sections) == 7 and {s.entity for s in sections} == {""}

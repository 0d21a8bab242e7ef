"""Seeds split into dated, attributed sections; wrapped lines join into paragraphs."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from builder.extract.documents import paragraphs, section_starts, split_sections
from builder.extract.extractor import period_context
from tests.extract.models import SEEDS, seed_catalog, seed_phrases


def read_sections(path: Path):
    return split_sections(path.name, path.read_text(encoding="utf-8"), seed_phrases().entity_of,
                          seed_catalog().houses.named_in)


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


def test_each_article_is_attributed_to_the_house_it_names_else_to_itself():
    sections = read_sections(SEEDS / "003_1df9bbaade28d23b.txt")
    assert [(s.publisher, s.attribution) for s in sections] == [
        ("", "并行科技20251125 2025-11-26"),  # no publisher on the dateline: the title
        ("新浪财经", "Everbright 2025-11-21"),  # the house its title names, not the site
        ("智通财经网", "智通财经网 2025-11-20"),
        ("华尔街见闻", "华尔街见闻 2025-11-19"),
        ("格隆汇", "格隆汇 2025-08-25"),
        ("国元香港", "Guoyuan 2025-08-21"),
        ("快讯", "快讯 2025-05-28"),
    ]


def test_a_part_cut_at_an_article_splits_into_the_same_sections():
    text = (SEEDS / "003_1df9bbaade28d23b.txt").read_text(encoding="utf-8")
    whole = split_sections("003", text, seed_phrases().entity_of, seed_catalog().houses.named_in)
    cut = section_starts(text)
    assert cut == [5, 8, 11, 14, 17, 20]  # each article's title line, the first one's aside
    lines = text.splitlines(keepends=True)
    parts = [split_sections("003", "".join(lines[a:b]), seed_phrases().entity_of,
                            seed_catalog().houses.named_in, first_line=a + 1)
             for a, b in zip([0, 11], [11, len(lines)], strict=True)]
    assert parts[0] + parts[1] == whole


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

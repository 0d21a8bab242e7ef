"""Broker tables: clean rows are read column by column; anything unaligned is skipped."""

from __future__ import annotations

import pytest

from builder.extract.numbers import normalize
from builder.extract.tables import Column, header_columns, numeric_line, scan

TOP_TABLE = """人民币百万元 2023A 2024A 2025E 2026E 2027E

营业额 7,047 7,785 9,880 11,952 14,022

同比增长 -13.85% 10.47% 26.90% 20.98% 17.32%

PS 倍数 3.9 3.5 2.8 2.3 1.9

数据来源：Wind
"""

SIDE_BY_SIDE = """<百万元>, 财务年度截至<十二月>
2023A 2024A 2025E 2026E 2027E 2023A 2024A 2025E 2026E 2027E
应收账款 1,530 1,469 1,864 2,255 2,645 其他金融资产变动 1,273 51
长期贷款 100 1,661 1,661 1,661 1,661 99 368
货币资金 2,255 2,730 2,643 2,742 3,110 贷款变动 587 3,776 0 0 0
2,079 2,552 3,238 3,917 4,596
所得税 2 49 6 实际税率 (%) -0.8% 0.1% 10.0% 10.0% 10.0%
(6,197) (6,444) (7,856) (9,000) (10,172)
 投资评级定义及免责条款
买入    未来 12 个月内目标价距离现价涨幅不小于 20%
"""


def numbered(text: str) -> list[tuple[int, str]]:
    return list(enumerate(map(normalize, text.splitlines()), start=1))


def test_header_columns_split_side_by_side_tables():
    blocks = header_columns("2023A 2024A 2025E 2026E 2027E 2023A 2024A 2025E 2026E 2027E")
    assert blocks is not None and [len(b) for b in blocks] == [5, 5]
    assert blocks[0][0] == Column(2023, True) and blocks[0][2] == Column(2025, False)
    assert header_columns("TTM 25E 26E") is None
    assert header_columns("预计 2025 年营收") is None


def test_clean_rows_are_read_and_growth_rows_follow_the_row_above():
    cells = scan(numbered(TOP_TABLE)).cells
    assert [(c.metric, c.column.year, c.text) for c in cells if c.column.year == 2024] == [
        ("revenue", 2024, "7,785"), ("revenue_yoy", 2024, "10.47%")]
    assert {c.metric for c in cells} == {"revenue", "revenue_yoy"}  # PS 倍数: not in vocabulary


def test_a_table_with_unaligned_lines_goes_whole_to_the_statement_alignment():
    """7 numbers for 5 columns, a row that lost its label: no row of this table is read as
    clean, not even the clean-looking ones; the alignment reads it only where identities hold."""
    result = scan(numbered(SIDE_BY_SIDE))
    assert result.cells == [] and result.skipped == []
    (region,) = result.regions
    assert (region.first_line, region.last_line) == (2, 8)
    assert [c.year for c in region.columns] == [2023, 2024, 2025, 2026, 2027]
    assert region.currency == "CNY"


@pytest.mark.parametrize(("line", "numeric"), [
    ("SNOWFLAKE 4,362.15 4,362.15 -37.33 20.21 16.72", True),
    (" 20210528 、 20211025 、 20221011 、", True),
    ("金山软件 37.40%", False),
    ("公司2025年前三季度营收7.34亿元,同比增长70%,归母净利润840万元,同比增长178%。", False),
])
def test_numeric_lines(line, numeric):
    assert numeric_line(line) is numeric


def test_numbers_under_no_year_header_are_skipped_with_a_reason():
    text = ("表 1：估值比较\n证券简称 总市值\nTTM 25E 26E\n"
            "OKTA 1,540.74 1,471.66 764.72 3.34 8.20\n\nTWILIO 1,255.57 1,255.57 2.18 3.81\n")
    result = scan(numbered(text))
    assert result.cells == []
    (first, last, reason), = result.skipped
    assert (first, last) == (1, 6) and "no fiscal-year column header" in reason

"""Statements read from prose, Chinese and English, and the traps that must yield nothing."""

from __future__ import annotations

from datetime import date

import pytest

from builder.extract.numbers import normalize
from builder.extract.periods import Period, PeriodContext
from builder.extract.prose import clauses, read_paragraph
from tests.extract.models import seed_phrases

Q3_25 = PeriodContext(date=date(2025, 11, 21), headline=Period(2025, "Q", 3))
Q2_25 = PeriodContext(date=date(2025, 8, 21), headline=Period(2025, "Q", 2))
MAY_25 = PeriodContext(date=date(2025, 5, 15), headline=Period(2024, "Q", 4))
Q4_21 = PeriodContext(anchor_year=2021, headline=Period(2021, "Q", 4))


def read(text: str, context: PeriodContext) -> set[tuple[str, str, float]]:
    return {(r.metric, r.period.label if r.period else "", float(r.amount.value))
            for r in read_paragraph(normalize(text), context, seed_phrases())}


@pytest.mark.parametrize(("text", "context", "expected"), [
    ("3Q25实现营收24.78亿元,同比增长31.4%,环比增长5.5%", Q3_25,
     {("revenue", "3Q25", 2478), ("revenue_yoy", "3Q25", 0.314)}),
    ("经调整EBITDA达8.27亿元,同比增长345.9%,对应利润率提升至33.4%", Q3_25,
     {("adj_ebitda", "3Q25", 827), ("adj_ebitda_margin", "3Q25", 0.334)}),
    ("调整后经营利润与调整后净利润首次双双扭亏为盈,分别为0.15亿元和0.29亿元,"
     "去年同期为亏损1.4亿元和2.4亿元", Q3_25,
     {("adj_operating_income", "3Q25", 15), ("adj_net_income", "3Q25", 29),
      ("adj_operating_income", "3Q24", -140), ("adj_net_income", "3Q24", -240)}),
    ("首次实现季度盈利,经调整净利润为2,870万元人民币,去年同期亏损2.37亿元人民币", Q3_25,
     {("adj_net_income", "3Q25", 28.7), ("adj_net_income", "3Q24", -237)}),
    ("维持2025年至2027年营收预测为95亿元、110亿元和125亿元", Q3_25,
     {("revenue", "FY2025", 9500), ("revenue", "FY2026", 11000), ("revenue", "FY2027", 12500)}),
    ("上调2025年至2027年经调整净利润预测至-5.5亿元、-2.9亿元和-0.1亿元,"
     "原预测为-8.1亿元、-3.7亿元和-3.4亿元", Q3_25,
     {("adj_net_income", "FY2025", -550), ("adj_net_income", "FY2026", -290),
      ("adj_net_income", "FY2027", -10)}),
    ("AI账单收入达7.8亿元,同比增长近120%,连续9个季度实现三位数增长,在公有云收入中占比达45%", Q3_25,
     {("ai_revenue", "3Q25", 780), ("ai_share_of_public_cloud", "3Q25", 0.45)}),
    ("公有云业务重回高速增长轨道,收入16.3亿元同比增长31.7%,其中AI贡献占比达45%", Q2_25,
     {("public_cloud_revenue", "2Q25", 1630), ("public_cloud_revenue_yoy", "2Q25", 0.317)}),
    ("盈利能力显著改善,调整后EBITDA同比增长570.1%至4.1亿元,EBITDA率达17.3%", Q2_25,
     {("adj_ebitda", "2Q25", 410), ("adj_ebitda_margin", "2Q25", 0.173)}),
    ("毛利率持续改善,从2023年12.1%提升至2025年预测的19.1%", Q2_25,
     {("gross_margin", "FY2023", 0.121), ("gross_margin", "FY2025", 0.191)}),
    ("净亏损收窄趋势明确,预计从2024年-19.67亿元改善至2027年-0.80亿元", Q2_25,
     {("net_income", "FY2024", -1967), ("net_income", "FY2027", -80)}),
    ("预计2025-2027年营收复合增长率约18%,达131.95亿元", Q2_25, {("revenue", "FY2027", 13195)}),
    ("2024 年，金山云实现了总营业收入 77.85 亿元，同比增长 10.5%，全年亏损幅度有所收窄，"
     "净亏损为 19.67 亿元，较 2023 年的 21.76 亿元减少了 9.4%", MAY_25,
     {("revenue", "FY2024", 7785), ("revenue_yoy", "FY2024", 0.105),
      ("net_income", "FY2024", -1967), ("net_income", "FY2023", -2176)}),
    ("第四季度调整后 EBITDA 为 3.60 亿元，调整后 EBITDA 利润率为 16.1%，"
     "调整后经营利润为 0.24 亿元，首次实现扭亏为盈，"
     "此前 2024 年第三季度调整后经营利润为亏损 1.88 亿元。", MAY_25,
     {("adj_ebitda", "4Q24", 360), ("adj_ebitda_margin", "4Q24", 0.161),
      ("adj_operating_income", "4Q24", 24), ("adj_operating_income", "3Q24", -188)}),
    ("金山云Q4营收26.6亿元，同比增长约38%，全年营收90.6亿元，同比增长38%。本季度，公有云实现收入"
     "15.3亿元；行业云增长动能强劲，实现收入11.3亿元，同比增长111%。", Q4_21,
     {("revenue", "4Q21", 2660), ("revenue", "FY2021", 9060), ("revenue_yoy", "FY2021", 0.38),
      ("public_cloud_revenue", "4Q21", 1530), ("industry_cloud_revenue", "4Q21", 1130),
      ("industry_cloud_revenue_yoy", "4Q21", 1.11)}),
    # A segment a model file declares (Paratera's 智算云, the AI compute cloud) is read as one.
    ("智算云业务是核心增长引擎,2025年前三季度收入达4.3亿元,同比增长151%", Q3_25,
     {("ai_cloud_revenue", "9M25", 430), ("ai_cloud_revenue_yoy", "9M25", 1.51)}),
    ("第一季度总收入达19.7亿元(271.51百万美元),同比增长10.9%", PeriodContext(date(2025, 5, 28)),
     {("revenue", "1Q25", 1970), ("revenue_yoy", "1Q25", 0.109)}),
    ("经调整经营亏损为5580万元(7.7百万美元),同比收窄56%",
     PeriodContext(date(2025, 5, 28), headline=Period(2025, "Q", 1)),
     {("adj_operating_income", "1Q25", -55.8)}),
    # A call summary's forecast series (003:5): each clause a year and a value goes on with the
    # metric the first one named; 约2000万 and 可能上亿 are approximate: no figure. Profit
    # unqualified (利润) is the attributable net profit; 万 without 元 is money where it ends
    # its clause (its currency is the company's: see test_extractor).
    ("团队预测公司2025年利润约2000万,2026年5,400万,2027年可能上亿[15]", Q3_25,
     {("net_income", "FY2026", 54)}),
    ("2025年毛利率30%,2026年35%,2027年40%以上", Q3_25,
     {("gross_margin", "FY2025", 0.30), ("gross_margin", "FY2026", 0.35)}),
    ("2025年净亏损3亿元,2026年1亿元", Q3_25,
     {("net_income", "FY2025", -300), ("net_income", "FY2026", -100)}),
    ("公司2024年利润1,200万元,同比增长20%", Q3_25,
     {("net_income", "FY2024", 12), ("net_income_yoy", "FY2024", 0.2)}),
    # a series goes on only from the clause right before, and with the same kind of period
    ("2024年营收10亿元,同比增长20%,2025年12亿元", Q3_25,
     {("revenue", "FY2024", 1000), ("revenue_yoy", "FY2024", 0.2)}),
    ("2025年营收10亿元,Q1 3亿元", Q3_25, {("revenue", "FY2025", 1000)}),
])
def test_chinese_statements(text, context, expected):
    assert read(text, context) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("- Q4 2024 revenue reached 2.232 billion RMB, a year-on-year increase of 29.6% and a "
     "quarter-on-quarter increase of 18.4% [2].",
     {("revenue", "4Q24", 2232), ("revenue_yoy", "4Q24", 0.296)}),
    ("- For the full year of 2024, total revenue was 7.785 billion RMB, a year-on-year increase "
     "of 10.5%, with a gross margin of 17.2%, up 5.1 percentage points year-on-year [2].",
     {("revenue", "FY2024", 7785), ("revenue_yoy", "FY2024", 0.105),
      ("gross_margin", "FY2024", 0.172)}),
    ("- Q4 2024 gross profit was 426 million RMB, representing a year-on-year increase of 68.3%, "
     "with an adjusted gross margin of 19.2%, up 4.0 percentage points year-on-year [2].",
     {("gross_profit", "4Q24", 426), ("adj_gross_margin", "4Q24", 0.192)}),
    ("- By the end of 2024, the company had cash and cash equivalents of 2.65 billion RMB [5].",
     {("cash", "FY2024", 2650)}),
    ("- AI-related revenue accounted for 34% of public cloud revenue in Q4 2024, contributing to "
     "an annual increase in this proportion to 26% [3].",
     {("ai_share_of_public_cloud", "4Q24", 0.34)}),
])
def test_english_statements(text, expected):
    assert read(text, PeriodContext(date(2025, 3, 22), headline=Period(2024, "Q", 4))) == expected


@pytest.mark.parametrize("text", [
    "截至6月17日,金山软件持股35.59%,小米集团持股11.12%,雷军为实际控制人。",  # shareholdings
    "买入    未来 12 个月内目标价距离现价涨幅不小于 20%",  # rating-definition threshold
    "Kingsoft Cloud reported growth in both revenue and profitability [2][3].",  # page refs
    "连续5年护航央视春晚，为全球超10亿观众带来了流畅的观看体验，助力央视为期17天的直播。",  # counts
    "3月24日，金山云（NASDAQ：KC）发布2021年第四季度财报。",  # a date
    "控股股东金山软件以每股5.83港元认购约6937.5万股新股,该轮合计筹资超20亿港元。",  # placing
    "其中超算软件和技术服务毛利率高达60.79%",  # a segment's margin is not the company's
    "大行里昂曾预测金山云GenAI服务2025年有望实现60%增长,收入约20亿元。",  # approximate
    "超算云业务2025年前三季度收入达3.0亿元,同比增长20%",  # a segment no model declares
    "截至6月末现金、现金等价物及受限制现金储备55.2亿元",  # not cash and cash equivalents
    "金山云资产负债率达71.6%,较2024年末的68.7%明显上升",  # not in the vocabulary
    "预计伴随推理业务占比提升,EBITDA利润率将维持在20%以上",  # a floor, not a figure
    "25Q2阿里“AI+云”资本支出达386亿元,创历史新高",  # another company's capex
    # 利润 ending a compound is not net profit: neither alone nor as one of a pair
    "经营利润与净利润分别为0.15亿元和0.29亿元",
    "调整后利润为5亿元,税前利润为6亿元",
    "支持单一集群6万张卡片,2026年5万",  # a count, even where it ends its clause
])
def test_traps_yield_no_figure(text):
    assert read(text, Q3_25) == set()


def test_clauses_do_not_split_thousands_separators():
    text = "经调整净利润为2,870万元人民币,去年同期亏损2.37亿元人民币"
    assert [text[a:b] for a, b in clauses(text, 0, len(text))] == [
        "经调整净利润为2,870万元人民币", "去年同期亏损2.37亿元人民币"]


@pytest.mark.parametrize(("text", "expected"), [
    ("投资评级 - 买入评级,目标价16.80美元,较现价13.80美元有21.6%上涨空间", ("USD", 16.8)),
    ("给予买入评级,目标价55.00元", ("CNY", 55.0)),
    ("维持6.50港元的目标价", ("HKD", 6.5)),
])
def test_a_target_price_keeps_the_currency_its_words_name(text, expected):
    found = [(r.amount.currency, float(r.amount.value))
             for r in read_paragraph(normalize(text), Q2_25, seed_phrases())
             if r.metric == "target_price"]
    assert found == [expected]


def test_a_quoted_price_keeps_its_currency():
    found = [(r.metric, r.amount.currency, float(r.amount.value))
             for r in read_paragraph(normalize("公司股价盘中涨幅超6%,报6.21港元"), Q3_25,
                                     seed_phrases())]
    assert found == [("share_price", "HKD", 6.21)]

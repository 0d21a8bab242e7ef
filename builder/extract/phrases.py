"""The phrases that name a metric, per language, and the words allowed around them.

Order matters: the first alternative that matches at a position wins, so the specific phrase
(经调整EBITDA利润率) comes before the general one (EBITDA). Bare 收入 is deliberately absent: it
names total revenue only when a segment (公有云, 行业云, AI) is its subject, see ``SEGMENTS``.
"""

from __future__ import annotations

import re

_ADJ = r"(?:经调整|调整后)\s*"
_AT = r"(?:[1-4]Q\d\d|\d\dQ[1-4])?"  # 行业云3Q25营收
_REV = rf"\s*(?:服务|业务)?\s*{_AT}\s*(?:实现)?\s*(?:收入|营收)"

ZH_ALIASES: tuple[tuple[str, str], ...] = (
    ("adj_ebitda_margin", rf"{_ADJ}EBITDA\s*(?:利润)?率"),
    ("adj_ebitda", rf"{_ADJ}EBITDA(?:\s*利润)?"),
    ("ebitda_margin", r"EBITDA\s*(?:利润)?率"),
    ("ebitda", r"EBITDA(?:\s*利润)?"),
    ("adj_gross_margin", rf"{_ADJ}毛利率"),
    ("adj_gross_profit", rf"{_ADJ}毛利"),
    ("adj_operating_income", rf"{_ADJ}经营(?:利润|亏损|盈利)"),
    ("adj_net_income", rf"{_ADJ}净(?:利润|亏损)"),
    ("gross_margin", r"毛利率"),
    ("gross_profit", r"毛利(?!率)"),
    ("net_margin", r"净利润率|净利率"),
    ("net_income", r"归母净利润|净利润|净亏损"),
    ("operating_expenses", r"经营费用"),
    ("public_cloud_revenue", rf"公有云{_REV}"),
    ("industry_cloud_revenue", rf"行业云{_REV}"),
    ("ai_revenue", r"AI\s*(?:相关|业务)*\s*(?:单季度)?\s*(?:毛|账单)?\s*(?:业务)?\s*收入"),
    ("ecosystem_revenue", r"来自(?:小米|金山|生态)[^的,;。]{0,12}的收入"),
    ("revenue", r"总营业收入|营业收入|总收入|总营收|营收|营业额"),
    ("cash", r"现金及现金等价物"),
    ("depreciation_amortization", r"折旧及摊销(?:成本)?"),
    ("total_borrowings", r"总借款(?:规模)?"),
    ("short_term_borrowings", r"短期借款"),
    ("long_term_borrowings", r"长期借款"),
    ("operating_cash_flow", r"经营活动现金流(?:入|量净额)?"),
    ("ppe", r"物业及设备净额|物业、厂房及设备"),
)

EN_ALIASES: tuple[tuple[str, str], ...] = (
    ("adj_ebitda_margin", r"adjusted EBITDA margin"),
    ("adj_ebitda", r"adjusted EBITDA"),
    ("adj_gross_margin", r"adjusted gross margin"),
    ("adj_net_income", r"adjusted net (?:income|loss)"),
    ("gross_margin", r"gross margin"),
    ("gross_profit", r"gross profit"),
    ("public_cloud_revenue", r"public cloud revenue"),
    ("industry_cloud_revenue", r"industry cloud revenue"),
    ("ai_revenue", r"AI[- ]related revenue|AI revenue"),
    ("cash", r"cash and cash equivalents"),
    ("net_income", r"net (?:income|loss)"),
    ("revenue", r"total revenue|revenue"),
)

ALIASES = ZH_ALIASES + EN_ALIASES
ALIAS_RE = re.compile("|".join(f"(?P<m{i}>{pattern})" for i, (_, pattern) in enumerate(ALIASES)),
                      re.IGNORECASE)


def metric_of(match: re.Match[str]) -> str:
    return ALIASES[int(match.lastgroup[1:])][0]  # type: ignore[index]


# A segment named as the subject of a clause lends itself to a bare 收入 in the next clause:
# 行业云增长动能强劲，实现收入11.3亿元.
SEGMENTS = (
    ("public_cloud_revenue", r"公有云"),
    ("industry_cloud_revenue", r"行业云"),
    ("ai_revenue", r"AI\s*(?:相关\s*)?业务|AI\s*相关"),
)
SEGMENT_RE = re.compile("|".join(f"(?P<s{i}>{p})" for i, (_, p) in enumerate(SEGMENTS)))
BARE_REVENUE_RE = re.compile(r"(?:实现)?\s*收入")

# What may stand between the start of a clause and the metric: the company, time words, fillers.
# Anything else (超算软件和技术服务毛利率, 占总收入) is a different subject: no figure.
FILLER_RE = re.compile(
    r"公司|金山云|并行科技|其中|此前|在|整体|实现了?|的|同时|另外|首次|财报显示|预计|"
    r"\b(?:the|company|had|with|an?|its|and|while|for|by|in)\b|[\s\-–·:]",
    re.IGNORECASE,
)

# Between a metric and its value: a verb, possibly after a growth clause ending in 至 (to).
_GROWTH = (r"(?:同比|环比)?\s*(?:大幅|显著|小幅)?\s*(?:增长|激增|扩大|收窄|提升|上升|下降|减少)"
           r"\s*(?:超|近|约)?\s*[\d.]+\s*(?:%|倍)\s*至")
_FROM_TO = r"从\s*[\d.,]+\s*(?:亿|万|百万)元\s*(?:激增|增长|提升|上升|下降|减少)?\s*至"
ZH_GAP = (rf"\s*(?:{_GROWTH}|{_FROM_TO}|"
          r"(?:合计)?(?:为|达到|达|至|是|录得|实现|高达|增至|降至|提升至|升至)?)\s*"
          r"(?P<sign>亏损|盈利)?\s*")
EN_GAP = (r"\s*(?:for\s+(?:Q[1-4]\s+20\d\d|[1-4]Q\d\d|the full year of 20\d\d)\s+)?"
          r"(?:was|were|reached|reaching|of|amounted to|totaled|totalled|stood at|came in at)\s+")

APPROXIMATE_AFTER_RE = re.compile(r"^\s*(?:以上|左右|多|以下)")
FORECAST_RE = re.compile(r"预计|预测|有望|将|目标|指引|forecast|expect", re.IGNORECASE)

"""The phrases that name a metric, per language, and the words allowed around them.

Two sources: the kinds every company reports (营收, 净利润, EBITDA, revenue ...) are written here;
the names of companies and of their segments come from the model files (:mod:`companies`) and are
woven into the same patterns by :func:`phrasebook`. Order matters: the first alternative that
matches at a position wins, so the specific phrase (经调整EBITDA利润率) comes before the general
one (EBITDA), and a segment's revenue before total revenue. Bare 收入 is deliberately absent: it
names a segment's revenue only when the segment is the clause's subject (see ``segment_re``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from builder.extract.companies import Company, Segment
from builder.extract.prefilter import compile_fast
from builder.historicals.vocabulary import METRICS, Metric, segment_metrics

_ADJ = r"(?:经调整|调整后)\s*"
_AT = r"(?:[1-4]Q\d\d|\d\dQ[1-4])?"  # 存储业务3Q25营收
_REV = rf"\s*(?:服务|业务)?\s*{_AT}\s*(?:实现)?\s*(?:收入|营收)"
# What may stand between a segment's name and 收入: 相关, 业务, 单季度, 毛 (gross), 账单 (billings).
_SEGMENT_REV = (r"\s*(?:相关|业务|服务)*\s*(?:单季度)?\s*(?:毛|账单)?\s*(?:业务)?\s*"
                rf"{_AT}\s*(?:实现)?\s*(?:收入|营收)")

ZH_BEFORE_SEGMENTS: tuple[tuple[str, str], ...] = (
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
)
ZH_AFTER_SEGMENTS: tuple[tuple[str, str], ...] = (
    ("revenue", r"总营业收入|营业收入|总收入|总营收|营收|营业额"),
    ("cash", r"现金及现金等价物"),
    ("depreciation_amortization", r"折旧及摊销(?:成本)?"),
    ("total_borrowings", r"总借款(?:规模)?"),
    ("short_term_borrowings", r"短期借款"),
    ("long_term_borrowings", r"长期借款"),
    ("operating_cash_flow", r"经营活动现金流(?:入|量净额)?"),
    ("ppe", r"物业及设备净额|物业、厂房及设备"),
    # Profit unqualified (公司2025年利润): the attributable net profit, the figure Chinese
    # research forecasts. Not the end of a compound (经营利润, 调整后利润, EBITDA利润, 毛利润),
    # so only after a year, the company or a non-word; not 利润率 / 利润总额 / 利润表.
    ("net_income", r"(?:(?<![\u3400-\u9fffA-Za-z])|(?<=[年度司]))利润(?![率总表])"),
)
EN_BEFORE_SEGMENTS: tuple[tuple[str, str], ...] = (
    ("adj_ebitda_margin", r"adjusted EBITDA margin"),
    ("adj_ebitda", r"adjusted EBITDA"),
    ("adj_gross_margin", r"adjusted gross margin"),
    ("adj_net_income", r"adjusted net (?:income|loss)"),
    ("gross_margin", r"gross margin"),
    ("gross_profit", r"gross profit"),
)
EN_AFTER_SEGMENTS: tuple[tuple[str, str], ...] = (
    ("cash", r"cash and cash equivalents"),
    ("net_income", r"net (?:income|loss)"),
    ("revenue", r"total revenue|revenue"),
)

BARE_REVENUE_RE = re.compile(r"(?:实现)?\s*收入")

# What may stand between the start of a clause and the metric: the company (its names are added
# from the model files), time words, fillers. Anything else (超算软件和技术服务毛利率, 占总收入)
# is a different subject: no figure.
_FILLERS = (r"公司|其中|此前|在|整体|实现了?|的|同时|另外|首次|财报显示|预计|(?:团队)?预测|"
            r"\b(?:the|company|had|with|an?|its|and|while|for|by|in)\b|[\s\-–·:]")

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
_PCT = r"(?P<value>[-]?\d+(?:\.\d+)?\s*%)"


def names_pattern(names: Iterable[str]) -> str:
    """An alternation of literal names, longest first; a name starting or ending in a Latin
    letter or digit must not touch another one (ABC is not the ABC in XABC)."""
    parts = []
    for name in sorted(set(names), key=lambda n: (-len(n), n)):
        pattern = re.escape(name)
        if name[:1].isascii() and name[:1].isalnum():
            pattern = r"(?<![A-Za-z0-9])" + pattern
        if name[-1:].isascii() and name[-1:].isalnum():
            pattern += r"(?![A-Za-z0-9])"
        parts.append(pattern)
    return "|".join(parts) or r"(?!x)x"


@dataclass(frozen=True, slots=True)
class Share:
    """How a child segment's share of its parent is written, and the metric it fills."""

    metric: str
    zh: re.Pattern[str]
    en: re.Pattern[str]


class Phrasebook:
    """Every pattern prose reading needs, built once from the declared companies."""

    def __init__(self, companies: Iterable[Company]):
        companies = list(companies)
        segments = [s for c in companies for s in _walk(c.segments)]
        self.metrics: dict[str, Metric] = {
            **METRICS, **segment_metrics(s for c in companies for s in c.segments)}
        zh = [*ZH_BEFORE_SEGMENTS,
              *((f"{s.id}_revenue", f"(?:{names_pattern(s.aliases)}){_SEGMENT_REV}")
                for s, _ in segments if s.aliases),
              *ZH_AFTER_SEGMENTS]
        en = [*EN_BEFORE_SEGMENTS,
              *((f"{s.id}_revenue", f"(?:{names_pattern(s.aliases)})(?:[- ]related)?\\s+revenue")
                for s, _ in segments if s.aliases),
              *EN_AFTER_SEGMENTS]
        self.aliases = (*zh, *en)
        self.zh_count = len(zh)
        self.alias_re = compile_fast(
            "|".join(f"(?P<m{i}>{pattern})" for i, (_, pattern) in enumerate(self.aliases)),
            re.IGNORECASE)
        self.list_lead_re = re.compile(
            rf"\s*(?:{self.alias_re.pattern}|(?P<bare>收入))\s*预测\s*(?:为|至)\s*",
            re.IGNORECASE)
        subjects = [(f"{s.id}_revenue", f"(?:{names_pattern(s.aliases)})\\s*(?:相关\\s*)?(?:业务)?")
                    for s, _ in segments if s.aliases]
        self.segments = tuple(metric for metric, _ in subjects)
        self.segment_re = compile_fast("|".join(f"(?P<s{i}>{p})" for i, (_, p) in
                                                enumerate(subjects)) or r"(?!x)x")
        self.shares = {f"{s.id}_revenue": _share(s.id, parent) for s, parent in segments
                       if parent is not None and parent.aliases}
        company_names = names_pattern(n for c in companies for n in c.names)
        self.filler_re = re.compile(f"{company_names}|{_FILLERS}", re.IGNORECASE)
        self._entities = {n: c.entity for c in companies for n in c.names}
        self.currencies = {c.entity: c.currency for c in companies}  # reporting currencies
        self._names_re = compile_fast(company_names)

    def entity_of(self, text: str) -> str:
        """The entity whose declared name comes first in ``text``, or "" when none does."""
        found = self._names_re.search(text)
        return self._entities[found.group()] if found else ""

    def metric_of(self, match: re.Match[str]) -> str:
        """The metric of a match of :attr:`alias_re` (or a pattern that embeds it)."""
        return self.aliases[self._index(match)][0]

    def is_english(self, match: re.Match[str]) -> bool:
        return self._index(match) >= self.zh_count

    def segment_of(self, match: re.Match[str]) -> str:
        return self.segments[int(match.lastgroup[1:])]  # type: ignore[index]

    def share_of(self, metric: str) -> Share | None:
        """The share-of-parent form of a child segment's revenue metric, if it has a parent."""
        return self.shares.get(metric)

    @staticmethod
    def _index(match: re.Match[str]) -> int:
        # The alternatives hold no capturing group of their own, so the last group closed is
        # the alternative that matched.
        return int(match.lastgroup[1:])  # type: ignore[index]


def _walk(segments: Iterable[Segment],
          parent: Segment | None = None) -> Iterator[tuple[Segment, Segment | None]]:
    for segment in segments:
        yield segment, parent
        yield from _walk(segment.children, segment)


def _share(child: str, parent: Segment) -> Share:
    names = names_pattern(parent.aliases)
    zh = re.compile(rf"\s*(?:在(?:{names})(?:服务|业务)?收入中占比\s*(?:达|为)?|"
                    rf"占(?:{names})(?:服务|业务)?收入(?:的|比例)?\s*(?:达|为)?)\s*" + _PCT,
                    re.IGNORECASE)
    en = re.compile(r"\s*accounted for\s*" + _PCT + rf"\s*of (?:{names}) revenue", re.IGNORECASE)
    return Share(f"{child}_share_of_{parent.id}", zh, en)


def phrasebook(companies: Iterable[Company]) -> Phrasebook:
    return Phrasebook(companies)

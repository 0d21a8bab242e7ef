"""Read figures from prose: a sentence at a time, a clause at a time, with what came before.

Broker prose states a figure as ``[period] metric verb value`` and then leans on it: the next
clause gives its growth (同比增长 31.4%), its margin (利润率为 33.4%), the year-ago value
(去年同期亏损 2.37 亿元) or a share of it (占公有云收入的 44.8%). :class:`SentenceState` carries
what a clause may lean on; it is reset at every sentence so nothing leaks between sentences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from builder.extract import phrases as ph
from builder.extract.numbers import VALUE, VALUE_RE, Amount, amount_from, has_currency
from builder.extract.periods import PERIOD_RE, Period, PeriodContext, resolve
from builder.historicals.vocabulary import METRICS, Measure


@dataclass(frozen=True, slots=True)
class Reading:
    """A figure found in a paragraph: ``span`` indexes the paragraph text, ``anchor`` the number."""

    metric: str
    amount: Amount
    period: Period | None
    span: tuple[int, int]
    forecast: bool
    on_date: bool = False  # a price or target, dated by the article rather than a period


@dataclass(slots=True)
class SentenceState:
    context: PeriodContext
    start: int = 0  # where the sentence begins in the paragraph
    running: Period | None = None  # last period named in this sentence
    last: Reading | None = None  # last figure read, for growth, margin and year-ago clauses
    last_was_loss: bool = False
    subject: str = ""  # metric a clause named without a value (毛利率持续改善,)
    segment: str = ""  # segment a clause had as its subject (行业云增长动能强劲,)
    pair: tuple[str, str] | None = None  # 调整后经营利润与调整后净利润 ... 分别为
    cagr: tuple[str, int] | None = None  # 2025-2027年营收复合增长率约18%, 达 ...
    readings: list[Reading] = field(default_factory=list)

    def period_at(self, position: int, periods: list[tuple[int, Period | None]]) -> Period | None:
        """The period named nearest before ``position`` in the clause, else the sentence's."""
        before = [p for end, p in periods if end <= position and p is not None]
        return before[-1] if before else (self.running or self.context.headline)

    def context_at(self, running: Period | None) -> PeriodContext:
        return PeriodContext(self.context.date, self.context.anchor_year, self.context.headline,
                             running)

    def resolve(self, match: re.Match[str]) -> Period | None:
        return resolve(match, self.context_at(self.running))

    def add(self, reading: Reading, loss: bool = False) -> None:
        self.readings.append(reading)
        self.last, self.last_was_loss = reading, loss


_MEASURE_OF_AMOUNT = {"money": Measure.MONEY, "ratio": Measure.RATIO, "price": Measure.PER_SHARE}
ZH_GAP_RE = re.compile(ph.ZH_GAP + f"(?P<value>{VALUE})")
EN_GAP_RE = re.compile(ph.EN_GAP + f"(?P<value>{VALUE})", re.IGNORECASE)
_PCT = r"(?P<value>[-]?\d+(?:\.\d+)?\s*%)"
YOY_RE = re.compile(
    r"\s*(?:实现)?\s*(?:representing\s+)?(?:同比\s*(?:大幅|显著|仅|略)?\s*(?P<dir>增长|增加|上升|提升|下降|减少|下滑)"
    r"|(?:an?\s+)?(?:\w+\s+)?year-on-year\s+(?P<edir>increase|decrease|growth|decline)\s+of)\s*"
    + _PCT, re.IGNORECASE)
MARGIN_RE = re.compile(r"\s*(?:对应)?\s*利润率\s*(?:提升至|为|达)\s*" + _PCT)
SHARE_RE = re.compile(
    r"\s*(?:在公有云(?:服务)?收入中占比\s*(?:达|为)?|占公有云(?:服务)?收入(?:的|比例)?\s*(?:达|为)?)\s*"
    + _PCT)
SHARE_EN_RE = re.compile(r"\s*accounted for\s*" + _PCT + r"\s*of public cloud revenue",
                         re.IGNORECASE)
MARGINS = {"adj_ebitda": "adj_ebitda_margin", "ebitda": "ebitda_margin"}


def fits(metric: str, amount: Amount) -> bool:
    """A money metric takes money, a ratio a percentage, a price a per-share amount."""
    return METRICS[metric].measure is _MEASURE_OF_AMOUNT[amount.measure]


def only_fillers(text: str) -> bool:
    """True when ``text`` holds nothing but periods, the company's name and filler words."""
    return not ph.FILLER_RE.sub("", PERIOD_RE.sub("", text)).strip(",")


def value_at(match: re.Match[str], group: str = "value") -> Amount | None:
    """The amount in ``match``'s value group, unless it is approximate or not money."""
    inner = VALUE_RE.fullmatch(match[group])
    if inner is None or not has_currency(inner):
        return None
    after = match.string[match.end(group):match.end(group) + 3]
    if ph.APPROXIMATE_AFTER_RE.match(after):
        return None
    return amount_from(inner, match.start(group))


def statements(text: str, start: int, end: int, state: SentenceState,
               periods: list[tuple[int, Period | None]], forecast: bool) -> None:
    """``[period] metric verb value`` statements, then the clauses that lean on each."""
    position = start
    for alias in ph.ALIAS_RE.finditer(text, start, end):
        if alias.start() < position:
            continue
        if not only_fillers(text[position:alias.start()]):
            break
        metric = ph.metric_of(alias)
        english = alias.lastgroup and int(alias.lastgroup[1:]) >= len(ph.ZH_ALIASES)
        gap = (EN_GAP_RE if english else ZH_GAP_RE).match(text, alias.end(), end)
        if gap is None:
            if not _leaning(text, alias, end, metric, state, periods, forecast):
                state.subject = state.subject or metric
            break
        amount = value_at(gap)
        if amount is None:
            break
        if metric == "ebitda_margin" and state.last and state.last.metric == "adj_ebitda":
            metric = "adj_ebitda_margin"
        if not fits(metric, amount):
            break
        named = alias.group().lower()
        loss = "亏损" in named or "loss" in named or gap.groupdict().get("sign") == "亏损"
        if loss and amount.value > 0:
            amount = amount.negated()
        period = state.period_at(amount.start, periods)
        begin = position + len(text[position:alias.start()]) - len(text[position:alias.start()]
                                                                    .lstrip(" ,"))
        state.add(Reading(metric, amount, period, (begin, amount.end), forecast), loss)
        position = amount.end
        position = leaning(text, position, end, state, forecast) or position


def _leaning(text, alias, end, metric, state, periods, forecast) -> bool:
    """A metric followed directly by its growth or share: 营收同比增长17.8%."""
    period = state.period_at(alias.start(), periods)
    share = "ai_share_of_public_cloud" if metric == "ai_revenue" else ""
    for regex, name in ((YOY_RE, f"{metric}_yoy"), (SHARE_RE, share), (SHARE_EN_RE, share)):
        match = regex.match(text, alias.end(), end)
        if match is None or name not in METRICS:
            continue
        amount = value_at(match)
        if amount is None:
            return True
        if match.groupdict().get("dir") in ("下降", "减少", "下滑"):
            amount = amount.negated()
        state.add(Reading(name, amount, period, (alias.start(), amount.end), forecast))
        return True
    return False


def leaning(text: str, start: int, end: int, state: SentenceState, forecast: bool) -> int | None:
    """Growth, margin or share of the last figure, read at ``start``; returns where it ended."""
    last = state.last
    if last is None:
        return None
    share = "ai_share_of_public_cloud" if last.metric == "ai_revenue" else ""
    candidates = ((YOY_RE, f"{last.metric}_yoy"), (MARGIN_RE, MARGINS.get(last.metric, "")),
                  (SHARE_RE, share), (SHARE_EN_RE, share))
    for regex, metric in candidates:
        match = regex.match(text, start, end)
        if match is None:
            continue
        amount = value_at(match)
        if metric not in METRICS or amount is None:
            return match.end()
        if (match.groupdict().get("dir") or "") in ("下降", "减少", "下滑") or (
                match.groupdict().get("edir") or "").lower() in ("decrease", "decline"):
            amount = amount.negated()
        state.readings.append(Reading(metric, amount, last.period, (start, amount.end), forecast))
        return match.end()
    return None

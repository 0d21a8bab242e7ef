"""Read ``[period] metric verb value`` statements, and the clauses that follow on from them.

Broker prose states a figure and then leans on it: the next clause gives its growth
(同比增长 31.4%), its margin (利润率为 33.4%) or its share of the parent segment (占...的 44.8%).
:class:`SentenceState` carries what a clause may lean on; a new one starts at every sentence, so
nothing leaks from one sentence to the next.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from builder.extract import phrases as ph
from builder.extract.numbers import VALUE, VALUE_RE, Amount, amount_from, has_currency
from builder.extract.periods import PERIOD_RE, Period, PeriodContext, resolve
from builder.extract.phrases import Phrasebook
from builder.historicals.vocabulary import Measure

Periods = list[tuple[int, Period | None]]  # (end offset of the mention, resolved period)


@dataclass(frozen=True, slots=True)
class Reading:
    """A figure found in a paragraph; ``span`` indexes the paragraph text, the number is at
    ``amount.start``."""

    metric: str
    amount: Amount
    period: Period | None
    span: tuple[int, int]
    forecast: bool  # the clause speaks of a forecast (预计, 预测, 有望 ...)
    on_date: bool = False  # a price or target, dated by the article rather than a period


@dataclass(frozen=True, slots=True)
class Series:
    """A metric stated for one period (2025年利润约2000万,): the clauses right after it may go
    on with the next periods of the same kind, a period and a value each (2026年5,400万)."""

    metric: str
    kind: str  # the periods' kind: "FY", "Q", "H" or "9M"
    forecast: bool  # the first clause forecasts (团队预测 ...): so do the rest
    loss: bool  # stated as a loss: so are the rest


@dataclass(slots=True)
class SentenceState:
    """What the clauses of one sentence know about the clauses before them."""

    context: PeriodContext
    phrases: Phrasebook
    start: int = 0  # where the sentence begins in the paragraph
    running: Period | None = None  # last period named in this sentence
    last: Reading | None = None  # last figure stated, for growth, margin and year-ago clauses
    last_was_loss: bool = False  # it was stated as a loss (净亏损为 19.67 亿元)
    subject: str = ""  # metric a clause named without a value (毛利率持续改善,)
    subject_loss: bool = False  # named as a loss (净亏损收窄趋势明确,)
    segment: str = ""  # segment a clause had as its subject (存储业务增长动能强劲,)
    pair: tuple[str, str] | None = None  # 调整后经营利润与调整后净利润 ... 分别为
    cagr: tuple[str, int] | None = None  # 2025-2027年营收复合增长率约18%, 达 ...
    series: Series | None = None  # the series the previous clause began or went on with
    readings: list[Reading] = field(default_factory=list)

    def period_at(self, position: int, periods: Periods) -> Period | None:
        """The period named nearest before ``position`` in the clause, else the sentence's."""
        before = [p for end, p in periods if end <= position and p is not None]
        return before[-1] if before else (self.running or self.context.headline)

    def fits(self, metric: str, amount: Amount) -> bool:
        """A money metric takes money, a ratio a percentage, a price a per-share amount."""
        known = self.phrases.metrics.get(metric)
        return known is not None and known.measure is _MEASURE_OF_AMOUNT[amount.measure]

    def known(self, metric: str) -> bool:
        return metric in self.phrases.metrics

    def context_at(self, running: Period | None) -> PeriodContext:
        return PeriodContext(self.context.date, self.context.anchor_year, self.context.headline,
                             running)

    def resolve(self, match: re.Match[str]) -> Period | None:
        return resolve(match, self.context_at(self.running))

    def add(self, reading: Reading, loss: bool = False) -> None:
        """Record a stated figure: later clauses may lean on it."""
        self.readings.append(reading)
        self.last, self.last_was_loss = reading, loss


_MEASURE_OF_AMOUNT = {"money": Measure.MONEY, "ratio": Measure.RATIO, "price": Measure.PER_SHARE}
ZH_GAP_RE = re.compile(ph.ZH_GAP + f"(?P<value>{VALUE})")
EN_GAP_RE = re.compile(ph.EN_GAP + f"(?P<value>{VALUE})", re.IGNORECASE)
_PCT = r"(?P<value>[-]?\d+(?:\.\d+)?\s*%)"
YOY_RE = re.compile(
    r"\s*(?:实现)?\s*(?:representing\s+)?"
    r"(?:同比\s*(?:大幅|显著|仅|略)?\s*(?P<dir>增长|增加|上升|提升|下降|减少|下滑)"
    r"|(?:an?\s+)?(?:\w+\s+)?year-on-year\s+(?P<edir>increase|decrease|growth|decline)\s+of)\s*"
    + _PCT, re.IGNORECASE)
MARGIN_RE = re.compile(r"\s*(?:对应)?\s*利润率\s*(?:提升至|为|达)\s*" + _PCT)
MARGINS = {"adj_ebitda": "adj_ebitda_margin", "ebitda": "ebitda_margin"}
_FALLING = {"下降", "减少", "下滑", "decrease", "decline"}


def only_fillers(text: str, phrases: Phrasebook) -> bool:
    """True when ``text`` holds nothing but periods, the company's name and filler words."""
    return not phrases.filler_re.sub("", PERIOD_RE.sub("", text)).strip(",")


def value_at(match: re.Match[str], group: str = "value") -> Amount | None:
    """The amount in ``match``'s group, unless it is approximate (以上, 左右) or not money."""
    inner = VALUE_RE.fullmatch(match[group])
    if inner is None or not has_currency(inner):
        return None
    after = match.string[match.end(group):match.end(group) + 3]
    if ph.APPROXIMATE_AFTER_RE.match(after):
        return None
    return amount_from(inner, match.start(group))


def first_char(text: str, start: int, end: int) -> int:
    """Where ``text[start:end]`` begins once spaces and commas are skipped: a quote's start."""
    return start + len(text[start:end]) - len(text[start:end].lstrip(" ,"))


def statements(text: str, start: int, end: int, state: SentenceState, periods: Periods,
               forecast: bool) -> None:
    """``[period] metric verb value`` statements, each followed by the clauses leaning on it.

    The text before a metric must hold nothing but periods, the company and filler words:
    超算软件和技术服务毛利率 is a segment's margin, 占总收入 a share, neither the company's figure.
    """
    position = start
    phrases = state.phrases
    for alias in phrases.alias_re.finditer(text, start, end):
        if alias.start() < position:
            continue
        if not only_fillers(text[position:alias.start()], phrases):
            return
        metric = phrases.metric_of(alias)
        english = phrases.is_english(alias)
        gap = (EN_GAP_RE if english else ZH_GAP_RE).match(text, alias.end(), end)
        if gap is None:
            begin = first_char(text, position, alias.start())
            grew = _own_growth(text, alias, begin, end, metric, state, periods, forecast)
            if not grew and not state.subject:
                state.subject, state.subject_loss = metric, "亏损" in alias.group()
            return
        amount = value_at(gap)
        if metric == "ebitda_margin" and state.last and state.last.metric == "adj_ebitda":
            metric = "adj_ebitda_margin"  # EBITDA率 right after 调整后EBITDA is its margin
        if amount is None or not state.fits(metric, amount):
            return
        named = alias.group().lower()
        loss = "亏损" in named or "loss" in named or gap.groupdict().get("sign") == "亏损"
        if loss and amount.value > 0:
            amount = amount.negated()
        span = (first_char(text, position, alias.start()), amount.end)
        state.add(Reading(metric, amount, state.period_at(amount.start, periods), span,
                          forecast), loss)
        position = follow_on(text, amount.end, end, state, forecast) or amount.end


def _signed(match: re.Match[str], amount: Amount) -> Amount:
    direction = (match.groupdict().get("dir") or match.groupdict().get("edir") or "").lower()
    return amount.negated() if direction in _FALLING else amount


def _own_growth(text: str, alias: re.Match[str], begin: int, end: int, metric: str,
                state: SentenceState, periods: Periods, forecast: bool) -> bool:
    """A metric followed directly by its growth or share, no value: 营收同比增长17.8%."""
    period = state.period_at(alias.start(), periods)
    for regex, name in ((YOY_RE, f"{metric}_yoy"), *_share_forms(state, metric)):
        match = regex.match(text, alias.end(), end)
        if match is None or not state.known(name):
            continue
        amount = value_at(match)
        if amount is not None:
            state.readings.append(Reading(name, _signed(match, amount), period,
                                          (begin, amount.end), forecast))
        return True
    return False


def follow_on(text: str, start: int, end: int, state: SentenceState, forecast: bool) -> int | None:
    """Growth, margin or share of the last figure, read at ``start``; returns where it ended.

    A growth whose metric is not in the vocabulary (净亏损同比扩大) is consumed, not read.
    """
    last = state.last
    if last is None or text.find("%", start, end) < 0:  # each form ends in a percentage
        return None
    candidates = ((YOY_RE, f"{last.metric}_yoy"), (MARGIN_RE, MARGINS.get(last.metric, "")),
                  *_share_forms(state, last.metric))
    for regex, metric in candidates:
        match = regex.match(text, start, end)
        if match is None:
            continue
        amount = value_at(match)
        if state.known(metric) and amount is not None:
            span = (first_char(text, start, end), amount.end)
            state.readings.append(Reading(metric, _signed(match, amount), last.period, span,
                                          forecast))
        return match.end()
    return None


def _share_forms(state: SentenceState, metric: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    """(pattern, metric) of a child segment's share of its parent, if ``metric`` is a child's."""
    share = state.phrases.share_of(metric)
    return ((share.zh, share.metric), (share.en, share.metric)) if share else ()

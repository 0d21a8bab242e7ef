"""Read a paragraph of prose: split it into sentences and clauses, and try each form on a clause.

A sentence ends at 。 ! ? ; at a bullet (`` - `` or `` * ``) or at citation marks ([2][3]);
a clause ends at a comma that is not a thousands separator. Parentheses are blanked out first:
they hold restatements (271.51百万美元, 9,425百万元) and asides (Q1为14%), never a new figure.
"""

from __future__ import annotations

import re
from itertools import pairwise

from builder.extract import forms
from builder.extract import phrases as ph
from builder.extract.numbers import VALUE
from builder.extract.periods import PERIOD_RE, RANGE_RE, Period, PeriodContext, resolve, year_range
from builder.extract.phrases import Phrasebook
from builder.extract.prefilter import compile_fast
from builder.extract.rules import Reading, SentenceState, follow_on, statements

_SENTENCE_END = compile_fast(r"[。!?;]|\.(?=\s)|\s[-*]\s|(?:\[\d+\])+")
_MASK = re.compile(r"\([^()]*\)|\[\d+\]")
_THOUSANDS = compile_fast(r"(?<=\d),(?=\d{3}(?!\d))")
_PAIRED = re.compile(r"\s*(?:与|和|及)\s*")
_DIGIT = re.compile(r"[0-9]")
_ANY_VALUE = compile_fast(VALUE)
_COMMA = re.compile(",")
# Each form with a word its clause must hold (None: always tried), so that most clauses skip
# most forms with one substring test, and whether it can take a clause without a digit (it may
# consume one without reading a figure: 去年同期亏损, with the value in the next clause).
_FORMS = ((forms.forecast_list, "预测", False), (forms.series_item, None, False),
          (forms.respectively, None, False),
          (forms.from_to, "从", True), (forms.cagr_end, None, False),
          (forms.year_ago, "去年同期", True), (forms.compared_with, "较", False),
          (forms.target_price, "目标价", False), (forms.quoted_price, "报", False))
_DIGITLESS_FORMS = tuple(entry for entry in _FORMS if entry[2])


def mask(text: str) -> str:
    """Blank out parentheses and citation marks, keeping every offset."""
    return _MASK.sub(lambda m: " " * len(m.group()), text)


def sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split ``text[start:end]`` at commas, except thousands separators (2,870万元)."""
    thousands = {m.start() for m in _THOUSANDS.finditer(text, start, end)}
    cuts = [m.start() for m in _COMMA.finditer(text, start, end) if m.start() not in thousands]
    bounds = [start - 1, *cuts, end]
    return [(a + 1, b) for a, b in pairwise(bounds)]


def read_paragraph(text: str, context: PeriodContext, phrases: Phrasebook) -> list[Reading]:
    """Every figure a paragraph states, in reading order."""
    masked = mask(text)
    readings: list[Reading] = []
    for s_start, s_end in sentences(text):
        if not _ANY_VALUE.search(masked, s_start, s_end):
            continue  # every figure ends in a value (亿元, %, 美元): without one, none
        state = SentenceState(context, phrases, s_start)
        # Periods are found once per sentence: none can span a clause's comma.
        mentions = list(PERIOD_RE.finditer(masked, s_start, s_end))
        for c_start, c_end in clauses(masked, s_start, s_end):
            own = [m for m in mentions if c_start <= m.start() and m.end() <= c_end]
            read_clause(masked, c_start, c_end, state, own)
        readings.extend(state.readings)
    return readings


def read_clause(text: str, start: int, end: int, state: SentenceState,
                mentions: list[re.Match[str]] | None = None) -> None:
    """Try the special forms, then growth of the last figure, then plain statements.

    ``mentions``: the clause's period matches, when the caller has them. A clause without a
    digit holds no figure, so only the forms that consume a digit-less clause are tried, and
    the plain statements for the subject they may name (毛利率持续改善,).
    """
    periods: list[tuple[int, Period | None]] = []
    if mentions is None:
        mentions = list(PERIOD_RE.finditer(text, start, end))
    for match in mentions:
        context = state.context_at(state.period_at(match.start(), periods))
        periods.append((match.end(), resolve(match, context)))
    forecast = bool(ph.FORECAST_RE.search(text, start, end))
    before, subject = len(state.readings), state.subject
    digits = _DIGIT.search(text, start, end) is not None
    shape = None
    for form, word, _ in _FORMS if digits else _DIGITLESS_FORMS:
        if (word is None or text.find(word, start, end) >= 0) and \
                form(text, start, end, state, periods, forecast):
            shape = form
            break
    if shape is None and (not digits or follow_on(text, start, end, state, forecast) is None):
        if digits:
            forms.bare_revenue(text, start, end, state, periods, forecast)
        statements(text, start, end, state, periods, forecast)
    produced = state.readings[before:]
    state.series = forms.next_series(state, periods, produced,
                                     state.subject if state.subject != subject else "",
                                     forecast, shape is forms.series_item)
    _remember(text[start:end], state, produced=bool(produced))
    resolved = [p for _, p in periods if p is not None]
    state.running = resolved[-1] if resolved else state.running


def _remember(clause: str, state: SentenceState, produced: bool) -> None:
    """What the next clause may lean on: a segment subject, a metric pair, a CAGR's end year."""
    phrases = state.phrases
    segment = None
    if not produced and phrases.segment_re.search(clause):  # else no segment can lead it
        head = phrases.filler_re.sub("", PERIOD_RE.sub("", clause))
        segment = phrases.segment_re.match(head)
    state.segment = phrases.segment_of(segment) if segment else ""
    paired = not produced and ("与" in clause or "和" in clause or "及" in clause)
    cagr = "复合增长率" in clause
    if not (paired or cagr):
        return  # neither a metric pair nor a CAGR can be named here
    aliases = list(phrases.alias_re.finditer(clause))
    if len(aliases) == 2 and paired and _PAIRED.fullmatch(
            clause[aliases[0].end():aliases[1].start()]):
        state.pair = (phrases.metric_of(aliases[0]), phrases.metric_of(aliases[1]))
    span = RANGE_RE.search(clause)
    if span and aliases and cagr and year_range(span):
        state.cagr = (phrases.metric_of(aliases[0]), year_range(span)[-1])

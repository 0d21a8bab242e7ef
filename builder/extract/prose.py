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
from builder.extract.periods import PERIOD_RE, RANGE_RE, Period, PeriodContext, resolve, year_range
from builder.extract.phrases import Phrasebook
from builder.extract.rules import Reading, SentenceState, follow_on, statements

_SENTENCE_END = re.compile(r"[。!?;]|\.(?=\s)|\s[-*]\s|(?:\[\d+\])+")
_MASK = re.compile(r"\([^()]*\)|\[\d+\]")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_PAIRED = re.compile(r"\s*(?:与|和|及)\s*")
_FORMS = (forms.forecast_list, forms.respectively, forms.from_to, forms.cagr_end,
          forms.year_ago, forms.compared_with, forms.target_price, forms.quoted_price)


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
    cuts = [i for i in range(start, end) if text[i] == "," and i not in thousands]
    bounds = [start - 1, *cuts, end]
    return [(a + 1, b) for a, b in pairwise(bounds)]


def read_paragraph(text: str, context: PeriodContext, phrases: Phrasebook) -> list[Reading]:
    """Every figure a paragraph states, in reading order."""
    masked = mask(text)
    readings: list[Reading] = []
    for s_start, s_end in sentences(text):
        state = SentenceState(context, phrases, s_start)
        for c_start, c_end in clauses(masked, s_start, s_end):
            read_clause(masked, c_start, c_end, state)
        readings.extend(state.readings)
    return readings


def read_clause(text: str, start: int, end: int, state: SentenceState) -> None:
    """Try the special forms, then growth of the last figure, then plain statements."""
    periods: list[tuple[int, Period | None]] = []
    for match in PERIOD_RE.finditer(text, start, end):
        context = state.context_at(state.period_at(match.start(), periods))
        periods.append((match.end(), resolve(match, context)))
    forecast = bool(ph.FORECAST_RE.search(text, start, end))
    before = len(state.readings)
    if not any(form(text, start, end, state, periods, forecast) for form in _FORMS) and \
            follow_on(text, start, end, state, forecast) is None:
        forms.bare_revenue(text, start, end, state, periods, forecast)
        statements(text, start, end, state, periods, forecast)
    _remember(text[start:end], state, produced=len(state.readings) > before)
    resolved = [p for _, p in periods if p is not None]
    state.running = resolved[-1] if resolved else state.running


def _remember(clause: str, state: SentenceState, produced: bool) -> None:
    """What the next clause may lean on: a segment subject, a metric pair, a CAGR's end year."""
    phrases = state.phrases
    head = phrases.filler_re.sub("", PERIOD_RE.sub("", clause))
    segment = phrases.segment_re.match(head)
    state.segment = phrases.segment_of(segment) if segment and not produced else ""
    aliases = list(phrases.alias_re.finditer(clause))
    if len(aliases) == 2 and not produced and _PAIRED.fullmatch(
            clause[aliases[0].end():aliases[1].start()]):
        state.pair = (phrases.metric_of(aliases[0]), phrases.metric_of(aliases[1]))
    span = RANGE_RE.search(clause)
    if span and aliases and "复合增长率" in clause and year_range(span):
        state.cagr = (phrases.metric_of(aliases[0]), year_range(span)[-1])

"""The O(n log n) agreement test gives the pairwise answer, and reconcile the same results.

The quadratic reconcile is kept below, verbatim, as the reference: random groups (and groups built
to sit on the edges: half a place apart, a few float steps either side, the 1e-9 slack band,
mixed signs, |value| near 1) must give the same merged figures, conflicts and notes."""

from __future__ import annotations

import math
from collections import defaultdict

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from builder.historicals.agreement import all_agree, all_agree_pairwise, readings_agree
from builder.historicals.reconcile import reconcile
from builder.historicals.records import Conflict, Figure, Kind, ReconciledFigure, Source

EXAMPLES = settings(max_examples=1500, deadline=None, derandomize=True)


def old_reconcile(figures, choices=None):
    """The reconcile of commit 3d7f8c5, every pair compared (the reference); its groups are the
    figures' keys, which now tell currencies apart."""
    def agree(a, b):
        half_place = max(a.precision, b.precision) / 2
        return abs(a.value - b.value) <= half_place + 1e-9 * max(1.0, abs(a.value))

    choices = choices or {}
    groups = defaultdict(list)
    for figure in figures:
        groups[figure.key].append(figure)
    merged, conflicts = [], []
    for key in sorted(groups):
        group = groups[key]
        entity, metric, period, broker, _ = key
        chosen_document = choices.get((entity, metric, period))
        if all(agree(a, b) for a in group for b in group):
            merged.append(_old_merge(group, note=""))
        elif chosen_document is not None:
            picked = [f for f in group if f.source.document == chosen_document]
            if not picked:
                conflicts.append(Conflict(entity, metric, period, broker, tuple(group)))
                continue
            overruled = [f for f in group if not agree(f, picked[0])]
            note = "analyst chose " + chosen_document + " over " + ", ".join(
                f"{f.value:g} ({f.source.document}:{f.source.line})" for f in overruled)
            merged.append(_old_merge([f for f in group if agree(f, picked[0])], note=note))
        else:
            conflicts.append(Conflict(entity, metric, period, broker, tuple(group)))
    return merged, conflicts


def _old_merge(group, note):
    most_precise = min(group, key=lambda f: (f.precision, f.source.document, f.source.line))
    sources = tuple(sorted({f.source for f in group}, key=lambda s: (s.document, s.line, s.quote)))
    return ReconciledFigure(most_precise.entity, most_precise.metric, most_precise.period,
                            most_precise.value, most_precise.unit, most_precise.currency,
                            most_precise.kind, most_precise.broker, sources, note)


def figure(value: float, precision: float, line: int = 1, metric: str = "revenue",
           document: str = "a.txt") -> Figure:
    return Figure("KC", metric, "3Q25", value, "million", "CNY", Kind.ACTUAL, "", precision,
                  Source(document, line, repr(value)))


PRECISIONS = st.one_of(st.sampled_from([10.0 ** k for k in range(-4, 4)] + [0.5, 2.0, 25.0]),
                       st.floats(1e-6, 1e7, allow_nan=False, allow_infinity=False))
MAGNITUDES = st.sampled_from([0.0, 0.3, 1.0, 2.5, 730.0, 1.0e6, 123456.78, 3.3e9])


def _steps(value: float, count: int) -> float:
    for _ in range(abs(count)):
        value = math.nextafter(value, math.inf if count > 0 else -math.inf)
    return value


@st.composite
def edge_readings(draw) -> list[tuple[float, float]]:
    """Readings around a centre: half a place away (their own place or a coarser reading's),
    a few float steps off, inside or just outside the slack."""
    centre = draw(MAGNITUDES) * draw(st.sampled_from([1.0, -1.0]))
    coarse = draw(PRECISIONS)
    readings = [(centre, coarse)] if draw(st.booleans()) else []
    for _ in range(draw(st.integers(1, 7))):
        precision = draw(PRECISIONS)
        place = draw(st.sampled_from([precision, coarse]))
        half = place / 2 * draw(st.sampled_from([0, 1, -1, 2, -2, 0.5]))
        slack = 1e-9 * max(1.0, abs(centre)) * draw(
            st.sampled_from([0, 0.5, 1, -1, 1.5, 0.9995, -0.9995, 0.999, -0.999]))
        value = _steps(centre + half + slack, draw(st.integers(-3, 3)))
        readings.append((value, precision))
    return readings


@st.composite
def band_readings(draw) -> list[tuple[float, float]]:
    """The rare band: a coarse reading b (precision over twice its size) and finer readings of
    the other sign, about pb/2 - vb away, within 1e-9 * vb of the edge."""
    vb = draw(st.sampled_from([1.5, 40.0, 3.0e4, 2.0e8])) * draw(st.sampled_from([1, -1]))
    pb = 2 * abs(vb) * draw(st.sampled_from([1.0, 1.5, 3.0]))
    readings = [(vb, pb)]
    edge = pb / 2 - abs(vb)
    for _ in range(draw(st.integers(1, 6))):
        offset = 1e-9 * abs(vb) * draw(st.floats(-2, 2, allow_nan=False))
        va = -math.copysign(max(edge + offset, 1.0 + 1e-9), vb)
        readings.append((_steps(va, draw(st.integers(-2, 2))), draw(PRECISIONS) * 1e-3))
    return readings


@st.composite
def one_order_readings(draw) -> list[tuple[float, float]]:
    """A coarse reading b and finer ones between it and zero, about half b's place away: each
    such a has less slack than b, so (b, a) may agree where (a, b) does not."""
    vb = draw(st.sampled_from([2.5, 730.0, 123456.78, 1.0e6])) * draw(st.sampled_from([1, -1]))
    pb = abs(vb) * draw(st.sampled_from([0.002, 0.01, 0.1, 0.5, 1.0, 1.9]))
    readings = [(vb, pb)]
    for _ in range(draw(st.integers(1, 5))):
        reach = pb / 2 + 1e-9 * abs(vb) * draw(st.floats(0.98, 1.01, allow_nan=False))
        va = _steps(vb - math.copysign(reach, vb), draw(st.integers(-2, 2)))
        readings.append((va, pb * draw(st.sampled_from([0.1, 0.5, 1.0, 2.0]))))
    return readings


RANDOM_READINGS = st.lists(st.tuples(st.floats(-1e4, 1e4, allow_nan=False), PRECISIONS),
                           min_size=1, max_size=12)
GROUPS = st.one_of(edge_readings(), band_readings(), one_order_readings(),
                   RANDOM_READINGS)


@pytest.mark.slow
@EXAMPLES
@given(GROUPS)
@example([(5.0, 100.0), (-44.99999, 1.0)])
@example([(1000.0, 2.0), (998.9999990005, 0.1)])
@example([(40.0, 120.0), (-20.00000004, 0.001), (-20.00000003, 0.0001)])
def test_the_fast_answer_is_the_pairwise_answer(readings):
    group = [figure(v, p, line) for line, (v, p) in enumerate(readings, start=1)]
    expected = all_agree_pairwise(group)
    assert all_agree(group) == expected
    # The sorted algorithm on every size (all_agree compares small groups pair by pair).
    assert readings_agree(sorted({(p, v) for v, p in readings})) == expected


def test_the_band_case_is_found_where_only_one_order_fails():
    # b is coarse (precision 120 around 40), a sits just past the least tolerance: a's slack is
    # smaller than b's, so (b, a) agrees and (a, b) does not.
    b = figure(40.0, 120.0)
    a = figure(-20.00000004, 0.001)
    assert all_agree_pairwise([a, b]) is False
    assert readings_agree(sorted({(a.precision, a.value), (b.precision, b.value)})) is False
    assert all_agree([a, b]) is False
    assert readings_agree([(b.precision, b.value)]) is True


def test_non_finite_readings_disagree_even_with_themselves():
    for value in (math.inf, -math.inf, math.nan):
        assert all_agree_pairwise([figure(value, 1.0)]) is False
        assert all_agree([figure(value, 1.0)]) is False
        assert readings_agree([(1.0, value), (1.0, 2.0)]) is False


def test_a_large_group_gives_the_pairwise_answer():
    agreeing = [figure(730.0 + k * 0.005, 1.0 if k % 2 else 10.0, k) for k in range(-40, 40)]
    assert all_agree(agreeing) is all_agree_pairwise(agreeing) is True
    outlier = [*agreeing, figure(735.5, 0.1, 999)]
    assert all_agree(outlier) is all_agree_pairwise(outlier) is False


@settings(max_examples=400, deadline=None, derandomize=True)  # the agreement test goes wider
@given(st.lists(st.tuples(st.sampled_from(["revenue", "cash"]), GROUPS,
                          st.sampled_from(["a.txt", "b.txt", "c.txt"])), min_size=1, max_size=4),
       st.dictionaries(st.sampled_from(["revenue", "cash"]),
                       st.sampled_from(["a.txt", "b.txt", "z.txt"])))
def test_reconcile_gives_the_old_merged_figures_conflicts_and_notes(groups, picks):
    figures = [figure(v, p, line, metric, document)
               for metric, readings, document in groups
               for line, (v, p) in enumerate(readings, start=1)]
    choices = {("KC", metric, "3Q25"): document for metric, document in picks.items()}
    assert reconcile(figures, choices) == old_reconcile(figures, choices)

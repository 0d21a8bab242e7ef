"""Do all readings of one figure agree with each other? In O(n log n), with the pairwise answer.

Reconciliation asks whether every pair of a group agrees (:func:`agree`, both ways round). Asking
every pair is quadratic: a 100 MB document set repeats each figure thousands of times and sat in
that loop for over ten minutes. :func:`all_agree` gives the same answer, bit for bit, from a sort
and a few extremes. It relies only on what holds in floating point: rounding is monotonic, so
``|va - vb|`` never shrinks as vb moves away from va, and the tolerance of the ordered pair (a, b),
``max(pa, pb) / 2 + slack * max(1, |va|)``, never shrinks as a precision or ``|va|`` grows.

* Pairs with ``pb <= pa``: the tolerance depends on a alone, so the worst b is the smallest or
  the largest value among the readings at least as precise as a. Two checks per reading.
* Pairs with ``pb > pa``: (b, a) passed above, so (a, b) can only fail with a smaller slack
  than b's, that is ``|va| < |vb|`` and ``|vb| > 1``. Taking vb > 1 (the mirror image, all
  values negated, handles vb < -1):

  - a in [-1, vb): the distance falls and the tolerance rises as va rises, so the smallest
    such va is the worst;
  - a in (-vb, -1): both rise with ``|va|``. Such a pair fails only where the distance lies
    between the tolerance with the least slack and b's own, a band about ``1e-9 * vb`` wide
    that no reading of a document reaches (a non-zero reading is at least its own last place,
    so its precision is never twice its size). The band is searched exactly: its readings, cut
    into runs of one tolerance, each checked at its farthest reading.

Every check is a call of the pairwise test itself, so whatever it finds is what the quadratic
loop would have found; :func:`all_agree_pairwise` stays as the definition the tests compare with.
Readings are compared as distinct (precision, value) pairs, and a group of a few of them (most
groups) pair by pair, which is quicker there.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from itertools import groupby

from builder.historicals.records import Figure

TOLERANCE_SLACK = 1e-9
"""Float noise on values such as 0.296 read from "29.6%"."""

Reading = tuple[float, float]  # (precision, value): all that agreement depends on


def agree(a: Figure, b: Figure) -> bool:
    """True when two readings of one figure differ by no more than the coarser one's rounding."""
    return _agree(a.value, a.precision, b.value, b.precision)


def _agree(va: float, pa: float, vb: float, pb: float) -> bool:
    return abs(va - vb) <= max(pa, pb) / 2 + TOLERANCE_SLACK * max(1.0, abs(va))


def all_agree_pairwise(group: Sequence[Figure]) -> bool:
    """The definition: every ordered pair agrees. Quadratic; the reference for :func:`all_agree`."""
    return all(agree(a, b) for a in group for b in group)


SMALL_GROUP = 8
"""Distinct readings up to which comparing every pair is the quicker way (most groups)."""


def all_agree(group: Sequence[Figure]) -> bool:
    """The answer of :func:`all_agree_pairwise`, in O(n log n)."""
    return readings_all_agree({(f.precision, f.value) for f in group})


def readings_all_agree(distinct: set[Reading]) -> bool:
    """:func:`all_agree` of a group whose distinct (precision, value) readings are ``distinct``
    (extraction asks on plain tuples, without making the figures)."""
    readings = sorted(distinct)
    if len(readings) <= SMALL_GROUP:
        return all(_agree(va, pa, vb, pb) for pa, va in readings for pb, vb in readings)
    return readings_agree(readings)


def readings_agree(readings: list[Reading]) -> bool:
    """Whether every ordered pair of ``readings`` (sorted (precision, value) pairs) agrees,
    without comparing every pair; any size (tests call it on small groups too)."""
    if not all(math.isfinite(v) for _, v in readings):
        return False  # inf - inf and NaN compare false: such a reading disagrees with itself
    if not all(math.isfinite(p) and p > 0 for p, _ in readings):
        # Never from a CSV, which requires a positive precision: the definition, pair by pair.
        return all(_agree(va, pa, vb, pb) for pa, va in readings for pb, vb in readings)
    return (_coarser_pairs_agree(readings)
            and _finer_pairs_agree(readings)
            and _finer_pairs_agree([(p, -v) for p, v in readings]))


def _coarser_pairs_agree(readings: list[Reading]) -> bool:
    """Every (a, b) with ``pb <= pa``: a against the extremes of the readings up to its
    precision, ties included (``max`` gives the same precision either way round)."""
    low = high = readings[0][1]
    for _, tied in groupby(readings, key=lambda r: r[0]):
        block = list(tied)  # sorted by value within one precision
        low, high = min(low, block[0][1]), max(high, block[-1][1])
        if not all(_agree(v, p, low, p) and _agree(v, p, high, p) for p, v in block):
            return False
    return True


def _finer_pairs_agree(readings: list[Reading]) -> bool:
    """Every (a, b) with ``pa < pb`` and vb > 1, given that the coarser pairs agree.

    ``readings`` are sorted by precision; the caller passes them negated for vb < -1, which
    changes no distance and no slack."""
    if max(v for _, v in readings) <= 1:
        return True  # no b with vb > 1
    band = _Band(readings) if min(v for _, v in readings) < -1 else None
    lowest_from_minus_one = math.inf  # the smallest va >= -1 among the more precise readings
    for _, tied in groupby(readings, key=lambda r: r[0]):
        block = list(tied)
        for p, vb in block:
            if vb <= 1:
                continue
            if lowest_from_minus_one < vb and not _agree(lowest_from_minus_one, p, vb, p):
                return False  # (max(pa, pb) is pb whatever pa < pb is)
            if band is not None and not band.agrees(vb, p):
                return False
        for _, v in block:
            if -1 <= v < lowest_from_minus_one:
                lowest_from_minus_one = v
    return True


class _Band:
    """The readings a in (-vb, -1) more precise than b whose distance lies in the band."""

    def __init__(self, readings: list[Reading]):
        by_value = sorted(readings, key=lambda r: r[1])
        self.values = [v for _, v in by_value]
        self.precisions = [p for p, _ in by_value]
        self._tree: _LowestPrecision | None = None  # built on first use: the band is rare

    def agrees(self, vb: float, pb: float) -> bool:
        values = self.values
        start, stop = bisect_right(values, -vb), bisect_left(values, -1.0)
        if start >= stop:
            return True
        least = pb / 2 + TOLERANCE_SLACK  # the tolerance of any a with |va| <= 1
        most = pb / 2 + TOLERANCE_SLACK * vb  # b's own: no more precise reading is farther

        def distance(index: int) -> float:
            return abs(values[index] - vb)  # falls as the index rises

        if distance(stop - 1) > most or distance(start) <= least:
            return True  # nothing admitted lies beyond b's tolerance; nothing beyond the least
        index = _first(start, stop, lambda i: distance(i) <= most)
        last = _first(index, stop, lambda i: distance(i) <= least)
        while index < last:
            tolerance = _tolerance(values[index], pb)  # falls (weakly) as the index rises
            end = _first(index, last,
                         lambda i, level=tolerance: _tolerance(values[i], pb) != level)
            found = self._lowest().first_below(index, end, pb)
            if found is not None and not _agree(values[found], pb, vb, pb):
                return False
            index = end
        return True

    def _lowest(self) -> _LowestPrecision:
        if self._tree is None:
            self._tree = _LowestPrecision(self.precisions)
        return self._tree


def _tolerance(va: float, pb: float) -> float:
    """The tolerance of (a, b) when pb is the larger precision (as :func:`_agree` computes it)."""
    return pb / 2 + TOLERANCE_SLACK * max(1.0, abs(va))


def _first(start: int, stop: int, holds: Callable[[int], bool]) -> int:
    """The first index in [start, stop) where ``holds`` is true (false, then true), else stop."""
    while start < stop:
        middle = (start + stop) // 2
        if holds(middle):
            stop = middle
        else:
            start = middle + 1
    return start


class _LowestPrecision:
    """A segment tree of the lowest precision over spans of positions, to find the first
    position in a span holding a reading more precise than a bound."""

    def __init__(self, precisions: list[float]):
        size = 1
        while size < len(precisions):
            size *= 2
        tree = [math.inf] * (2 * size)
        tree[size:size + len(precisions)] = precisions
        for node in range(size - 1, 0, -1):
            tree[node] = min(tree[2 * node], tree[2 * node + 1])
        self.tree, self.size = tree, size

    def first_below(self, start: int, stop: int, bound: float) -> int | None:
        return self._descend(1, 0, self.size, start, stop, bound)

    def _descend(self, node: int, low: int, high: int, start: int, stop: int,
                 bound: float) -> int | None:
        if high <= start or stop <= low or not self.tree[node] < bound:
            return None
        if high - low == 1:
            return low
        middle = (low + high) // 2
        found = self._descend(2 * node, low, middle, start, stop, bound)
        return found if found is not None else self._descend(2 * node + 1, middle, high, start,
                                                             stop, bound)

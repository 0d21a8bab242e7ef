"""Align a statement table's separated labels with its number rows, by accounting identities.

Each row label needs one number per year column. It keeps those still on its line; the rest
come from one loose piece (a number row of the block, or the numbers stranded on another line),
and a row whose label kept nothing may take two (its plain part and its parenthesised part: the
conversion moves negatives apart). Which piece goes with which row is never guessed from
position: the aligner solves the table's identities one at a time, always the one with the
fewest lines still unknown, and places a piece only when exactly one placement makes that
identity hold in the most years (at least two, and at least half of the years it can be
checked in). Lines that are interchangeable in an identity (the three expense lines of a sum)
are told apart by reading order, labels and number rows alike; anything still ambiguous stays
unplaced.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import combinations, product

from builder.extract.identities import Identity
from builder.extract.statement_layout import AUXILIARY, Layout, Piece, Row, Token
from builder.historicals.vocabulary import METRICS, Measure

# Placements tried for the lines of one identity but its last (solved by matching): beyond this
# the identity waits until other identities have narrowed its lines down.
SEARCH_LIMIT = 4000


@dataclass(frozen=True, slots=True)
class Candidate:
    """A row's numbers by year column, and the loose pieces they came from."""

    tokens: tuple[Token | None, ...]
    pieces: tuple[int, ...] = ()


@dataclass(slots=True)
class Alignment:
    """Where each row's numbers came from, and the identity that placed it (if not kept)."""

    rows: dict[int, Candidate] = field(default_factory=dict)  # row index -> its numbers
    placed_by: dict[int, str] = field(default_factory=dict)  # row index -> identity name
    used: set[int] = field(default_factory=set)  # loose pieces placed
    ambiguous: dict[int, str] = field(default_factory=dict)  # row index -> why it stayed out
    in_reading_order: set[int] = field(default_factory=set)  # rows told apart by order alone


def measure_of(metric: str) -> Measure:
    known = METRICS.get(metric)
    return known.measure if known else AUXILIARY[metric]


def stored(row: Row, token: Token | None) -> tuple[float, float] | None:
    """A token as the row's metric stores it (expenses positive), with half its last digit."""
    if token is None or token.number is None:
        return None
    return token.number * row.sign, token.half


class Aligner:
    """Solves one table's identities until none places anything more."""

    def __init__(self, layout: Layout, identities: list[Identity]):
        self.layout = layout
        self.identities = identities
        self.result = Alignment()
        self.rows_of: dict[str, list[Row]] = {}
        self._primary: dict[str, Row] = {}
        for row in layout.rows:
            self.rows_of.setdefault(row.metric, []).append(row)
            if len(row.kept) == layout.width:
                self.result.rows[row.index] = Candidate(row.kept)
                self._primary.setdefault(row.metric, row)
        self._values: dict[str, list[tuple[float, float] | None]] = {}
        self._failed: dict[tuple[int, int], tuple[int, int]] = {}  # -> (unknown, pieces or -1)
        # how many lines of each identity are still unknown, kept as lines get placed
        self._containing: dict[str, list[int]] = {}
        for index, identity in enumerate(identities):
            for metric in identity.metrics:
                self._containing.setdefault(metric, []).append(index)
        self._unknown_count = [len(self._unknown(i)) for i in identities]
        # whether each piece is all percentages / all plain numbers: what candidates() filters on
        self._pieces_of = {percent: [p for p in layout.pieces
                                     if all(t.percent == percent for t in p.tokens)]
                           for percent in (False, True)}

    # -- what is known

    def primary(self, metric: str) -> Row | None:
        """The first row of ``metric`` (reading order) whose numbers are placed."""
        return self._primary.get(metric)

    def values(self, metric: str) -> list[tuple[float, float] | None] | None:
        if metric not in self._values:
            row = self.primary(metric)
            if row is None:
                return None
            self._values[metric] = [stored(row, t) for t in self.result.rows[row.index].tokens]
        return self._values[metric]

    def lookup(self, metric: str, year: int) -> tuple[float, float] | None:
        found = self.values(metric)
        return found[year] if found is not None and 0 <= year < len(found) else None

    # -- candidates

    def candidates(self, row: Row, tier: int) -> list[Candidate]:
        """Every way to complete ``row`` from loose pieces not placed yet.

        Tier 1: the row's kept numbers and at most one piece; tier 2 also lets a row that kept
        nothing take two pieces, one plain and one parenthesised.
        """
        width, kept = self.layout.width, row.kept
        percent = measure_of(row.metric) is Measure.RATIO
        used = self.result.used
        free = [p for p in self._pieces_of[percent] if p.index not in used]
        if kept and (any(t.percent != percent for t in kept)
                     or len({t.paren for t in kept}) > 1):
            return []
        if kept:
            want_paren = not kept[0].paren
            return [c for p in free if len(p.tokens) == width - len(kept)
                    and (p.paren if want_paren else p.plain)
                    for c in _interleavings(kept, (), p, width)]
        found = [Candidate(p.tokens, (p.index,)) for p in free if len(p.tokens) == width]
        if tier >= 2:
            for plain in (p for p in free if p.plain and len(p.tokens) < width):
                for paren in (p for p in free if p.paren
                              and len(p.tokens) == width - len(plain.tokens)):
                    found += _interleavings(plain.tokens, (plain.index,), paren, width)
        return found

    # -- solving

    def run(self) -> Alignment:
        progress = True
        while progress:
            progress = self._place_repeats()
            for tier in (1, 2):
                unknown = self._unknown_count
                for index in sorted(range(len(self.identities)), key=unknown.__getitem__):
                    # An identity that failed is tried again once a line of it is placed; one
                    # that was ambiguous or too wide also once pieces are taken (fewer pieces
                    # can end an ambiguity, never make a solution where there was none).
                    failed = self._failed.get((index, tier))
                    if not unknown[index] or failed in ((unknown[index], -1),
                                                        (unknown[index], len(self.result.used))):
                        continue
                    outcome = self._solve(self.identities[index], tier)
                    if outcome == "placed":
                        progress = True
                        break
                    self._failed[(index, tier)] = (
                        unknown[index], -1 if outcome == "none" else len(self.result.used))
                if progress:
                    break
        return self.result

    def _unknown(self, identity: Identity) -> list[str]:
        return [m for m in identity.metrics if self.primary(m) is None]

    def _solve(self, identity: Identity, tier: int) -> str:
        """Try to place the unknown lines of ``identity``: "placed", "none" (no placement
        passes), "ambiguous" or "limit" (too many placements to try yet)."""
        unknown = self._unknown(identity)
        if not unknown:
            return "none"
        rows = {m: next(r for r in self.rows_of[m] if r.index not in self.result.rows)
                for m in unknown}
        options = {m: self.candidates(rows[m], tier) for m in unknown}
        if not all(options.values()):
            return "none"
        order = sorted(unknown, key=lambda m: (len(options[m]), rows[m].index))
        enumerated, last = order[:-1], order[-1]
        if math.prod(len(options[m]) for m in enumerated) > SEARCH_LIMIT:
            return "limit"
        solutions = list(self._solutions(identity, rows, enumerated, last, options))
        if not solutions:
            return "none"
        best = max(score for score, _ in solutions)
        tied = [placement for score, placement in solutions if score == best]
        chosen, by_order = self._unique(identity, rows, tied)
        if chosen is None:
            for metric in unknown:
                self.result.ambiguous.setdefault(
                    rows[metric].index, f"{identity.name} holds as well with other rows")
            return "ambiguous"
        for metric, candidate in chosen.items():
            self._place(rows[metric], candidate, identity.name)
            if by_order:
                self.result.in_reading_order.add(rows[metric].index)
        return "placed"

    def _solutions(self, identity: Identity, rows: dict[str, Row], enumerated: list[str],
                   last: str, options: dict[str, list[Candidate]]) -> Iterator[tuple[int, dict]]:
        """(years the identity holds in, placement) for every placement that passes the bar."""
        width = self.layout.width
        # each final candidate's numbers as (top, bottom) of their rounding interval, per year
        finals = [(c, [None if v is None else (v[0] + v[1], v[0] - v[1])
                       for v in (stored(rows[last], t) for t in c.tokens)])
                  for c in options[last]]
        vectors = {id(c): [stored(rows[m], t) for t in c.tokens]
                   for m in enumerated for c in options[m]}
        # the placed lines' numbers, looked up once rather than for every placement tried
        known = {m: self.values(m) for m in identity.metrics}
        for combo in product(*(options[m] for m in enumerated)):
            pieces = [i for c in combo for i in c.pieces]
            taken = set(pieces)
            if len(pieces) != len(taken):
                continue
            trial = known.copy()
            trial.update((m, vectors[id(c)]) for m, c in zip(enumerated, combo, strict=True))

            def lookup(metric: str, year: int, trial=trial) -> tuple[float, float] | None:
                found = trial.get(metric)
                return found[year] if found is not None and 0 <= year < width else None

            required = [identity.required(last, lookup, year) for year in range(width)]
            checks = [(year, low - 1e-9, high + 1e-9) for year, bounds in enumerate(required)
                      if bounds is not None for low, high in (bounds,)]
            if len(checks) < 2:
                continue  # fewer than two years can be checked: no placement passes the bar
            for candidate, bounds in finals:
                if taken and not taken.isdisjoint(candidate.pieces):
                    continue
                score = checked = 0
                for year, low, high in checks:  # the innermost loop: kept inline
                    interval = bounds[year]
                    if interval is not None:
                        checked += 1
                        score += low <= interval[0] and interval[1] <= high
                if score >= 2 and 2 * score >= checked:
                    yield score, {**dict(zip(enumerated, combo, strict=True)), last: candidate}

    def _unique(self, identity: Identity, rows: dict[str, Row], tied: list[dict[str, Candidate]]
                ) -> tuple[dict[str, Candidate] | None, bool]:
        """The one placement the tie allows, and whether reading order had to decide: the same
        numbers whichever pieces (a repeated row), or the only placement that keeps
        interchangeable lines in reading order."""
        by_order = len(_by_values(tied)) > 1
        if by_order:
            tied = [p for p in tied if self._in_reading_order(identity, rows, p)]
        if len(_by_values(tied)) != 1:
            return None, by_order
        return min(tied, key=lambda p: tuple(sorted(i for c in p.values() for i in c.pieces))), \
            by_order

    def _in_reading_order(self, identity: Identity, rows: dict[str, Row],
                          placement: dict[str, Candidate]) -> bool:
        """Interchangeable lines (same side, sign and year of an identity) placed in reading
        order: the earlier label takes the earlier number row."""
        slot = {t.metric: (part, t.coef, t.lag)
                for part, terms in (("left", identity.left), ("right", identity.right),
                                    ("over", identity.over)) for t in terms}
        for a, b in combinations(sorted(placement, key=lambda m: rows[m].index), 2):
            if slot[a] != slot[b] or not placement[a].pieces or not placement[b].pieces:
                continue
            if self._first_line(placement[a]) > self._first_line(placement[b]):
                return False
        return True

    def _first_line(self, candidate: Candidate) -> int:
        return min(self.layout.pieces[i].line for i in candidate.pieces)

    def _place(self, row: Row, candidate: Candidate, by: str) -> None:
        self.result.rows[row.index] = candidate
        self.result.placed_by[row.index] = by
        self.result.used.update(candidate.pieces)
        self.result.ambiguous.pop(row.index, None)
        first = self._primary.get(row.metric)
        if first is None:
            for index in self._containing.get(row.metric, ()):
                self._unknown_count[index] -= 1
        if first is None or row.index < first.index:
            self._primary[row.metric] = row
            self._values.pop(row.metric, None)

    def _place_repeats(self) -> bool:
        """A line printed twice (net profit opens the cash flow statement too) takes the piece
        that repeats the first one's numbers."""
        placed = False
        for metric, rows in self.rows_of.items():
            known = self.values(metric)
            if known is None:
                continue
            for row in rows:
                if row.index in self.result.rows:
                    continue
                matches = [c for c in self.candidates(row, 2) if _same(row, c, known)]
                if len({tuple(t.number if t else None for t in c.tokens) for c in matches}) == 1:
                    first = min(matches, key=lambda c: c.pieces)
                    self._place(row, first, f"repeats {metric}")
                    placed = True
        return placed


def _interleavings(kept: tuple[Token, ...], kept_pieces: tuple[int, ...], piece: Piece,
                   width: int) -> list[Candidate]:
    """``kept`` and ``piece`` merged in every order that keeps each one's own order."""
    found = []
    for slots in combinations(range(width), len(kept)):
        mine, theirs = iter(kept), iter(piece.tokens)
        tokens = tuple(next(mine) if column in slots else next(theirs)
                       for column in range(width))
        found.append(Candidate(tokens, (*kept_pieces, piece.index)))
    return found


def _same(row: Row, candidate: Candidate, known: list[tuple[float, float] | None]) -> bool:
    for token, other in zip(candidate.tokens, known, strict=True):
        value = stored(row, token)
        if (value is None) != (other is None):
            return False
        if value is not None and other is not None and \
                abs(value[0] - other[0]) > value[1] + other[1] + 1e-9:
            return False
    return True


def _by_values(placements: list[dict[str, Candidate]]) -> set[tuple]:
    return {tuple((m, tuple(t.number if t else None for t in c.tokens))
                  for m, c in sorted(p.items())) for p in placements}


def align(layout: Layout, identities: list[Identity]) -> Alignment:
    """Place the loose pieces of ``layout`` where ``identities`` confirm them."""
    return Aligner(layout, identities).run()

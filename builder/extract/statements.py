"""Figures of a scrambled statement table, each confirmed by an accounting identity.

Stages: take the table apart (:mod:`statement_layout`), place its loose number rows where the
identities say (:mod:`alignment`), then check every figure: a (line, year) is kept only where an
identity that reads it holds in that year, and the figure names that identity (``confirmed_by``).
Everything else is reported as skipped with its reason: a row no identity placed, a year in
which no identity holds, a number row nothing claimed, and the identities the broker's table
itself breaks (a balance sheet that does not balance confirms nothing, and is said so).

Precision first: a wrong figure is worse than a missing one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from builder.extract.alignment import Alignment, align, stored
from builder.extract.identities import Identity, identities_for
from builder.extract.statement_layout import AUXILIARY, Layout, Row, read_layout
from builder.extract.tables import Column, Region


@dataclass(frozen=True, slots=True)
class StatementFigure:
    """One confirmed number: value as the vocabulary stores it, where it is printed, and why."""

    metric: str
    column: Column
    value: Decimal
    precision: Decimal
    line: int
    quote: tuple[int, int]  # columns of the quote on ``line``
    confirmed_by: str


@dataclass(slots=True)
class StatementReading:
    figures: list[StatementFigure] = field(default_factory=list)
    skipped: list[tuple[int, int, str]] = field(default_factory=list)


def read_statements(region: Region) -> StatementReading:
    """The confirmed figures of ``region`` and the notes on what stayed out."""
    width = len(region.columns)
    layout = read_layout(list(region.numbered), width)
    identities = identities_for({row.metric for row in layout.rows})
    alignment = align(layout, identities)
    check = _Confirmation(layout, alignment, identities)
    reading = StatementReading()
    for row in layout.rows:
        if row.index in alignment.rows and row.metric not in AUXILIARY:
            reading.figures += check.figures(row, region.columns)
    reading.skipped += check.notes(region)
    return reading


def _quote_spans(row: Row, tokens: tuple) -> dict[int, tuple[int, int]]:
    """Per line, the columns of a row's quote: from its label (on the label's line) or its
    first number, to its last number on that line."""
    spans: dict[int, tuple[int, int]] = {}
    for token in tokens:
        if token is None:
            continue
        start = row.label_start if token.line == row.line and token in row.kept else token.start
        first, last = spans.get(token.line, (start, token.end))
        spans[token.line] = (min(first, start), max(last, token.end))
    return spans


class _Confirmation:
    """Which (metric, year) an identity confirms, from the rows the alignment placed."""

    def __init__(self, layout: Layout, alignment: Alignment, identities: list[Identity]):
        self.layout, self.alignment = layout, alignment
        self.primary: dict[str, Row] = {}
        for row in layout.rows:
            if row.index in alignment.rows:
                self.primary.setdefault(row.metric, row)
        self.confirmed: dict[tuple[str, int], str] = {}
        self.failed: dict[str, list[int]] = {}  # identity -> years it fails in
        self.identities = identities
        for identity in identities:
            for year in range(layout.width):
                holds = identity.holds(self.lookup, year)
                if holds:
                    for term in identity.terms:
                        self.confirmed.setdefault((term.metric, year - term.lag), identity.name)
                elif holds is False:
                    self.failed.setdefault(identity.name, []).append(year)
        self.unconfirmed: list[tuple[Row, list[int]]] = []

    def lookup(self, metric: str, year: int) -> tuple[float, float] | None:
        row = self.primary.get(metric)
        if row is None or not 0 <= year < self.layout.width:
            return None
        return stored(row, self.alignment.rows[row.index].tokens[year])

    def figures(self, row: Row, columns: tuple[Column, ...]) -> list[StatementFigure]:
        tokens = self.alignment.rows[row.index].tokens
        found, missing = [], []
        spans = _quote_spans(row, tokens)
        for year, token in enumerate(tokens):
            if token is None or token.number is None:
                continue
            by = self.confirmed.get((row.metric, year))
            if by and row is not self.primary[row.metric]:
                # a repeated line stands or falls with the first: same number, same identity
                same = stored(row, token) == self.lookup(row.metric, year)
                by = by if same else ""
            if not by:
                missing.append(year)
                continue
            if row.index in self.alignment.in_reading_order:
                by += "; which line is which: reading order"
            value, precision = token.exact()
            found.append(StatementFigure(row.metric, columns[year], value * row.sign,
                                         precision, token.line, spans[token.line], by))
        if missing:
            self.unconfirmed.append((row, missing))
        return found

    def notes(self, region: Region) -> list[tuple[int, int, str]]:
        """Skipped notes: unplaced rows, unconfirmed years, unclaimed numbers, broken identities."""
        years = [f"FY{c.year}" for c in region.columns]
        notes = []
        for row in self.layout.rows:
            if row.index not in self.alignment.rows and row.metric not in AUXILIARY:
                why = self.alignment.ambiguous.get(row.index, "no identity places its numbers")
                notes.append((row.line, row.line, f"{row.metric}: not read: {why}"))
            elif row.metric in AUXILIARY:
                notes.append((row.line, row.line, f"{row.metric}: read only to confirm other "
                              "lines; the vocabulary has no such metric"))
        for row, missing in self.unconfirmed:
            notes.append((row.line, row.line, f"{row.metric} {', '.join(years[y] for y in missing)}"
                          ": not read: no identity holds for it in that year"))
        for piece in self.layout.pieces:
            if piece.index not in self.alignment.used:
                text = " ".join(t.text for t in piece.tokens)
                notes.append((piece.line, piece.line,
                              f"numbers {text!r}: not read: no identity places them in a row"))
        for identity in self.identities:
            failed = self.failed.get(identity.name, [])
            if failed and identity.whole_table:
                notes.append((region.first_line, region.last_line, self._broken(identity, failed,
                                                                                years)))
        return notes

    def _broken(self, identity: Identity, failed: list[int], years: list[str]) -> str:
        sides = [(years[y], identity.sides(self.lookup, y)) for y in failed]
        shown = "; ".join(f"{label}: {a:,.0f} vs {b:,.0f}" for label, s in sides if s
                          for a, b in (s,))
        return (f"the broker's table breaks {identity.name} ({shown}): it is not consistent, so "
                "that identity confirms nothing here")

"""Typed records for historical figures and where each one came from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

FigureKey = tuple[str, str, str, str, str]  # entity, metric, period, broker, currency


class Kind(StrEnum):
    ACTUAL = "actual"  # reported by the company
    ESTIMATE = "estimate"  # a broker's forecast or target; ``broker`` names it
    MARKET = "market"  # a price or share count on a date


@dataclass(frozen=True, slots=True)
class Source:
    """One place a figure was read: the seed document, its 1-based line and the exact quote."""

    document: str
    line: int
    quote: str


@dataclass(frozen=True, slots=True)
class Figure:
    """One figure as read from one document: a row of the tidy historicals CSV.

    ``value`` is in millions of ``currency`` for money, a fraction for ratios. ``precision`` is the
    place of the last digit the document gave, in the same unit (7.29 亿 -> 1.0, 10.5% -> 0.001):
    reconciliation uses it to tell rounding from disagreement. ``published`` is the date the
    figure became known (the document's date), None when nothing says; ``confirmed_by`` names the
    accounting identity that placed a figure read from a scrambled statement table (empty for
    figures read from prose or clean tables).
    """

    entity: str
    metric: str
    period: str
    value: float
    unit: str
    currency: str
    kind: Kind
    broker: str
    precision: float
    source: Source
    published: date | None = None
    confirmed_by: str = ""

    @property
    def key(self) -> FigureKey:
        """What makes two readings the same figure: a price in USD and one in HKD on the same
        day are two figures, not a disagreement (nor, when the digits match, one figure)."""
        return (self.entity, self.metric, self.period, self.broker, self.currency)


@dataclass(frozen=True, slots=True)
class ReconciledFigure:
    """A figure after reconciliation: one value, every document that supports it."""

    entity: str
    metric: str
    period: str
    value: float
    unit: str
    currency: str
    kind: Kind
    broker: str
    sources: tuple[Source, ...]
    note: str = ""
    published: date | None = None  # the earliest date of the merged readings

    @property
    def key(self) -> FigureKey:
        """What makes two readings the same figure: a price in USD and one in HKD on the same
        day are two figures, not a disagreement (nor, when the digits match, one figure)."""
        return (self.entity, self.metric, self.period, self.broker, self.currency)


@dataclass(frozen=True, slots=True)
class Conflict:
    """Documents that disagree beyond rounding on the same entity, metric, period and broker."""

    entity: str
    metric: str
    period: str
    broker: str
    figures: tuple[Figure, ...]

    def describe(self) -> str:
        readings = "; ".join(
            f"{f.value:g} from {f.source.document}:{f.source.line} ({f.source.quote!r})"
            for f in self.figures
        )
        return f"{self.entity} {self.metric} {self.period}: documents disagree: {readings}"

"""Reported figures for one company, looked up by metric and period, and what the model lacks.

Besides the documents' figures, the analyst may estimate a figure the documents do not give
(``historicals.estimates`` in the YAML): it is kept apart, so the workbook marks it as an
estimate and never passes it off as reported. A figure the model needs and neither source gives
is collected as a :class:`Missing` so the build can name every one, with both ways to supply it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from builder.historicals.records import Kind, ReconciledFigure
from builder.model.expr import ModelError


@dataclass(frozen=True, slots=True)
class Missing:
    """A figure the model needs: which, for what."""

    metric: str
    period: str
    purpose: str


class MissingFigures(ModelError):
    def __init__(self, missing: Iterable[Missing]):
        self.missing = tuple(dict.fromkeys(missing))
        super().__init__("; ".join(f"{m.metric} {m.period} ({m.purpose})" for m in self.missing))


@dataclass(frozen=True)
class Facts:
    """The reconciled actual and market figures of one entity, and the brokers' estimates."""

    entity: str
    actuals: dict[tuple[str, str], ReconciledFigure]
    estimates: tuple[ReconciledFigure, ...]
    analyst: frozenset[tuple[str, str]] = frozenset()  # (metric, period) the analyst estimated
    missing: list[Missing] = field(default_factory=list, compare=False)

    @classmethod
    def of(cls, entity: str, figures: Iterable[ReconciledFigure],
           analyst: Iterable[ReconciledFigure] = ()) -> Facts:
        mine = [f for f in figures if f.entity == entity]
        actuals = {(f.metric, f.period): f for f in mine if f.kind is not Kind.ESTIMATE}
        estimates = tuple(f for f in mine if f.kind is Kind.ESTIMATE)
        guessed = {(f.metric, f.period): f for f in analyst}
        return cls(entity, {**actuals, **guessed}, estimates, frozenset(guessed))

    def get(self, metric: str, period: str) -> ReconciledFigure | None:
        return self.actuals.get((metric, period))

    def has(self, metric: str, period: str) -> bool:
        return (metric, period) in self.actuals

    def value(self, metric: str, period: str) -> float | None:
        figure = self.actuals.get((metric, period))
        return figure.value if figure is not None else None

    def is_estimate(self, metric: str, period: str) -> bool:
        return (metric, period) in self.analyst

    def series(self, metric: str, periods: Iterable[str]) -> dict[str | None, ReconciledFigure]:
        """The periods of ``periods`` for which the documents give ``metric``."""
        found: dict[str | None, ReconciledFigure] = {}
        for period in periods:
            figure = self.get(metric, period)
            if figure is not None:
                found[period] = figure
        return found

    def metrics(self) -> set[str]:
        return {metric for metric, _ in self.actuals}

    def need(self, metric: str, period: str, purpose: str) -> bool:
        """Whether the figure is there; if not, remember that the model needs it."""
        if self.has(metric, period):
            return True
        self.missing.append(Missing(metric, period, purpose))
        return False

    def raise_missing(self) -> None:
        if self.missing:
            raise MissingFigures(self.missing)

"""Reported figures for one company, looked up by metric and period."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from builder.historicals.records import Kind, ReconciledFigure


@dataclass(frozen=True)
class Facts:
    """The reconciled actual and market figures of one entity, and the brokers' estimates."""

    entity: str
    actuals: dict[tuple[str, str], ReconciledFigure]
    estimates: tuple[ReconciledFigure, ...]

    @classmethod
    def of(cls, entity: str, figures: Iterable[ReconciledFigure]) -> Facts:
        mine = [f for f in figures if f.entity == entity]
        actuals = {(f.metric, f.period): f for f in mine if f.kind is not Kind.ESTIMATE}
        estimates = tuple(f for f in mine if f.kind is Kind.ESTIMATE)
        return cls(entity, actuals, estimates)

    def get(self, metric: str, period: str) -> ReconciledFigure | None:
        return self.actuals.get((metric, period))

    def series(self, metric: str, periods: Iterable[str]) -> dict[str | None, ReconciledFigure]:
        """The periods of ``periods`` for which the documents give ``metric``."""
        found: dict[str | None, ReconciledFigure] = {}
        for period in periods:
            figure = self.get(metric, period)
            if figure is not None:
                found[period] = figure
        return found

"""Range functions over one row, and INDEX over a run of scalar cells.

``RowStatistic`` is MEDIAN / AVERAGE / COUNT across the columns of one row (a peer row on the
Peer Comps sheet), skipping text and blanks exactly as Excel does. ``ScalarIndex`` picks one of
several adjacent column-C inputs (the FX rate of a peer's currency); the options must be
unnamed and placed one under another, which the placement check enforces by rendering.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from builder.model.expr import Expr, ModelError, Ref, Resolver, Value, number


def _numbers(values: Sequence[Value]) -> list[float]:
    return [float(v) for v in values if isinstance(v, int | float) and not isinstance(v, bool)]


@dataclass(frozen=True, slots=True)
class RowStatistic(Expr):
    """MEDIAN / AVERAGE / MIN / MAX / COUNT of one row over ``periods`` (a contiguous run of
    columns)."""

    name: str
    key: str
    periods: tuple[str, ...]

    def evaluate(self, resolver: Resolver, period: str | None) -> Value:
        found = _numbers([resolver.value(self.key, p) for p in self.periods])
        if self.name == "COUNT":
            return float(len(found))
        if not found:
            raise ModelError(f"{self.name} of no numbers in {self.key}; guard it with COUNT")
        if self.name == "MEDIAN":
            return statistics.median(found)
        if self.name == "AVERAGE":
            return statistics.fmean(found)
        if self.name == "MIN":
            return min(found)
        if self.name == "MAX":
            return max(found)
        raise ModelError(f"unsupported statistic {self.name}")

    def render(self, resolver: Resolver, period: str | None) -> str:
        return f"{self.name}({resolver.address_range(self.key, self.periods)})"

    def references(self) -> tuple[Ref, ...]:
        return tuple(Ref(self.key, period=p, fixed=True) for p in self.periods)


@dataclass(frozen=True, slots=True)
class ScalarIndex(Expr):
    """INDEX(first:last, selector) over scalar cells stacked in column C."""

    keys: tuple[str, ...]
    selector: Expr

    def evaluate(self, resolver: Resolver, period: str | None) -> Value:
        index = int(number(self.selector.evaluate(resolver, period), "INDEX position"))
        if not 1 <= index <= len(self.keys):
            raise ModelError(f"position {index} outside 1..{len(self.keys)}")
        return resolver.value(self.keys[index - 1], None)

    def render(self, resolver: Resolver, period: str | None) -> str:
        cells = resolver.address_span(self.keys[0], self.keys[-1], None, absolute=True)
        return f"INDEX({cells},{self.selector.render(resolver, period)})"

    def references(self) -> tuple[Ref, ...]:
        return tuple(Ref(k, fixed=True) for k in self.keys) + self.selector.references()

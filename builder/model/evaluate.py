"""Evaluate every line item in Python: the model's own numbers, cached into the workbook.

Evaluation is lazy and memoised, so items may be declared in reading order rather than
dependency order; a reference cycle is reported instead of recursing forever.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from builder.model.expr import Expr, ModelError, Value
from builder.model.items import LineItem, Model, Timeline

Cell = tuple[str, str | None]
_UNKNOWN = object()  # not yet evaluated (None is a value: a blank)


class Evaluator:
    """A :class:`~builder.model.expr.Resolver` that answers with values."""

    def __init__(self, items: Mapping[str, LineItem], timelines: Mapping[str, Timeline]):
        self.items = items
        self.timelines = timelines
        # period -> (its timeline's keys, its index there): shifting is a lookup, not a scan.
        self._period_index: dict[str, tuple[tuple[str, ...], int]] = {}
        for timeline in timelines.values():
            self._period_index.update({p: (timeline.keys, timeline.index(p))
                                       for p in timeline.keys})
        self._values: dict[Cell, Value] = {}
        # The cells being evaluated, in order: a dict for O(1) membership on deep chains.
        self._in_progress: dict[Cell, None] = {}

    def value(self, key: str, period: str | None) -> Value:
        cell = (key, period)
        known = self._values.get(cell, _UNKNOWN)
        if known is not _UNKNOWN:
            return known  # type: ignore[return-value]
        item = self.items.get(key)
        if item is None:
            raise ModelError(f"reference to unknown line item {key!r}")
        if period not in item.cells:
            where = f"{item.label} [{period}]" if period else item.label
            raise ModelError(f"{where} is blank (no figure or formula) but a formula uses it")
        if cell in self._in_progress:
            cycle = " -> ".join(f"{k}[{p}]" for k, p in [*self._in_progress, cell])
            raise ModelError(f"circular reference: {cycle}")
        content = item.cells[period]
        if isinstance(content, Expr):
            self._in_progress[cell] = None
            try:
                result = content.evaluate(self, period)
            except ModelError as error:
                raise ModelError(f"{key}[{period}]: {error}") from None
            finally:
                del self._in_progress[cell]
        else:
            result = content
        self._values[cell] = result
        return result

    def address(self, key: str, period: str | None, absolute: bool = False) -> str:
        raise ModelError("evaluation does not render addresses")

    def address_span(self, first: str, last: str, period: str | None,
                     absolute: bool = False) -> str:
        raise ModelError("evaluation does not render addresses")

    def address_range(self, key: str, periods: Sequence[str | None]) -> str:
        raise ModelError("evaluation does not render addresses")

    def shift(self, period: str | None, offset: int) -> str | None:
        if period is None:
            raise ModelError("a scalar has no previous period")
        keys, index = self._period_index[period]
        index += offset
        if not 0 <= index < len(keys):
            raise ModelError(f"{period} shifted by {offset} leaves the timeline")
        return keys[index]


def evaluate(items: Iterable[LineItem], timelines: Mapping[str, Timeline],
             segments: tuple[str, ...] = ()) -> Model:
    """Compute every cell of every item; raise :class:`ModelError` naming the first bad cell."""
    by_key: dict[str, LineItem] = {}
    for item in items:
        if item.key in by_key:
            raise ModelError(f"line item {item.key!r} is defined twice")
        by_key[item.key] = item
    evaluator = Evaluator(by_key, timelines)
    for item in by_key.values():
        for period in item.cells:
            evaluator.value(item.key, period)
    return Model(timelines=dict(timelines), items=by_key, values=dict(evaluator._values),
                 segments=segments)

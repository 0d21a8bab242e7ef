"""A small builder for declaring line items in reading order, one call per item."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace

from builder.historicals.records import ReconciledFigure, Source
from builder.model.expr import Expr, Value
from builder.model.items import LineItem, Role, Timeline, Unit


class ItemBook:
    """Collects line items; each ``add_*`` returns the key so definitions can chain references.

    Money and prices are in the reporting ``currency`` unless an item names another: the book
    fills it in, and :meth:`money` writes the unit into a label the same way everywhere.
    """

    def __init__(self, timelines: Mapping[str, Timeline], currency: str):
        self.timelines = timelines
        self.currency = currency
        self.items: list[LineItem] = []
        self._by_key: dict[str, LineItem] = {}

    def add(self, item: LineItem) -> str:
        if item.unit.has_currency and not item.currency:
            item = replace(item, currency=self.currency)
        self.items.append(item)
        self._by_key.setdefault(item.key, item)
        return item.key

    def money(self, text: str, currency: str | None = None) -> str:
        """``text (CNY m)``: a money label in the reporting (or the given) currency."""
        return f"{text} ({currency or self.currency} m)"

    def price(self, text: str, currency: str | None = None) -> str:
        """``text (HKD)``: a per-share label."""
        return f"{text} ({currency or self.currency})"

    def item(self, key: str) -> LineItem | None:
        return self._by_key.get(key)

    def periods(self, key: str) -> set[str | None]:
        """The periods ``key`` has a cell for so far: empty if it is not declared (yet)."""
        item = self._by_key.get(key)
        return set(item.cells) if item is not None else set()

    def has(self, key: str, period: str | None = None) -> bool:
        """Whether ``key`` is declared and, with ``period``, has a cell there."""
        item = self._by_key.get(key)
        return item is not None and (period is None or period in item.cells)

    def add_cells(self, key: str, cells: Mapping[str | None, Expr]) -> None:
        """Give a declared row cells in more periods: history worked out from lines declared
        after it (a driver's past, from the statements). Its own cells stay as they are."""
        item = self._by_key[key]
        extended = replace(item, cells={**cells, **item.cells})
        self.items[next(i for i, it in enumerate(self.items) if it is item)] = extended
        self._by_key[key] = extended

    def scalar_input(
        self, key: str, label: str, unit: Unit, value: Value, *, name: str | None = None,
        options: Iterable[str] = (), description: str = "", currency: str = "",
    ) -> str:
        return self.add(LineItem(key, label, unit, Role.INPUT, None, {None: value}, name=name,
                                 options=tuple(options), description=description,
                                 currency=currency))

    def series_input(
        self, key: str, label: str, unit: Unit, timeline: str, values: Mapping[str, Value], *,
        name: str | None = None, description: str = "", currency: str = "",
    ) -> str:
        return self.add(LineItem(key, label, unit, Role.INPUT, timeline, dict(values), name=name,
                                 description=description, currency=currency))

    def historical(
        self, key: str, label: str, unit: Unit, timeline: str | None,
        figures: Mapping[str | None, ReconciledFigure], *,
        estimated: Iterable[str | None] = (), currency: str = "", broker: str = "",
    ) -> str:
        """A row of reported figures; each cell remembers its documents and quotes. Cells in
        ``estimated`` are the analyst's estimates of figures the documents lack."""
        cells: dict[str | None, Value] = {p: f.value for p, f in figures.items()}
        sources: dict[str | None, tuple[Source, ...]] = {p: f.sources for p, f in figures.items()}
        notes = {p: f.note for p, f in figures.items() if f.note}
        return self.add(LineItem(key, label, unit, Role.HISTORICAL, timeline, cells,
                                 sources=sources, notes=notes, currency=currency,
                                 estimated=frozenset(p for p in estimated if p in cells),
                                 broker=broker))

    def calc(
        self, key: str, label: str, unit: Unit, timeline: str | None, *,
        actual: Expr | None = None, forecast: Expr | None = None,
        cells: Mapping[str | None, Expr] | None = None, name: str | None = None,
        description: str = "", currency: str = "",
    ) -> str:
        """A formula row: one expression for the actual columns, one for every forecast column.

        ``cells`` adds or replaces single periods (a scalar, or an actual column whose data
        differ); forecast columns always share one expression, as FAST asks.
        """
        content: dict[str | None, Expr] = {}
        if timeline is not None:
            line = self.timelines[timeline]
            if actual is not None:
                content.update({p: actual for p in line.actual_keys()})
            if forecast is not None:
                content.update({p: forecast for p in line.forecast_keys()})
        content.update(cells or {})
        return self.add(LineItem(key, label, unit, Role.CALC, timeline, content, name=name,
                                 description=description, currency=currency))

"""Line items and timelines: the typed records the model layer hands to the layout and writer."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from builder.historicals.records import Source
from builder.model.expr import Expr, Value


class Role(StrEnum):
    INPUT = "input"  # typed by the analyst (the YAML), blue on the Inputs sheet
    HISTORICAL = "historical"  # read from a document, blue with its quote in a comment
    CALC = "calc"  # a formula; black, or green when it only links another sheet


class Unit(StrEnum):
    """The kind of number a row holds; money and prices also name their currency."""

    MONEY = "m"  # millions of the item's currency
    PRICE = "price"  # the item's currency per share or per traded unit
    RATIO = "%"
    MULTIPLE = "x"
    DAYS = "days"
    YEARS = "years"
    FLAG = "flag"
    TEXT = "text"
    INDEX = "#"
    SHARES_M = "m shares"
    QUANTITY = "m units"
    FX = "per unit"
    DATE = "date"

    @property
    def has_currency(self) -> bool:
        return self in (Unit.MONEY, Unit.PRICE)


@dataclass(frozen=True, slots=True)
class Period:
    """One column of a timeline. ``key`` matches the historicals CSV (FY2024, 3Q25)."""

    key: str
    label: str  # FY2024A, FY2025E, 3Q25A
    actual: bool


@dataclass(frozen=True, slots=True)
class Timeline:
    name: str
    periods: tuple[Period, ...]
    # Derived once: the model and the renderer look periods up tens of thousands of times.
    keys: tuple[str, ...] = field(init=False, repr=False, compare=False)
    _indices: dict[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        keys = tuple(p.key for p in self.periods)
        object.__setattr__(self, "keys", keys)
        # reversed: a repeated key keeps its first index, as tuple.index() gives
        object.__setattr__(self, "_indices", {k: i for i, k in reversed(list(enumerate(keys)))})

    def index(self, key: str) -> int:
        index = self._indices.get(key)
        if index is None:
            raise ValueError(f"{key!r} is not in timeline {self.name}")
        return index

    def actual_keys(self) -> tuple[str, ...]:
        return tuple(p.key for p in self.periods if p.actual)

    def forecast_keys(self) -> tuple[str, ...]:
        return tuple(p.key for p in self.periods if not p.actual)


@dataclass(frozen=True, slots=True)
class LineItem:
    """One row (or one scalar cell) of the model, defined once.

    ``cells`` maps each period (None for a scalar) to a formula (:class:`Expr`) for a CALC item,
    or to a value for an INPUT or HISTORICAL item. A period absent from ``cells`` is a blank
    cell: a figure the documents don't give stays missing rather than becoming zero.
    """

    key: str
    label: str
    unit: Unit
    role: Role
    timeline: str | None  # None for a scalar
    cells: Mapping[str | None, Expr | Value]
    name: str | None = None  # defined name for key inputs and outputs
    sources: Mapping[str | None, tuple[Source, ...]] = field(default_factory=dict)
    notes: Mapping[str | None, str] = field(default_factory=dict)
    options: tuple[str, ...] = ()  # allowed values of a text input (a data-validation list)
    description: str = ""
    currency: str = ""  # ISO code of a MONEY or PRICE item
    estimated: frozenset[str | None] = frozenset()  # historical cells that are analyst estimates
    broker: str = ""  # who published a row of estimates (the Street sheet's rows)

    @property
    def unit_text(self) -> str:
        """What the Unit column shows: ``CNY m``, ``HKD``, ``%``..."""
        if self.unit is Unit.MONEY:
            return f"{self.currency} m"
        if self.unit is Unit.PRICE:
            return self.currency
        return self.unit.value

    def formula(self, period: str | None) -> Expr | None:
        cell = self.cells.get(period)
        return cell if isinstance(cell, Expr) else None


@dataclass(frozen=True)
class Model:
    """Everything the layout needs: timelines, items in definition order, and computed values."""

    timelines: Mapping[str, Timeline]
    items: Mapping[str, LineItem]
    values: Mapping[tuple[str, str | None], Value]
    segments: tuple[str, ...] = ()  # the revenue rows that add up to total revenue (leaves)

    def value(self, key: str, period: str | None = None) -> Value:
        return self.values.get((key, period))

    def named(self, name: str) -> LineItem | None:
        """The scalar line item carrying defined name ``name`` (TargetPrice, Scenario...)."""
        return self._scalars_by_name.get(name)

    @functools.cached_property
    def _scalars_by_name(self) -> dict[str, LineItem]:
        by_name: dict[str, LineItem] = {}
        for item in self.items.values():
            if item.name is not None and item.timeline is None:
                by_name.setdefault(item.name, item)
        return by_name

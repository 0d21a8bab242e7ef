"""The valuation figures, found by their defined names so the memo does not depend on item keys.

The valuation module names its outputs (TargetPrice, EquityValue, WACC, ...). A name the model
does not have is simply absent: the memo leaves the line (or the whole section) out.
"""

from __future__ import annotations

from dataclasses import dataclass

from builder.memo.figures import Cases, Shown
from builder.memo.tables import fmt_for
from builder.model.items import LineItem, Model, Unit

# (defined name, label) in the order the summary lists them
SUMMARY = (
    ("EnterpriseValue", "Enterprise value"),
    ("EquityValue", "Equity value"),
    ("WACC", "WACC"),
    ("TerminalGrowth", "Terminal growth"),
    ("TargetPrice", "Target price"),
    ("CurrentPrice", "Current price"),
    ("Upside", "Upside"),
)
SIGNED = {"Upside"}  # shown with an explicit sign


def named(model: Model, name: str) -> LineItem | None:
    """The scalar line item carrying defined name ``name``, if the model has one."""
    return next((i for i in model.items.values() if i.name == name and i.timeline is None),
                None)


def figure_named(cases: Cases, name: str) -> Shown | None:
    item = named(cases.model, name)
    if item is None:
        return None
    fmt = "change" if name in SIGNED and item.unit is Unit.RATIO else fmt_for(item.unit)
    return cases.figure(fmt, item.key, None)


def currency_of(model: Model, name: str) -> str:
    """The currency code of a per-share figure (its unit), or '' for other units."""
    item = named(model, name)
    if item is None or item.unit not in (Unit.CNY, Unit.USD, Unit.HKD):
        return ""
    return item.unit.value


@dataclass(frozen=True)
class Line:
    label: str
    figure: Shown
    unit: str  # what follows the number: a currency, or "" when the format says it


@dataclass(frozen=True)
class Method:
    """One valuation method: its value per share, its weight in the blend."""

    label: str
    value: Shown
    weight: Shown | None


@dataclass(frozen=True)
class Range:
    """One bar of the football field: low and high value per share."""

    label: str
    low: Shown
    high: Shown


@dataclass(frozen=True)
class Valuation:
    lines: tuple[Line, ...]
    methods: tuple[Method, ...] = ()
    ranges: tuple[Range, ...] = ()


def valuation(cases: Cases) -> Valuation | None:
    """The summary lines the model has; None before any valuation exists."""
    lines = []
    for name, label in SUMMARY:
        figure = figure_named(cases, name)
        if figure is None:
            continue
        item = named(cases.model, name)
        assert item is not None
        unit = item.unit.value if item.unit in (Unit.CNY_M, Unit.USD_M, Unit.CNY, Unit.USD,
                                                Unit.HKD) else ""
        lines.append(Line(label, figure, unit))
    if not any(line.label == "Target price" for line in lines) and len(lines) < 2:
        return None
    return Valuation(tuple(lines))

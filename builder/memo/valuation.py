"""The valuation figures, found by their defined names so the memo does not depend on item keys.

The valuation module names its outputs (TargetPrice, EquityValue, WACC, ...). A name the model
does not have is simply absent: the memo leaves the line (or the whole section) out. The
methods, weights and scenario values follow the valuation's key scheme (val_<method>_per_share,
in_weight_<method>, sc_<scenario>_val_...), each looked up only if present.
"""

from __future__ import annotations

from dataclasses import dataclass

from builder.memo.figures import Cases, Shown
from builder.memo.tables import fmt_for
from builder.model.football import HIGH, LOW, football_key
from builder.model.items import Model, Unit

# (defined name, label) in the order the summary lists them
SUMMARY = (
    ("EnterpriseValue", "Enterprise value"),
    ("EquityValue", "Equity value"),
    ("WACC", "WACC"),
    ("TerminalGrowth", "Terminal growth"),
    ("TargetPrice", "Target price"),
    ("CurrentPrice", "Current price"),
    ("Upside", "Upside"),
    ("FundingNeed", "Funding the forecast needs, peak"),
)
SIGNED = {"Upside"}  # shown with an explicit sign


def figure_named(cases: Cases, name: str) -> Shown | None:
    item = cases.model.named(name)
    if item is None:
        return None
    fmt = "change" if name in SIGNED and item.unit is Unit.RATIO else fmt_for(item.unit)
    return cases.figure(fmt, item.key, None)


def currency_of(model: Model, name: str) -> str:
    """The currency code of a per-share figure, or '' for other units."""
    item = model.named(name)
    if item is None or item.unit is not Unit.PRICE:
        return ""
    return item.currency


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
class Marker:
    """A line across the football field: the current price or the target."""

    label: str
    figure: Shown


@dataclass(frozen=True)
class Valuation:
    lines: tuple[Line, ...]
    methods: tuple[Method, ...] = ()
    ranges: tuple[Range, ...] = ()
    range_unit: str = ""  # currency of the ranges' values per quoted unit
    markers: tuple[Marker, ...] = ()
    method_unit: str = ""  # currency of the methods' values per ordinary share


# (method key in the valuation's item keys, label): val_<key>_per_share, in_weight_<key>
METHODS = (("dcf", "DCF"), ("ps", "P/S"), ("ev_sales", "EV/Sales"), ("ev_ebitda", "EV/EBITDA"),
           ("pe", "P/E"))


def methods(cases: Cases) -> tuple[Method, ...]:
    """Each method's value per share and its weight in the blended target."""
    model, found = cases.model, []
    for key, label in METHODS:
        value_key, weight_key = f"val_{key}_per_share", f"in_weight_{key}"
        if value_key not in model.items:
            continue
        weight = cases.figure("percent", weight_key, None) if weight_key in model.items else None
        found.append(Method(label, cases.figure("price", value_key, None), weight))
    return tuple(found)


def ranges(cases: Cases) -> tuple[Range, ...]:
    """Football-field bars: the Football Field sheet's own cells (each method's lowest and
    highest value across the scenarios, per quoted unit), so the chart shows nothing the
    workbook does not."""
    model, bars = cases.model, []
    for key, label in (*METHODS, ("target_per_share", "Blended target")):
        name = football_key(f"{key}_per_share" if key != "target_per_share" else key)
        if name not in model.items:
            continue
        low, high = (cases.figure("price", name, p) for p in (LOW, HIGH))
        if isinstance(low.value, int | float) and isinstance(high.value, int | float):
            bars.append(Range(f"{label} (bear to bull)", low, high))
    return tuple(bars)


def markers(cases: Cases) -> tuple[Marker, ...]:
    """The current price and the target, drawn as lines across the football field."""
    found = []
    for name, label in (("CurrentPrice", "Current price"), ("TargetPrice", "Target price")):
        item = cases.model.named(name)
        if item is not None:
            found.append(Marker(label, cases.figure("price", item.key, None)))
    return tuple(found)


def valuation(cases: Cases) -> Valuation | None:
    """The summary lines the model has; None before any valuation exists."""
    lines = []
    for name, label in SUMMARY:
        figure = figure_named(cases, name)
        if figure is None:
            continue
        item = cases.model.named(name)
        assert item is not None
        unit = item.unit_text if item.unit.has_currency else ""
        lines.append(Line(label, figure, unit))
    share = "val_tv_share"
    if share in cases.model.items:
        lines.append(Line("Terminal value, share of EV", cases.figure("percent", share, None),
                          ""))
    if not any(line.label == "Target price" for line in lines) and len(lines) < 2:
        return None
    per_share = cases.model.items.get("val_dcf_per_share")
    bars = ranges(cases)
    range_unit = cases.model.items[football_key("target_per_share")].currency if bars else ""
    return Valuation(tuple(lines), methods(cases), bars, range_unit,
                     markers(cases) if bars else (),
                     per_share.currency if per_share is not None else "")

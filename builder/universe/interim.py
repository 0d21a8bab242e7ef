"""Interim figures of the first forecast year: quarters, a half, or cumulative periods.

The year to date is drawn below what every scenario forecasts for the year (so the rest of the
year the forecast implies is positive, as the model checks), split into three-month blocks,
and a year earlier the last actual year is split the same way. Quarters and halves are reported
with their growth on a year earlier, as HK and US filers do, so the model rebuilds the prior
year; cumulative periods (1Q, 1H, 9M) come with the prior year's figures beside them, as A-share
filers print them. Parents are reported as the sums of their parts.

:func:`largest_gap` replays what the model derives from these figures (prior periods rebuilt
from growth, a segment's year from its periods) to size the tolerance its checks allow.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from builder.model.periods import rest_of_year
from builder.universe import series as sr
from builder.universe.revenue import SUM, Segment

KINDS: dict[str, tuple[str, ...]] = {
    "none": (), "quarters1": ("1Q",), "quarters2": ("1Q", "2Q"),
    "quarters3": ("1Q", "2Q", "3Q"), "half": ("1H",), "cumulative": ("1H", "9M"),
    "cumulative3": ("1Q", "1H", "9M"),
}
BLOCKS = {"1Q": 1, "2Q": 1, "3Q": 1, "1H": 2, "9M": 3}  # three-month blocks in a period
CUMULATIVE = ("cumulative", "cumulative3")


@dataclass(frozen=True)
class Periods:
    """The reported periods of the first forecast year and their keys a year earlier."""

    kind: str
    year: int  # the first forecast year

    @property
    def names(self) -> tuple[str, ...]:
        return KINDS[self.kind]

    @property
    def blocks(self) -> int:
        """Three-month blocks covered from the start of the year (3Q: 3, 1H: 2, 9M: 3)."""
        if not self.names:
            return 0
        last = self.names[-1]
        return int(last[0]) if last.endswith("Q") else BLOCKS[last]

    def key(self, name: str, shift: int = 0) -> str:
        return f"{name}{(self.year + shift) % 100:02d}"

    @property
    def current(self) -> tuple[str, ...]:
        return tuple(self.key(n) for n in self.names)

    @property
    def prior_rest(self) -> str:
        return rest_of_year(self.year - 1, 3 * self.blocks).key

    @property
    def cumulative(self) -> bool:
        return self.kind in CUMULATIVE

    def span(self, name: str) -> tuple[int, int]:
        """The three-month blocks (first, last; 1-based) of a period."""
        if name.endswith("Q"):
            quarter = int(name[0])
            return quarter, quarter
        return 1, BLOCKS[name]


@dataclass
class Interim:
    """One node's interim figures, as the documents give them."""

    current: dict[str, float] = field(default_factory=dict)  # by period name (1Q, 9M)
    prior: dict[str, float] = field(default_factory=dict)  # cumulative: a year earlier
    growth: dict[str, float] = field(default_factory=dict)  # quarters, half: YoY
    prior_rest: float | None = None  # the prior year's rest (a segment known from periods)
    blocks: list[float] = field(default_factory=list)  # this year's blocks, before rounding
    prior_blocks: list[float] = field(default_factory=list)  # a year earlier, 4 blocks


def interim_figures(rng: random.Random, root: Segment, periods: Periods,
                    last: int) -> dict[str, Interim]:
    """Every node's figures (reported or not: a parent's are its children's sums)."""
    found: dict[str, Interim] = {}
    _blocks(rng, root, periods, last, found)
    for node in root.walk():
        _report(found[node.id], periods, node)
    return found


def _blocks(rng: random.Random, node: Segment, periods: Periods, last: int,
            found: dict[str, Interim]) -> Interim:
    figures = Interim()
    if node.children:
        parts = [_blocks(rng, c, periods, last, found) for c in node.children]
        figures.blocks = [sum(p.blocks[i] for p in parts) for i in range(periods.blocks)]
        figures.prior_blocks = [sum(p.prior_blocks[i] for p in parts) for i in range(4)]
    else:
        to_date = periods.blocks / 4 * min(node.first.values()) * rng.uniform(0.9, 0.98)
        figures.blocks = _split(rng, to_date, periods.blocks)
        figures.prior_blocks = _split(rng, node.history[last], 4)
    found[node.id] = figures
    return figures


def _split(rng: random.Random, value: float, parts: int) -> list[float]:
    weights = [rng.uniform(0.85, 1.15) for _ in range(parts)]
    return [value * w / sum(weights) for w in weights]


def _report(figures: Interim, periods: Periods, node: Segment) -> None:
    for name in periods.names:
        first, last = periods.span(name)
        now = sum(figures.blocks[first - 1:last])
        before = sum(figures.prior_blocks[first - 1:last])
        figures.current[name] = sr.money(now)
        if periods.cumulative:
            figures.prior[name] = sr.money(before)
        else:
            figures.growth[name] = round(now / before - 1, 3)
    if node.from_interim:
        figures.prior_rest = sr.money(sum(figures.prior_blocks[periods.blocks:]))


# -- what the model derives, for the tolerance of its checks ---------------------------------

def derived_cells(node: Segment, figures: Interim, periods: Periods,
                  last: int) -> dict[str, float]:
    """The interim sheet's cells of ``node`` as the model derives them (prior year rebuilt
    from growth; its full year from the periods where the documents give no year)."""
    cells: dict[str, float] = {}
    for name in periods.names:
        cells[periods.key(name)] = figures.current[name]
        cells[periods.key(name, -1)] = (figures.prior[name] if periods.cumulative else
                                        figures.current[name] / (1 + figures.growth[name]))
    chain = periods.names if periods.kind.startswith("quarters") else periods.names[-1:]
    for shift in (0, -1):
        cells[f"to_date{shift}"] = sum(cells[periods.key(n, shift)] for n in chain)
    reported_year = node.history.get(last) if last in node.reported else None
    if figures.prior_rest is not None:
        cells["rest-1"] = figures.prior_rest
    elif reported_year is not None:
        cells["rest-1"] = reported_year - cells["to_date-1"]
    if reported_year is not None:
        cells["full-1"] = reported_year
    elif "rest-1" in cells:
        cells["full-1"] = cells["to_date-1"] + cells["rest-1"]
    return cells


def largest_gap(root: Segment, figures: dict[str, Interim], periods: Periods | None,
                last: int) -> float:
    """The largest difference between a reported parent and the sum of its parts the model
    will see: period by period on the interim sheet, and in the last actual year."""
    cells = {n.id: derived_cells(n, figures[n.id], periods, last)
             for n in root.walk() if n.interim} if periods and periods.names else {}
    gaps = [0.0]
    for node in root.walk():
        if node.kind == SUM and node.interim and all(c.id in cells for c in node.children):
            for column, value in cells[node.id].items():
                if all(column in cells[c.id] for c in node.children):
                    gaps.append(abs(value - sum(cells[c.id][column] for c in node.children)))
        if node.children and last in node.reported:
            parts = [_year_cell(c, cells, last) for c in node.children]
            if all(p is not None for p in parts):
                gaps.append(abs(node.history[last] - sum(parts)))  # type: ignore[arg-type]
    return max(gaps)


def _year_cell(node: Segment, cells: dict[str, dict[str, float]], last: int) -> float | None:
    if last in node.reported:
        return node.history[last]
    if node.from_interim:
        return cells[node.id].get("full-1")
    return node.history.get(last)  # derived exactly (a sum, or its parent less its siblings)


"""A synthetic revenue tree: declared segments, their drivers and their reported history.

Shapes: no segments (``total`` driven alone); flat segments; two levels, where a top segment is
the sum of driven children or is driven itself and divided among its children by shares, one
child taking the rest (``two_level``; ``two_level_sum``: sums only); and a driven total divided
among its top segments by shares. The history is made consistent bottom-up: leaves are rounded
as a document prints them and every parent is the sum of its rounded children, so reported
parts add up to reported totals.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from builder.universe import series as sr
from builder.universe.words import CJK_SEGMENT_FORMS, Words

GROWTH, VOLUME_PRICE, SHARE, REST, SUM = "growth", "volume x price", "share", "rest", "sum"
SHAPES = ("none", "flat", "two_level", "two_level_sum", "driven_total")
ID_STYLES = ("seg_{a}", "unit_{n}", "line_{a}", "biz{n}", "part_{a}{n}")
VOLUME_UNITS = ("units", "subscriptions", "seats", "tonnes", "orders", "devices", "GPU-hours")
SCENARIOS = ("base", "bear", "bull")
MAX_SHARES = 0.9  # a parent's share-driven parts take at most this much; the rest the others


@dataclass
class Segment:
    """A node of the tree (the root is ``total``), with everything generated for it."""

    id: str
    name: str
    kind: str
    children: list[Segment] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    weight: float = 1.0  # share of its parent's revenue, before rounding
    history: dict[int, float] = field(default_factory=dict)  # by actual year, as reported
    driver: dict[str, Any] = field(default_factory=dict)  # the base case's YAML driver
    reported: list[int] = field(default_factory=list)  # actual years the annual report gives
    interim: bool = False  # the interim reports give it
    from_interim: bool = False  # its last actual year is known only from the interim reports
    overrides: dict[str, dict[str, sr.Series]] = field(default_factory=dict)  # bear / bull
    first: dict[str, float] = field(default_factory=dict)  # scenario -> first forecast year

    @property
    def is_root(self) -> bool:
        return self.id == "total"

    @property
    def metric(self) -> str:
        return "revenue" if self.is_root else f"{self.id}_revenue"

    def walk(self) -> Iterator[Segment]:
        yield self
        for child in self.children:
            yield from child.walk()

    def parent_of(self, node: Segment) -> Segment | None:
        return next((n for n in self.walk() if node in n.children), None)


def revenue_tree(rng: random.Random, words: Words, shape: str, count: int, cjk: bool,
                 actual: list[int], forecast: list[int], scale: float,
                 unit_scale: float) -> Segment:
    """The whole tree: structure, names, history (revenue ``scale`` in the last actual year)
    and drivers over ``forecast``; ``unit_scale`` is the reporting currency per USD (prices)."""
    root = _structure(rng, shape, count)
    _weights(rng, root)
    _assign_rest(root)
    _name(rng, words, root, cjk)
    _history(rng, root, actual, scale)
    for node in root.walk():
        _drive(rng, node, forecast, unit_scale)
        _shares(rng, node, forecast)
    for scenario in SCENARIOS:
        _first_year(root, scenario, forecast[0], actual[-1])
    return root


# -- structure ------------------------------------------------------------------------------

def _structure(rng: random.Random, shape: str, count: int) -> Segment:
    """Kinds only. ``two_level``: the first parent is divided by shares, the others are sums
    or divided at random; ``two_level_sum``: every parent is the sum of its parts."""
    leaf = (GROWTH, GROWTH, VOLUME_PRICE)
    if shape == "none":
        return Segment("total", "Revenue", rng.choice(leaf))
    if shape == "flat":
        return Segment("total", "Revenue", SUM,
                       [Segment("", "", rng.choice(leaf)) for _ in range(count)])
    driven_total = shape == "driven_total"
    root = Segment("total", "Revenue", rng.choice(leaf) if driven_total else SUM)
    first = shape == "two_level"
    for size in _two_levels(rng, count):
        if driven_total:
            kind = SHARE
        elif size and shape == "two_level_sum":
            kind = SUM
        elif size and first:
            kind = rng.choice(leaf)
        else:
            kind = rng.choice((SUM, *leaf)) if size else rng.choice(leaf)
        first = first and not size
        divided = kind != SUM
        root.children.append(Segment("", "", kind, [
            Segment("", "", SHARE if divided else rng.choice(leaf)) for _ in range(size)]))
    return root


def _two_levels(rng: random.Random, count: int) -> list[int]:
    """Children per top segment: ``count`` segments in all, at least one parent, each parent
    with two children or more (a single child would only repeat its parent)."""
    count = max(count, 3)
    tops = rng.randint(1, count - 2)
    rest = count - tops
    parents = rng.randint(1, min(tops, rest // 2))
    sizes = [2] * parents
    for _ in range(rest - 2 * parents):
        sizes[rng.randrange(parents)] += 1
    layout = sizes + [0] * (tops - parents)
    rng.shuffle(layout)
    return layout


def _weights(rng: random.Random, node: Segment) -> None:
    raw = [rng.uniform(0.5, 2.0) for _ in node.children]
    for child, weight in zip(node.children, raw, strict=True):
        child.weight = weight / sum(raw)
        _weights(rng, child)


def _assign_rest(node: Segment) -> None:
    """Where a parent is divided by shares, its largest child takes the rest: shares alone
    would not add up to their parent, and the largest part stays clear of zero."""
    shares = [c for c in node.children if c.kind == SHARE]
    if shares:
        max(shares, key=lambda c: c.weight).kind = REST
    for child in node.children:
        _assign_rest(child)


def _name(rng: random.Random, words: Words, root: Segment, cjk: bool) -> None:
    style = rng.choice(ID_STYLES)
    for index, node in enumerate(n for n in root.walk() if not n.is_root):
        node.id = style.format(a=chr(ord("a") + index), n=index + 1)
        roll = rng.random()
        if roll < (0.6 if cjk else 0.15):
            node.name = words.cjk() + rng.choice(CJK_SEGMENT_FORMS)
        elif roll < 0.95:
            node.name = words.word()
            if rng.random() < 0.4:
                node.aliases = [node.name.lower(), words.cjk()]
        else:
            node.name = words.hostile()


# -- history --------------------------------------------------------------------------------

def _history(rng: random.Random, root: Segment, actual: list[int], scale: float) -> None:
    """Truth per actual year, rounded at the leaves; parents are the sums of their children."""
    totals = {actual[-1]: scale}
    for year in reversed(actual[:-1]):
        totals[year] = totals[year + 1] / (1 + rng.uniform(-0.05, 0.4))
    for year in actual:
        _split(root, totals[year] * rng.uniform(0.98, 1.02) if year != actual[-1]
               else totals[year], year)
        _sum_up(root, year)


def _split(node: Segment, value: float, year: int) -> None:
    if not node.children:
        node.history[year] = sr.money(value)
    for child in node.children:
        _split(child, value * child.weight, year)


def _sum_up(node: Segment, year: int) -> float:
    if node.children:
        node.history[year] = sr.money(sum(_sum_up(c, year) for c in node.children))
    return node.history[year]


# -- drivers --------------------------------------------------------------------------------

def _drive(rng: random.Random, node: Segment, years: list[int], unit_scale: float) -> None:
    """The base case's driver of ``node`` and, for some nodes, a bear and a bull override."""
    if node.kind == GROWTH:
        growth = sr.fade(rng, rng.uniform(-0.08, 0.45), rng.uniform(0.0, 0.05), years)
        node.driver = {"growth": growth}
        for case, sign in (("bear", -1), ("bull", 1)):
            if rng.random() < 0.6:
                node.overrides[case] = {"growth": sr.shifted(
                    growth, sign * rng.uniform(0.01, 0.05), -0.5, 2.0)}
    elif node.kind == VOLUME_PRICE:
        # revenue (millions) = volume (millions of units) x price per unit
        price = sr.significant(sr.log_uniform(rng, 0.5, 500) * unit_scale)
        volumes = _compound(sr.fade(rng, rng.uniform(-0.05, 0.3), rng.uniform(0, 0.04), years),
                            node.history[max(node.history)] / price)
        prices = _compound(sr.fade(rng, rng.uniform(-0.05, 0.08), rng.uniform(0, 0.03), years),
                           price)
        node.driver = {"volume": volumes, "price": prices,
                       "volume_unit": rng.choice(VOLUME_UNITS)}
        for case, sign in (("bear", -1), ("bull", 1)):
            if rng.random() < 0.5:
                node.overrides[case] = {"volume": sr.scaled(
                    volumes, 1 + sign * rng.uniform(0.02, 0.1))}
    elif node.kind == REST:
        node.driver = {"rest": True}


def _compound(growth: sr.Series, start: float) -> sr.Series:
    values, level = {}, start
    for year, rate in growth.items():
        level *= 1 + rate
        values[year] = sr.significant(level)
    return values


def _shares(rng: random.Random, parent: Segment, years: list[int]) -> None:
    """Share paths of the share-driven children of ``parent``: together at most MAX_SHARES
    less a margin in every year and scenario, so the rest child stays positive."""
    shares = [c for c in parent.children if c.kind == SHARE]
    if not shares:
        return
    for child in shares:
        child.driver = {"share": sr.fade(rng, child.weight, child.weight * rng.uniform(0.8, 1.25),
                                         years)}
    ceiling = MAX_SHARES - 0.05
    for year in years:
        total = sum(c.driver["share"][year] for c in shares)
        for child in shares:
            if total > ceiling:
                child.driver["share"][year] = round(
                    child.driver["share"][year] * ceiling / total, 4)
    for case, sign in (("bear", -1), ("bull", 1)):
        moved = rng.choice(shares)
        if rng.random() < 0.6:
            base: sr.Series = moved.driver["share"]
            others = {y: sum(c.driver["share"][y] for c in shares if c is not moved)
                      for y in years}
            shifted = sr.shifted(base, sign * rng.uniform(0.005, 0.03), 0.01, MAX_SHARES)
            moved.overrides[case] = {"share": {y: round(min(v, MAX_SHARES - others[y]), 4)
                                               for y, v in shifted.items()}}


def _first_year(root: Segment, scenario: str, year: int, last: int) -> None:
    """Each node's revenue in the first forecast year under ``scenario``, as the model
    computes it from the reported base."""

    def driver(node: Segment, part: str) -> float:
        given = node.overrides.get(scenario, {}).get(part) if scenario != "base" else None
        return (given or node.driver[part])[year]

    def value(node: Segment, parent: float | None) -> float:
        if node.kind == GROWTH:
            own = node.history[last] * (1 + driver(node, "growth"))
        elif node.kind == VOLUME_PRICE:
            own = driver(node, "volume") * driver(node, "price")
        elif node.kind == SHARE:
            own = parent * driver(node, "share")  # type: ignore[operator]
        else:
            own = parent if parent is not None else 0.0  # rest: set below, from its siblings
        shares = {c.id: value(c, own) for c in node.children if c.kind != REST}
        for child in node.children:
            if child.kind == REST:
                shares[child.id] = value(child, own - sum(shares.values()))
        if node.kind == SUM:
            own = sum(shares.values())
        node.first[scenario] = own
        return own

    value(root, None)


# -- what the documents give ----------------------------------------------------------------

def choose_reported(rng: random.Random, root: Segment, actual: list[int], interim: bool,
                    from_interim: bool) -> None:
    """Which revenue figures the documents give. Total revenue: every actual year (and every
    interim period); a segment: every actual year or the last alone, interim periods often.
    Then, sometimes, one segment's last actual year is left for the model to derive: only from
    the interim reports (``from_interim``, as a company that reports a segment by quarter only,
    with the prior year's last quarter), or, for a segment without interim figures, as the sum
    of its parts or its parent less its siblings.

    Histories have no hole (a year missing between reported years), and a segment with interim
    figures has its prior full year: with either, a parts-add-up check spans periods that are
    not one contiguous range, which the model cannot render yet (reported to the lead)."""
    for node in root.walk():
        every = node.is_root or rng.random() < 0.5
        node.reported = [y for y in actual if every or y == actual[-1]]
        node.interim = interim and (node.is_root or rng.random() < 0.7)
    segments = [n for n in root.walk() if not n.is_root]
    leaves = [n for n in segments if not n.children and n.interim]
    if from_interim and leaves and rng.random() < 0.7:
        chosen = rng.choice(leaves)
        chosen.reported, chosen.from_interim = [], True
        return
    quiet = [n for n in segments if not n.interim]
    if quiet and rng.random() < 0.4:
        chosen = rng.choice(quiet)
        parent = root.parent_of(chosen)
        if (chosen.kind == SUM and chosen.children) or (
                parent is not None and actual[-1] in parent.reported):
            chosen.reported = [y for y in chosen.reported if y != actual[-1]]

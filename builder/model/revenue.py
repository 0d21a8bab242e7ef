"""The revenue build: the declared segment tree, year by year.

Actual columns link to the reported figures. Where a year's segment revenue is not reported,
it is derived the way a reader would: from the interim sheet (the year's quarters or halves,
rebuilt from reported growth where needed), as the sum of its parts, or as its parent less its
siblings. Forecast columns apply each segment's driver, one expression per row.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import pairwise

from builder.model.book import ItemBook
from builder.model.drivers import segment_driver_keys
from builder.model.expr import Expr, Ref, at, prev
from builder.model.facts import Facts, Missing
from builder.model.functions import ratio, total
from builder.model.history import annual_key
from builder.model.interim import bridge_key
from builder.model.items import Timeline, Unit
from builder.model.namespace import Namespace
from builder.model.segments import GROWTH, REST, SHARE, SUM, VOLUME_PRICE, Node
from builder.model.timeline import ANNUAL, InterimLayout


class RevenueHistory:
    """Where each node's actual-year revenue comes from: reported, the interim sheet, the sum
    of its parts or its parent less its siblings (``None``: not available). A derivation never
    leans on the cell being derived: a parent that is the sum of its parts cannot give a part
    back."""

    def __init__(self, book: ItemBook, tree: Node, facts: Facts, annual: Timeline,
                 interim: InterimLayout | None):
        self.book, self.facts, self.interim = book, facts, interim
        self.last = annual.actual_keys()[-1]
        self.nodes = {n.id: n for n in tree.walk()}
        self._memo: dict[tuple[str, str], str | None] = {}

    def source(self, node: Node, period: str) -> str | None:
        cell = (node.id, period)
        if cell not in self._memo:
            self._memo[cell] = None  # a derivation never leans on itself
            self._memo[cell] = self._find(node, period)
        return self._memo[cell]

    def _find(self, node: Node, period: str) -> str | None:
        if self.facts.has(node.metric, period):
            return "reported"
        if (self.interim is not None and period == self.last
                and self.book.has(bridge_key(node.metric), self.interim.prior.full)):
            return "interim"
        if node.kind == SUM and node.children and all(self.source(c, period)
                                                       for c in node.children):
            return "sum"
        if node.parent is not None:  # its parent less its siblings
            parent = self.nodes[node.parent]
            siblings = [c for c in parent.children if c.id != node.id]
            if self.source(parent, period) and all(self.source(s, period) for s in siblings):
                return "rest"
        return None

    def cell(self, ns: Namespace, node: Node, period: str) -> Expr | None:
        found = self.source(node, period)
        if found == "reported":
            return Ref(annual_key(node.metric))
        if found == "interim":
            assert self.interim is not None
            return at(bridge_key(node.metric), self.interim.prior.full)
        if found == "sum":
            return total(*(Ref(ns.fc(c.key)) for c in node.children))
        if found == "rest":
            return _rest(ns, self.nodes[node.parent], node)  # type: ignore[index]
        return None


def add_revenue(book: ItemBook, ns: Namespace, tree: Node, history: RevenueHistory,
                annual: Timeline) -> None:
    """Each node's revenue row (reading order: parents first) and its growth or share."""
    fc = ns.fc
    actual = annual.actual_keys()
    for node in tree.walk():
        if node.kind == GROWTH and history.source(node, actual[-1]) is None:
            history.facts.missing.append(Missing(node.metric, actual[-1],
                                                 f"the base of {node.label.lower()}'s growth"))
        cells = {p: c for p in actual if (c := history.cell(ns, node, p)) is not None}
        book.calc(fc(node.key), book.money(node.label), Unit.MONEY, ANNUAL, cells=cells,
                  forecast=_forecast(ns, node, tree),
                  name="Revenue" if node.is_root and ns.live else None)
    for node in tree.walk():
        key = fc(node.key)
        if node.kind == SHARE:
            parent = _parent(tree, node)
            book.calc(fc(f"{node.key}_share"), f"{node.name}: share of "
                      f"{parent.label.lower()} (%)", Unit.RATIO, ANNUAL,
                      cells=dict.fromkeys(_present(annual, book, key, fc(parent.key)),
                                          ratio(Ref(key), Ref(fc(parent.key)))))
        cells = dict.fromkeys(_after_present(annual, book.periods(key)),
                              ratio(Ref(key) - prev(key), prev(key)))
        first = annual.keys[0]
        if node.is_root and history.facts.has("revenue_yoy", first):
            cells[first] = Ref(annual_key("revenue_yoy"))
        label = "Revenue growth (% YoY)" if node.is_root else f"{node.name} growth (% YoY)"
        book.calc(fc(f"{node.key}_growth"), label, Unit.RATIO, ANNUAL, cells=cells)


def _forecast(ns: Namespace, node: Node, tree: Node) -> Expr:
    fc, drv = ns.fc, ns.driver
    keys = segment_driver_keys(node)
    if node.kind == GROWTH:
        return prev(fc(node.key)) * (1 + Ref(drv(keys["growth"])))
    if node.kind == SHARE:
        return Ref(fc(_parent(tree, node).key)) * Ref(drv(keys["share"]))
    if node.kind == VOLUME_PRICE:
        return Ref(drv(keys["volume"])) * Ref(drv(keys["price"]))
    if node.kind == REST:
        return _rest(ns, _parent(tree, node), node)
    assert node.kind == SUM
    return total(*(Ref(fc(c.key)) for c in node.children))


def _rest(ns: Namespace, parent: Node, node: Node) -> Expr:
    """The part of ``parent`` its siblings leave to ``node``. An only child is its parent: a
    plain reference, never ``parent - SUM()`` (an empty SUM is no formula a reader should
    audit, and the lint refuses it)."""
    siblings = [Ref(ns.fc(c.key)) for c in parent.children if c.id != node.id]
    parent_ref = Ref(ns.fc(parent.key))
    return parent_ref - total(*siblings) if siblings else parent_ref


def _parent(tree: Node, node: Node) -> Node:
    return next(n for n in tree.walk() if n.id == node.parent)


def _present(annual: Timeline, book: ItemBook, *keys: str) -> list[str]:
    return [p for p in annual.keys if all(book.has(k, p) for k in keys)]


def _after_present(timeline: Timeline, present: Iterable[str | None]) -> list[str]:
    """The periods in ``present`` whose previous period on ``timeline`` is present too."""
    have = set(present)
    return [p for before, p in pairwise(timeline.keys) if p in have and before in have]

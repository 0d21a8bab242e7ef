"""The revenue tree: the declared segments under the root ``total``, each with its driver kind.

Built once from the assumptions; the drivers, the annual revenue build, the interim bridge, the
Street sheet and the memo all walk this one tree, so labels, defined names and CSV metrics all
follow the declared ids and names.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from builder.inputs.revenue_rules import TOTAL, kind_of
from builder.inputs.schema import Assumptions, Segment

GROWTH, SHARE, VOLUME_PRICE, REST, SUM = "growth", "share", "volume x price", "rest", "sum"


@dataclass(frozen=True)
class Node:
    id: str
    name: str
    kind: str  # growth, share, volume x price, rest, or sum (of its children)
    children: tuple[Node, ...] = ()
    parent: str | None = None
    volume_unit: str = "units"

    @property
    def is_root(self) -> bool:
        return self.id == TOTAL

    @property
    def key(self) -> str:
        """The row of its revenue, before a namespace prefix: ``revenue`` or ``seg_<id>``."""
        return "revenue" if self.is_root else f"seg_{self.id}"

    @property
    def metric(self) -> str:
        """Its historicals' metric in the CSV: ``revenue`` or ``<id>_revenue``."""
        return "revenue" if self.is_root else f"{self.id}_revenue"

    @property
    def label(self) -> str:
        return "Total revenue" if self.is_root else f"{self.name} revenue"

    def walk(self) -> Iterator[Node]:
        """This node and every node below it, parents first (reading order)."""
        yield self
        for child in self.children:
            yield from child.walk()


def revenue_tree(assumptions: Assumptions) -> Node:
    drivers = assumptions.drivers.revenue

    def node(segment: Segment, parent: str | None) -> Node:
        driver = drivers.get(segment.id)
        kind = kind_of(driver) if driver is not None else ""
        children = tuple(node(child, segment.id) for child in segment.children)
        return Node(segment.id, segment.name, kind or SUM, children, parent,
                    driver.volume_unit if driver is not None else "units")

    segments = list(assumptions.company.segments)
    root = Segment(id=TOTAL, name="Revenue", aliases=[], children=segments)
    return node(root, None)


def declared_metrics(tree: Node) -> tuple[str, ...]:
    """The CSV metrics the segments add to the vocabulary."""
    found = []
    for node in tree.walk():
        if node.is_root:
            continue
        found += [node.metric, f"{node.metric}_yoy"]
        if node.parent is not None and node.parent != TOTAL:
            found.append(f"{node.id}_share_of_{node.parent}")
    return tuple(found)

"""Rules for the declared segment tree and the revenue drivers keyed by it.

Revenue is a tree: the root ``total`` and the declared segments (two levels at most). A node is
either the sum of its children, or driven itself (growth, or volume x price), in which case its
children divide it by shares, one of them possibly taking the rest. A leaf is always driven.
"""

from __future__ import annotations

from collections.abc import Iterator

from builder.inputs.schema import Company, Scenarios, Segment
from builder.inputs.statement_schema import Drivers, SegmentDriver
from builder.inputs.valuation_rules import Problem

TOTAL = "total"
KINDS = ("growth", "share", "volume x price", "rest")


def kind_of(driver: SegmentDriver) -> str:
    """The kind of driver given ('' when none or more than one: the rules say which)."""
    given = [k for k in ("growth", "share") if getattr(driver, k) is not None]
    if driver.volume is not None or driver.price is not None:
        given.append("volume x price")
    if driver.rest:
        given.append("rest")
    return given[0] if len(given) == 1 else ""


def check(company: Company, drivers: Drivers, scenarios: Scenarios) -> Iterator[Problem]:
    yield from _tree(company.segments)
    ids = {TOTAL} | {s.id for s in _walk(company.segments)}
    given = drivers.revenue
    for segment_id, driver in given.items():
        path = ("drivers", "revenue", segment_id)
        if segment_id not in ids:
            declared = ", ".join(sorted(ids - {TOTAL})) or "none"
            yield Problem(path, f"no such segment; company.segments declares {declared}"
                                + ("" if company.segments else
                                   " (without segments, drive revenue as 'total')"))
            continue
        yield from _one_kind(path, driver)
    yield from _structure(company.segments, given)


def _tree(segments: list[Segment]) -> Iterator[Problem]:
    seen: set[str] = set()
    for index, segment in enumerate(segments):
        for child_index, child in enumerate(segment.children):
            if child.children:
                yield Problem(("company", "segments", index, "children", child_index,
                               "children"), "segments nest two levels at most (a top segment "
                                            "and its children)")
    for segment in _walk(segments):
        if segment.id == TOTAL:
            yield Problem(("company", "segments"), f"{TOTAL!r} is the whole company's revenue; "
                                                   "give the segment another id")
        if segment.id in seen:
            yield Problem(("company", "segments"), f"segment id {segment.id!r} is declared "
                                                   "twice")
        seen.add(segment.id)


def _one_kind(path: tuple[str | int, ...], driver: SegmentDriver) -> Iterator[Problem]:
    given = [k for k in ("growth", "share") if getattr(driver, k) is not None]
    if (driver.volume is None) != (driver.price is None):
        missing = "price" if driver.price is None else "volume"
        yield Problem((*path, missing), "volume and price go together: give both")
    if driver.volume is not None or driver.price is not None:
        given.append("volume x price")
    if driver.rest:
        given.append("rest")
    if len(given) != 1:
        yield Problem(path, f"give exactly one driver ({', '.join(KINDS)}); got "
                            f"{', '.join(given) or 'none'}")


def _structure(segments: list[Segment], given: dict[str, SegmentDriver]) -> Iterator[Problem]:
    """Leaves are driven; a driven parent is divided by its parts' shares (one may take the
    rest); an undriven parent is the sum of its parts, which are then driven by themselves."""
    root = Segment(id=TOTAL, name="Revenue", aliases=[], children=list(segments))
    if TOTAL in given and kind_of(given[TOTAL]) in ("share", "rest"):
        yield Problem(("drivers", "revenue", TOTAL), "total revenue is driven by growth or "
                                                     "volume x price: it has no parent")
    for node in (root, *_walk(segments)):
        driven = node.id in given and bool(kind_of(given[node.id]))
        if not node.children and node.id not in given:
            what = "revenue (no segments declared)" if node.id == TOTAL else \
                f"segment {node.name!r}"
            yield Problem(("drivers", "revenue", node.id),
                          f"{what} has no driver; expected one of {', '.join(KINDS)}")
        rests = []
        for child in node.children:
            kind = kind_of(given[child.id]) if child.id in given else ""
            path = ("drivers", "revenue", child.id)
            if kind == "rest":
                rests.append(child.id)
            if kind in ("share", "rest") and not driven:
                where = "total revenue" if node.id == TOTAL else f"segment {node.name!r}"
                yield Problem(path, f"a {kind} divides its parent's revenue, but {where} is the "
                                    f"sum of its parts; give {node.id!r} a driver, or drive "
                                    "this segment by growth or volume x price")
            if driven and kind in ("growth", "volume x price"):
                yield Problem(path, f"{node.id!r} has a driver of its own, so its parts divide "
                                    "it: give this segment a share, or the rest")
        if len(rests) > 1:
            yield Problem(("drivers", "revenue", rests[1]),
                          f"only one part of {node.id!r} can take the rest; got "
                          f"{', '.join(rests)}")


def _walk(segments: list[Segment]) -> Iterator[Segment]:
    for segment in segments:
        yield segment
        yield from _walk(segment.children)

"""The memo's numbers as records: what is shown, and where in the workbook it comes from.

Every number in the memo is a :class:`Shown`. One from the workbook names its line item, period
and *case* (the input cells typed differently from the built workbook: none for the memo's
headline figures, the scenario switch for the scenario table, driver shifts for the sensitivity
grid), so a test can find its cell through the Placement, replay the case in LibreOffice and
compare the recalculated value with the display string. A broker's figure carries its document
sources instead; a difference carries the figures it was computed from.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass

from markupsafe import Markup, escape

from builder.historicals.records import Source
from builder.memo.filters import FILTERS
from builder.model.evaluate import evaluate
from builder.model.expr import Value
from builder.model.items import Model, Role

Edit = tuple[str, str | None, Value]
"""An input cell typed differently: (line item key, period or None for a scalar, value)."""
Case = tuple[Edit, ...]
"""A set of edits, sorted; () is the workbook as built."""


@dataclass(frozen=True, slots=True)
class Shown:
    """One number as the memo prints it."""

    text: str
    value: Value
    fmt: str
    key: str | None = None
    period: str | None = None
    case: Case = ()
    sources: tuple[Source, ...] = ()
    basis: tuple[Shown, ...] = ()

    @property
    def origin(self) -> str:
        """'workbook', 'document' or 'derived': how a test checks this figure."""
        if self.key is not None:
            return "workbook"
        return "derived" if self.basis else "document"

    def __str__(self) -> str:
        return self.text

    def __html__(self) -> Markup:
        return escape(self.text)


def shown(fmt: str, value: Value, **where: object) -> Shown:
    """A record displayed with the filter ``fmt`` from the one registry."""
    return Shown(FILTERS[fmt](value), value, fmt, **where)  # type: ignore[arg-type]


class Cases:
    """The model as built, and the same model recomputed with input cells typed differently.

    Recomputing here (pure, no files) is what LibreOffice does when an analyst types the same
    edits into the workbook; the memo test replays each case there and compares.
    """

    def __init__(self, model: Model):
        self.model = model
        self._models: dict[Case, Model] = {(): model}

    def model_for(self, case: Case) -> Model:
        if case not in self._models:
            items = dict(self.model.items)
            for key, period, value in case:
                item = items[key]
                if item.role is not Role.INPUT or period not in item.cells:
                    raise ValueError(f"{key}[{period}] is not an input cell; cases edit inputs")
                items[key] = dataclasses.replace(item, cells={**item.cells, period: value})
            self._models[case] = evaluate(items.values(), self.model.timelines)
        return self._models[case]

    def figure(self, fmt: str, key: str, period: str | None, case: Case = ()) -> Shown:
        """The workbook's figure for ``key`` in ``period`` under ``case``."""
        value = self.model_for(case).value(key, period)
        return shown(fmt, value, key=key, period=period, case=case)


def walk(node: object) -> Iterator[Shown]:
    """Every figure in a context tree (dataclasses, lists, tuples, dicts), in reading order."""
    if isinstance(node, Shown):
        yield node
        yield from (f for b in node.basis for f in walk(b))
    elif dataclasses.is_dataclass(node) and not isinstance(node, type):
        for field in dataclasses.fields(node):
            yield from walk(getattr(node, field.name))
    elif isinstance(node, list | tuple):
        for child in node:
            yield from walk(child)
    elif isinstance(node, dict):
        for child in node.values():
            yield from walk(child)

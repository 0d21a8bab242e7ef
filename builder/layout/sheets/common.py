"""Helpers shared by the sheet modules."""

from __future__ import annotations

from collections.abc import Iterable

from builder.layout.spec import ItemRow
from builder.model.items import Model


def present(model: Model, keys: Iterable[str]) -> tuple[ItemRow, ...]:
    """Rows for the keys the model has: a metric the documents never give has no row."""
    return tuple(ItemRow(k) for k in keys if k in model.items)


def units_note(currency: str) -> str:
    return (f"{currency} millions unless a label says otherwise. Blue: inputs and reported "
            "figures (comments give the source). Black: formulas. Green: links to other sheets.")

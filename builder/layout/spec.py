"""What a sheet shows, in reading order: headings, item rows, plain text rows and gaps."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class ItemRow:
    """A line item's row. ``total_key`` is a scalar item shown in column C of the same row."""

    key: str
    total_key: str | None = None


@dataclass(frozen=True, slots=True)
class TextRow:
    """A label and a text value, written as strings (inputs never become formulas)."""

    label: str
    text: str = ""


@dataclass(frozen=True, slots=True)
class Heading:
    title: str


@dataclass(frozen=True, slots=True)
class Gap:
    pass


Row = ItemRow | TextRow | Heading | Gap


@dataclass(frozen=True)
class SheetSpec:
    """One worksheet: a name, an optional timeline for columns D onwards, and its rows."""

    name: str
    title: str
    timeline: str | None
    rows: tuple[Row, ...]
    subtitle: str = ""
    tab_color: str | None = None
    column_widths: dict[int, float] = field(default_factory=dict)
    wrap_text: bool = False  # long text rows wrap in their column rather than run off the page


def items(*keys: str) -> tuple[ItemRow, ...]:
    return tuple(ItemRow(k) for k in keys)

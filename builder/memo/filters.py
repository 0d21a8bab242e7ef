"""How the memo writes numbers and user text: every display rule in one place.

The context builder formats each figure with these functions (so a figure's display string is
known before any template runs, and a test can check it against the workbook), and the same
functions are registered as Jinja filters. Rounding is half away from zero on the decimal
representation, as Excel displays numbers, so "rounded as displayed" means the same in both.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Context, Decimal

from markupsafe import Markup

NOT_AVAILABLE = "–"  # a blank cell: the documents do not give the figure


def _rounded(value: float, places: int) -> Decimal:
    """Excel's display rounding: to 15 significant digits first (so 0.4145 shown as a percent
    is 41.45, not 41.4499...), then half away from zero."""
    quantum = Decimal(1).scaleb(-places)
    exact = Decimal(f"{float(value):.15g}")
    # Enough digits for the whole part of any float (1e300 has 301): quantize would otherwise
    # raise InvalidOperation on a price typed as 1.0e+300.
    digits = Context(prec=max(28, exact.adjusted() + places + 2))
    rounded = exact.quantize(quantum, rounding=ROUND_HALF_UP, context=digits)
    return rounded if rounded != 0 else abs(rounded)  # no "-0"


def _numeric(function: Callable[[float], str]) -> Callable[[object], str]:
    """Blank -> a dash; text in a number's cell (the model's ``n/a``) -> the text itself."""

    def display(value: object) -> str:
        if value is None:
            return NOT_AVAILABLE
        if isinstance(value, str):
            return value
        number = float(value)  # type: ignore[arg-type]
        if not math.isfinite(number):  # an overflowed figure: shown as the workbook's n/a
            return "n/a"
        return function(number)

    display.__name__ = function.__name__
    display.__doc__ = function.__doc__
    return display


@_numeric
def money(value: float) -> str:
    """Millions, no decimals, thousands separated; losses in brackets as in the workbook."""
    rounded = _rounded(value, 0)
    text = f"{abs(rounded):,.0f}"
    return f"({text})" if rounded < 0 else text


@_numeric
def percent(value: float) -> str:
    """A fraction as a percentage with one decimal: 0.2207 -> 22.1%."""
    return f"{_rounded(value * 100, 1):.1f}%"


@_numeric
def points(value: float) -> str:
    """A difference of two fractions in percentage points, signed: 0.012 -> +1.2pp."""
    rounded = _rounded(value * 100, 1)
    return f"{rounded:+.1f}pp" if rounded != 0 else "0.0pp"


@_numeric
def change(value: float) -> str:
    """A relative difference, signed: 0.034 -> +3.4%."""
    rounded = _rounded(value * 100, 1)
    return f"{rounded:+.1f}%" if rounded != 0 else "0.0%"


@_numeric
def delta(value: float) -> str:
    """A difference of two amounts in millions, signed: -464.2 -> -464."""
    rounded = _rounded(value, 0)
    return f"{rounded:+,.0f}" if rounded != 0 else "0"


@_numeric
def multiple(value: float) -> str:
    """A valuation multiple with one decimal: 12.34 -> 12.3x."""
    return f"{_rounded(value, 1):.1f}x"


@_numeric
def price(value: float) -> str:
    """A per-share amount with two decimals (the currency is printed beside it)."""
    return f"{_rounded(value, 2):,.2f}"


@_numeric
def number(value: float) -> str:
    """A plain count or index, no decimals."""
    return f"{_rounded(value, 0):,.0f}"


def text(value: object) -> str:
    """A text cell (the scenario's name, a rating) as it stands."""
    return NOT_AVAILABLE if value is None else str(value)


FILTERS: dict[str, Callable[..., str]] = {
    "money": money,
    "percent": percent,
    "points": points,
    "change": change,
    "delta": delta,
    "multiple": multiple,
    "price": price,
    "number": number,
    "text": text,
}
"""The one registry: context figures name their filter here, Jinja registers all of them."""


# --- Markdown escaping -------------------------------------------------------------------------

# Characters that can start markup anywhere in a Markdown line (emphasis, code, links, images,
# raw HTML, entities, table cells, strike-through, escapes).
_INLINE = re.compile(r"([\\`*_\[\]<>|~&!#])")
# Characters that only matter at the start of a line: lists, headings, quotes, setext lines,
# and the dot of an ordered list ("1." becomes "1\." since a digit cannot be escaped).
_LEADING = re.compile(r"^(\s*)([-+=>#])")
_ORDERED = re.compile(r"^(\s*\d+)([.)])")
_WHITESPACE = re.compile(r"\s+")


def markdown_escape(value: object) -> str:
    """User text made inert in Markdown: ``<script>`` stays text, ``*x*`` is not emphasis.

    Line breaks become spaces because a newline inside a table cell or list item would end it;
    every character CommonMark could read as markup gets a backslash (any ASCII punctuation may
    be escaped, so renderers show the character itself).
    """
    flat = _WHITESPACE.sub(" ", str(value)).strip()
    escaped = _INLINE.sub(r"\\\1", flat)
    escaped = _LEADING.sub(lambda m: m.group(1) + "\\" + m.group(2), escaped)
    return _ORDERED.sub(lambda m: m.group(1) + "\\" + m.group(2), escaped)


def markdown_finalize(value: object) -> object:
    """Jinja ``finalize`` for Markdown: escape plain strings, trust what Python marked safe.

    Figures and :class:`~markupsafe.Markup` are our own output (digits, separators, signs) and
    pass through; everything else, which is where user text comes from, is escaped.
    """
    if getattr(value, "fmt", None) == "text":  # a text cell of the model may echo an input
        return markdown_escape(value)
    if isinstance(value, Markup) or hasattr(value, "__html__"):
        return str(value)
    if isinstance(value, str):
        return markdown_escape(value)
    return value

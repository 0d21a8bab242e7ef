"""The football field: each valuation method's value per quoted unit from the bear to the bull case.

Low, high and span are formulas over the three scenario sheets' cells, laid out as a small
table so a native Excel chart (stacked bars: an invisible low, then the span) can draw it,
and the memo's chart shows the very same cells.
"""

from __future__ import annotations

from builder.model.book import ItemBook
from builder.model.expr import Ref, at
from builder.model.functions import maximum, minimum
from builder.model.items import Period, Timeline, Unit
from builder.model.market import Quote
from builder.model.namespace import Namespace

FOOTBALL = "football"
LOW, HIGH, SPAN = "ff_low", "ff_high", "ff_span"
METHODS = (("dcf_per_share", "DCF"), ("ps_per_share", "P/S"), ("ev_sales_per_share", "EV/Sales"),
           ("ev_ebitda_per_share", "EV/EBITDA"), ("pe_per_share", "P/E"),
           ("target_per_share", "Blended target"))


def football_timeline() -> Timeline:
    return Timeline(FOOTBALL, (Period(LOW, "Bear-bull low", True),
                               Period(HIGH, "Bear-bull high", True),
                               Period(SPAN, "Span", True)))


def football_key(method: str) -> str:
    return f"ff_{method}"


def add_football(book: ItemBook, namespaces: tuple[Namespace, ...], rating: Quote) -> list[str]:
    """One row per method the valuation has, per unit of the rating listing, in its currency:
    the scenarios' value per ordinary share times the Valuation sheet's conversion."""
    keys = []
    for method, label in METHODS:
        cells = [ns.val(method) for ns in namespaces]
        if not all(book.has(c) for c in cells):
            continue
        values = [at(c, None) * at(rating.factor, None) for c in cells]
        key = football_key(method)
        book.calc(key, book.price(f"{label}: value per {rating.unit_name} of "
                  f"{rating.listing.ticker}, bear to bull", rating.currency), Unit.PRICE,
                  FOOTBALL, currency=rating.currency,
                  cells={LOW: minimum(*values), HIGH: maximum(*values),
                         SPAN: Ref(key, period=HIGH, fixed=True) - Ref(key, period=LOW,
                                                                          fixed=True)})
        keys.append(key)
    return keys

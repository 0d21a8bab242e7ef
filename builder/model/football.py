"""The football field: each valuation method's value per quoted unit from the bear to the bull case.

Low, high and span are formulas over the three scenario sheets' cells, laid out as a small
table so a native Excel chart (stacked bars: an invisible low, then the span) can draw it,
and the memo's chart shows the very same cells.
"""

from __future__ import annotations

from builder.model.book import ItemBook
from builder.model.conditions import all_of, is_number, missing
from builder.model.drivers import SCENARIOS
from builder.model.expr import Expr, Ref, at
from builder.model.functions import compare, if_
from builder.model.items import Period, Timeline, Unit
from builder.model.market import Quote
from builder.model.namespace import Namespace
from builder.model.ranges import RowStatistic

FOOTBALL = "football"
LOW, HIGH, SPAN = "ff_low", "ff_high", "ff_span"
METHODS = (("dcf_per_share", "DCF"), ("ps_per_share", "P/S"), ("ev_sales_per_share", "EV/Sales"),
           ("ev_ebitda_per_share", "EV/EBITDA"), ("pe_per_share", "P/E"),
           ("target_per_share", "Blended target"))


def football_timeline() -> Timeline:
    cases = tuple(Period(f"ff_{s}", s.capitalize(), True) for s in SCENARIOS)
    return Timeline(FOOTBALL, (*cases, Period(LOW, "Bear-bull low", True),
                               Period(HIGH, "Bear-bull high", True), Period(SPAN, "Span", True)))


def football_key(method: str) -> str:
    return f"ff_{method}"


def add_football(book: ItemBook, namespaces: tuple[Namespace, ...], rating: Quote) -> list[str]:
    """One row per method the valuation has, per unit of the rating listing, in its currency:
    each scenario's value per ordinary share times the Valuation sheet's conversion, then the
    lowest and highest of them. A method that means nothing in a scenario (a P/E on a loss)
    is ``n/a`` there and drops out of the range; with no value at all the range is ``n/a``."""
    keys = []
    cases = tuple(f"ff_{s}" for s in SCENARIOS)
    for method, label in METHODS:
        cells = [ns.val(method) for ns in namespaces]
        if not all(book.has(c) for c in cells):
            continue
        key = football_key(method)
        row: dict[str | None, Expr] = {
            case: if_(is_number(at(c, None)), at(c, None) * at(rating.factor, None), missing())
            for case, c in zip(cases, cells, strict=True)}
        count = RowStatistic("COUNT", key, cases)
        for column, name in ((LOW, "MIN"), (HIGH, "MAX")):
            row[column] = if_(compare(count, "=", 0), missing(), RowStatistic(name, key, cases))
        low, high = Ref(key, period=LOW, fixed=True), Ref(key, period=HIGH, fixed=True)
        row[SPAN] = if_(all_of(is_number(low), is_number(high)), high - low, missing())
        book.calc(key, book.price(f"{label}: value per {rating.unit_name} of "
                  f"{rating.listing.ticker}, bear to bull", rating.currency), Unit.PRICE,
                  FOOTBALL, currency=rating.currency, cells=row)
        keys.append(key)
    return keys

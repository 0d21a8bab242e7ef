"""A figure as a plain tuple: what extraction makes, renders, sends between processes, sorts
and groups; a :class:`Figure` is made from it only when one is asked for.

A million figures is what a 100 MB document set holds. Making each one a frozen record cost
4-7 us of CPU here (fifteen guarded attribute stores for a figure and its source), pickling
records five times what tuples cost, and extraction needs none of them to write its CSV or to
find its conflicts. The fields, in order: entity, metric, period, value, unit, currency, kind
(its value), broker, precision, document, line, quote, published (its ordinal, 0 for none),
confirmed_by.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from operator import itemgetter

from builder.historicals.records import Figure, Kind, Source

Row = tuple  # the fields above

# The fields that make :func:`~builder.historicals.table.sort_key` of a row's figure (a group
# of one entity, metric, period and broker, then the rest), :attr:`Figure.key`, and the
# reading agreement depends on (the tests hold them to the records').
GROUP = itemgetter(0, 1, 2, 7)
REST = itemgetter(9, 10, 3, 11, 13)
KEY = itemgetter(0, 1, 2, 7, 5)
CURRENCY = itemgetter(5)
READING = itemgetter(8, 3)  # (precision, value)
VALUE_AND_PRECISION = itemgetter(3, 8)
QUOTE = 11

_KINDS = {kind.value: kind for kind in Kind}


def row_of(f: Figure) -> Row:
    """A figure as plain values; :func:`figure_of` makes it again."""
    return (f.entity, f.metric, f.period, f.value, f.unit, f.currency, f.kind.value, f.broker,
            f.precision, f.source.document, f.source.line, f.source.quote,
            f.published.toordinal() if f.published else 0, f.confirmed_by)


@cache
def day(ordinal: int) -> date:
    """The date of a row's ``published`` ordinal (a document set has few distinct ones)."""
    return date.fromordinal(ordinal)


def figure_of(row: Row) -> Figure:
    """The figure a row holds."""
    (entity, metric, period, value, unit, currency, kind, broker, precision, document, line,
     quote, published, confirmed_by) = row
    return Figure(entity, metric, period, value, unit, currency, _KINDS[kind], broker, precision,
                  Source(document, line, quote), day(published) if published else None,
                  confirmed_by)

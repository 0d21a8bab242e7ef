"""Point in time: a model dated ``as_of`` uses only what was published by then.

Each figure carries the date its document made it known (the extractor reads it from the
document, or the analyst gives it per document in the YAML, which wins). A model dated before a
results release must not use that release's figures, nor broker estimates published later:
they are left out, and the build says which and why.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from builder.historicals.records import Figure


@dataclass(frozen=True)
class Dated:
    """The figures known by ``as_of``, those published after it, and documents with no date."""

    known: tuple[Figure, ...]
    later: tuple[Figure, ...]
    undated: tuple[str, ...]  # documents whose figures carry no publication date


def known_by(figures: Iterable[Figure], as_of: dt.date,
             document_dates: Mapping[str, dt.date]) -> Dated:
    known, later, undated = [], [], set()
    for figure in figures:
        published = document_dates.get(figure.source.document, figure.published)
        if published is None:
            undated.add(figure.source.document)
            continue
        figure = replace(figure, published=published)
        (known if published <= as_of else later).append(figure)
    return Dated(tuple(known), tuple(later), tuple(sorted(undated)))


def describe(figure: Figure) -> str:
    """One line of the build's 'left out' list."""
    return (f"{figure.metric} {figure.period} = {figure.value:g} "
            f"({figure.source.document}:{figure.source.line}, published "
            f"{figure.published.isoformat() if figure.published else '?'})")

"""The source documents and what each contributed: reported figures in the model, estimates.

The reported figures come from the model's own provenance (:mod:`builder.model.provenance`, the
workbook's Sources sheet's summary too); the brokers' estimates from the facts, which also hold
those the model does not show (a target price).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from builder.model.facts import Facts
from builder.model.history import label_of
from builder.model.items import Model
from builder.model.provenance import reported_by_document, summary_lines


@dataclass(frozen=True)
class Document:
    name: str
    title: str  # the analyst's short title from the YAML, or ""
    contributed: tuple[str, ...]  # one line per kind of contribution


def documents(model: Model, facts: Facts, titles: dict[str, str]) -> tuple[Document, ...]:
    reported = reported_by_document(model)
    guessed = reported_by_document(model, estimates=True)
    estimated: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for figure in facts.estimates:
        for source in figure.sources:
            estimated[source.document][figure.broker].add(label_of(figure.metric, {}))
    read = {s.document for f in facts.actuals.values() for s in f.sources}
    names = sorted(read | set(reported) | set(estimated) | set(guessed))
    return tuple(
        Document(name, titles.get(name, ""), summary_lines(
            reported.get(name, {}), estimated.get(name, {}), guessed.get(name, {})))
        for name in names
    )

"""The source documents and what each contributed: reported figures in the model, estimates.

Read from the model's own provenance (every historical cell keeps its documents), so the list
names exactly the documents the workbook's comments cite.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from builder.memo.brokers import METRICS
from builder.model.facts import Facts
from builder.model.items import Model, Role

_UNIT = re.compile(r"\s*\([^)]*\)\s*$")


@dataclass(frozen=True)
class Document:
    name: str
    title: str  # the analyst's short title from the YAML, or ""
    contributed: tuple[str, ...]  # one line per kind of contribution


def documents(model: Model, facts: Facts, titles: dict[str, str]) -> tuple[Document, ...]:
    reported: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for item in model.items.values():
        if item.role is not Role.HISTORICAL:
            continue
        label = _UNIT.sub("", item.label)
        order = model.timelines[item.timeline].keys if item.timeline else ()
        for period in sorted(item.sources, key=lambda p: order.index(p) if p in order else -1):
            for source in item.sources[period]:
                periods = reported[source.document][label]
                if period is not None and period not in periods:
                    periods.append(period)
    estimated: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for figure in facts.estimates:
        for source in figure.sources:
            label = METRICS[figure.metric][0] if figure.metric in METRICS \
                else figure.metric.replace("_", " ")
            estimated[source.document][figure.broker].add(label)
    read = {s.document for f in facts.actuals.values() for s in f.sources}
    names = sorted(read | set(reported) | set(estimated))
    return tuple(
        Document(name, titles.get(name, ""), _lines(reported.get(name, {}),
                                                    estimated.get(name, {})))
        for name in names
    )


def _lines(reported: dict[str, list[str]], estimated: dict[str, set[str]]) -> tuple[str, ...]:
    lines = []
    if reported:
        parts = [f"{label} ({_periods(periods)})" for label, periods in reported.items()]
        lines.append("Reported figures: " + "; ".join(parts))
    for broker, metrics in sorted(estimated.items()):
        lines.append(f"Estimates by {broker}: {', '.join(sorted(metrics))}")
    if not lines:
        lines.append("Read, but no figure falls in the model's periods")
    return tuple(lines)


def _periods(periods: list[str]) -> str:
    if len(periods) <= 3:
        return ", ".join(periods)
    return f"{periods[0]} to {periods[-1]}, {len(periods)} periods"

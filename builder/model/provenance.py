"""What each source document contributed to a model: one summary, for the workbook's Sources
sheet and the memo's source list alike.

Read from the model's own provenance (every historical cell keeps its documents), so the
summary names exactly the documents the workbook's comments cite. A document that gives a whole
statement is summarised by the periods it covers, not listed line by line.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping

from builder.model.items import Model, Role
from builder.model.street import STREET

_UNIT = re.compile(r"\s*\([^)]*\)\s*$")
NAMED = 6  # lines named in full before "and N more"

Reported = dict[str, dict[str, list[str]]]  # document -> line label -> periods, in order


def reported_by_document(model: Model, estimates: bool = False) -> Reported:
    """Each document's reported figures in the model (not the brokers' estimates); with
    ``estimates``, the analyst's estimates instead, under the YAML file that gives them."""
    reported: Reported = defaultdict(lambda: defaultdict(list))
    for item in model.items.values():
        if item.role is not Role.HISTORICAL or item.key.startswith(STREET):
            continue
        label = _UNIT.sub("", item.label)
        order = model.timelines[item.timeline].keys if item.timeline else ()
        for period in sorted(item.sources, key=lambda p: order.index(p) if p in order else -1):
            if (period in item.estimated) != estimates:
                continue
            for source in item.sources[period]:
                periods = reported[source.document][label]
                if period is not None and period not in periods:
                    periods.append(period)
    return reported


def estimated_by_document(model: Model) -> dict[str, dict[str, set[str]]]:
    """Each document's brokers and the lines of theirs the Street sheet shows."""
    estimated: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for item in model.items.values():
        if item.role is Role.HISTORICAL and item.broker:
            label = _UNIT.sub("", item.label.removeprefix(f"{item.broker}: "))
            for sources in item.sources.values():
                for source in sources:
                    estimated[source.document][item.broker].add(label)
    return estimated


def summary_lines(reported: Mapping[str, list[str]], estimated: Mapping[str, Iterable[str]],
                  guessed: Mapping[str, list[str]] | None = None) -> tuple[str, ...]:
    """One line per set of periods a document reports (or, for the model's YAML, the analyst
    estimates), and per broker it quotes."""
    lines = _by_periods("Reported", reported) + _by_periods("Analyst's estimates", guessed or {})
    for broker, metrics in sorted(estimated.items()):
        lines.append(f"Estimates by {broker}: {_named(sorted(metrics))}")
    if not lines:
        lines.append("Read, but no figure falls in the model's periods")
    return tuple(lines)


def _by_periods(what: str, lines: Mapping[str, list[str]]) -> list[str]:
    by_periods: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for label, periods in lines.items():
        by_periods[tuple(periods)].append(label)
    return [f"{what}, {_periods(list(periods))}: {_named(labels)}"
            for periods, labels in by_periods.items()]


def _named(labels: list[str]) -> str:
    if len(labels) <= NAMED:
        return ", ".join(labels)
    return f"{', '.join(labels[:NAMED])} and {len(labels) - NAMED} more lines"


def _periods(periods: list[str]) -> str:
    if len(periods) <= 3:
        return ", ".join(periods)
    return f"{periods[0]} to {periods[-1]}, {len(periods)} periods"

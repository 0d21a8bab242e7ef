"""Merge figures that agree within their rounding; report the ones that don't.

Two brokers quoting 7.3 亿 and 7.29 亿 for the same quarter agree: each number is exact only to its
last digit. Agreement is judged against half the coarser figure's last-digit place, so 0.29 亿 and
2,870 万 agree while 2.65 billion and 2,730 million do not. A conflict is never settled here: the
analyst picks a document in the YAML and :func:`apply_choices` honours the pick.

Grouping is linear and each group's "do all readings agree?" is O(n log n)
(:mod:`builder.historicals.agreement`), so a document set that repeats a figure thousands of times
reconciles in seconds; the answer is the one comparing every pair would give.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

from builder.historicals.agreement import agree, all_agree
from builder.historicals.records import Conflict, Figure, FigureKey, ReconciledFigure

__all__ = ["agree", "reconcile"]


def reconcile(
    figures: Iterable[Figure],
    choices: Mapping[tuple[str, str, str], str] | None = None,
) -> tuple[list[ReconciledFigure], list[Conflict]]:
    """Group figures by (entity, metric, period, broker, currency) and merge each group.

    ``choices`` maps (entity, metric, period) to the document the analyst picked for a known
    disagreement; the pick wins and the overruled readings stay listed in the note.
    Returns merged figures sorted by key, and the conflicts that no choice resolves.
    """
    choices = choices or {}
    groups: dict[FigureKey, list[Figure]] = defaultdict(list)
    for figure in figures:
        groups[figure.key].append(figure)

    merged: list[ReconciledFigure] = []
    conflicts: list[Conflict] = []
    for key in sorted(groups):
        group = groups[key]
        entity, metric, period, broker, _ = key
        chosen_document = choices.get((entity, metric, period))
        if all_agree(group):
            merged.append(_merge(group, note=""))
        elif chosen_document is not None:
            picked = [f for f in group if f.source.document == chosen_document]
            if not picked:
                conflicts.append(Conflict(entity, metric, period, broker, tuple(group)))
                continue
            overruled = [f for f in group if not agree(f, picked[0])]
            note = "analyst chose " + chosen_document + " over " + ", ".join(
                f"{f.value:g} ({f.source.document}:{f.source.line})" for f in overruled
            )
            merged.append(_merge([f for f in group if agree(f, picked[0])], note=note))
        else:
            conflicts.append(Conflict(entity, metric, period, broker, tuple(group)))
    return merged, conflicts


def _merge(group: list[Figure], note: str) -> ReconciledFigure:
    most_precise = min(group, key=lambda f: (f.precision, f.source.document, f.source.line))
    sources = tuple(
        sorted({f.source for f in group}, key=lambda s: (s.document, s.line, s.quote))
    )
    return ReconciledFigure(
        entity=most_precise.entity,
        metric=most_precise.metric,
        period=most_precise.period,
        value=most_precise.value,
        unit=most_precise.unit,
        currency=most_precise.currency,
        kind=most_precise.kind,
        broker=most_precise.broker,
        sources=sources,
        note=note,
        published=min((f.published for f in group if f.published), default=None),
    )

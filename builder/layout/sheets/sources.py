"""Sources: every document the workbook's figures come from, and what each contributed."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from builder.inputs.schema import Assumptions
from builder.layout.spec import Heading, SheetSpec, TextRow
from builder.model.items import Model

NAME = "Sources"


def sources_sheet(model: Model, assumptions: Assumptions,
                  left_out: Sequence[str] = ()) -> SheetSpec:
    contributions: dict[str, set[str]] = defaultdict(set)
    counts: dict[str, int] = defaultdict(int)
    for item in model.items.values():
        for sources in item.sources.values():
            for source in sources:
                contributions[source.document].add(item.label)
                counts[source.document] += 1
    titles = assumptions.memo.documents
    rows = [Heading("Documents (in seeds/): title, and the figures this workbook takes from them")]
    for document in sorted(set(contributions) | set(titles)):
        title = titles.get(document, "")
        labels = sorted(contributions.get(document, ()))
        used = (f"{counts[document]} figure readings: " + "; ".join(labels)) if labels \
            else "no figure used in this workbook"
        rows.append(TextRow(document, f"{title}. {used}" if title else used))
    if left_out:
        rows.append(Heading(f"Left out: published after {assumptions.as_of.isoformat()}, the "
                            "model's information date"))
        rows += [TextRow(f"{n}", line) for n, line in enumerate(left_out, start=1)]
    rows.append(Heading("How to trace a figure"))
    rows.append(TextRow("Cell comments", "Every blue figure on Historicals, Interim and Street "
                                         "carries its document, line and the exact quote; an "
                                         "analyst's estimate carries the YAML line and its "
                                         "reason."))
    return SheetSpec(NAME, "Sources", None, tuple(rows),
                     column_widths={2: 100}, wrap_text=True)

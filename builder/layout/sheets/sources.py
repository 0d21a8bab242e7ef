"""Sources: every document the workbook's figures come from, and what each contributed."""

from __future__ import annotations

from collections.abc import Sequence

from builder.inputs.schema import Assumptions
from builder.layout.spec import Heading, SheetSpec, TextRow
from builder.model.items import Model
from builder.model.provenance import (
    estimated_by_document,
    reported_by_document,
    summary_lines,
)

NAME = "Sources"


def sources_sheet(model: Model, assumptions: Assumptions,
                  left_out: Sequence[str] = ()) -> SheetSpec:
    reported, estimated = reported_by_document(model), estimated_by_document(model)
    guessed = reported_by_document(model, estimates=True)
    titles = assumptions.memo.documents
    rows: list = [Heading("Documents (in seeds/): title, and the figures this workbook takes "
                          "from them")]
    for document in sorted(set(reported) | set(estimated) | set(guessed) | set(titles)):
        title = titles.get(document, "")
        lines = summary_lines(reported.get(document, {}), estimated.get(document, {}),
                              guessed.get(document, {}))
        if not (reported.get(document) or estimated.get(document) or guessed.get(document)):
            lines = ("no figure used in this workbook",)
        rows.append(TextRow(document, title or lines[0]))
        rows += [TextRow("", line) for line in (lines if title else lines[1:])]
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

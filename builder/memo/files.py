"""Put a rendered memo into the staged output set, next to the workbook.

The files go into the new set (:func:`builder.output.open_outputs`), published together with the
workbook or not at all. Markdown links its charts as PNG files in ``<stem>.memo_files/``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from builder.memo.pdf import print_pdf
from builder.memo.render import RenderedMemo
from builder.output import MEMO_HTML, MEMO_MARKDOWN, MEMO_PDF, StagedOutputs


@dataclass(frozen=True)
class MemoFiles:
    """Where the memo's files are seen once the set is published."""

    markdown: Path
    html: Path
    charts: tuple[Path, ...]
    pdf: Path | None


def stage_memo(outputs: StagedOutputs, memo: RenderedMemo, *, dated: dt.date,
               pdf: bool = False) -> MemoFiles:
    """Write every memo file into the staged set."""
    stem = outputs.stem
    markdown = outputs.write_bytes(stem + MEMO_MARKDOWN, memo.markdown.encode("utf-8"),
                                   "the memo")
    html = outputs.write_bytes(stem + MEMO_HTML, memo.html.encode("utf-8"), "the HTML memo")
    charts = tuple(outputs.write_bytes(f"{memo.files_dir}/{chart.name}.png", chart.png,
                                       "a memo chart") for chart in memo.charts)
    pdf_path = None
    if pdf:
        pdf_path = outputs.write(stem + MEMO_PDF, lambda path: print_pdf(memo.html, path, dated),
                                 "the PDF memo")
    return MemoFiles(markdown, html, charts, pdf_path)

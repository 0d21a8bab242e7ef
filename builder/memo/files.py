"""Put a rendered memo on disk next to the workbook, staged so a failure replaces nothing.

Each file is written to a temporary name by :func:`builder.output.atomic_output` entered on the
caller's ExitStack; the renames happen only when the caller's whole block (workbook included)
has succeeded. Markdown links its charts as PNG files in ``<stem>.memo_files/``.
"""

from __future__ import annotations

import datetime as dt
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

from builder.memo.pdf import print_pdf
from builder.memo.render import RenderedMemo
from builder.output import atomic_output


@dataclass(frozen=True)
class MemoFiles:
    markdown: Path
    html: Path
    charts: tuple[Path, ...]
    pdf: Path | None


def stage_memo(stack: ExitStack, memo: RenderedMemo, out_dir: Path, stem: str, *,
               dated: dt.date, pdf: bool = False) -> MemoFiles:
    """Write every memo file to its temporary name; the stack renames them on success."""
    markdown = out_dir / f"{stem}.memo.md"
    html = out_dir / f"{stem}.memo.html"
    _write(stack, markdown, memo.markdown.encode("utf-8"))
    _write(stack, html, memo.html.encode("utf-8"))
    charts = tuple(out_dir / memo.files_dir / f"{chart.name}.png" for chart in memo.charts)
    for path, chart in zip(charts, memo.charts, strict=True):
        _write(stack, path, chart.png)
    pdf_path = None
    if pdf:
        pdf_path = out_dir / f"{stem}.memo.pdf"
        print_pdf(memo.html, stack.enter_context(atomic_output(pdf_path)), dated)
    return MemoFiles(markdown, html, charts, pdf_path)


def _write(stack: ExitStack, target: Path, content: bytes) -> None:
    stack.enter_context(atomic_output(target)).write_bytes(content)

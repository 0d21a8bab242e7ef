"""``finmodel extract seeds/ [--models PATH...] --out assumptions/historicals.csv``.

The companies to look for come from the model files (``--models``: files or folders; by default
the ``assumptions/`` folder beside the seeds folder). Writes the tidy CSV atomically (a temporary
file in the same directory, then ``os.replace``) so that an interrupted run never leaves a
half-written file for the build to read, then reports what an analyst reviews: figures per
document, what was skipped and why, and the conflicts. Conflicts are reported, not fatal: the
CSV keeps every reading and the build refuses unresolved ones unless the YAML picks a document.
"""

from __future__ import annotations

import gc
import os
import sys
import tempfile
from collections.abc import Sequence
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import TextIO

from builder.extract.companies import Catalog, read_catalog
from builder.extract.directory import Extraction, extract_directory
from builder.historicals.records import Conflict
from builder.problems import Problem


def run_extract(seeds_dir: Path, out: Path, stream: TextIO | None = None,
                models: Sequence[Path] | None = None, jobs: int | None = None) -> int:
    """Extract ``seeds_dir`` into ``out`` and print the report; 0 on success, 1 on bad input.

    ``models``: model files or folders naming the companies; None reads the ``assumptions``
    folder beside ``seeds_dir``. ``jobs``: worker processes (None: all cores); the CSV's bytes
    do not depend on it.
    """
    stream = stream or sys.stdout
    if jobs is not None and jobs < 1:
        print(Problem("--jobs", f"expected 1 or more worker processes, got {jobs}"), file=stream)
        return 1
    if not seeds_dir.is_dir() or not any(seeds_dir.glob("*.txt")):
        print(Problem(str(seeds_dir), "expected a directory of seed documents (*.txt)"),
              file=stream)
        return 1
    models = list(models) if models else [seeds_dir.parent / "assumptions"]
    missing = [m for m in models if not m.exists()]
    if missing:
        for path in missing:
            print(Problem(str(path), "model file or folder not found (--models)"), file=stream)
        return 1
    catalog = read_catalog(models)
    if catalog.problems:
        for problem in catalog.problems:
            print(problem, file=stream)
        return 1
    try:
        extraction = extract_to_csv(seeds_dir, catalog, out, jobs)
    except BrokenProcessPool:
        print(Problem(str(seeds_dir), "a worker process stopped (killed, or out of memory); "
                      f"nothing was written to {out}: run again, or with fewer --jobs"),
              file=stream)
        return 1
    conflicts = extraction.conflicts()
    print(models_report(catalog), file=stream)
    print(report(extraction, conflicts), file=stream)
    print(f"wrote {len(extraction.rows)} figures to {out}", file=stream)
    return 0


def extract_to_csv(seeds_dir: Path, catalog: Catalog, out: Path,
                   jobs: int | None = None) -> Extraction:
    """Extract the seeds and write the CSV: the command's work before its report.

    The cyclic garbage collector is paused meanwhile: extraction makes millions of short-lived,
    acyclic objects (matches, readings, figures), which reference counting frees, while every
    collection would walk the figures kept so far; measured, it cost 15% of extracting 5 MB.
    """
    paused = gc.isenabled()
    gc.disable()
    try:
        extraction = extract_directory(seeds_dir, catalog, jobs)
        write_atomically(out, extraction.csv_text())
    finally:
        if paused:
            gc.enable()
    return extraction


def models_report(catalog: Catalog) -> str:
    """The companies and research houses looked for, and the files or entries left out."""
    lines = ["Companies (from the model files):"]
    lines += [f"  {c.entity}: {', '.join(c.names)}"
              + (f"; segments {', '.join(_segment_ids(c.segments))}" if c.segments else "")
              for c in catalog.companies] or ["  none: no model file declares company.entity, "
                                              "so no figure can be attributed"]
    lines.append("Research houses (from the sources file):")
    lines += [f"  {house}" + (f": {', '.join(aliases)}" if aliases else "")
              for house, aliases in catalog.houses.names().items()] or ["  none"]
    lines += [f"  note: {note}" for note in catalog.notes]
    return "\n".join(lines)


def _segment_ids(segments) -> list[str]:
    return [s.id + (f" ({', '.join(_segment_ids(s.children))})" if s.children else "")
            for s in segments]


def write_atomically(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` in one step."""
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as file:
            file.write(text)
        os.chmod(temporary, mode)  # mkstemp makes the file private; keep the usual mode
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def report(extraction: Extraction, conflicts: list[Conflict]) -> str:
    """The three tables of the extract report, as text."""
    lines = ["Figures per document:"]
    width = max((len(name) for name in extraction.counts), default=10)
    lines += [f"  {name:<{width}}  {count:>4}" for name, count in sorted(extraction.counts.items())]
    lines.append(f"  {'total':<{width}}  {sum(extraction.counts.values()):>4}")
    lines.append(f"Skipped ({len(extraction.skipped)}), not read as figures:")
    lines += [f"  {s.document}:{s.first_line}" + (f"-{s.last_line}" if s.last_line != s.first_line
                                                   else "") + f": {s.reason}"
              for s in extraction.skipped]
    lines.append(f"Conflicts ({len(conflicts)}), documents that disagree beyond rounding:")
    lines += conflict_table(conflicts)
    return "\n".join(lines)


def conflict_table(conflicts: list[Conflict]) -> list[str]:
    """One row per reading, grouped under its (entity, metric, period, broker)."""
    rows = [("entity", "metric", "period", "value", "source", "quote")]
    for conflict in conflicts:
        for n, figure in enumerate(sorted(conflict.figures, key=lambda f: f.source.document)):
            key = (conflict.entity, conflict.metric, conflict.period) if n == 0 else ("", "", "")
            where = f"{figure.source.document}:{figure.source.line}"
            rows.append((*key, f"{figure.value:g}", where, figure.source.quote))
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    if not conflicts:
        return ["  none"]
    return ["  " + "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=False))
            + "  " + row[5] for row in rows]

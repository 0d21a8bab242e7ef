"""Recompute built workbooks with LibreOffice for the tests, many in one batch.

LibreOffice is the faster of the two independent engines on every workbook we build (KC: about
2 s a process against 12-15 s with ``formulas``; a 30-year, 200-peer model: seconds against a
minute), so the tests that recompute many workbooks use it. ``formulas`` recomputes the KC
workbook (tests/test_recompute_formulas.py), four generated companies of different shapes
(tests/test_universe.py) and the check layer's own models.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from builder.check import CellId, CellValue, compare, read_cached
from builder.check.libreoffice import recalculate_many


def recalculated_values(
    workbooks: Sequence[Path], workdir: Path, jobs: int = 1
) -> list[dict[CellId, CellValue]]:
    """Every workbook's values after LibreOffice recalculates them all in one batch, in the
    order given; a workbook LibreOffice could not recalculate fails the test."""
    results = recalculate_many(workbooks, workdir, jobs=jobs)
    values = []
    for workbook in workbooks:
        outcome = results[Path(workbook).resolve()]
        assert isinstance(outcome, dict), str(outcome)
        values.append(outcome)
    return values


def libreoffice_mismatches(
    workbooks: Sequence[Path], workdir: Path, jobs: int = 1
) -> dict[str, list[str]]:
    """Each workbook's cells whose cached value LibreOffice does not reproduce (at most 20 shown
    per workbook), by path."""
    recalculated = recalculated_values(workbooks, workdir, jobs)
    return {str(workbook): [str(m) for m in compare(read_cached(workbook), values)[:20]]
            for workbook, values in zip(workbooks, recalculated, strict=True)}


def assert_libreoffice_agrees(workbooks: Sequence[Path], workdir: Path, jobs: int = 1) -> None:
    """Every formula of every workbook, recomputed by LibreOffice, equals its cached value."""
    wrong = {name: shown for name, shown in libreoffice_mismatches(
        workbooks, workdir, jobs).items() if shown}  # fmt: skip
    assert wrong == {}, "\n".join(f"{n}:\n  " + "\n  ".join(s) for n, s in wrong.items())

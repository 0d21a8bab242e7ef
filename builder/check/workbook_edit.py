"""Change input cells in a copy of a workbook, keeping what makes the model usable.

openpyxl rewrites the whole file and drops cached values, which is harmless here because the
copy goes straight to LibreOffice for a full recalculation. What must survive is the model's
wiring: defined names (formulas refer to them) and data validations (the scenario drop-down).
Both are compared before and after saving, so a silent loss fails loudly.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import openpyxl
from openpyxl.workbook.workbook import Workbook

from builder.check.cells import CellId
from builder.check.errors import EditError, WorkbookReadError


def _wiring(book: Workbook) -> tuple[dict[str, str], dict[str, list[tuple[str, str, str]]]]:
    """Defined names (global and sheet-scoped) and each sheet's data validations."""
    names = {name: str(dn.attr_text) for name, dn in book.defined_names.items()}
    validations: dict[str, list[tuple[str, str, str]]] = {}
    for sheet in book.worksheets:
        for name, dn in sheet.defined_names.items():
            names[f"{sheet.title}!{name}"] = str(dn.attr_text)
        validations[sheet.title] = sorted(
            (str(dv.sqref), str(dv.type), str(dv.formula1))
            for dv in sheet.data_validations.dataValidation
        )
    return names, validations


def _set(book: Workbook, cell: CellId, value: float | str) -> None:
    if cell.sheet not in book.sheetnames:
        raise EditError(f"{cell}: no sheet named {cell.sheet!r} (sheets: {book.sheetnames})")
    target = book[cell.sheet][cell.coordinate]
    if target.data_type == "f":
        raise EditError(f"{cell}: holds a formula ({target.value}); edits are for input cells")
    target.value = value


def apply_edits(source: Path, edits: Mapping[CellId, float | str], destination: Path) -> Path:
    """Save a copy of ``source`` with ``edits`` applied; raise EditError if wiring was lost."""
    try:
        book = openpyxl.load_workbook(source)
    except Exception as exc:
        raise WorkbookReadError(f"{source}: not a readable xlsx workbook ({exc})") from exc
    before = _wiring(book)
    for cell, value in edits.items():
        _set(book, cell, value)
    book.save(destination)
    after = _wiring(openpyxl.load_workbook(destination))
    if after != before:
        raise EditError(
            f"{source}: saving the edited copy changed defined names or data validations"
            f" (before {before}, after {after})"
        )
    return destination

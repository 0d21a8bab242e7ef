"""Read what a workbook says about itself: its formulas and the values cached beside them.

From bytes read once (a regular file under the size limit: no FIFO, device or file swapped
between two parses): straight from the sheets' XML where the layout is the plain one
(:mod:`builder.check.sheet_values`, 10x faster), else with openpyxl. Engine outputs
(LibreOffice's recalculated copy) are read with the same :func:`read_values`, so both sides of a
comparison share one reader.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.workbook.workbook import Workbook

from builder.check.cells import CellId, CellValue, normalize
from builder.check.errors import WorkbookReadError
from builder.check.limits import MAX_FILE_MB, MEGABYTE
from builder.check.sheet_values import read_sheet_cells, read_sheet_values
from builder.inputs.files import FileRefused, read_bytes


@dataclass(frozen=True)
class CachedWorkbook:
    """A workbook's cells as written: ``values`` holds every non-empty cell and every formula
    cell (a formula whose cached result is blank maps to None); ``formulas`` maps each formula
    cell to its text."""

    path: Path
    sheets: tuple[str, ...]
    values: dict[CellId, CellValue] = field(repr=False)
    formulas: dict[CellId, str] = field(repr=False)

    @property
    def formula_cells(self) -> list[CellId]:
        """Formula cells in workbook order (sheet, then row by row)."""
        return list(self.formulas)


def read_workbook_bytes(path: Path, limit_mb: float = MAX_FILE_MB) -> bytes:
    """The bytes of the workbook at ``path``: a regular file of at most ``limit_mb``."""
    try:
        return read_bytes(Path(path), int(limit_mb * MEGABYTE))
    except FileNotFoundError:
        raise WorkbookReadError(f"{path}: no such file") from None
    except FileRefused as error:
        raise WorkbookReadError(f"{path}: refused: {error} (--max-file-mb)"
                                if "limit" in str(error) else f"{path}: refused: {error}") \
            from None
    except OSError as error:
        raise WorkbookReadError(f"{path}: cannot read it ({error.strerror or error})") from None


_UNREADABLE = (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError)


def _load(path: Path, data: bytes, *, data_only: bool) -> Workbook:
    """Parse with openpyxl in read-only mode (cells as they stream by, without their styles:
    0.2 s for the default model where a full load took 0.5 s), turning its assorted exceptions
    into one readable error. Each sheet's declared dimension is ignored: a wrong one must not
    hide cells."""
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), data_only=data_only, read_only=True)
        for sheet in book.worksheets:
            sheet.reset_dimensions()
        return book
    except _UNREADABLE as exc:
        raise WorkbookReadError(f"{path}: not a readable xlsx workbook ({exc})") from exc


def _cells(path: Path, book: Workbook) -> Iterator[tuple[str, Any]]:
    """Every non-empty cell of every sheet, as (sheet title, cell)."""
    try:
        for sheet in book.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    if cell.value is not None:
                        yield sheet.title, cell
    except _UNREADABLE as exc:
        raise WorkbookReadError(f"{path}: not a readable xlsx workbook ({exc})") from exc
    finally:
        book.close()


def _formula_text(value: object) -> str:
    """openpyxl gives array and data-table formulas as objects; keep their text."""
    text = getattr(value, "text", None)
    return text if isinstance(text, str) else str(value)


def read_values(path: Path, data: bytes | None = None) -> dict[CellId, CellValue]:
    """Every non-empty cell's cached value, normalised (numbers as float, dates as serials);
    from ``data`` when the caller has read the file already."""
    data = read_workbook_bytes(path) if data is None else data
    fast = read_sheet_values(data)
    return fast if fast is not None else openpyxl_values(Path(path), data)


def openpyxl_values(path: Path, data: bytes) -> dict[CellId, CellValue]:
    """:func:`read_values` through openpyxl, for any layout the direct reader leaves alone."""
    book = _load(Path(path), data, data_only=True)
    epoch = book.epoch
    return {
        CellId(title, cell.coordinate): normalize(cell.value, epoch)
        for title, cell in _cells(Path(path), book)
    }


def read_cached(path: Path, data: bytes | None = None) -> CachedWorkbook:
    """Formulas and cached values of every cell, for comparison with a recomputation; from
    ``data`` when the caller has read (and inspected) the file already."""
    path = Path(path)
    data = read_workbook_bytes(path) if data is None else data
    sheets, cached, formulas = read_sheet_cells(data) or openpyxl_cells(path, data)
    values = {cell: cached.get(cell) for cell in formulas}
    values.update(cached)
    return CachedWorkbook(path=path, sheets=sheets, values=values, formulas=formulas)


def openpyxl_cells(
    path: Path, data: bytes
) -> tuple[tuple[str, ...], dict[CellId, CellValue], dict[CellId, str]]:
    """Sheet titles, values and formula texts through openpyxl (two passes: it cannot give a
    formula and its cached value at once), for any layout the direct reader leaves alone."""
    book = _load(path, data, data_only=False)
    sheets = tuple(book.sheetnames)
    formulas = {
        CellId(title, cell.coordinate): _formula_text(cell.value)
        for title, cell in _cells(path, book)
        if cell.data_type == "f"
    }
    return sheets, openpyxl_values(path, data), formulas

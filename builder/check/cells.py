"""Cell identity and value normalisation shared by every reader and engine.

Each engine hands back values in its own types (numpy scalars, ``XlError`` objects, datetimes
for date-formatted cells). Normalising them to one small set of Python types here means the
comparison never has to know which engine produced a value.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.utils.datetime import WINDOWS_EPOCH, to_excel

CellValue = float | str | bool | None
"""A cell's value: numbers as float, text, booleans, blank as None, errors as '#DIV/0!' etc."""

EXCEL_ERRORS = frozenset(
    {
        "#NULL!",
        "#DIV/0!",
        "#VALUE!",
        "#REF!",
        "#NAME?",
        "#NUM!",
        "#N/A",
        "#GETTING_DATA",
        "#SPILL!",
        "#CALC!",
    }
)
_LIBREOFFICE_ERROR = re.compile(r"^Err:\d{3}$")
_ERROR_STARTS = frozenset("#E")
_UNSAFE_SHEET_CHARS = re.compile(r"[^\w.]")


class CellId(NamedTuple):
    """A cell by sheet name (as spelled in the workbook) and A1 coordinate without '$'."""

    sheet: str
    coordinate: str

    def __str__(self) -> str:
        sheet = self.sheet
        if _UNSAFE_SHEET_CHARS.search(sheet) or sheet[:1].isdigit():
            sheet = "'" + sheet.replace("'", "''") + "'"
        return f"{sheet}!{self.coordinate}"

    def sort_key(self, sheet_order: dict[str, int]) -> tuple[int, str, int, int]:
        """Workbook order: sheet position, then row, then column (so C2 comes before A10)."""
        row, col = coordinate_to_tuple(self.coordinate)
        return (sheet_order.get(self.sheet, len(sheet_order)), self.sheet, row, col)


def is_error(value: object) -> bool:
    """True for Excel error values and LibreOffice's ``Err:5xx`` codes.

    Errors travel as plain strings, so a text cell that literally reads '#N/A' also counts:
    in a financial model that is just as alarming.
    """
    if not isinstance(value, str) or value[:1] not in _ERROR_STARTS:
        return False  # most cells: numbers, or text that cannot be an error
    return value in EXCEL_ERRORS or _LIBREOFFICE_ERROR.match(value) is not None


def normalize(value: object, epoch: dt.datetime = WINDOWS_EPOCH) -> CellValue:
    """Map an engine's value onto :data:`CellValue`.

    Dates become Excel serial numbers because openpyxl turns date-formatted numbers into
    datetimes while ``formulas`` keeps the serial: both mean the same cell content.
    """
    if type(value).__module__ == "numpy" and hasattr(value, "item"):
        value = value.item()  # numpy scalar -> Python bool/int/float
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str):
        return str.__str__(value)  # plain str, also for subclasses such as formulas' XlError
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, dt.datetime | dt.date | dt.time | dt.timedelta):
        return float(to_excel(value, epoch))
    return str(value)

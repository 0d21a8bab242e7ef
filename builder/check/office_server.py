"""A LibreOffice that stays up: run by a Python that has LibreOffice's ``uno`` module.

Not imported by finmodel: :mod:`builder.check.office` runs this file with the Python that came
with LibreOffice (Debian's python3 with python3-uno), which is usually not the Python finmodel
runs in. It uses only the standard library and ``uno``.

Usage: ``python3 office_server.py SOFFICE PROFILE_DIR``. It starts soffice headless on a
private pipe, then answers one request per line on stdin, a JSON object
``{"source": LEAN_COPY, "target": JSON_FILE}``: it loads the workbook (the profile makes
LibreOffice recalculate it on load; ``calculateAll`` makes sure), writes every non-empty
cell's value to ``target`` and prints one line ``ok`` or ``error <message>``. A LibreOffice
that dies ends this process with a non-zero exit code; the caller kills a silent one.

Values are read in bulk per sheet (``getDataArray``): numbers as floats, text as strings.
Two kinds of result need a second look because the array holds them as numbers or blanks:
booleans, found as the cells whose displayed value is TRUE or FALSE (the profile pins the
locale to en-US), and errors, found by querying the formula cells with an error result and
named the way LibreOffice writes them into an xlsx file.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import time

import uno  # type: ignore[import-not-found]  # LibreOffice's Python only
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]

CONNECT_SECONDS = 60.0
XLSX_FILTER = "Calc MS Excel 2007 XML"
FORMULA_RESULT_ERROR = 4  # com.sun.star.sheet.FormulaResult.ERROR
SEARCH_IN_VALUES = 1  # SearchDescriptor.SearchType: displayed values, not formulas
# LibreOffice's error codes as its xlsx export names them (sc/source/filter/excel/xltools.cxx,
# XclTools::GetXclErrorCode); any other code is written as #N/A there, and here.
ERROR_TEXT = {
    502: "#VALUE!", 503: "#NUM!", 504: "#VALUE!", 507: "#VALUE!", 509: "#VALUE!",
    510: "#VALUE!", 511: "#VALUE!", 519: "#VALUE!", 521: "#NULL!", 522: "#VALUE!",
    524: "#REF!", 525: "#NAME?", 532: "#DIV/0!", 32767: "#N/A",
}  # fmt: skip


def _property(name: str, value: object) -> PropertyValue:
    prop = PropertyValue()
    prop.Name, prop.Value = name, value
    return prop


def _start_office(soffice: str, profile: str) -> tuple[subprocess.Popen, object]:
    """soffice listening on a pipe of its own, and its Desktop once it answers."""
    pipe = f"finmodel-{os.getpid()}"
    office = subprocess.Popen(
        [soffice, f"-env:UserInstallation={uno.systemPathToFileUrl(profile)}", "--headless",
         "--invisible", "--norestore", "--nologo", "--nodefault", "--nolockcheck",
         f"--accept=pipe,name={pipe};urp;"],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    deadline = time.monotonic() + CONNECT_SECONDS
    while True:
        try:
            context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            break
        except Exception:  # NoConnectException until soffice listens
            if office.poll() is not None or time.monotonic() > deadline:
                sys.exit(f"LibreOffice did not start (exit code {office.poll()})")
            time.sleep(0.05)
    desktop = context.ServiceManager.createInstanceWithContext(
        "com.sun.star.frame.Desktop", context
    )
    return office, desktop


def _found(sheet: object, pattern: str) -> list[tuple[int, int]]:
    """(row, column) of every cell on ``sheet`` whose displayed value matches ``pattern``."""
    search = sheet.createSearchDescriptor()
    search.SearchString = pattern
    search.SearchRegularExpression = True
    search.SearchCaseSensitive = True
    search.setPropertyValue("SearchType", SEARCH_IN_VALUES)
    ranges = sheet.findAll(search)
    if ranges is None:
        return []
    return [(row, column) for a in ranges.getRangeAddresses()
            for row in range(a.StartRow, a.EndRow + 1)
            for column in range(a.StartColumn, a.EndColumn + 1)]  # fmt: skip


def _sheet_cells(sheet: object) -> list[list[object]]:
    """[row, column, value] of every non-empty cell on one sheet."""
    cursor = sheet.createCursor()
    cursor.gotoEndOfUsedArea(False)
    end = cursor.getRangeAddress()
    data = sheet.getCellRangeByPosition(0, 0, end.EndColumn, end.EndRow).getDataArray()
    values = {(r, c): value for r, row in enumerate(data) for c, value in enumerate(row)
              if value != ""}  # fmt: skip
    for cell in _found(sheet, "^(TRUE|FALSE)$"):  # one search: half the time of two
        if isinstance(values.get(cell), float):  # the text "TRUE" stays text
            values[cell] = values[cell] != 0
    errors = sheet.queryFormulaCells(FORMULA_RESULT_ERROR)
    for a in errors.getRangeAddresses():
        for row in range(a.StartRow, a.EndRow + 1):
            for column in range(a.StartColumn, a.EndColumn + 1):
                code = sheet.getCellByPosition(column, row).getError()
                values[(row, column)] = ERROR_TEXT.get(code, "#N/A")
    return [[row, column, value] for (row, column), value in sorted(values.items())]


def _recalculate(desktop: object, source: str, target: str) -> None:
    document = desktop.loadComponentFromURL(
        uno.systemPathToFileUrl(source), "_blank", 0,
        (_property("Hidden", True), _property("ReadOnly", True),
         _property("FilterName", XLSX_FILTER)),  # no type detection
    )  # fmt: skip
    if document is None:
        raise RuntimeError("LibreOffice could not open it")
    try:
        document.calculateAll()
        cells = {sheet.Name: _sheet_cells(sheet) for sheet in document.Sheets}
    finally:
        document.close(True)
    with open(target + ".part", "w", encoding="utf-8") as out:
        json.dump(cells, out, ensure_ascii=False, allow_nan=False)
    os.replace(target + ".part", target)


def main(soffice: str, profile: str) -> int:
    office, desktop = _start_office(soffice, profile)
    print("ready", flush=True)
    try:
        for line in sys.stdin:
            request = json.loads(line)
            try:
                _recalculate(desktop, request["source"], request["target"])
            except Exception as exc:
                if type(exc).__name__ == "DisposedException":  # the bridge went down with it
                    with contextlib.suppress(subprocess.TimeoutExpired):
                        office.wait(timeout=5)
                if office.poll() is not None:
                    print(f"died {office.returncode}", flush=True)
                    return 3
                print(f"error {type(exc).__name__}: {exc}".replace("\n", " "), flush=True)
            else:
                print("ok", flush=True)
    finally:
        if office.poll() is None:
            with contextlib.suppress(Exception):  # the bridge may already be gone
                desktop.terminate()
            try:
                office.wait(timeout=10)
            except subprocess.TimeoutExpired:
                office.kill()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))

"""A LibreOffice that stays up: run by a Python that has LibreOffice's ``uno`` module.

Not imported by finmodel: :mod:`builder.check.office` runs this file with the Python that came
with LibreOffice (Debian's python3 with python3-uno), which is usually not the Python finmodel
runs in. It uses only the standard library, ``uno``, and finmodel's two copy modules
(:mod:`builder.check.stacked_copy`, :mod:`builder.check.lean_copy`, both standard library
only), loaded from their files.

Usage: ``python3 office_server.py SOFFICE PROFILE_DIR``. It starts soffice headless on a
private pipe, then answers one request per line on stdin, a JSON object
``{"source": WORKBOOK, "copy": COPY, "target": JSON_FILE}``: it writes the copy LibreOffice
gets (the sheets stacked into one where the workbook allows it, else the lean copy), loads it
(the profile makes LibreOffice recalculate it on load; ``calculateAll`` makes sure), writes
every non-empty cell's value and the stacking to ``target`` and prints one line ``ok`` or
``error <message>``. Making the copy here, not in finmodel's process, lets it run beside the
caller's own reading and comparing instead of queueing behind them for one Python's lock. A
LibreOffice that dies ends this process with a non-zero exit code; the caller kills a silent
one.

Values are read in bulk per sheet (``getDataArray``): numbers as floats, text as strings.
Two kinds of result need a second look because the array holds them as numbers or blanks:
booleans, found as the cells whose displayed value is TRUE or FALSE (the profile pins the
locale to en-US), and errors, found by querying the formula cells with an error result and
named the way LibreOffice writes them into an xlsx file; both over every sheet in one call.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import subprocess
import sys
import time
from types import ModuleType

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


def _load(name: str) -> ModuleType:
    """One of finmodel's standard-library-only modules beside this file, by its path (the
    package itself needs what this Python does not have)."""
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), f"{name}.py")
    spec = importlib.util.spec_from_file_location(f"finmodel_{name}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


lean_copy = _load("lean_copy")
try:
    stacked_copy: ModuleType | None = _load("stacked_copy")
except Exception:  # a LibreOffice whose Python is older than 3.10: the lean copy always
    stacked_copy = None


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


def _used_range(sheet: object, index: int) -> object:
    """The sheet's used area from A1, as a CellRangeAddress."""
    cursor = sheet.createCursor()
    cursor.gotoEndOfUsedArea(False)
    end = cursor.getRangeAddress()
    address = uno.createUnoStruct("com.sun.star.table.CellRangeAddress")
    address.Sheet, address.EndColumn, address.EndRow = index, end.EndColumn, end.EndRow
    return address


def _cells(ranges: object) -> list[tuple[int, int, int]]:
    """(sheet, row, column) of every cell of a SheetCellRanges."""
    return [(a.Sheet, row, column) for a in ranges.getRangeAddresses()
            for row in range(a.StartRow, a.EndRow + 1)
            for column in range(a.StartColumn, a.EndColumn + 1)]  # fmt: skip


def _workbook_cells(document: object) -> dict[str, list[list[object]]]:
    """[row, column, value] of every non-empty cell, by sheet name. The values come a sheet at
    a time; booleans and errors are then looked for over all the sheets at once (one UNO call
    each, where a call per sheet cost about 0.07 s more on the default model)."""
    sheets = document.Sheets
    names = sheets.getElementNames()
    values: list[dict[tuple[int, int], object]] = []
    used = []
    for index in range(len(names)):
        sheet = sheets.getByIndex(index)
        address = _used_range(sheet, index)
        used.append(address)
        data = sheet.getCellRangeByPosition(0, 0, address.EndColumn, address.EndRow).getDataArray()
        values.append({(r, c): value for r, row in enumerate(data) for c, value in enumerate(row)
                       if value != ""})  # fmt: skip
    every = document.createInstance("com.sun.star.sheet.SheetCellRanges")
    every.addRangeAddresses(tuple(used), False)
    search = every.createSearchDescriptor()
    search.SearchString = "^(TRUE|FALSE)$"
    search.SearchRegularExpression = True
    search.SearchCaseSensitive = True
    search.setPropertyValue("SearchType", SEARCH_IN_VALUES)
    found = every.findAll(search)
    for sheet, row, column in _cells(found) if found is not None else ():
        if isinstance(values[sheet].get((row, column)), float):  # the text "TRUE" stays text
            values[sheet][(row, column)] = values[sheet][(row, column)] != 0
    for sheet, row, column in _cells(every.queryFormulaCells(FORMULA_RESULT_ERROR)):
        code = sheets.getByIndex(sheet).getCellByPosition(column, row).getError()
        values[sheet][(row, column)] = ERROR_TEXT.get(code, "#N/A")
    return {names[index]: [[row, column, value] for (row, column), value in sorted(cells.items())]
            for index, cells in enumerate(values)}  # fmt: skip


def _recalculate(desktop: object, source: str, copy: str, target: str) -> None:
    stacking = stacked_copy.write_stacked_copy(source, copy) if stacked_copy else None
    if stacking is None:
        lean_copy.write_lean_copy(source, copy)
    document = desktop.loadComponentFromURL(
        uno.systemPathToFileUrl(copy), "_blank", 0,
        (_property("Hidden", True), _property("ReadOnly", True),
         _property("FilterName", XLSX_FILTER)),  # no type detection
    )  # fmt: skip
    if document is None:
        raise RuntimeError("LibreOffice could not open it")
    try:
        document.calculateAll()
        cells = _workbook_cells(document)
    finally:
        document.close(True)
    with open(target + ".part", "w", encoding="utf-8") as out:
        stacked = stacking and {"sheets": stacking.sheets, "offsets": stacking.offsets}
        json.dump({"stacking": stacked, "cells": cells}, out, ensure_ascii=False,
                  allow_nan=False)  # fmt: skip
    os.replace(target + ".part", target)


def main(soffice: str, profile: str) -> int:
    office, desktop = _start_office(soffice, profile)
    print("ready", flush=True)
    try:
        for line in sys.stdin:
            request = json.loads(line)
            try:
                _recalculate(desktop, request["source"], request["copy"], request["target"])
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

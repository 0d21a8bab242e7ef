"""The floor: a plain xlsxwriter script writing the very cells of a built workbook, no model.

Run as a separate process by ``rebuild.py``. It reads a JSON payload (derived from the built
file by ``rebuild.py``: every cell's formula or value, cached value, number format, font colour,
fill and comment) and writes it, so its wall time is what writing those bytes costs. By default
it assembles the XML parts in memory (xlsxwriter's ``in_memory``) as ``finmodel build`` does, so
the comparison is of the work, not of the disk; ``--defaults`` keeps xlsxwriter's defaults
(temporary files), as a plain script would.
"""

from __future__ import annotations

import json
import sys

import xlsxwriter


def main(payload_path: str, out_path: str, defaults: bool = False) -> None:
    with open(payload_path, encoding="utf-8") as handle:
        payload = json.load(handle)
    book = xlsxwriter.Workbook(out_path, {"strings_to_formulas": False, "strings_to_urls": False,
                                          "in_memory": not defaults})
    formats: dict[str, object] = {}
    for sheet_data in payload["sheets"]:
        sheet = book.add_worksheet(sheet_data["name"])
        for row, column, kind, content, cached, style, comment in sheet_data["cells"]:
            key = json.dumps(style, sort_keys=True)
            if key not in formats:
                formats[key] = book.add_format(style)
            fmt = formats[key]
            if kind == "f":
                sheet.write_formula(row, column, content, fmt, cached)
            elif kind == "n":
                sheet.write_number(row, column, content, fmt)
            else:
                sheet.write_string(row, column, content, fmt)
            if comment:
                sheet.write_comment(row, column, comment)
    for name, target in payload["names"]:
        book.define_name(name, target)
    book.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], defaults="--defaults" in sys.argv[3:])

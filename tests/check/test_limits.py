"""``finmodel check`` refuses what it should not open, says which limit, and reads nothing else.

Zip bombs are refused on their declared sizes before anything is inflated; cells, formulas and
time have limits (options of the command); external references, fetching functions and DTDs are
refused; a FIFO or a folder given as a workbook is refused without a read.
"""

from __future__ import annotations

import io
import os
import struct
import time
import zipfile
from pathlib import Path

import pytest
import xlsxwriter

from builder.check import run_check
from builder.check.limits import Limits, outside_reference
from builder.cli import main

MB = 1024 * 1024


def small_workbook(path: Path, formulas: list[str] = (), values: int = 0,
                   cached: list[float] | None = None) -> Path:
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("S")
    for row, formula in enumerate(formulas):
        sheet.write_formula(row, 0, formula, None, cached[row] if cached else 0)
    for row in range(values):
        sheet.write_number(row, 1, row)
    book.close()
    return path


def rezipped(source: Path, target: Path, add: dict[str, bytes] | None = None,
             replace: dict[str, bytes] | None = None) -> Path:
    """A copy of the workbook ``source`` with parts added or replaced."""
    replace = replace or {}
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            new.writestr(item.filename, replace.get(item.filename, old.read(item.filename)))
        for name, content in (add or {}).items():
            new.writestr(name, content)
    return target


def overlapping_bomb(path: Path, copies: int = 128, member_mb: int = 16) -> Path:
    """A small zip whose central directory lists one deflated part many times: ``copies`` x
    ``member_mb`` MB of zeros declared (2 GB by default) in a file of a few tens of KB, all
    of which an unwary reader would inflate (the overlapping zip bomb)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", bytes(member_mb * MB))
    data = buffer.getvalue()
    end = data.rindex(b"PK\x05\x06")
    directory_at = struct.unpack_from("<I", data, end + 16)[0]
    directory = data[directory_at:end] * copies
    record = bytearray(data[end:])
    struct.pack_into("<HHII", record, 8, copies, copies, len(directory), directory_at)
    path.write_bytes(data[:directory_at] + directory + bytes(record))
    return path


def test_a_zip_bomb_is_refused_before_anything_is_inflated(tmp_path, capsys):
    bomb = overlapping_bomb(tmp_path / "bomb.xlsx")
    assert bomb.stat().st_size < 100_000
    assert sum(i.file_size for i in zipfile.ZipFile(bomb).infolist()) == 2048 * MB
    started = time.perf_counter()
    assert run_check([bomb]) == 2
    seconds = time.perf_counter() - started
    error = capsys.readouterr().err
    assert error == (f"ERROR {bomb}: refused: its parts would inflate to 2,048.0 MB, over the "
                     "limit of 64.0 MB (--max-unzipped-mb); nothing was inflated\n")
    assert seconds < 30  # (a guard against inflating 2 GB, not a speed target)


def test_a_part_understating_its_size_is_not_inflated_past_its_claim(tmp_path, capsys):
    honest = tmp_path / "honest.zip"
    with zipfile.ZipFile(honest, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", bytes(8 * MB))
    data = bytearray(honest.read_bytes())
    directory = data.rindex(b"PK\x01\x02")
    struct.pack_into("<I", data, directory + 24, 1000)  # claims 1,000 bytes uncompressed
    liar = tmp_path / "liar.xlsx"
    liar.write_bytes(bytes(data))
    assert run_check([liar]) == 2
    assert "liar.xlsx: not a readable xlsx workbook (xl/worksheets/sheet1.xml: Bad CRC-32" in \
        capsys.readouterr().err


@pytest.mark.parametrize(("limits", "flag", "message"), [
    (Limits(formulas=100), "--max-formulas=100",
     "refused: more than 100 formulas, the limit (--max-formulas); not recomputed"),
    (Limits(cells=150), "--max-cells=150",
     "refused: more than 150 cells, the limit (--max-cells); not recomputed"),
])
def test_too_many_cells_or_formulas_are_refused_naming_the_limit(tmp_path, capsys, limits, flag,
                                                                 message):
    path = small_workbook(tmp_path / "big.xlsx", [f"={i}+1" for i in range(101)], values=60,
                          cached=[i + 1 for i in range(101)])
    assert run_check([path], limits=limits) == 2
    assert capsys.readouterr().err == f"ERROR {path}: {message}\n"
    assert main(["check", str(path), flag]) == 2
    assert capsys.readouterr().err == f"ERROR {path}: {message}\n"
    assert run_check([path]) == 0  # within the defaults


def test_a_file_over_the_size_limit_is_refused_unread(tmp_path, capsys):
    path = small_workbook(tmp_path / "b.xlsx", ["=1+1"])
    assert main(["check", str(path), "--max-file-mb", "0.001"]) == 2
    assert capsys.readouterr().err == (f"ERROR {path}: refused: the file is "
                                       f"{path.stat().st_size} bytes; the limit is 1048 bytes "
                                       "(--max-file-mb)\n")


def test_a_recomputation_over_the_time_limit_is_stopped(kc_build, capsys):
    assert main(["check", str(kc_build.workbook), "--timeout", "0.3", "--engine", "formulas"]) == 2
    assert capsys.readouterr().err == (f"ERROR {kc_build.workbook}: stopped after 0.3 s, the "
                                       "time limit (--timeout); not recomputed\n")


def _secret_beside(tmp_path: Path) -> Path:
    secret = tmp_path / "secret.xlsx"
    book = xlsxwriter.Workbook(str(secret))
    book.add_worksheet("Sheet1").write_number("A1", 4242.4242)
    book.close()
    (tmp_path / "sub").mkdir()
    return tmp_path / "sub"


EXTERNAL_LINK = (b'<?xml version="1.0" encoding="UTF-8"?><externalLink xmlns="http://schemas.'
                 b'openxmlformats.org/spreadsheetml/2006/main"/>')
EXTERNAL_RELS = (b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
                 b'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="'
                 b'http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
                 b'externalLinkPath" Target="../secret.xlsx" TargetMode="External"/>'
                 b'</Relationships>')


@pytest.mark.parametrize(("case", "message"), [
    ("path in a formula", "refused: a formula or name refers to another workbook (\"'../["
                          "secret.xlsx]Sheet1'!A1\" in cell A1 of xl/worksheets/sheet1.xml)"),
    ("external link part", "refused: it links to other files or data sources "
                           "(xl/externalLinks/externalLink1.xml)"),
    ("external relationship", "refused: xl/worksheets/_rels/sheet1.xml.rels links to an outside "
                              "target ('../secret.xlsx')"),
    ("fetching function", "refused: a formula calls WEBSERVICE, which fetches from outside "
                          "('_xlfn.WEBSERVICE(\"http://example.com/\")' in cell A1 of "
                          "xl/worksheets/sheet1.xml)"),
])
def test_what_reaches_outside_the_workbook_is_refused_and_nothing_else_is_read(tmp_path, capsys,
                                                                               case, message):
    folder = _secret_beside(tmp_path)
    formula = {"path in a formula": "='../[secret.xlsx]Sheet1'!A1",
               "fetching function": '=_xlfn.WEBSERVICE("http://example.com/")'}.get(case, "=1+1")
    plain = small_workbook(folder / "plain.xlsx", [formula])
    path = folder / "probe.xlsx"
    if case == "external link part":
        rezipped(plain, path, add={"xl/externalLinks/externalLink1.xml": EXTERNAL_LINK,
                                   "xl/externalLinks/_rels/externalLink1.xml.rels":
                                       EXTERNAL_RELS})
    elif case == "external relationship":
        rezipped(plain, path, add={"xl/worksheets/_rels/sheet1.xml.rels": EXTERNAL_RELS})
    else:
        plain.rename(path)
    for engine in ("formulas", "libreoffice"):
        assert run_check([path], engine=engine) == 2
        captured = capsys.readouterr()
        assert captured.err == f"ERROR {path}: {message}; finmodel check reads no other file\n"
        assert "4242" not in captured.out + captured.err


def test_a_dtd_in_a_part_is_refused(tmp_path, capsys):
    plain = small_workbook(tmp_path / "plain.xlsx", ["=1+1"])
    with zipfile.ZipFile(plain) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml")
    laughs = (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
              b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>')
    path = rezipped(plain, tmp_path / "dtd.xlsx",
                    replace={"xl/worksheets/sheet1.xml": laughs + sheet.split(b"?>", 1)[1]})
    assert run_check([path]) == 2
    assert capsys.readouterr().err == (
        f"ERROR {path}: refused: xl/worksheets/sheet1.xml declares a DTD or entities, which no "
        "xlsx part needs (and entity expansion can exhaust memory)\n")


def test_a_fifo_or_a_folder_is_refused_without_a_read(tmp_path, capsys):
    fifo = tmp_path / "pipe.xlsx"
    os.mkfifo(fifo)
    assert run_check([fifo, tmp_path]) == 2  # would block forever if opened for reading
    assert capsys.readouterr().err == (
        f"ERROR {fifo}: refused: this is a FIFO (named pipe), not a regular file; it is not read\n"
        f"ERROR {tmp_path}: refused: this is a folder, not a file\n")


@pytest.mark.parametrize(("formula", "outside"), [
    ("[1]Sheet1!A1", True),
    ("'C:\\files\\[book.xlsx]Sheet1'!A1", True),
    ("SUM([2]S!A1:A3)", True),
    ("Table1[Revenue]", False),
    ("Table1[[#This Row],[Revenue]]", False),
    ('IF(A1="[1]x!A1",1,0)', False),  # inside a string
    ("_xlfn.WEBSERVICE(A1)", True),
    ("webservice(A1)", True),
    ("MYWEBSERVICE(A1)", False),
    ("RTD(\"x\",,\"y\")", True),
    ("SUM(Inputs!D4:D9)*(1+WACC)", False),
])
def test_outside_references_are_told_from_structured_ones(formula, outside):
    assert (outside_reference(formula) is not None) is outside


def test_the_help_states_the_limits_defaults(capsys):
    from builder.check import limits

    with pytest.raises(SystemExit):
        main(["check", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    for figure in (limits.MAX_FILE_MB, limits.MAX_UNZIPPED_MB, limits.MAX_CELLS,
                   limits.MAX_FORMULAS, limits.MAX_SECONDS):
        assert f"(default {figure:,g})" in text

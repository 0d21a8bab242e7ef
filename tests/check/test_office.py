"""LibreOffice kept running (builder.check.office): the values it hands over are the ones its
converted xlsx file holds, one office serves call after call, and an office that dies or goes
silent is reported on the workbook it was on while the rest still get checked."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pytest
import xlsxwriter

from builder.check import CellId, RecalcError, compare, read_cached
from builder.check.libreoffice import convert_many, recalculate_many
from builder.check.office import POOL, find_uno_python

from .conftest import INPUTS, ModelWriter, shell_script

# Each error value as LibreOffice computes it (not always Excel's: SQRT(-1) is #VALUE! there)
ERRORS = {
    "=1/0": "#DIV/0!", "=NA()": "#N/A", '=VALUE("x")': "#VALUE!", "=1E+300*1E+300": "#NUM!",
    "=#NULL!": "#NULL!", '=INDIRECT("ZZZ")': "#REF!", "=NOSUCHNAME+1": "#NAME?",
}  # fmt: skip


def _every_kind(path: Path) -> Path:
    """Every kind of result a formula has: numbers, text, booleans computed and typed, each
    error value, blanks, dates; plus text that reads TRUE, on sheets with awkward names."""
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("收入 & <costs>")
    sheet.write_number("A1", 3.0)
    sheet.write_number("A2", 4.0)
    sheet.write_string("A3", "TRUE")
    sheet.write_boolean("A4", False)
    sheet.write_datetime("A5", dt.datetime(2025, 8, 21, 12, 30),
                         book.add_format({"num_format": "yyyy-mm-dd hh:mm"}))  # fmt: skip
    sheet.write_number("A6", 0.125, book.add_format({"num_format": "0.0%"}))
    formulas = {
        "B1": ("=A1<A2", True), "B2": ("=AND(A1>A2,TRUE)", False), "B3": ("=NOT(A4)", True),
        "B4": ('=IF(A1>0,"FALSE","x")', "FALSE"), "B5": ('=""', ""),
        "B6": ("=A5-INT(A5)", 12.5 / 24), "B7": ("=A6*2", 0.25), "B8": ("=A3", "TRUE"),
        "B9": ('=A1&" m"', "3 m"),
        "B10": ("=1E+300*10", 1e301), "B11": ("=-1/3", -1 / 3),
    }  # fmt: skip
    for cell, (formula, cached) in formulas.items():
        sheet.write_formula(cell, formula, None, cached)
    errors = book.add_worksheet("Errors")
    for row, (formula, text) in enumerate(ERRORS.items()):
        errors.write_formula(row, 2, formula, None, text)
    book.add_worksheet("Empty")
    book.close()
    return path


@pytest.mark.libreoffice
@pytest.mark.usefixtures("soffice", "uno_python")
def test_the_office_hands_over_what_its_converted_file_holds(tmp_path: Path) -> None:
    path = _every_kind(tmp_path / "every-kind.xlsx")
    office = recalculate_many([path], tmp_path / "office")[path.resolve()]
    converted_file = convert_many([path], tmp_path / "convert")[path.resolve()]
    assert isinstance(office, dict) and isinstance(converted_file, Path), (office, converted_file)
    # A formula's "" result is a blank to the comparison: the office leaves it out
    converted = {c: v for c, v in read_cached(converted_file).values.items() if v not in ("", None)}
    assert office.keys() == converted.keys()
    for cell, value in office.items():
        other = converted[cell]
        if isinstance(value, float) and isinstance(other, float):
            # to the last digit, but for a time result, which LibreOffice's xlsx export writes
            # rounded (B6: 0.5208333333430346 computed, 0.5208333333333334 saved)
            digits = 1e-10 if cell.coordinate == "B6" else 1e-15
            assert math.isclose(value, other, rel_tol=digits), cell
        else:
            assert (type(value), value) == (type(other), other), cell
    assert office[CellId("收入 & <costs>", "B1")] is True
    assert office[CellId("收入 & <costs>", "B4")] == "FALSE"
    assert office[CellId("收入 & <costs>", "A3")] == "TRUE"
    errors = [office[CellId("Errors", f"C{row + 1}")] for row in range(len(ERRORS))]
    assert errors == list(ERRORS.values())
    wrong = {str(m.cell) for m in compare(read_cached(path), office)}
    assert wrong == {f"Errors!C{row + 1}" for row in range(len(ERRORS))}  # error values only


@pytest.mark.libreoffice
@pytest.mark.usefixtures("soffice", "uno_python")
def test_one_office_serves_call_after_call(model_writer: ModelWriter, tmp_path: Path) -> None:
    paths = [model_writer(f"pooled-{i}.xlsx", inputs={**INPUTS, "B2": 900.0 + i})
             for i in range(3)]  # fmt: skip
    first = recalculate_many(paths[:2], tmp_path / "a", jobs=2)
    POOL.settle()  # the second office may still be starting if the first did both workbooks
    kept = {office.home for office in POOL.idle()}
    assert len(kept) >= 2  # one office per worker, kept (and any earlier test's)
    second = recalculate_many(paths[2:], tmp_path / "b", jobs=2)
    POOL.settle()
    assert {office.home for office in POOL.idle()} == kept  # no new start
    for path, values in {**first, **second}.items():
        assert isinstance(values, dict), values
        assert compare(read_cached(path), values) == []


def fake_uno_python(tmp_path: Path, body: str) -> Path:
    """A stand-in for LibreOffice's Python running office_server.py: it says it is ready, then
    answers each request with a one-cell workbook after doing what ``body`` says ($source is
    the test's workbook)."""
    return shell_script(
        tmp_path / "fake-python",
        '[ "$1" = "-c" ] && exit 0  # the "import uno" probe\n'
        "echo ready\n"
        "while read -r line; do\n"
        '  source=$(echo "$line" | sed \'s/.*"source": "\\([^"]*\\)".*/\\1/\')\n'
        '  target=$(echo "$line" | sed \'s/.*"target": "\\([^"]*\\)".*/\\1/\')\n'
        f"{body}\n"
        '  echo \'{"stacking": null, "cells": {"Inputs": [[1, 1, 1000.0]]}}\' > "$target"\n'
        "  echo ok\n"
        "done\n",
    )


@pytest.fixture
def fake_office(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """``fake_office(body)``: offices are the stand-in, started afresh for this test."""

    fake = fake_uno_python(tmp_path, "")

    def install(body: str) -> None:
        fake_uno_python(tmp_path, body)
        monkeypatch.setenv("FINMODEL_UNO_PYTHON", str(fake))
        monkeypatch.setenv("FINMODEL_SOFFICE", "/bin/true")
        find_uno_python.cache_clear()

    yield install
    POOL.close(str(fake))  # the stand-ins only: the session's real offices stay
    find_uno_python.cache_clear()


def test_a_silent_office_is_killed_and_the_rest_still_checked(
    model_writer: ModelWriter, tmp_path: Path, fake_office
) -> None:
    paths = [model_writer(f"silent-{i}.xlsx", inputs={**INPUTS, "B2": 800.0 + i})
             for i in range(3)]  # fmt: skip
    fake_office(f'  if cmp -s "$source" "{paths[1]}"; then sleep 30; fi')
    outcomes = recalculate_many(paths, tmp_path / "work", timeout=1.0)
    assert str(outcomes[paths[1].resolve()]) == (
        f"{paths[1].resolve()}: LibreOffice stopped responding on it (no result in 1 s);"
        " killed it"
    )
    for index in (0, 2):
        assert outcomes[paths[index].resolve()] == {CellId("Inputs", "B2"): 1000.0}


def test_a_dying_office_is_reported_and_the_next_workbook_gets_a_new_one(
    model_writer: ModelWriter, tmp_path: Path, fake_office
) -> None:
    paths = [model_writer(f"dies-{i}.xlsx", inputs={**INPUTS, "B2": 700.0 + i})
             for i in range(3)]  # fmt: skip
    fake_office(f'  if cmp -s "$source" "{paths[0]}"; then echo boom >&2; exit 139; fi')
    outcomes = recalculate_many(paths, tmp_path / "work")
    died = outcomes[paths[0].resolve()]
    assert isinstance(died, RecalcError)
    assert str(died) == f"{paths[0].resolve()}: LibreOffice died on it (exit code 139): boom"
    assert all(outcomes[p.resolve()] == {CellId("Inputs", "B2"): 1000.0} for p in paths[1:])


def test_a_workbook_the_office_cannot_open_is_reported_and_the_office_carries_on(
    model_writer: ModelWriter, tmp_path: Path, fake_office
) -> None:
    paths = [model_writer(f"unopenable-{i}.xlsx", inputs={**INPUTS, "B2": 600.0 + i})
             for i in range(2)]  # fmt: skip
    fake_office(f'  if cmp -s "$source" "{paths[0]}"; then echo "error IOException: no"; continue;'
                " fi")  # fmt: skip
    outcomes = recalculate_many(paths, tmp_path / "work")
    assert str(outcomes[paths[0].resolve()]) == (
        f"{paths[0].resolve()}: LibreOffice could not recalculate it (IOException: no)")
    assert outcomes[paths[1].resolve()] == {CellId("Inputs", "B2"): 1000.0}
    assert [o.started_with[0] for o in POOL.idle()].count(find_uno_python()) == 1  # given back


def test_an_answer_file_that_is_not_there_is_reported_not_raised(
    model_writer: ModelWriter, tmp_path: Path, fake_office
) -> None:
    path = model_writer("no-answer.xlsx", inputs={**INPUTS, "B2": 555.0})
    fake_office('  echo ok; continue')  # says it is done, writes nothing
    outcome = recalculate_many([path], tmp_path / "work")[path.resolve()]
    assert isinstance(outcome, RecalcError)
    assert str(outcome).startswith(f"{path.resolve()}: LibreOffice's values could not be read")


def test_an_office_that_will_not_start_leaves_the_work_to_conversion(
    model_writer: ModelWriter, tmp_path: Path, fake_office, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_office("")
    script = Path(find_uno_python() or "")
    shell_script(script, '[ "$1" = "-c" ] && exit 0\necho "no office" >&2; exit 1\n')
    path = model_writer("no-start.xlsx")
    outcome = recalculate_many([path], tmp_path / "work")[path.resolve()]
    # /bin/true as soffice converts nothing: the conversion path's own words, not the office's
    assert isinstance(outcome, RecalcError)
    assert "LibreOffice produced no recalculated file" in str(outcome)


def test_the_python_beside_soffice_comes_first(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """LibreOffice's own builds ship their Python in program/, beside soffice."""
    program = tmp_path / "program"
    program.mkdir()
    for name, body in (("soffice", "exit 0"), ("python", '[ "$1" = "-c" ] && exit 0; exit 1')):
        shell_script(program / name, f"{body}\n")
    monkeypatch.delenv("FINMODEL_UNO_PYTHON", raising=False)
    find_uno_python.cache_clear()
    try:
        assert find_uno_python(str(program / "soffice")) == str(program / "python")
        monkeypatch.setenv("FINMODEL_UNO_PYTHON", "")
        find_uno_python.cache_clear()
        assert find_uno_python(str(program / "soffice")) is None  # empty: conversion only
    finally:
        find_uno_python.cache_clear()

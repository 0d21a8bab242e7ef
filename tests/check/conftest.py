"""Fixtures for the check layer: a small three-statement-style model written with xlsxwriter.

The model is computed here in plain Python, independently of both engines, and written with
those values cached, the way the real writer does. Tests then corrupt single cached values on
purpose and expect each engine to point at exactly those cells.
"""

from __future__ import annotations

import os
import statistics
from collections.abc import Callable, Iterator, Mapping
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
import xlsxwriter

from builder.check import CellId, CellValue, find_soffice
from builder.check.office import find_uno_python

INPUTS: dict[str, float | str] = {
    "B2": 1000.0,  # revenue, last actual year
    "B3": 0.10,  # growth, forecast year 1..3
    "B4": 0.08,
    "B5": 0.06,
    "B6": 0.20,  # EBIT margin
    "B7": 0.25,  # tax rate
    "B8": 0.09,  # WACC (defined name)
    "B9": 0.025,  # terminal growth (defined name)
    "B10": 100.0,  # shares (defined name)
    "B11": "Base",  # scenario, data-validation list (defined name)
    "B12": 50.0,  # net cash
    "B13": 0.0,  # a zero, for the deliberate #DIV/0!
    "B14": 0.02,  # growth uplift in the Bull scenario
}
NAMES = {"WACC": "B8", "TerminalGrowth": "B9", "Shares": "B10", "Scenario": "B11"}
COMPS = "Comps 可比"
PEERS = ("金山云", "Peer B", "Peer C")
MULTIPLES = (10.0, 12.0, 14.0)
YEARS = ("B", "C", "D")

# Formula per cell, as the writer would place them. {c} is the year column, {p} the previous one.
FORECAST_ROWS = {
    2: '=IF(Scenario="Bull",INDEX(Inputs!$B$3:$B$5,{c}$1)+Inputs!$B$14,'
    "INDEX(Inputs!$B$3:$B$5,{c}$1))",
    3: "={p}3*(1+{c}2)",
    4: "=ROUND({c}3*Inputs!$B$6,2)",
    5: "={c}4*(1-Inputs!$B$7)",
    6: "=1/(1+WACC)^{c}1",
    7: "={c}5*{c}6",
}
VALUATION = {
    "B2": "=SUM(Forecast!B7:D7)",
    "B3": "=Forecast!D5*(1+TerminalGrowth)/(WACC-TerminalGrowth)",
    "B4": "=B3*Forecast!D6",
    "B5": "=B2+B4",
    "B6": "=B5+Inputs!B12",
    "B7": "=IFERROR(B6/Shares,0)",
    "B8": "=MAX(Forecast!B4:D4)/MIN(Forecast!B4:D4)",
    "B9": "=AVERAGE(Forecast!B2:D2)",
    "B10": "=MEDIAN(Forecast!B3:D3)",
    "B11": "=ABS(Forecast!B5-Forecast!D5)",
    "B12": '=IF(B7>0,"Positive","Negative")',
    "B13": f"='{COMPS}'!B5",
}
DIV0_CELL = ("Valuation", "B14", "=Forecast!B3/Inputs!B13")


def excel_round(value: float, digits: int) -> float:
    """Excel's ROUND: half away from zero on the decimal shown, not Python's banker's round."""
    quantum = Decimal(1).scaleb(-digits)
    return float(Decimal(repr(value)).quantize(quantum, rounding=ROUND_HALF_UP))


def compute_model(inputs: Mapping[str, float | str]) -> dict[CellId, CellValue]:
    """Every formula cell's value, computed in Python from the inputs."""
    g = [float(inputs[c]) for c in ("B3", "B4", "B5")]
    uplift = float(inputs["B14"]) if inputs["B11"] == "Bull" else 0.0
    growth = [x + uplift for x in g]
    revenue, previous = [], float(inputs["B2"])
    for rate in growth:
        previous = previous * (1 + rate)
        revenue.append(previous)
    ebit = [excel_round(r * float(inputs["B6"]), 2) for r in revenue]
    nopat = [e * (1 - float(inputs["B7"])) for e in ebit]
    wacc, tg = float(inputs["B8"]), float(inputs["B9"])
    discount = [1 / (1 + wacc) ** year for year in (1, 2, 3)]
    pv = [n * d for n, d in zip(nopat, discount, strict=True)]
    values: dict[CellId, CellValue] = {}
    for row, series in zip(range(2, 8), (growth, revenue, ebit, nopat, discount, pv), strict=True):
        for column, value in zip(YEARS, series, strict=True):
            values[CellId("Forecast", f"{column}{row}")] = value
    terminal = nopat[2] * (1 + tg) / (wacc - tg)
    ev = sum(pv) + terminal * discount[2]
    per_share = (ev + float(inputs["B12"])) / float(inputs["B10"])
    comps_ev = statistics.median(MULTIPLES) * ebit[0]
    valuation = [
        sum(pv), terminal, terminal * discount[2], ev, ev + float(inputs["B12"]), per_share,
        max(ebit) / min(ebit), statistics.mean(growth), statistics.median(revenue),
        abs(nopat[0] - nopat[2]), "Positive" if per_share > 0 else "Negative", comps_ev,
    ]  # fmt: skip
    for row, value in enumerate(valuation, start=2):
        values[CellId("Valuation", f"B{row}")] = value
    values[CellId(COMPS, "B4")] = statistics.median(MULTIPLES)
    values[CellId(COMPS, "B5")] = comps_ev
    return values


def write_model(
    path: Path,
    inputs: Mapping[str, float | str] = INPUTS,
    cached: Mapping[CellId, CellValue] | None = None,
    with_div0: bool = False,
) -> Path:
    """Write the model with xlsxwriter, caching ``cached`` values (default: the right ones)."""
    values = dict(compute_model(inputs))
    values.update(cached or {})
    book = xlsxwriter.Workbook(str(path))
    sheets = {name: book.add_worksheet(name) for name in ("Inputs", "Forecast", "Valuation", COMPS)}

    def formula(sheet: str, cell: str, text: str) -> None:
        value = values.get(CellId(sheet, cell), 0)
        sheets[sheet].write_formula(cell, text, None, value)

    inputs_sheet = sheets["Inputs"]
    inputs_sheet.write("A1", "营业收入 (revenue, RMB m)")
    for cell, value in inputs.items():
        inputs_sheet.write(cell, value)
    inputs_sheet.data_validation("B11", {"validate": "list", "source": ["Base", "Bull", "Bear"]})
    for name, cell in NAMES.items():
        book.define_name(name, f"=Inputs!${cell[0]}${cell[1:]}")
    forecast = sheets["Forecast"]
    for index, column in enumerate(YEARS, start=1):
        forecast.write_number(f"{column}1", index)
        previous = "Inputs!$B$2" if column == "B" else f"{chr(ord(column) - 1)}"
        for row, template in FORECAST_ROWS.items():
            text = template.format(c=column, p=previous)
            if row == 3 and column == "B":
                text = "=Inputs!$B$2*(1+B2)"
            formula("Forecast", f"{column}{row}", text)
    for cell, text in VALUATION.items():
        formula("Valuation", cell, text)
    comps = sheets[COMPS]
    for row, (peer, multiple) in enumerate(zip(PEERS, MULTIPLES, strict=True), 1):
        comps.write(f"A{row}", peer)
        comps.write_number(f"B{row}", multiple)
    formula(COMPS, "B4", "=MEDIAN(B1:B3)")
    formula(COMPS, "B5", "=B4*Forecast!B4")
    if with_div0:
        formula(*DIV0_CELL)
    book.close()
    return path


ModelWriter = Callable[..., Path]


def shell_script(path: Path, body: str) -> Path:
    """An executable ``/bin/sh`` script at ``path`` running ``body``: the stand-ins for soffice
    and for LibreOffice's Python."""
    path.write_text(f"#!/bin/sh\n{body}", encoding="utf-8")
    path.chmod(0o755)
    return path


@pytest.fixture(scope="session")
def model_writer(tmp_path_factory: pytest.TempPathFactory) -> ModelWriter:
    """``model_writer(name, inputs=..., cached=..., with_div0=...)`` -> path of a new workbook."""
    directory = tmp_path_factory.mktemp("models")

    def build(name: str, **kwargs: object) -> Path:
        return write_model(directory / name, **kwargs)  # type: ignore[arg-type]

    return build


@pytest.fixture(scope="session")
def soffice() -> str:
    """The soffice binary. Missing LibreOffice fails the run in CI (where it must run) and
    skips elsewhere, so a laptop without it can still run the rest of the suite."""
    found = find_soffice()
    if found is None:
        if os.environ.get("CI", "").lower() not in ("", "0", "false"):
            pytest.fail("LibreOffice (soffice) not found, and CI must run the libreoffice tests")
        pytest.skip("LibreOffice (soffice) not installed")
    return found


@pytest.fixture
def conversion_only(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """LibreOffice through ``soffice --convert-to`` only: no Python with ``uno`` is looked for
    (the stand-in soffice scripts of these tests convert, they do not listen)."""
    monkeypatch.setenv("FINMODEL_UNO_PYTHON", "")
    find_uno_python.cache_clear()
    yield
    find_uno_python.cache_clear()


@pytest.fixture(scope="session")
def uno_python(soffice: str) -> str:
    """LibreOffice's Python, which drives a running office. Where LibreOffice is installed it
    must be there in CI (the engine would quietly fall back to conversion without it)."""
    found = find_uno_python(soffice)
    if found is None:
        if os.environ.get("CI", "").lower() not in ("", "0", "false"):
            pytest.fail("no Python with LibreOffice's uno module (Debian: python3-uno), and CI"
                        " must run the office tests")
        pytest.skip("no Python with LibreOffice's uno module (Debian: python3-uno)")
    return found

"""Single-model rebuild against the floor, and the independent check, on this machine.

Prints, for the KC model:
- `finmodel build` process wall time (median of N runs), with the memo and with `--no-memo`,
  and the floor: a plain xlsxwriter process writing the same cells, values and formats with no
  model behind it, timed twice: with xlsxwriter's defaults (a plain script), and given the same
  in-memory assembly of xlsxwriter's parts as the build uses (the stricter floor);
  each ratio to the floor (target <= 1.5);
- the rebuild `finmodel build --watch` does on each save (in a process that has already built
  once, so imports are paid), with and without the memo;
- which heavy modules (pandas, matplotlib, numpy, formulas) each build imports;
- `finmodel check` seconds with each engine.

Usage: python benchmarks/rebuild.py [--runs 7] [--yaml assumptions/kingsoft_cloud.yaml]
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import openpyxl
from openpyxl.utils.datetime import to_excel

ROOT = Path(__file__).resolve().parent.parent


def wall(command: list[str], runs: int) -> float:
    return interleaved({"only": command}, runs)["only"][0]


def interleaved(commands: dict[str, list[str]], runs: int) -> dict[str, tuple[float, float]]:
    """Median and fastest process wall of each command, the commands taking turns run by run:
    on a shared machine whose speed drifts, a ratio of two medians taken minutes apart says
    more about the drift than about the code."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            started = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True, cwd=ROOT)
            times[name].append(time.perf_counter() - started)
    return {name: (statistics.median(t), min(t)) for name, t in times.items()}


def _serial(value: object) -> object:
    """A date cell as the number it is stored as (the valuation date is one)."""
    if isinstance(value, dt.date | dt.datetime):
        return float(to_excel(value))
    return value


def payload_of(workbook: Path) -> dict:
    """Every cell of the built file with what the floor needs to write it identically."""
    formulas = openpyxl.load_workbook(workbook)
    values = openpyxl.load_workbook(workbook, data_only=True)
    sheets = []
    for sheet in formulas.worksheets:
        cached = values[sheet.title]
        cells = []
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is None:
                    continue
                style = {"num_format": cell.number_format, "bold": bool(cell.font.b),
                         "font_name": cell.font.name, "font_size": cell.font.sz}
                if cell.font.color is not None and isinstance(cell.font.color.rgb, str):
                    style["font_color"] = "#" + cell.font.color.rgb[2:]
                if cell.fill.fill_type == "solid" and isinstance(cell.fill.fgColor.rgb, str):
                    style["bg_color"] = "#" + cell.fill.fgColor.rgb[2:]
                kind = {"f": "f", "n": "n", "d": "n"}.get(cell.data_type, "s")
                content = _serial(cell.value) if kind != "s" else str(cell.value)
                comment = cell.comment.text if cell.comment else ""
                cells.append((cell.row - 1, cell.column - 1, kind, content,
                              _serial(cached[cell.coordinate].value), style, comment))
        sheets.append({"name": sheet.title, "cells": cells})
    names = [(name, str(d.attr_text)) for name, d in formulas.defined_names.items()]
    return {"sheets": sheets, "names": names}


def warm_rebuild(yaml_path: Path, out: Path, memo: bool, runs: int) -> float:
    """Median seconds of ``build()`` in a process that has built once (what --watch pays)."""
    probe = (
        "import statistics, time; from pathlib import Path; from builder.pipeline import build; "
        f"p, o = Path({str(yaml_path)!r}), Path({str(out)!r}); build(p, o, memo={memo}); "
        "times = []\n"
        f"for _ in range({runs}):\n"
        f"    t = time.perf_counter(); build(p, o, memo={memo}); "
        "times.append(time.perf_counter() - t)\n"
        "print('WARM:', statistics.median(times))"
    )
    result = subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True,
                            text=True, cwd=ROOT)
    line = next(x for x in result.stdout.splitlines() if x.startswith("WARM:"))
    return float(line.removeprefix("WARM:"))


def heavy_imports(yaml_path: Path, out: Path, extra: list[str]) -> list[str]:
    heavy = ("pandas", "matplotlib", "numpy", "formulas", "jinja2")
    probe = (
        "import sys; from builder.cli import main; "
        f"main(['build', {str(yaml_path)!r}, '--out', {str(out)!r}, *{extra!r}]); "
        f"print('MODULES:' + ','.join(m for m in {heavy!r} if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True,
                            text=True, cwd=ROOT)
    line = next(x for x in result.stdout.splitlines() if x.startswith("MODULES:"))
    return [m for m in line.removeprefix("MODULES:").split(",") if m]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--yaml", default="assumptions/kingsoft_cloud.yaml")
    args = parser.parse_args()
    yaml_path = ROOT / args.yaml
    # Time the steady state a user has: Python caches each module's bytecode on first import
    # (pip does it at install), unless PYTHONDONTWRITEBYTECODE is set, as it is on some
    # sandboxes; then every process would compile the package from source (~0.05 s here).
    compileall.compile_dir(ROOT / "builder", quiet=1)
    modes = {"with memo": [], "--no-memo": ["--no-memo"]}
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        build = [sys.executable, "-m", "builder.cli", "build", str(yaml_path), "--out", str(out)]
        subprocess.run(build, check=True, capture_output=True, cwd=ROOT)
        workbook = out / f"{yaml_path.stem}.xlsx"
        payload = out / "payload.json"
        payload.write_text(json.dumps(payload_of(workbook)), encoding="utf-8")
        formula_count = sum(c[2] == "f" for s in json.loads(payload.read_text())["sheets"]
                            for c in s["cells"])
        floor = [sys.executable, str(ROOT / "benchmarks" / "_floor_writer.py"), str(payload),
                 str(out / "floor.xlsx")]
        timed = interleaved({**{mode: build + extra for mode, extra in modes.items()},
                             "floor": floor, "floor defaults": [*floor, "--defaults"]},
                            args.runs)
        seconds = {mode: timed[mode] for mode in modes}
        floor_seconds, plain_floor_seconds = timed["floor"], timed["floor defaults"]
        imported = {mode: heavy_imports(yaml_path, out, extra) for mode, extra in modes.items()}
        warm = {mode: warm_rebuild(yaml_path, out, not extra, args.runs)
                for mode, extra in modes.items()}
        check = {}
        for engine in ("formulas", "libreoffice"):
            command = [sys.executable, "-m", "builder.cli", "check", str(workbook), "--engine",
                       engine]
            try:
                check[engine] = f"{wall(command, 1):.2f} s"
            except subprocess.CalledProcessError as error:
                check[engine] = f"failed (exit {error.returncode})"
    print(f"model: {args.yaml} ({formula_count} formulas), median (fastest) of {args.runs}"
          " runs, the commands taking turns")
    print(f"floor, xlsxwriter defaults:            {plain_floor_seconds[0]:.3f} s"
          f" ({plain_floor_seconds[1]:.3f} s)")
    print(f"floor, parts in memory as the build:   {floor_seconds[0]:.3f} s"
          f" ({floor_seconds[1]:.3f} s)")
    for mode, (median, fastest) in seconds.items():
        print(f"finmodel build {mode + ', process wall:':<24}{median:.3f} s ({fastest:.3f} s)"
              f"   ratio to floor {median / plain_floor_seconds[0]:.2f} (defaults) / "
              f"{median / floor_seconds[0]:.2f} (in memory); fastest to fastest "
              f"{fastest / plain_floor_seconds[1]:.2f} / {fastest / floor_seconds[1]:.2f}")
    for mode, value in warm.items():
        print(f"rebuild in a warm process (--watch), {mode}: {value:.3f} s")
    for mode, modules in imported.items():
        print(f"heavy modules imported by build {mode}: {', '.join(modules) or 'none'}")
    for engine, text in check.items():
        print(f"finmodel check --engine {engine}: {text}")


if __name__ == "__main__":
    main()

"""Seconds per workbook for `finmodel check` on 1, 20 and 200 copies of the KC workbook.

Builds KC once (`finmodel build --no-memo`), copies it N times, and times the whole
`finmodel check` process (Python start, reading, recomputing, comparing) with LibreOffice, as a
running office driven over UNO (`libreoffice`, the default) and through `soffice --convert-to`
(`lo-convert`), and with the `formulas` engine where that stays affordable (it recomputes one
workbook at a time).
Goal: at most 0.5 s per workbook at 20 workbooks and beyond.

Usage: python benchmarks/check.py [--counts 1 20 200] [--jobs N] [--formulas-max 20]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FINMODEL = [str(Path(sys.executable).parent / "finmodel")]


# How LibreOffice is reached: a running office over UNO (the default where LibreOffice's Python
# is found), or one `soffice --convert-to` per worker (FINMODEL_UNO_PYTHON="" forces it).
RUNS = {
    "libreoffice": ("libreoffice", {}),
    "lo-convert": ("libreoffice", {"FINMODEL_UNO_PYTHON": ""}),
    "formulas": ("formulas", {}),
}


def timed_check(paths: list[Path], run: str, jobs: int) -> float:
    engine, environment = RUNS[run]
    command = [*FINMODEL, "check", "--engine", engine, "--jobs", str(jobs), *map(str, paths)]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False,
                          env={**os.environ, **environment})  # fmt: skip
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"check failed ({engine}):\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--counts", type=int, nargs="+", default=[1, 20, 200])
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--formulas-max", type=int, default=20,
                        help="largest count also timed with the formulas engine")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-check-") as tmp:
        out = Path(tmp)
        subprocess.run([*FINMODEL, "build", str(ROOT / "assumptions" / "kingsoft_cloud.yaml"),
                        "--out", str(out / "built"), "--no-memo"], check=True, cwd=ROOT,
                       capture_output=True)  # fmt: skip
        source = out / "built" / "kingsoft_cloud.xlsx"
        print(f"jobs={args.jobs}, load average {os.getloadavg()[0]:.2f} at start")
        print(f"{'workbooks':>9}  {'engine':<11} {'total s':>8} {'s/workbook':>10}")
        for count in args.counts:
            folder = out / f"copies-{count}"
            folder.mkdir()
            paths = [folder / f"kc{i:04d}.xlsx" for i in range(count)]
            for path in paths:
                shutil.copyfile(source, path)
            engines = ["libreoffice", "lo-convert"] + (
                ["formulas"] if count <= args.formulas_max else [])
            for engine in engines:
                seconds = timed_check(paths, engine, args.jobs)
                print(f"{count:>9}  {engine:<11} {seconds:>8.1f} {seconds / count:>10.2f}",
                      flush=True)  # fmt: skip
        print(f"load average {os.getloadavg()[0]:.2f} at end")


if __name__ == "__main__":
    main()

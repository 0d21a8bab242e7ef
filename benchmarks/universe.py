"""Batch rebuild of a synthetic coverage universe, on this machine.

Generates ``--count`` companies (and ``--scale`` times as many for the memory point) with
:func:`builder.universe.generate_universe` (made-up companies of any shape: segment trees,
1-30 forecast years, interim periods, any currencies, 0-200 peers, each with its own documents
and historicals CSV), then times the batch command exactly as an analyst runs it, in its own
process::

    finmodel build <universe> --out <tmp> --no-memo --jobs 2

and prints models per second (wall time of the whole command, start-up included; generation is
not timed) and the peak resident memory of each worker, which the command reports from the
workers' own ``getrusage``. Memory is flat when the larger universe needs no more per worker.
Throughput depends on model size, so the same count is also built from a universe of smaller
models (horizons up to 10 years, up to 20 peers). A smaller universe is also built with the memo.
A model that fails is counted and its message printed (the first few), so a model-layer bug a
generated company exposes shows here too.

Usage: python benchmarks/universe.py [--count 500] [--scale 4] [--jobs 2] [--memo-count 50]
                                     [--small-count 500] [--seed 0]
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from builder.universe import generate_universe  # noqa: E402

TARGET_RATE = 20.0
MAX_FAILURES_SHOWN = 5


@dataclass(frozen=True)
class Run:
    count: int
    memo: bool
    seconds: float
    ok: int
    failed: int
    peak_mb: float | None
    label: str = ""
    failures: tuple[str, ...] = ()

    @property
    def rate(self) -> float:
        return self.count / self.seconds


def run_batch(count: int, jobs: int, memo: bool, seed: int, small: bool = False) -> Run:
    with tempfile.TemporaryDirectory(prefix="universe-") as folder:
        universe, out = Path(folder) / "universe", Path(folder) / "out"
        limits = {"max_horizon": 10, "max_peers": 20} if small else {}
        generate_universe(universe, count, seed=seed, **limits)
        command = [sys.executable, "-m", "builder.cli", "build", str(universe), "--out", str(out),
                   "--jobs", str(jobs)] + ([] if memo else ["--no-memo"])
        started = time.perf_counter()
        result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
        seconds = time.perf_counter() - started
    summary = re.search(r"(\d+) models, (\d+) ok, (\d+) failed", result.stdout)
    if summary is None:
        raise SystemExit(f"the batch command printed no summary:\n{result.stdout}"
                         f"\n{result.stderr[-2000:]}")
    peak = re.search(r"peak memory per worker (\d+) MB", result.stdout)
    return Run(count, memo, seconds, int(summary[2]), int(summary[3]),
               float(peak[1]) if peak else None, "small models" if small else "",
               tuple(_failures(result.stdout)))


def _failures(summary: str) -> list[str]:
    """The summary table's failed models with their messages (the first few)."""
    lines = [*summary.splitlines(), ""]
    found = []
    for line, after in pairwise(lines):
        if line.rstrip().endswith(("failed", "checks fail")) and "models," not in line:
            message = after.strip() if after.startswith("    ") else ""
            found.append(f"{line.split()[0]}: {line.split()[-1]} {message}"[:300])
    return found[:MAX_FAILURES_SHOWN]


def describe(run: Run) -> str:
    memory = f"{run.peak_mb:.0f} MB" if run.peak_mb is not None else "n/a"
    kind = ("with memo" if run.memo else "no memo") + (f", {run.label}" if run.label else "")
    line = (f"{run.count:>5} models {kind + ':':<25}"
            f"{run.seconds:7.1f} s  {run.rate:6.1f} models/s  peak/worker {memory:>7}  "
            f"{run.ok} ok, {run.failed} failed")
    return "\n".join([line, *(f"      {failure}" for failure in run.failures)])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=500)
    parser.add_argument("--scale", type=int, default=4, help="larger universe = count x scale")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--memo-count", type=int, default=50, help="0 skips the memo run")
    parser.add_argument("--small-count", type=int, default=500,
                        help="models of a universe of small models (0 skips it)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    runs = [run_batch(args.count, args.jobs, False, args.seed)]
    print(describe(runs[-1]), flush=True)
    if args.scale > 1:
        runs.append(run_batch(args.count * args.scale, args.jobs, False, args.seed))
        print(describe(runs[-1]), flush=True)
    if args.small_count:
        print(describe(run_batch(args.small_count, args.jobs, False, args.seed, small=True)),
              flush=True)
    if args.memo_count:
        print(describe(run_batch(args.memo_count, args.jobs, True, args.seed)), flush=True)
    base = runs[0]
    print(f"target >= {TARGET_RATE:g} models/s on {args.jobs} workers: "
          f"{'met' if base.rate >= TARGET_RATE else 'NOT met'} ({base.rate:.1f})")
    if len(runs) > 1 and base.peak_mb and runs[1].peak_mb:
        print(f"peak memory per worker, {runs[1].count} vs {base.count} models: "
              f"{runs[1].peak_mb / base.peak_mb:.2f}x")


if __name__ == "__main__":
    main()

"""Seconds to reconcile growing sets of figures, up to what a 100 MB document set yields.

The seeds (52 KB) give 200 figures in 158 groups; a 100 MB document set that repeats them gives
about 400,000 figures whose groups hold thousands of readings each. Two workloads:

* ``seeds xN``: the reviewed historicals CSV repeated N times (each copy its own line numbers),
  the shape of the issue's 100 MB document: few groups, every one large, all agreeing or
  conflicting as the seeds do;
* ``mixed N``: N figures in groups of 1-5 readings, plus 1% of the figures in a few large
  groups of up to 10% of N, values a few rounding steps apart (agreeing and conflicting).

Prints one line per workload: figures, groups, the largest group, seconds for the whole
``reconcile`` (grouping, agreement, merging), seconds for the agreement step alone, and for the
old pairwise loop on the same groups where it stays affordable (``--pairwise-max`` readings in
the largest group).

Usage: python benchmarks/reconcile.py [--sizes 10000 100000 400000 1000000 2000000]
                                      [--pairwise-max 3000]
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import random
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from builder.historicals.agreement import all_agree, all_agree_pairwise  # noqa: E402
from builder.historicals.reconcile import reconcile  # noqa: E402
from builder.historicals.records import Figure, Kind, Source  # noqa: E402
from builder.historicals.table import read_figures  # noqa: E402

CSV = ROOT / "assumptions" / "kingsoft_cloud.historicals.csv"


def seeds_repeated(copies: int) -> list[Figure]:
    base = read_figures(CSV)
    return [dataclasses.replace(f, source=Source(f.source.document, f.source.line + 10_000 * i,
                                                 f.source.quote))
            for i in range(copies) for f in base]


def mixed(count: int, rng: random.Random) -> list[Figure]:
    figures: list[Figure] = []
    large_total = count // 100
    group = 0
    while len(figures) < count - large_total:
        group += 1
        centre = rng.choice([730.0, 2650.0, 0.296, -188.0, 12345.6])
        for _ in range(rng.randint(1, 5)):
            figures.append(_reading(f"m{group}", centre, rng))
    while len(figures) < count:
        group += 1
        size = min(count - len(figures), rng.randint(count // 100, max(count // 10, 1)))
        centre = rng.choice([730.0, 2650.0, -188.0])
        conflicting = rng.random() < 0.5
        for _ in range(size):
            figures.append(_reading(f"big{group}", centre, rng, conflicting))
    return figures


def _reading(metric: str, centre: float, rng: random.Random, conflicting: bool = False) -> Figure:
    precision = rng.choice([0.01, 0.1, 1.0, 10.0])
    value = round(centre + rng.uniform(-0.4, 0.4) * precision, 6)
    if conflicting and rng.random() < 0.01:
        value = centre * 1.1
    line = rng.randint(1, 10**6)
    return Figure("KC", metric, "3Q25", value, "million", "CNY", Kind.ACTUAL, "", precision,
                  Source(f"{rng.randint(0, 999):03d}.txt", line, str(value)))


def timed(figures: list[Figure]) -> tuple[float, int, int]:
    started = time.perf_counter()
    merged, conflicts = reconcile(figures)
    seconds = time.perf_counter() - started
    return seconds, len(merged), len(conflicts)


def agreement_seconds(figures: list[Figure], test: Callable[[list[Figure]], bool]) -> float:
    groups: dict[tuple[str, str, str, str], list[Figure]] = {}
    for figure in figures:
        groups.setdefault(figure.key, []).append(figure)
    started = time.perf_counter()
    for group in groups.values():
        test(group)
    return time.perf_counter() - started


def report(label: str, figures: list[Figure], pairwise_max: int) -> None:
    sizes = Counter(f.key for f in figures)
    largest = max(sizes.values())
    seconds, merged, conflicts = timed(figures)
    fast = agreement_seconds(figures, all_agree)
    old = (f"{agreement_seconds(figures, all_agree_pairwise):9.2f}" if largest <= pairwise_max
           else f"{'-':>9}")
    print(f"{label:<16} {len(figures):>10,} {len(sizes):>8,} {largest:>8,} {seconds:>9.2f} "
          f"{fast:>9.2f} {old} {merged:>8,} {conflicts:>9,}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+",
                        default=[10_000, 100_000, 400_000, 1_000_000, 2_000_000])
    parser.add_argument("--pairwise-max", type=int, default=3000,
                        help="time the pairwise loop too while the largest group is this small")
    args = parser.parse_args()
    base = len(read_figures(CSV))
    print(f"load average {os.getloadavg()[0]:.2f} at start; seeds: {base} figures per copy")
    print(f"{'workload':<16} {'figures':>10} {'groups':>8} {'largest':>8} {'reconcile':>9} "
          f"{'agree s':>9} {'pairwise':>9} {'merged':>8} {'conflicts':>9}")
    for size in args.sizes:
        report(f"seeds x{size // base}", seeds_repeated(size // base), args.pairwise_max)
        report(f"mixed {size:,}", mixed(size, random.Random(size)), args.pairwise_max)


if __name__ == "__main__":
    main()

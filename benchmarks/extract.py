"""How fast ``finmodel extract`` reads a large document set, on one core and on several.

Builds document sets in a temporary folder from the seeds: the seeds copied into many files, and
the seeds concatenated into one big file, each of about ``--mb`` megabytes (and a tenth of that,
to compare rates), then times, for each worker count of ``--jobs``: extraction up to the written
CSV, and reconciliation (the rest of the command: ``finmodel extract`` reconciles to report
conflicts). Prints wall seconds, CPU seconds of this process and of its workers, and the load
average (the machine is shared: wall time under load says little); asserts nothing. Checks that
every worker count wrote the same CSV bytes.

    python benchmarks/extract.py                  # 100 MB and 10 MB, both layouts, 1 and 2 jobs
    python benchmarks/extract.py --mb 20 --layouts files --jobs 2

Measured here (2 vCPUs shared with other engineers' work: load average 0.6-4.2 during the runs;
a CPU-bound probe of two processes got 1.1-2.6 cores' worth from minute to minute, so wall times
are inflated and vary by more than the changes measured):

* 100 MB in 11,860 files, 1,008,100 figures, ``--jobs 2``: extract+CSV 63.7 s wall (load 2.4),
  76.9 s (load 3.6), 102.1 s (load 0.6 rising to 3.2 as other work started); the workers took
  74-100 s CPU between them, the main process 8.6-10.7 s; the whole command (with
  reconciliation) 69-110 s. ``--jobs 1``: 82.3 s wall, 72.3 s CPU, where the code before this
  work took 82-93 s CPU: the per-line cost is about 20% lower (0.70-0.75 -> 0.58-0.61 s CPU per
  MB on one 5 MB set, the two versions run one after the other).
* 100 MB in one file (cut into 48 parts at its articles), ``--jobs 2``: 66.8 s wall (load 2.3,
  64 s CPU in the workers, 5.4 s in the main process), 92.6 s (load 3.3-4.2).
* 20 MB in 2,375 files while both cores were free (the probe: 1.65-2.0 cores): ``--jobs 2``
  9.1 s wall, 2.20 MB/s (15.5 s CPU in the workers, 1.6 s in the main process), against 14.3 s
  for ``--jobs 1`` (14.3 s CPU), run right after.

So 100 MB takes about 45 s when the machine's two cores are free (2.2 MB/s: extrapolated from
20 MB, never measured at 100 MB in a quiet moment), and 64-102 s when other work holds a core.
The main process's share (reading, merging, sorting the rendered rows) is about a tenth of the
work and does not parallelize.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from builder.extract.command import extract_to_csv  # noqa: E402
from builder.extract.companies import read_catalog  # noqa: E402

SEEDS = ROOT / "seeds"
MODELS = (ROOT / "assumptions",)
MEGABYTE = 1024 * 1024


def seed_texts() -> list[tuple[str, str]]:
    return [(p.name, p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.txt"))]


def many_files(folder: Path, megabytes: float) -> int:
    """The seeds copied, whole, until the folder holds ``megabytes``; returns bytes written."""
    seeds, written, copy = seed_texts(), 0, 0
    while written < megabytes * MEGABYTE:
        for name, text in seeds:
            data = text.encode("utf-8")
            (folder / f"{copy:05d}_{name}").write_bytes(data)
            written += len(data)
        copy += 1
    return written


def one_file(folder: Path, megabytes: float) -> int:
    """The seeds concatenated, over and over, into one file of about ``megabytes``."""
    block = "\n".join(text for _, text in seed_texts()) + "\n"
    data = (block * max(1, round(megabytes * MEGABYTE / len(block.encode("utf-8"))))).encode()
    (folder / "all.txt").write_bytes(data)
    return len(data)


def cpu_seconds() -> tuple[float, float]:
    """CPU seconds (user + system) of this process, and of its finished worker processes."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def measure(folder: Path, size: int, layout: str, jobs: int) -> str:
    """Time one extraction of ``folder``; returns the CSV's digest."""
    catalog = read_catalog(MODELS)
    out = folder.parent / f"out-{jobs}.csv"
    load = os.getloadavg()[0]
    started, (own, children) = time.perf_counter(), cpu_seconds()
    extraction = extract_to_csv(folder, catalog, out, jobs)
    wall = time.perf_counter() - started
    own_after, children_after = cpu_seconds()
    started = time.perf_counter()
    conflicts = extraction.conflicts()  # what the command reconciles, as it does
    reconciling = time.perf_counter() - started
    mb = size / MEGABYTE
    files = len(list(folder.iterdir()))
    print(f"{layout:>5} {mb:6.1f} MB in {files:5d} file(s), --jobs {jobs}: extract+CSV "
          f"{wall:6.2f} s wall ({mb / wall:5.2f} MB/s), CPU {own_after - own:6.2f} s here + "
          f"{children_after - children:6.2f} s in workers; {len(extraction.rows):7d} "
          f"figures; reconcile {reconciling:5.2f} s ({len(conflicts)} conflicts); whole "
          f"command {wall + reconciling:6.2f} s; load average {load:.1f} before, "
          f"{os.getloadavg()[0]:.1f} after", flush=True)
    digest = hashlib.sha256(out.read_bytes()).hexdigest()
    out.unlink()
    return digest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=100.0, help="size of the large set")
    parser.add_argument("--layouts", nargs="+", default=["files", "big"],
                        choices=["files", "big"])
    parser.add_argument("--jobs", nargs="+", type=int, default=[1, 2],
                        help="worker counts to time (default: 1 2)")
    parser.add_argument("--small", action=argparse.BooleanOptionalAction, default=True,
                        help="also time a tenth of --mb (default: yes)")
    args = parser.parse_args()
    print(f"{os.cpu_count()} CPUs; Python {sys.version.split()[0]}", flush=True)
    for layout in args.layouts:
        for megabytes in ((args.mb / 10, args.mb) if args.small else (args.mb,)):
            with tempfile.TemporaryDirectory(prefix="extract-bench-") as temporary:
                folder = Path(temporary) / "seeds"
                folder.mkdir()
                size = (many_files if layout == "files" else one_file)(folder, megabytes)
                digests = {measure(folder, size, layout, jobs) for jobs in args.jobs}
                if len(digests) != 1:
                    print("  the CSV differs between worker counts!", flush=True)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak resident memory {peak:.0f} MB here, {workers:.0f} MB in the largest worker")


if __name__ == "__main__":
    main()

"""How fast ``finmodel extract`` reads a large document set, and whether the time grows linearly.

Builds document sets in a temporary folder from the seeds: the seeds copied into many files, and
the seeds concatenated into one big file, each of about ``--mb`` megabytes (and a tenth of that,
to compare rates), then times extraction up to the written CSV, and reconciliation on its own
(``finmodel extract`` reconciles to report conflicts; that step belongs to reconcile.py, whose
pairwise comparison is quadratic in the readings of one figure until it is made linear, so it
is timed on the smaller set only unless ``--reconcile-all``). Prints wall and CPU seconds (the
machine is shared: CPU seconds are the steadier figure); asserts nothing.

    python benchmarks/extract.py            # 100 MB and 10 MB, both layouts
    python benchmarks/extract.py --mb 20 --layouts files

Measured here (2 shared vCPUs, load average 5-7 from other work, so wall time is inflated and
CPU time is the steadier figure): 100 MB in 11,860 files, 92.5 s CPU (1.08 MB/s; 123 s wall),
989,124 figures; 10 MB in 1,190 files, 12.2 s CPU; 100 MB in one file, 82.0 s CPU (1.22 MB/s),
10 MB in one file 8.9 s CPU: linear, and short of the one-minute goal by about 1.5x. Before
this work the extractor ran at 0.24 MB/s on the seeds (about 7 minutes for 100 MB).
Reconciliation on 10 MB took 13-42 s, already more than extraction: it dominates the command
until reconcile.py is linear.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from builder.extract.command import extract_to_csv  # noqa: E402
from builder.extract.companies import read_catalog  # noqa: E402
from builder.historicals.reconcile import reconcile  # noqa: E402

SEEDS = ROOT / "seeds"
MODELS = (ROOT / "assumptions", ROOT / "tests" / "extract" / "models" / "paratera.yaml")
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


def measure(layout: str, megabytes: float, reconciling: bool) -> None:
    catalog = read_catalog(MODELS)
    with tempfile.TemporaryDirectory(prefix="extract-bench-") as temporary:
        folder = Path(temporary) / "seeds"
        folder.mkdir()
        size = (many_files if layout == "files" else one_file)(folder, megabytes)
        files = len(list(folder.iterdir()))
        started, cpu = time.perf_counter(), time.process_time()
        extraction = extract_to_csv(folder, catalog, Path(temporary) / "out.csv")
        extracted, extracted_cpu = time.perf_counter() - started, time.process_time() - cpu
        note = "reconcile not timed (quadratic for now; --reconcile-all)"
        if reconciling:
            started = time.perf_counter()
            _, conflicts = reconcile(extraction.figures)
            note = f"reconcile {time.perf_counter() - started:6.2f} s ({len(conflicts)} conflicts)"
    mb = size / MEGABYTE
    print(f"{layout:>5} {mb:7.1f} MB in {files:5d} file(s): extract+CSV {extracted:7.2f} s wall "
          f"({mb / extracted:5.2f} MB/s), {extracted_cpu:7.2f} s CPU ({mb / extracted_cpu:5.2f} "
          f"MB/s), {len(extraction.figures):8d} figures; {note}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=100.0, help="size of the large set")
    parser.add_argument("--layouts", nargs="+", default=["files", "big"],
                        choices=["files", "big"])
    parser.add_argument("--reconcile-all", action="store_true",
                        help="also time reconciliation on the large set")
    args = parser.parse_args()
    for layout in args.layouts:
        for megabytes in (args.mb / 10, args.mb):
            measure(layout, megabytes, args.reconcile_all or megabytes < args.mb)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory {peak:.0f} MB")


if __name__ == "__main__":
    main()

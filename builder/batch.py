"""Build many models at once: in parallel across cores, one failure never stops the others.

A research team rebuilds its whole coverage list when a shared input moves. Each model builds
in a worker process (the pipeline is CPU-bound Python); the parent reports progress and prints a
summary table of the key outputs. The parent imports the pipeline before starting the workers,
so forked workers start with it loaded, and each worker then builds many files. Each outcome
carries its worker's peak memory so far: a batch of 2,000 models must not need more per worker
than one of 500.
"""

from __future__ import annotations

import math
import os
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from builder.problems import InputError

if TYPE_CHECKING:
    from builder.inputs.schema import Assumptions
    from builder.model.items import Model


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one model's build produced, or why it failed."""

    model: str
    status: str  # "ok", "checks fail" or "failed"
    seconds: float
    target_price: float | None = None
    target_unit: str = ""  # e.g. "HKD/share", "USD/ADS": a coverage list mixes listings
    upside: float | None = None
    rating: str | None = None
    message: str = ""  # why it failed: one line per problem, as a single build prints them
    warnings: tuple[str, ...] = ()  # the warnings raised, as a single build prints them
    worker: int = 0  # process id of the worker that built it
    peak_memory_mb: float | None = None  # that worker's peak resident memory so far

    @property
    def failed(self) -> bool:
        return self.status != "ok"


def model_files(arguments: Iterable[str]) -> list[Path]:
    """YAML files named directly, or found in named folders (skipping shared ``_*.yaml``)."""
    files: list[Path] = []
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            files += sorted(p for p in path.glob("*.yaml") if not p.name.startswith("_"))
        else:
            files.append(path)
    return files


def duplicate_stems(paths: Sequence[Path]) -> list[str]:
    """Model names given twice (``a/x.yaml`` and ``b/x.yaml``): both would write ``x.xlsx``."""
    counts = Counter(path.stem for path in paths)
    return sorted(stem for stem, count in counts.items() if count > 1)


def build_one(path: Path, out_dir: Path, memo: bool = True, pdf: bool = False) -> Outcome:
    """Build one model; never raises, so a batch survives any single failure."""
    from builder.pipeline import build

    started = time.perf_counter()
    try:
        result = build(path, out_dir, memo=memo, pdf=pdf)
    except InputError as error:
        return _failed(path, started, "\n".join(str(p) for p in error.problems))
    except Exception as error:  # a bug; one broken model must not stop the batch
        return _failed(path, started, f"{path}: internal error (a bug in finmodel; please "
                                      f"report it): {type(error).__name__}: {error}")
    model = result.model

    def output(name: str) -> object:
        item = model.named(name)
        return model.value(item.key) if item is not None else None

    from builder.model.checks import raised

    master = model.value("check_master")
    return Outcome(
        model=path.stem,
        status="ok" if not master else "checks fail",
        seconds=time.perf_counter() - started,
        target_price=_number(output("TargetPrice")),
        target_unit=_price_unit(model, result.assumptions),
        upside=_number(output("Upside")),
        rating=rating if isinstance(rating := output("Rating"), str) else None,
        warnings=tuple(raised(model)),
        worker=os.getpid(),
        peak_memory_mb=peak_memory_mb(),
    )


def _price_unit(model: Model, assumptions: Assumptions) -> str:
    """The target price's currency and what it prices: the listing that sets the rating."""
    quoted = model.named("TargetPrice")
    market = assumptions.market
    if quoted is None or market is None:
        return ""
    ticker = market.rating_listing or market.prices[0].ticker
    listing = next(x for x in assumptions.company.listings if x.ticker == ticker)
    per = "ADS" if listing.instrument == "ADS" else "share"
    return f"{quoted.currency}/{per}"


def _failed(path: Path, started: float, message: str) -> Outcome:
    return Outcome(path.stem, "failed", time.perf_counter() - started, message=message,
                   worker=os.getpid(), peak_memory_mb=peak_memory_mb())


def peak_memory_mb() -> float | None:
    """This process's peak resident memory in MB (None where the OS does not say)."""
    try:
        import resource
    except ImportError:  # Windows
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 2**10  # bytes on macOS, else KB


def freeze_loaded_modules() -> None:
    """Load the pipeline and move everything loaded out of the garbage collector's sight.

    Modules live as long as the process, yet every full collection walks them; frozen, they are
    skipped (about 5% of a build). For a process that builds and exits (the CLI) or a batch
    worker: a library caller keeps its collector as it is.
    """
    import gc

    import builder.pipeline  # noqa: F401

    gc.freeze()


def default_jobs() -> int:
    """The CPUs this process may run on (a container's share, not the host's count)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def build_many(paths: Sequence[Path], out_dir: Path, jobs: int | None = None,
               stream: TextIO | None = None, memo: bool = True,
               pdf: bool = False) -> list[Outcome]:
    """Build ``paths`` with up to ``jobs`` worker processes, reporting progress on ``stream``."""
    stream = stream or sys.stderr
    jobs = max(1, min(jobs or default_jobs(), len(paths)))
    progress = Progress(len(paths), stream)
    outcomes: list[Outcome] = []
    if jobs == 1:
        for path in paths:
            outcomes.append(build_one(path, out_dir, memo, pdf))
            progress.advance(outcomes[-1])
    else:
        outcomes = _in_workers(paths, out_dir, jobs, memo, pdf, progress)
    progress.finish()
    order = {path.stem: index for index, path in enumerate(paths)}
    return sorted(outcomes, key=lambda o: order.get(o.model, 0))


def _in_workers(paths: Sequence[Path], out_dir: Path, jobs: int, memo: bool, pdf: bool,
                progress: Progress) -> list[Outcome]:
    """Build in ``jobs`` processes. A worker that dies (killed, out of memory) fails only the
    models it took with it; Ctrl-C cancels the models not yet started instead of building them.
    """
    from concurrent.futures import ProcessPoolExecutor, as_completed

    import builder.pipeline  # noqa: F401  (loaded once here: forked workers inherit it)

    outcomes: list[Outcome] = []
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=freeze_loaded_modules)
    try:
        futures = {pool.submit(build_one, path, out_dir, memo, pdf): path for path in paths}
        for future in as_completed(futures):
            try:
                outcome = future.result()
            except Exception as error:  # the worker process itself failed
                path = futures[future]
                outcome = Outcome(path.stem, "failed", 0.0,
                                  message=f"{path}: the worker process building it stopped "
                                          f"({type(error).__name__}: {error})")
            outcomes.append(outcome)
            progress.advance(outcome)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    return outcomes


class Progress:
    """A bar on a terminal; one plain line per model otherwise (logs, CI)."""

    def __init__(self, total: int, stream: TextIO):
        self.total = total
        self.done = 0
        self.stream = stream
        self.interactive = stream.isatty()

    def advance(self, outcome: Outcome) -> None:
        self.done += 1
        if self.interactive:
            filled = int(30 * self.done / self.total)
            self.stream.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {self.done}/{self.total}")
        else:
            self.stream.write(f"[{self.done}/{self.total}] {outcome.status:<11} {outcome.model} "
                              f"({outcome.seconds:.2f} s)\n")
        self.stream.flush()

    def finish(self) -> None:
        if self.interactive:
            self.stream.write("\n")


def summary_table(outcomes: Sequence[Outcome]) -> str:
    """A row per model; under it, a failed model's problems and a built model's warnings (the
    judgements its Checks sheet asks an analyst to review), as a single build prints them."""
    from builder.model.checks import WARNING_LINE

    header = (f"{'model':<32} {'target':>10} {'per':<9} {'upside':>8} {'rating':<6} "
              f"{'warnings':>8} {'seconds':>8}  status")
    lines = [header, "-" * len(header)]
    for o in outcomes:
        target = _figure(o.target_price, "{:,.2f}")
        upside = _figure(o.upside, "{:+.1%}")
        warned = "-" if o.status == "failed" else str(len(o.warnings))
        lines.append(f"{o.model[:32]:<32} {target:>10} {o.target_unit or '-':<9} {upside:>8} "
                     f"{o.rating or '-':<6} {warned:>8} {o.seconds:>8.2f}  {o.status}")
        lines += [f"    {line}" for line in o.message.splitlines()]
        lines += [f"    {WARNING_LINE.format(warning)}" for warning in o.warnings]
    failed = sum(o.failed for o in outcomes)
    lines.append(f"{len(outcomes)} models, {len(outcomes) - failed} ok, {failed} failed")
    return "\n".join(lines)


def throughput_line(outcomes: Sequence[Outcome], seconds: float) -> str:
    """``500 models in 21.3 s (23.5 models/s); peak memory per worker 61 MB (2 workers)``."""
    peaks: dict[int, float] = {}
    for o in outcomes:
        if o.peak_memory_mb is not None:
            peaks[o.worker] = max(peaks.get(o.worker, 0.0), o.peak_memory_mb)
    rate = len(outcomes) / seconds if seconds > 0 else 0.0
    line = f"{len(outcomes)} models in {seconds:.1f} s ({rate:.1f} models/s)"
    if peaks:
        line += (f"; peak memory per worker {max(peaks.values()):.0f} MB "
                 f"({len(peaks)} worker{'s' if len(peaks) != 1 else ''})")
    return line


def _figure(value: float | None, shape: str) -> str:
    """A figure for the table; one too large for its column (a price of 1e300 in the YAML) in
    scientific notation rather than a line of 300 digits."""
    if value is None:
        return "-"
    if not math.isfinite(value) or abs(value) >= 1e9:
        return f"{value:.3g}"
    return shape.format(value)


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None

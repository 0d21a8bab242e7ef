"""Build many models at once: in parallel across cores, one failure never stops the others.

A research team rebuilds its whole coverage list when a shared input moves. Each model builds
in a worker process (the pipeline is CPU-bound Python); the parent reports progress and prints a
summary table of the key outputs. Workers import the package once and then build many files.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from builder.problems import InputError


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one model's build produced, or why it failed."""

    model: str
    status: str  # "ok", "checks fail" or "failed"
    seconds: float
    target_price: float | None = None
    upside: float | None = None
    rating: str | None = None
    message: str = ""

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


def build_one(path: Path, out_dir: Path, memo: bool = True, pdf: bool = False) -> Outcome:
    """Build one model; never raises, so a batch survives any single failure."""
    from builder.pipeline import build

    started = time.perf_counter()
    try:
        result = build(path, out_dir, memo=memo, pdf=pdf)
    except InputError as error:
        message = "; ".join(str(p) for p in error.problems[:3])
        return Outcome(path.stem, "failed", time.perf_counter() - started, message=message)
    except Exception as error:  # one broken model must not stop the batch
        return Outcome(path.stem, "failed", time.perf_counter() - started,
                       message=f"internal error: {type(error).__name__}: {error}")
    model = result.model
    outputs = {item.name: model.value(item.key) for item in model.items.values() if item.name}
    master = model.value("check_master")
    return Outcome(
        model=path.stem,
        status="ok" if not master else "checks fail",
        seconds=time.perf_counter() - started,
        target_price=_number(outputs.get("TargetPrice")),
        upside=_number(outputs.get("Upside")),
        rating=outputs.get("Rating") if isinstance(outputs.get("Rating"), str) else None,
    )


def build_many(paths: Sequence[Path], out_dir: Path, jobs: int | None = None,
               stream: TextIO | None = None, memo: bool = True,
               pdf: bool = False) -> list[Outcome]:
    """Build ``paths`` with up to ``jobs`` worker processes, reporting progress on ``stream``."""
    stream = stream or sys.stderr
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(paths)))
    progress = Progress(len(paths), stream)
    outcomes: list[Outcome] = []
    if jobs == 1:
        for path in paths:
            outcomes.append(build_one(path, out_dir, memo, pdf))
            progress.advance(outcomes[-1])
    else:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            futures = [pool.submit(build_one, path, out_dir, memo, pdf) for path in paths]
            for future in as_completed(futures):
                outcomes.append(future.result())
                progress.advance(outcomes[-1])
    progress.finish()
    order = {path.stem: index for index, path in enumerate(paths)}
    return sorted(outcomes, key=lambda o: order.get(o.model, 0))


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
    header = f"{'model':<32} {'target':>10} {'upside':>8} {'rating':<6} {'seconds':>8}  status"
    lines = [header, "-" * len(header)]
    for o in outcomes:
        target = f"{o.target_price:,.2f}" if o.target_price is not None else "-"
        upside = f"{o.upside:+.1%}" if o.upside is not None else "-"
        lines.append(f"{o.model[:32]:<32} {target:>10} {upside:>8} {o.rating or '-':<6} "
                     f"{o.seconds:>8.2f}  {o.status}")
        if o.message:
            lines.append(f"    {o.message}")
    failed = sum(o.failed for o in outcomes)
    lines.append(f"{len(outcomes)} models, {len(outcomes) - failed} ok, {failed} failed")
    return "\n".join(lines)


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None

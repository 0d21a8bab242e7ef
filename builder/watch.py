"""Rebuild on every save: ``finmodel build --watch FILE.yaml``.

Polls the modification times of the YAML, the files it includes and its historicals CSV (polling
needs no extra dependency and behaves the same on every OS and network drive). After each build it
prints what moved in the key outputs since the previous good build, so an analyst sees at once what
an edit did to the target price.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import yaml

from builder.model.items import Model

if TYPE_CHECKING:
    from builder.pipeline import BuildResult
from builder.problems import InputError

KEY_OUTPUTS = ("TargetPrice", "Upside", "Rating", "EquityValue", "WACC", "MasterCheck")


@dataclass(frozen=True)
class Snapshot:
    outputs: dict[str, object]


def watched_files(yaml_path: Path) -> list[Path]:
    """The YAML, its includes and its historicals file, as far as the YAML can be read."""
    files = [yaml_path]
    try:
        data = yaml.safe_load(yaml_path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError):
        return files
    if not isinstance(data, dict):
        return files
    includes = data.get("include") or []
    for name in [includes] if isinstance(includes, str) else includes:
        if isinstance(name, str):
            files.append(yaml_path.parent / name)
    historicals = data.get("historicals")
    if isinstance(historicals, dict) and isinstance(historicals.get("file"), str):
        files.append(yaml_path.parent / historicals["file"])
    return files


def changes(before: Snapshot | None, after: Snapshot) -> list[str]:
    """Lines such as ``TargetPrice: 15.20 -> 16.05 (+5.6%)`` for every key output that moved."""
    lines = []
    for name, new in after.outputs.items():
        old = before.outputs.get(name) if before else None
        if before is not None and old == new:
            continue
        if before is None:  # the first build: the values themselves
            lines.append(f"{name}: {_shown(new)}")
        elif isinstance(old, int | float) and isinstance(new, int | float):
            delta = f" ({(new - old) / abs(old):+.1%})" if old else ""
            lines.append(f"{name}: {_shown(old)} -> {_shown(new)}{delta}")
        else:
            lines.append(f"{name}: {_shown(old)} -> {_shown(new)}")
    return lines


def _shown(value: object) -> str:
    """Four significant digits for a number (as the change lines read), text as it is."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f"{value:,.4g}"
    return repr(value)


def snapshot_of(model: Model) -> Snapshot:
    named = {item.name: model.value(item.key) for item in model.items.values() if item.name}
    return Snapshot({name: named[name] for name in KEY_OUTPUTS if name in named})


def watch(yaml_path: Path, out_dir: Path, stream: TextIO, interval: float = 0.5,
          rounds: Iterator[int] | None = None,
          build: Callable[[Path, Path], BuildResult] | None = None) -> int:
    """Build now, then again whenever a watched file changes. Ctrl-C stops it.

    ``rounds`` bounds the loop (tests pass a finite iterator); by default it runs until
    interrupted.
    """
    if build is None:
        from builder.pipeline import build as build_pipeline
        build = build_pipeline
    previous: Snapshot | None = None
    seen: dict[Path, float] = {}
    counter = rounds if rounds is not None else _forever()
    for _ in counter:
        stamps = {p: _mtime(p) for p in watched_files(yaml_path)}
        if stamps != seen:
            seen = stamps
            previous = _rebuild(yaml_path, out_dir, stream, previous, build)
        time.sleep(interval)
    return 0


def _rebuild(yaml_path: Path, out_dir: Path, stream: TextIO, previous: Snapshot | None,
             build: Callable[[Path, Path], BuildResult]) -> Snapshot | None:
    started = time.perf_counter()
    try:
        result = build(yaml_path, out_dir)
    except InputError as error:
        for problem in error.problems:
            stream.write(f"error: {problem}\n")
        _waiting(stream)
        return previous
    except Exception as error:  # e.g. the workbook is open and locked: keep watching
        stream.write(f"error: {type(error).__name__}: {error}\n")
        _waiting(stream)
        return previous
    current = snapshot_of(result.model)
    stream.write(f"built {yaml_path.name} in {time.perf_counter() - started:.2f} s\n")
    for line in changes(previous, current) or ["no change in the key outputs"]:
        stream.write(f"  {line}\n")
    stream.flush()
    return current


def _waiting(stream: TextIO) -> None:
    stream.write("build failed; the previous output is unchanged. Waiting for a save...\n")
    stream.flush()


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime_ns / 1e9
    except OSError:
        return -1.0


def _forever() -> Iterator[int]:
    count = 0
    while True:
        yield count
        count += 1

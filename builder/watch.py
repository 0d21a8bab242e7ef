"""Rebuild on every save: ``finmodel build --watch FILE.yaml``.

Polls the modification times of the YAML, the files it includes and its historicals CSV (polling
needs no extra dependency and behaves the same on every OS and network drive). After each build it
prints what moved in the key outputs since the previous good build, so an analyst sees at once what
an edit did to the target price.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from builder.inputs.yaml_source import parse_yaml
from builder.model.items import Model, Unit

if TYPE_CHECKING:
    from builder.pipeline import BuildResult
from builder.problems import InputError

KEY_OUTPUTS = ("TargetPrice", "Upside", "Rating", "EquityValue", "WACC", "MasterCheck")


@dataclass(frozen=True)
class Snapshot:
    outputs: dict[str, object]
    units: dict[str, str] = field(default_factory=dict)  # the item's unit: "HKD", "%", "CNY m"


def watched_files(yaml_path: Path) -> list[Path]:
    """The YAML, its includes and its historicals file, as far as the YAML can be read (with
    the build's own reader: a FIFO, a device or an alias bomb given as the YAML is refused
    there, not read here)."""
    files = [yaml_path]
    document, _ = parse_yaml(yaml_path)
    data = document.data if document is not None else None
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
    """Lines such as ``TargetPrice: 15.20 HKD -> 16.05 HKD (+5.6%)`` for every key output that
    moved; a rate moves in percentage points (``Upside: 12.40% -> 15.10% (+2.70 pp)``)."""
    lines = []
    for name, new in after.outputs.items():
        unit = after.units.get(name, "")
        old = before.outputs.get(name) if before else None
        if before is not None and old == new:
            continue
        if before is None:  # the first build: the values themselves
            lines.append(f"{name}: {_shown(new, unit)}")
            continue
        line = f"{name}: {_shown(old, unit)} -> {_shown(new, unit)}"
        if _is_number(old) and _is_number(new):
            if unit == Unit.RATIO:
                line += f" ({(new - old) * 100:+.2f} pp)"  # type: ignore[operator]
            elif old:
                line += f" ({(new - old) / abs(old):+.1%})"  # type: ignore[operator]
        lines.append(line)
    return lines



def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _shown(value: object, unit: str = "") -> str:
    """A value as an analyst reads it: a rate in percent, money with its currency, else four
    significant digits; text as it is."""
    if not _is_number(value):
        return repr(value)
    number = float(value)  # type: ignore[arg-type]
    if unit == Unit.RATIO:
        return f"{number:.2%}"
    if unit.endswith(" m"):  # money: millions of a currency
        return f"{number:,.0f} {unit}"
    if len(unit) == 3 and unit.isupper():  # a price in a currency
        return f"{number:,.2f} {unit}"
    return f"{number:,.4g}"


def snapshot_of(model: Model) -> Snapshot:
    items = {name: item for name in KEY_OUTPUTS if (item := model.named(name)) is not None}
    return Snapshot({name: model.value(item.key) for name, item in items.items()},
                    {name: item.unit_text for name, item in items.items()})


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

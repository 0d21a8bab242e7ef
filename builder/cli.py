"""The ``finmodel`` command: a thin shell over the pipeline. Problems print; tracebacks don't."""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from builder.problems import InputError

ENGINES = ("auto", "formulas", "libreoffice")
"""``finmodel check --engine``; spelled here, not imported: the check package loads openpyxl."""


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    stdout = sys.stdout
    sys.stdout = UntilTheReaderLeaves(stdout)
    try:
        return args.run(args)
    except InputError as error:
        for problem in error.problems:
            print(f"error: {problem}", file=sys.stderr)
        count = len(error.problems)
        print(f"{count} problem{'s' if count != 1 else ''}; nothing was written", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    finally:
        sys.stdout = stdout


class UntilTheReaderLeaves:
    """Standard output for a reader that may stop early (``finmodel extract ... | head``): the
    command still finishes its work (the CSV, the workbook), and the rest of its report goes
    to the null device instead of ending the run with a broken pipe."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except BrokenPipeError:
            self._leave()
            return len(text)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            self._leave()

    def _leave(self) -> None:
        # The stream's buffer still holds what the reader never took: flushed, it goes nowhere.
        os.dup2(os.open(os.devnull, os.O_WRONLY), self._stream.fileno())

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)


def _build(args: argparse.Namespace) -> int:
    from builder.batch import duplicate_stems, model_files

    files = model_files(args.files)
    if not files:
        print("error: no assumption files found in " + ", ".join(args.files), file=sys.stderr)
        return 1
    duplicates = duplicate_stems(files)
    if duplicates:
        print(f"error: models with the same name would write the same workbook in {args.out}: "
              + ", ".join(duplicates), file=sys.stderr)
        return 1
    out = Path(args.out)
    if args.watch:
        if len(files) != 1:
            print("error: --watch takes one assumptions file", file=sys.stderr)
            return 1
        return _watch(files[0], out, args)
    if len(files) == 1 and not Path(args.files[0]).is_dir():
        code = _build_one(files[0], out, args)
        built = files  # a failed single build raised and never gets here
    else:
        code, built = _build_many(files, out, args)
    if args.check and built:
        from builder.check.command import run_check

        # Only this run's workbooks: a failed model's previous workbook is not news.
        workbooks = [out / f"{f.stem}.xlsx" for f in built]
        code = max(code, run_check(workbooks, engine=args.engine, jobs=args.jobs))
    return code


def _watch(path: Path, out: Path, args: argparse.Namespace) -> int:
    from functools import partial

    from builder.pipeline import build
    from builder.watch import watch

    return watch(path, out, sys.stdout, build=partial(build, memo=not args.no_memo, pdf=args.pdf))


def _build_one(path: Path, out: Path, args: argparse.Namespace) -> int:
    from builder.batch import freeze_loaded_modules
    from builder.pipeline import build

    freeze_loaded_modules()

    result = build(path, out, pdf=args.pdf, memo=not args.no_memo)
    master = result.model.value("check_master")
    print(f"wrote {result.workbook} (master check {master:g})")
    from builder.model.checks import WARNING_LINE, failing, raised

    if master:
        for label in failing(result.model):
            print(f"error: check failed: {label}", file=sys.stderr)
    for label in raised(result.model):
        print(WARNING_LINE.format(label), file=sys.stderr)
    if result.left_out:
        print(f"left out {len(result.left_out)} figures published after "
              f"{result.assumptions.as_of.isoformat()}, the model's information date:")
        for line in result.left_out:
            print(f"  {line}")
    if result.memo is not None:
        memo = result.memo
        extra = f", {memo.pdf.name}" if memo.pdf else ""
        print(f"wrote {memo.markdown.name}, {memo.html.name}{extra} beside it")
    return 1 if master else 0


def _build_many(files: list[Path], out: Path, args: argparse.Namespace) -> tuple[int, list[Path]]:
    """Build in parallel; the exit code and the models whose workbooks this run wrote."""
    from builder.batch import build_many, freeze_loaded_modules, summary_table, throughput_line

    started = time.perf_counter()
    freeze_loaded_modules()  # this process only builds and exits
    outcomes = build_many(files, out, jobs=args.jobs, memo=not args.no_memo, pdf=args.pdf)
    print(summary_table(outcomes))
    print(throughput_line(outcomes, time.perf_counter() - started))
    written = {o.model for o in outcomes if o.status != "failed"}
    return (1 if any(o.failed for o in outcomes) else 0), [f for f in files if f.stem in written]


def _extract(args: argparse.Namespace) -> int:
    from builder.extract.command import run_extract

    models = [Path(p) for p in args.models] if args.models else None
    return run_extract(Path(args.seeds), Path(args.out), models=models, jobs=args.jobs)


def _check(args: argparse.Namespace) -> int:
    from builder.check.command import run_check
    from builder.check.limits import Limits

    given = {"file_mb": args.max_file_mb, "unzipped_mb": args.max_unzipped_mb,
             "cells": args.max_cells, "formulas": args.max_formulas, "seconds": args.timeout}
    limits = Limits(**{name: value for name, value in given.items() if value is not None})
    return run_check([Path(p) for p in args.workbooks], engine=args.engine, jobs=args.jobs,
                     limits=limits)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="finmodel", description=__doc__)
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    build = commands.add_parser("build", help="build workbook(s) from assumptions YAML")
    build.add_argument("files", nargs="+", metavar="FILE.yaml|DIR",
                       help="assumption files, or folders of them (shared _*.yaml are skipped)")
    build.add_argument("--out", required=True, metavar="DIR", help="output folder")
    build.add_argument("--pdf", action="store_true",
                       help="also print the memo to PDF (headless Chromium or LibreOffice)")
    build.add_argument("--no-memo", action="store_true", help="write the workbook only")
    build.add_argument("--check", action="store_true",
                       help="recompute every formula independently after building")
    build.add_argument("--engine", choices=ENGINES, default="auto",
                       help="engine for --check (default: LibreOffice if installed, else "
                            "formulas)")
    build.add_argument("--watch", action="store_true",
                       help="rebuild on every save of the YAML or its historicals")
    build.add_argument("--jobs", type=int, default=None, metavar="N",
                       help="worker processes for several models (default: all cores)")
    build.set_defaults(run=_build)

    extract = commands.add_parser("extract", help="extract figures from seed documents")
    extract.add_argument("seeds", metavar="SEEDS_DIR")
    extract.add_argument("--out", required=True, metavar="FILE.csv")
    extract.add_argument("--models", nargs="+", metavar="PATH",
                         help="model YAML files or folders naming the companies (default: the "
                              "assumptions/ folder beside the seeds folder)")
    extract.add_argument("--jobs", type=int, default=None, metavar="N",
                         help="worker processes (default: all cores); the CSV is the same")
    extract.set_defaults(run=_extract)

    check = commands.add_parser("check", help="recompute a workbook's formulas independently")
    check.add_argument("workbooks", nargs="+", metavar="WORKBOOK.xlsx")
    check.add_argument("--engine", choices=ENGINES, default="auto",
                       help="default: LibreOffice if installed (faster), else formulas")
    check.add_argument("--jobs", type=int, default=None, metavar="N",
                       help="LibreOffice processes at once (default: all cores)")
    _limit_options(check)
    check.set_defaults(run=_check)
    return parser


def _limit_options(check: argparse.ArgumentParser) -> None:
    """What a workbook may be and take before check refuses it; unset, the defaults of
    builder/check/limits.py (not imported here: the check package loads openpyxl)."""
    def positive(kind: type) -> Callable[[str], float]:
        def parse(text: str) -> float:
            value = kind(text)
            if not value > 0:
                raise argparse.ArgumentTypeError(f"expected a number above 0, got {text!r}")
            return value
        return parse

    options = (
        ("--max-file-mb", float, "largest workbook file, MB (default 32)"),
        ("--max-unzipped-mb", float, "largest inflated content, MB (default 64)"),
        ("--max-cells", int, "most cells (default 500,000)"),
        ("--max-formulas", int, "most formulas (default 100,000)"),
        ("--timeout", float, "seconds one workbook's recomputation may take (default 180)"),
    )
    for flag, kind, what in options:
        check.add_argument(flag, type=positive(kind), default=None, metavar="N", help=what)


if __name__ == "__main__":
    sys.exit(main())

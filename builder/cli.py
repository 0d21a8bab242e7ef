"""The ``finmodel`` command: a thin shell over the pipeline. Problems print; tracebacks don't."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from builder.problems import InputError


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
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


def _build(args: argparse.Namespace) -> int:
    from builder.pipeline import build

    failures = 0
    for path in args.files:
        result = build(Path(path), Path(args.out), pdf=args.pdf)
        master = result.model.value("check_master")
        print(f"wrote {result.workbook} (master check {master:g})")
        if result.memo is not None:
            memo = result.memo
            extra = f", {memo.pdf.name}" if memo.pdf else ""
            print(f"wrote {memo.markdown.name}, {memo.html.name}{extra} beside it")
        failures += bool(master)
    return 1 if failures else 0


def _extract(args: argparse.Namespace) -> int:
    from builder.extract.command import run_extract

    return run_extract(Path(args.seeds), Path(args.out))


def _check(args: argparse.Namespace) -> int:
    from builder.check.command import run_check

    return run_check([Path(p) for p in args.workbooks], engine=args.engine)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="finmodel", description=__doc__)
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    build = commands.add_parser("build", help="build workbook(s) from assumptions YAML")
    build.add_argument("files", nargs="+", metavar="FILE.yaml")
    build.add_argument("--out", required=True, metavar="DIR", help="output folder")
    build.add_argument("--pdf", action="store_true",
                       help="also print the memo to PDF (headless Chromium or LibreOffice)")
    build.set_defaults(run=_build)

    extract = commands.add_parser("extract", help="extract figures from seed documents")
    extract.add_argument("seeds", metavar="SEEDS_DIR")
    extract.add_argument("--out", required=True, metavar="FILE.csv")
    extract.set_defaults(run=_extract)

    check = commands.add_parser("check", help="recompute a workbook's formulas independently")
    check.add_argument("workbooks", nargs="+", metavar="WORKBOOK.xlsx")
    check.add_argument("--engine", choices=("formulas", "libreoffice"), default="formulas")
    check.set_defaults(run=_check)
    return parser


if __name__ == "__main__":
    sys.exit(main())

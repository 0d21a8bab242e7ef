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
    from builder.batch import model_files

    files = model_files(args.files)
    if not files:
        print("error: no assumption files found in " + ", ".join(args.files), file=sys.stderr)
        return 1
    out = Path(args.out)
    if args.watch:
        if len(files) != 1:
            print("error: --watch takes one assumptions file", file=sys.stderr)
            return 1
        from builder.watch import watch

        return watch(files[0], out, sys.stdout)
    if len(files) == 1 and not Path(args.files[0]).is_dir():
        code = _build_one(files[0], out, args)
    else:
        code = _build_many(files, out, args)
    if args.check and code != 2:
        from builder.check.command import run_check

        workbooks = [out / f"{f.stem}.xlsx" for f in files if (out / f"{f.stem}.xlsx").exists()]
        code = max(code, run_check(workbooks, engine=args.engine))
    return code


def _build_one(path: Path, out: Path, args: argparse.Namespace) -> int:
    from builder.pipeline import build

    result = build(path, out, pdf=args.pdf, memo=not args.no_memo)
    master = result.model.value("check_master")
    print(f"wrote {result.workbook} (master check {master:g})")
    if result.memo is not None:
        memo = result.memo
        extra = f", {memo.pdf.name}" if memo.pdf else ""
        print(f"wrote {memo.markdown.name}, {memo.html.name}{extra} beside it")
    return 1 if master else 0


def _build_many(files: list[Path], out: Path, args: argparse.Namespace) -> int:
    from builder.batch import build_many, summary_table

    outcomes = build_many(files, out, jobs=args.jobs, memo=not args.no_memo, pdf=args.pdf)
    print(summary_table(outcomes))
    return 1 if any(o.failed for o in outcomes) else 0


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
    build.add_argument("files", nargs="+", metavar="FILE.yaml|DIR",
                       help="assumption files, or folders of them (shared _*.yaml are skipped)")
    build.add_argument("--out", required=True, metavar="DIR", help="output folder")
    build.add_argument("--pdf", action="store_true",
                       help="also print the memo to PDF (headless Chromium or LibreOffice)")
    build.add_argument("--no-memo", action="store_true", help="write the workbook only")
    build.add_argument("--check", action="store_true",
                       help="recompute every formula independently after building")
    build.add_argument("--engine", choices=("formulas", "libreoffice"), default="formulas",
                       help="engine for --check (default: formulas)")
    build.add_argument("--watch", action="store_true",
                       help="rebuild on every save of the YAML or its historicals")
    build.add_argument("--jobs", type=int, default=None, metavar="N",
                       help="worker processes for several models (default: all cores)")
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

"""Hostile and careless inputs, as a table: each row is an input, the exact problems it must
print, and the promise that the previous outputs stay byte for byte as they were.

Every row runs twice, as a single build (``finmodel build FILE.yaml``) and as a batch
(``finmodel build FOLDER``): both must exit 1, print the same problem lines (the batch under the
model's row of its summary), and neither may print a traceback or an "internal error". The
expected lines are patterns matched whole, in order, and there must be no other problem line:
every independent problem is reported in one run, and none caused by another.

The rows come from issue 12 and from the earlier bad-input tests. They centre on the reading
of files, the YAML and the outputs; the model's range rules (``tax.rate``, the WACC, the
sensitivity steps) appear where a careless edit reaches them, and each rule's own limits are
tested beside the schema.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

from builder.cli import main
from tests.conftest import ROOT
from tests.test_output_set import tree

MODEL = "kingsoft_cloud.yaml"


def line_of(text: str) -> int:
    """The line of the model file holding ``text``: expected messages follow the file's edits."""
    lines = (ROOT / "assumptions" / MODEL).read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, start=1) if text in line)


LINES = {"price": line_of("value: 6.21"), "tax": line_of("  rate: 0.15"),
         "tax_next": line_of("  rate: 0.15") + 1, "debt_tax": line_of("debt_tax_rate:"),
         "wacc_step": line_of("wacc_step: 0.01")}


@dataclass(frozen=True)
class Case:
    """An input and what it must print. ``edit`` changes the model folder (a copy of
    assumptions/); ``setup`` the output folder; ``patch`` simulates what a test cannot make
    (a full disk); ``out`` picks the output folder when it is the input under test."""

    edit: Callable[[Path], None]
    expected: tuple[str, ...]
    setup: Callable[[Path], None] | None = None
    patch: Callable[[pytest.MonkeyPatch], None] | None = None
    out: Callable[[Path], Path] | None = None
    notes: str = field(default="", compare=False)


def replace(old: str, new: str, file: str = MODEL) -> Callable[[Path], None]:
    def edit(folder: Path) -> None:
        path = folder / file
        text = path.read_text(encoding="utf-8")
        assert old in text, f"fixture drifted: {old!r} not in {file}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return edit


def both(*edits: Callable[[Path], None]) -> Callable[[Path], None]:
    def edit(folder: Path) -> None:
        for one in edits:
            one(folder)
    return edit


def data_edit(change: Callable[[dict], None]) -> Callable[[Path], None]:
    def edit(folder: Path) -> None:
        path = folder / MODEL
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        change(data)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                        encoding="utf-8")
    return edit


def fifo(name: str, then: Callable[[Path], None]) -> Callable[[Path], None]:
    def edit(folder: Path) -> None:
        os.mkfifo(folder / name)
        then(folder)
    return edit


def big_include(folder: Path) -> None:
    (folder / "_huge.yaml").write_bytes(b"# padding\n" * 500_000)  # 5 MB of comments
    replace("include: [_macro.yaml]", "include: [_macro.yaml, _huge.yaml]")(folder)


ALIAS_BOMB = """a: &a ["x","x","x","x","x","x","x","x","x"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
"""

TAX = replace("  rate: 0.15", "  rate: 0.2")  # a change that would rewrite every output


def full_disk(suffix: str) -> Callable[[pytest.MonkeyPatch], None]:
    """ENOSPC when a file ending in ``suffix`` is written (xlsxwriter wraps its OSError)."""
    def patch(monkeypatch: pytest.MonkeyPatch) -> None:
        from xlsxwriter.exceptions import FileCreateError

        import builder.pipeline

        real_write, real_bytes = builder.pipeline.write_workbook, Path.write_bytes

        def workbook(path: Path, *args, **kwargs) -> None:
            if str(path).endswith(suffix):
                raise FileCreateError(OSError(errno.ENOSPC, "No space left on device"))
            real_write(path, *args, **kwargs)

        def write_bytes(path: Path, data: bytes) -> int:
            if str(path).endswith(suffix):
                raise OSError(errno.ENOSPC, "No space left on device", str(path))
            return real_bytes(path, data)

        monkeypatch.setattr(builder.pipeline, "write_workbook", workbook)
        monkeypatch.setattr(Path, "write_bytes", write_bytes)
    return patch


def read_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """What a read-only file system answers when the build opens its lock."""
    real_open = os.open

    def refuse(path, flags, *args, **kwargs):
        if ".finmodel" in str(path) and flags & os.O_CREAT:
            raise OSError(errno.EROFS, "Read-only file system", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)


def folder_at(name: str) -> Callable[[Path], None]:
    def setup(out: Path) -> None:
        (out / name).unlink()
        (out / name).mkdir()
        (out / name / "keep.txt").write_text("the analyst's", encoding="utf-8")
    return setup


def under_a_file(out: Path) -> Path:
    (out / "a-file").write_text("not a folder", encoding="utf-8")
    return out / "a-file" / "out"


OUTSIDE = ("{yaml}:4: include: {name} is outside the model's folder {folder}; shared files "
           "must sit beside the model")
NOT_A_FILE = "this is a FIFO \\(named pipe\\), not a regular file; it is not read"

CASES: dict[str, Case] = {
    # Unbounded reads and files outside the model's folder.
    "include /dev/zero": Case(
        replace("include: [_macro.yaml]", "include: [_macro.yaml, /dev/zero]"),
        (OUTSIDE.replace("{name}", "'/dev/zero'"),)),
    "include /etc/shadow": Case(replace("include: [_macro.yaml]", "include: [/etc/shadow]"),
                                (OUTSIDE.replace("{name}", "'/etc/shadow'"),)),
    "include ../": Case(replace("include: [_macro.yaml]", "include: [../x.yaml]"),
                        (OUTSIDE.replace("{name}", "'../x.yaml'"),)),
    "historicals /dev/urandom": Case(
        replace("file: historicals.csv", "file: /dev/urandom"),
        ("{yaml}: historicals.file: '/dev/urandom' is outside the model's folder {folder}; keep "
         "the CSV beside the model",)),
    "historicals a FIFO": Case(
        fifo("pipe.csv", replace("file: historicals.csv", "file: pipe.csv")),
        ("{folder}/pipe.csv: cannot read historicals file: " + NOT_A_FILE,)),
    "include a FIFO": Case(  # named like a shared file, so a batch does not build it as a model
        fifo("_pipe.yaml", replace("include: [_macro.yaml]", "include: [_macro.yaml, _pipe.yaml]")),
        ("{folder}/_pipe.yaml: cannot read file: " + NOT_A_FILE,)),
    "include over the size limit": Case(
        big_include, ("{folder}/_huge.yaml: cannot read file: the file is 4.8 MB; the limit is "
                      "4.0 MB",)),
    # YAML features refused on their line.
    "alias bomb": Case(lambda folder: (folder / MODEL).write_text(ALIAS_BOMB, encoding="utf-8"),
                       ("{yaml}:2: b.0: YAML aliases \\(\\*name\\) are not accepted: write the "
                        "value out where it is used \\(45 aliases in this file\\)",)),
    "merge key": Case(
        replace("as_of: 2025-11-25", "base: &b {x: 1}\nas_of: 2025-11-25\nother:\n  <<: *b"),
        ("{yaml}:9: other: merge keys \\(<<\\) are not accepted: write the keys out",)),
    "unknown tag": Case(replace("as_of: 2025-11-25", "as_of: !evil 2025-11-25"),
                        ("{yaml}:6: as_of: the tag !evil is not accepted; write plain values "
                         "\\(numbers, text, dates, lists, mappings\\)",)),
    "python tag": Case(replace("as_of: 2025-11-25", "as_of: !!python/name:os.system 2025"),
                       ("{yaml}:6: as_of: the tag !!python/name:os.system is not accepted; "
                        "write plain values \\(numbers, text, dates, lists, mappings\\)",)),
    "!!int notanint": Case(replace("as_of: 2025-11-25", "as_of: !!int notanint"),
                           ("{yaml}:6: as_of: 'notanint' is not a valid !!int: invalid "
                            "literal for int\\(\\) with base 10: 'notanint'",)),
    "date 2025-13-45": Case(replace("as_of: 2025-11-25", "as_of: 2025-13-45"),
                            ("{yaml}:6: as_of: '2025-13-45' is not a valid date: month must be "
                             "in 1..12",)),
    "date 2025-02-30": Case(replace("as_of: 2025-11-25", "as_of: 2025-02-30"),
                            ("{yaml}:6: as_of: '2025-02-30' is not a valid date: day is out of "
                             "range for month",)),
    "date 2025-11-31": Case(replace("as_of: 2025-11-25", "as_of: 2025-11-31"),
                            ("{yaml}:6: as_of: '2025-11-31' is not a valid date: day is out of "
                             "range for month",)),
    "nesting 700 deep": Case(replace("as_of: 2025-11-25", "as_of: " + "[" * 700 + "]" * 700),
                             ("{yaml}:6: as_of.0.0.0: nested more than 64 levels deep",)),
    "1e300 read as text": Case(replace("value: 6.21", "value: 1e300"),
                               ("{yaml}:{price}: market.prices.0.value: expected a number, got "
                                "'1e300'; YAML reads '1e300' as text: write 1.0e\\+300",)),
    "1e-3 read as text": Case(replace("  rate: 0.15", "  rate: 1e-3"),
                              ("{yaml}:{tax}: tax.rate: expected a number, got '1e-3'; YAML reads "
                               "'1e-3' as text: write 1.0e-3",)),
    # Ranges (the model's rules: few rows, patterns only as tight as needed).
    "huge wacc_step": Case(replace("wacc_step: 0.01", "wacc_step: 1.0e+300"),
                           ("{yaml}:{wacc_step}: valuation.sensitivity.wacc_step: "
                            ".*0.05.*1e\\+300",)),
    "WACC override equal to growth": Case(
        replace("override: null", "override: 0.0300000000001"),
        ("{yaml}:\\d+: valuation\\.(wacc\\.override|terminal\\.growth|sensitivity\\.wacc_step): "
         ".*WACC.*growth.*",)),
    "two independent errors": Case(
        both(replace("  rate: 0.15", "  rate: 15"),
             replace("debt_tax_rate: 0.15", "debt_tax_rate: 15")),
        ("{yaml}:{tax}: tax.rate: .*15.*",
         "{yaml}:{debt_tax}: valuation.wacc.debt_tax_rate: .*15.*")),
    "an error and none it causes": Case(
        replace("debt_tax_rate: 0.15", "debt_tax_rate: 15"),
        ("{yaml}:{debt_tax}: valuation.wacc.debt_tax_rate: .*15.*",),
        notes="the WACC it would give is not reported as 'growth must be below the WACC'"),
    "errors in the model and in its include": Case(
        both(replace("risk_free_rate: 0.030 ", "risk_free_rate: abc ", "_macro.yaml"),
             replace("  rate: 0.15", "  rate: 15")),
        ("{macro}:14: valuation.wacc.risk_free_rate: expected a number, got 'abc'",
         "{yaml}:{tax}: tax.rate: .*15.*")),
    # The outputs: a full disk, a folder in the way, a folder that cannot be written.
    "disk full writing the workbook": Case(
        TAX, ("{out}/kingsoft_cloud.xlsx: cannot write the workbook: the disk is full \\(no space "
              "left on the device\\); the previous outputs are unchanged",),
        patch=full_disk(".xlsx")),
    "disk full writing a chart": Case(
        TAX, ("{out}/kingsoft_cloud.memo_files/revenue.png: cannot write a memo chart: the disk "
              "is full \\(no space left on the device\\); the previous outputs are unchanged",),
        patch=full_disk("revenue.png")),
    "a folder where the workbook goes": Case(
        TAX, ("{out}/kingsoft_cloud.xlsx: a folder stands where this output must go; move or "
              "rename it, then build again \\(the previous outputs are unchanged\\)",),
        setup=folder_at("kingsoft_cloud.xlsx")),
    "a folder where the memo goes": Case(
        TAX, ("{out}/kingsoft_cloud.memo.md: a folder stands where this output must go; move or "
              "rename it, then build again \\(the previous outputs are unchanged\\)",),
        setup=folder_at("kingsoft_cloud.memo.md")),
    "output folder under a file": Case(
        TAX, ("{out}: cannot write to the output folder: a file stands where a folder must be; "
              "the previous outputs are unchanged",), out=under_a_file),
    "read-only output folder": Case(
        TAX, ("{out}: cannot prepare the output folder: the file system is read-only; the "
              "previous outputs are unchanged",), patch=read_only),
}

# The earlier bad-input table (tests/test_bad_input.py), now with batch builds too.
CASES.update({
    "tab indentation": Case(replace("  rate: 0.15", "  rate:\n\t0.15"),
                            ("{yaml}:{tax_next}: YAML syntax error: tabs are not allowed for "
                             "indentation in YAML; use spaces",)),
    "unclosed bracket": Case(replace("reported_periods: [1Q25, 2Q25, 3Q25]",
                                     "reported_periods: [1Q25, 2Q25, 3Q25"),
                             ("{yaml}:\\d+: YAML syntax error: .*",)),
    "duplicate key": Case(
        replace("  rate: 0.15", "  rate: 0.15\n  rate: 0.2"),
        ("{yaml}:{tax_next}: tax.rate: duplicate key 'rate' \\(first at line {tax}\\)",)),
    "empty file": Case(lambda folder: (folder / MODEL).write_text("", encoding="utf-8"),
                       ("{yaml}: the file is empty; expected the assumptions mapping",)),
    "missing section": Case(data_edit(lambda d: d.pop("drivers")),
                            ("{yaml}: drivers: required field is missing",)),
    "unknown key with suggestion": Case(
        data_edit(lambda d: d["drivers"].update({"gross_margn": {2025: 0.2}})),
        ("{yaml}:\\d+: drivers.gross_margn: unknown key 'gross_margn'; did you mean "
         "'gross_margin'\\?",)),
    "text for a rate": Case(data_edit(lambda d: d["tax"].update({"rate": "12%"})),
                            ("{yaml}:\\d+: tax.rate: expected a number, got '12%'",)),
    "word for a growth rate": Case(
        data_edit(lambda d: d["drivers"]["revenue"]["industry_cloud"]["growth"].update(
            {2027: "abc"})),
        ("{yaml}:\\d+: drivers.revenue.industry_cloud.growth.2027: expected a number, got "
         "'abc'",)),
    "series shorter than the horizon": Case(
        data_edit(lambda d: d["drivers"]["capex_pct_revenue"].pop(2030)),
        ("{yaml}:\\d+: drivers.capex_pct_revenue: no value for 2030; the horizon is 2025..2030 "
         "\\(6 years\\), got 5",)),
    "growth below -100%": Case(
        data_edit(lambda d: d["drivers"]["revenue"]["ai"]["growth"].update({2026: -1.5})),
        ("{yaml}:\\d+: drivers.revenue.ai.growth.2026: expected growth between "
         "-100% and \\+500%.*",)),
    "tax rate above 100%": Case(data_edit(lambda d: d["tax"].update({"rate": 1.5})),
                                ("{yaml}:\\d+: tax.rate: expected a number <= 1.0, got 1.5",)),
    "missing historicals file": Case(
        data_edit(lambda d: d["historicals"].update({"file": "nowhere.csv"})),
        ("{folder}/nowhere.csv: historicals file not found.*",)),
    "error in the included file": Case(
        both(data_edit(lambda d: d["tax"].pop("rate")),
             lambda folder: (folder / "_macro.yaml").write_text(
                 (folder / "_macro.yaml").read_text(encoding="utf-8") + "tax:\n  rate: high\n",
                 encoding="utf-8")),
        ("{macro}:17: tax.rate: expected a number, got 'high'",)),
    "unresolved conflict": Case(
        data_edit(lambda d: d["historicals"].update({"choices": []})),
        ("{yaml}: historicals.choices: KC adj_operating_income 3Q24: documents disagree: .*",
         "{yaml}: historicals.choices: KC cash FY2024: documents disagree: 2730 from "
         "001_0b56c619b6183fc4.txt:385 .*; 2650 from 002_24f3fecbb64800ce.txt:5 .*; pick one "
         "under historicals.choices \\(metric: cash, period: FY2024, document: ..., why: "
         "...\\)")),
})


@pytest.fixture(scope="module")
def previous(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The model folder (KC and its shared file) and the outputs of a good build of it."""
    base = tmp_path_factory.mktemp("hostile")
    folder = base / "model"
    shutil.copytree(ROOT / "assumptions", folder)
    (base / "seeds").symlink_to(ROOT / "seeds", target_is_directory=True)
    for other in folder.glob("*.yaml"):
        if other.name not in (MODEL, "_macro.yaml"):
            other.unlink()
    assert main(["build", str(folder / MODEL), "--out", str(base / "out")]) == 0
    return folder, base / "out"


def _problems_single(stderr: str) -> list[str]:
    return [line.removeprefix("error: ") for line in stderr.splitlines()
            if line.startswith("error: ")]


def _problems_batch(stdout: str) -> list[str]:
    return [line[4:] for line in stdout.splitlines() if line.startswith("    ")]


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_input(name: str, previous: tuple[Path, Path], tmp_path: Path,
                       monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    case = CASES[name]
    folder, out = tmp_path / "model", tmp_path / "out"
    shutil.copytree(previous[0], folder)
    (tmp_path / "seeds").symlink_to(ROOT / "seeds", target_is_directory=True)
    shutil.copytree(previous[1], out, symlinks=True)
    if case.setup:
        case.setup(out)
    target = case.out(tmp_path) if case.out else out
    case.edit(folder)
    before = tree(tmp_path / "out"), tree(folder)
    places = {"yaml": folder / MODEL, "macro": folder / "_macro.yaml", "folder": folder,
              "out": target, **LINES}
    expected = [re.compile(pattern.format(**{k: re.escape(str(v)) for k, v in places.items()}))
                for pattern in case.expected]
    if case.patch:
        case.patch(monkeypatch)
    capsys.readouterr()

    printed = {}
    for mode, argument in (("single", folder / MODEL), ("batch", folder)):
        code = main(["build", str(argument), "--out", str(target), "--jobs", "1"])
        captured = capsys.readouterr()
        text = captured.out + captured.err
        assert code == 1, f"{mode}: {text}"
        assert "Traceback" not in text and "internal error" not in text, f"{mode}: {text}"
        printed[mode] = (_problems_single(captured.err) if mode == "single"
                         else _problems_batch(captured.out))
        assert (tree(tmp_path / "out"), tree(folder)) == before, f"{mode}: outputs changed"
    assert printed["single"] == printed["batch"]  # the same lines in both
    lines = printed["single"]
    assert len(lines) == len(expected), "\n".join(lines)
    for line, pattern in zip(lines, expected, strict=True):
        assert pattern.fullmatch(line), f"\n{line}\n!~\n{pattern.pattern}"


ACCEPTED = {
    # Odd but not wrong to the reader: they build without a traceback. (Whether a price of
    # 1e-300 should pass is the model layer's "nonsense that passes" work.)
    "a price of 1.0e+300": replace("value: 6.21", "value: 1.0e+300"),
    "a price of 1.0e-300": replace("value: 6.21", "value: 1.0e-300"),
    "an adjustment of 1.0e+300": replace("other_adjustments: 0", "other_adjustments: 1.0e+300"),
}


@pytest.mark.parametrize("name", list(ACCEPTED))
def test_huge_and_tiny_figures_build_without_a_traceback(name, previous, tmp_path, capsys):
    folder = tmp_path / "model"
    shutil.copytree(previous[0], folder)
    (tmp_path / "seeds").symlink_to(ROOT / "seeds", target_is_directory=True)
    ACCEPTED[name](folder)
    for argument in (folder / MODEL, folder):
        code = main(["build", str(argument), "--out", str(tmp_path / "out"), "--no-memo",
                     "--jobs", "1"])
        captured = capsys.readouterr()
        assert code in (0, 1)  # 1: the master check fails (the bridge cannot absorb 1e300)
        text = captured.out + captured.err
        assert "Traceback" not in text and "internal error" not in text
        assert max(map(len, text.splitlines())) < 300  # no figure printed with 300 digits

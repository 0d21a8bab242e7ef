"""A reader that stops early (``finmodel ... | head``) is not a failure: the command finishes its
work and exits as it would have, with no traceback about a broken pipe."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT
from tests.model.tiny import tiny_company

RUN = "import sys; from builder.cli import main; sys.exit(main())"


def _with_the_reader_gone(*argv: str) -> tuple[int, str]:
    process = subprocess.Popen([sys.executable, "-c", RUN, *argv], cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # the reader leaves before the first line
    error = process.stderr.read().decode("utf-8")
    return process.wait(timeout=120), error


def test_extract_writes_its_csv_when_nobody_reads_the_report(tmp_path: Path) -> None:
    out = tmp_path / "figures.csv"
    code, error = _with_the_reader_gone("extract", "seeds", "--jobs", "1", "--out", str(out))
    assert (code, error) == (0, "")
    assert out.read_bytes() == (ROOT / "assumptions" / "historicals.csv").read_bytes()


def test_build_writes_its_outputs_when_nobody_reads_the_report(tmp_path: Path) -> None:
    model = tiny_company(tmp_path / "model")
    code, error = _with_the_reader_gone("build", str(model), "--no-memo", "--out",
                                        str(tmp_path / "out"))
    assert (code, error) == (0, "")
    assert (tmp_path / "out" / "tiny.xlsx").is_file()

"""Same inputs, same bytes: on two builds, and under another time zone."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import KC_YAML, ROOT


def _build(out: Path, timezone: str) -> dict[str, bytes]:
    """Every file of the output set (workbook, memo, charts) by its path in ``out``."""
    env = {**os.environ, "TZ": timezone}
    subprocess.run([sys.executable, "-m", "builder.cli", "build", str(KC_YAML), "--out", str(out)],
                   check=True, env=env, cwd=ROOT, capture_output=True)
    files = _output_set(out)
    assert "kingsoft_cloud.xlsx" in files and "kingsoft_cloud.memo.html" in files
    return files


def _output_set(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file()}  # fmt: skip


@pytest.mark.slow
def test_two_builds_are_byte_identical_across_time_zones(kc_build, tmp_path):
    """The session's build, made in this process, against one in a time zone eight or more
    hours away from this process's."""
    here = time.localtime().tm_gmtoff
    elsewhere = "America/New_York" if here >= 4 * 3600 else "Asia/Shanghai"
    first = _output_set(kc_build.workbook.parent)
    second = _build(tmp_path / "b", elsewhere)
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []


def test_builds_in_one_process_are_byte_identical(tmp_path):
    """A batch worker or --watch builds many workbooks in one process: the third is the first's
    bytes (xlsxwriter once wrote into shared options, and every later workbook tied its default
    font to the theme)."""
    from builder.pipeline import build

    built = [build(KC_YAML, tmp_path / name, memo=False).workbook.read_bytes()
             for name in ("a", "b", "c")]
    assert built[0] == built[1] == built[2]

"""Shared fixtures: the KC workbook built once per session, and LibreOffice when it is needed."""

from __future__ import annotations

import fcntl
import os
import pickle
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest

from builder.check import find_soffice
from builder.pipeline import BuildResult, build

ROOT = Path(__file__).resolve().parent.parent
KC_YAML = ROOT / "assumptions" / "kingsoft_cloud.yaml"
T = TypeVar("T")


def once_per_run(factory: pytest.TempPathFactory, name: str, make: Callable[[Path], T]) -> T:
    """``make(folder)``'s result, made by the first xdist worker that asks and read by the
    others from the run's shared temporary folder (under a lock): generated universes are
    built once per run, not once per worker. The result must pickle; files ``make`` writes
    into ``folder`` are read-only for everyone."""
    base = factory.getbasetemp()
    root = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base  # this run's own
    folder, done = root / f"shared-{name}", root / f"shared-{name}.pickle"
    with (root / f"shared-{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            folder.mkdir(exist_ok=True)
            result = make(folder)
            done.with_suffix(".part").write_bytes(pickle.dumps(result))
            done.with_suffix(".part").replace(done)
        return pickle.loads(done.read_bytes())


@pytest.fixture(scope="session")
def kc_build(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The default model, built from the committed YAML into a private folder."""
    return build(KC_YAML, tmp_path_factory.mktemp("kc"))


def required_tool(found: str | None, name: str, install: str) -> str:
    """The tool's path. CI must run the tests that need it: there a missing tool fails them;
    elsewhere they skip, saying how to install it."""
    if found is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is required in CI (.ci/run installs it) but was not found")
        pytest.skip(f"{name} is not installed (Debian: apt-get install -y {install})")
    return found


@pytest.fixture(scope="session")
def libreoffice() -> str:
    return required_tool(find_soffice(), "LibreOffice (soffice)", "libreoffice-calc-nogui")


@pytest.fixture(scope="session")
def chromium() -> str:
    from builder.memo.pdf import find_chromium

    return required_tool(find_chromium(), "Chromium", "chromium")


@pytest.fixture
def kc_copy(tmp_path: Path) -> Path:
    """A private copy of the assumptions folder, for tests that edit inputs; the documents the
    historicals quote stay where the models look for them (``../seeds``)."""
    target = tmp_path / "assumptions"
    shutil.copytree(ROOT / "assumptions", target)
    (tmp_path / "seeds").symlink_to(ROOT / "seeds", target_is_directory=True)
    return target

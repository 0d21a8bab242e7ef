"""Shared fixtures: the KC workbook built once per session, and LibreOffice when it is needed."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from builder.check import find_soffice
from builder.pipeline import BuildResult, build

ROOT = Path(__file__).resolve().parent.parent
KC_YAML = ROOT / "assumptions" / "kingsoft_cloud.yaml"


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

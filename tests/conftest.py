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


@pytest.fixture(scope="session")
def libreoffice() -> str:
    """The soffice binary. CI must run these tests: there a missing LibreOffice fails them."""
    found = find_soffice()
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) is required in CI but was not found")
        pytest.skip("LibreOffice (soffice) is not installed")
    return found


@pytest.fixture
def kc_copy(tmp_path: Path) -> Path:
    """A private copy of the assumptions folder, for tests that edit inputs."""
    target = tmp_path / "assumptions"
    shutil.copytree(ROOT / "assumptions", target)
    return target

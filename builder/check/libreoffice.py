"""Recalculate workbooks with LibreOffice headless, Excel's closest free stand-in.

LibreOffice keeps the cached values of an xlsx file on load unless its profile says otherwise,
so every run uses its own profile directory (inside the caller's workdir) whose registry forces
a recalculation. A private profile also lets parallel test workers each run their own soffice
instead of handing files to one another's process.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Mapping
from pathlib import Path

from builder.check.cached import read_values
from builder.check.cells import CellId, CellValue
from builder.check.errors import RecalcError
from builder.check.workbook_edit import apply_edits

TIMEOUT_SECONDS = 300
_XLSX_FILTER = "xlsx:Calc MS Excel 2007 XML"
_CANDIDATES = (
    "/usr/bin/soffice",
    "/usr/lib/libreoffice/program/soffice",
    "/opt/libreoffice/program/soffice",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
)
# OOXMLRecalcMode 0 = "always recalculate" when loading an xlsx file (the default, 1, never does).
_REGISTRY = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" \
oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" \
oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def find_soffice() -> str | None:
    """Path of the soffice binary: $FINMODEL_SOFFICE, then PATH, then the usual install places."""
    override = os.environ.get("FINMODEL_SOFFICE")
    if override:
        return override if os.access(override, os.X_OK) else None
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return next((c for c in _CANDIDATES if os.access(c, os.X_OK)), None)


def _profile(workdir: Path) -> Path:
    """A LibreOffice user profile that recalculates on load, created once per workdir."""
    profile = workdir / "lo-profile"
    registry = profile / "user" / "registrymodifications.xcu"
    if not registry.exists():
        registry.parent.mkdir(parents=True, exist_ok=True)
        registry.write_text(_REGISTRY, encoding="utf-8")
    return profile


def _tail(text: bytes, lines: int = 5) -> str:
    return "\n".join(text.decode(errors="replace").strip().splitlines()[-lines:])


def recalculate_with_libreoffice(path: Path, workdir: Path) -> Path:
    """Recalculate ``path`` in LibreOffice and return the recalculated xlsx copy in ``workdir``.

    Use one workdir per concurrent caller: the profile inside it must not be shared by two
    running soffice processes. soffice exits 0 even when a conversion fails, so success is
    judged by the output file alone.
    """
    path, workdir = Path(path).resolve(), Path(workdir).resolve()
    if not path.is_file():
        raise RecalcError(f"{path}: no such file")
    soffice = find_soffice()
    if soffice is None:
        raise RecalcError(
            "LibreOffice not found: install it (Debian: apt-get install libreoffice-calc-nogui)"
            " or set FINMODEL_SOFFICE to the soffice binary"
        )
    workdir.mkdir(parents=True, exist_ok=True)
    outdir = Path(tempfile.mkdtemp(prefix="recalculated-", dir=workdir))
    command = [
        soffice,
        f"-env:UserInstallation={_profile(workdir).as_uri()}",
        "--headless", "--norestore", "--nologo", "--nodefault", "--nolockcheck",
        "--convert-to", _XLSX_FILTER, "--outdir", str(outdir), str(path),
    ]  # fmt: skip
    try:
        done = subprocess.run(command, capture_output=True, timeout=TIMEOUT_SECONDS, check=False)
    except subprocess.TimeoutExpired as exc:
        raise RecalcError(f"{path}: LibreOffice did not finish in {TIMEOUT_SECONDS} s") from exc
    output = outdir / (path.stem + ".xlsx")
    if not output.is_file():
        detail = _tail(done.stderr) or _tail(done.stdout) or f"exit code {done.returncode}"
        raise RecalcError(f"{path}: LibreOffice produced no recalculated file ({detail})")
    return output


def libreoffice_values(path: Path, workdir: Path | None = None) -> dict[CellId, CellValue]:
    """Every non-empty cell of ``path`` after a full LibreOffice recalculation."""
    if workdir is not None:
        return read_values(recalculate_with_libreoffice(path, workdir))
    with tempfile.TemporaryDirectory(prefix="finmodel-lo-") as tmp:
        return read_values(recalculate_with_libreoffice(path, Path(tmp)))


def edit_and_recalculate(
    path: Path, edits: Mapping[CellId, float | str], workdir: Path
) -> dict[CellId, CellValue]:
    """Values of a copy of ``path`` with input cells changed, after LibreOffice recalculates.

    This is how a test asks "if the analyst types a new growth rate, what moves?" without
    Excel. The original file is never touched.
    """
    workdir = Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    edited = apply_edits(Path(path), edits, workdir / f"{Path(path).stem}-edited.xlsx")
    return read_values(recalculate_with_libreoffice(edited, workdir))

"""Print the HTML memo to PDF with headless Chromium, or LibreOffice when Chromium is absent.

The HTML is self-contained, so it is printed from a private copy with an ``.html`` name (the
staged file's temporary name would not be read as HTML) in a fresh profile, with networking
off: printing cannot fetch anything or touch the user's browser profile.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from builder.check import find_soffice
from builder.problems import InputError, Problem

TIMEOUT_SECONDS = 120
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CHROMIUM_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--no-pdf-header-footer",
)


def find_chromium() -> str | None:
    return next((found for name in CHROMIUM_NAMES if (found := shutil.which(name))), None)


def print_pdf(html: str, target: Path) -> None:
    """Write ``html`` as a PDF to ``target``; raise InputError if no printer can do it."""
    with tempfile.TemporaryDirectory(prefix="finmodel-pdf-") as folder:
        work = Path(folder)
        page = work / "memo.html"
        page.write_text(html, encoding="utf-8")
        chromium, soffice = find_chromium(), find_soffice()
        if chromium is not None:
            command = [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={work / 'profile'}",
                       f"--print-to-pdf={target}", page.as_uri()]
            produced = target
        elif soffice is not None:
            command = [soffice, f"-env:UserInstallation={(work / 'profile').as_uri()}",
                       "--headless", "--convert-to", "pdf:writer_web_pdf_Export",
                       "--outdir", str(work), str(page)]
            produced = work / "memo.pdf"
        else:
            raise InputError([Problem(str(target), "--pdf needs Chromium or LibreOffice; "
                                      "install one (Debian: apt-get install chromium)")])
        _run(command, target)
        if produced != target and produced.is_file():
            shutil.copyfile(produced, target)
    if not target.is_file() or target.stat().st_size == 0:
        raise InputError([Problem(str(target), "the PDF printer produced no file")])


def _run(command: list[str], target: Path) -> None:
    try:
        subprocess.run(command, capture_output=True, timeout=TIMEOUT_SECONDS, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise InputError([Problem(str(target), f"printing the PDF failed: {error}")]) from None

"""Print the HTML memo to PDF with headless Chromium, or LibreOffice when Chromium is absent.

The HTML is self-contained, so it is printed from a private copy with an ``.html`` name (the
staged file's temporary name would not be read as HTML) in a fresh profile, with networking
off: printing cannot fetch anything or touch the user's browser profile.

Chromium stamps the printing time as the PDF's creation and modification dates. They are set to
the model's date instead, digit for digit, so no object moves and the cross-reference table
stays valid. Its tagged-PDF structure names each element after a counter of the renderer's
nodes (``(node00000037)``), which now and then starts one higher on a print of the same page;
those names are renumbered 1, 2, 3... in their order, again with as many digits, so the name
tree stays sorted and nothing moves. Same inputs, same PDF.
"""

from __future__ import annotations

import datetime as dt
import re
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


# "/CreationDate (D:20261125153907+00'00')": the 14 digits are the printing time.
_STAMP = re.compile(rb"(/(?:CreationDate|ModDate) ?\(D:)(\d{14})")


def print_pdf(html: str, target: Path, dated: dt.date) -> None:
    """Write ``html`` as a PDF to ``target``, dated ``dated``; raise InputError if no printer
    can do it."""
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
    target.write_bytes(stable_node_names(fixed_dates(target.read_bytes(), dated)))


def fixed_dates(pdf: bytes, dated: dt.date) -> bytes:
    """``pdf`` with its creation and modification dates set to midnight of ``dated`` (UTC)."""
    stamp = dated.strftime("%Y%m%d000000").encode("ascii")
    return _STAMP.sub(lambda match: match.group(1) + stamp, pdf)


_NODE = re.compile(rb"\(node(\d{8})\)")


def stable_node_names(pdf: bytes) -> bytes:
    """``pdf`` with its structure elements' names ``(nodeNNNNNNNN)`` renumbered from 1 in their
    numeric order: the same names whichever node the renderer's counter started at, each still
    eight digits long, in the same order."""
    found = sorted({int(match.group(1)) for match in _NODE.finditer(pdf)})
    renamed = {number: rank for rank, number in enumerate(found, start=1)}
    return _NODE.sub(lambda match: b"(node%08d)" % renamed[int(match.group(1))], pdf)


def _run(command: list[str], target: Path) -> None:
    try:
        subprocess.run(command, capture_output=True, timeout=TIMEOUT_SECONDS, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise InputError([Problem(str(target), f"printing the PDF failed: {error}")]) from None

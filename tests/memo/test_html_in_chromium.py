"""The HTML memo in a real browser: it draws a page, every image loads, nothing is fetched.

Headless Chromium (Debian package ``chromium``) takes a screenshot, and dumps the DOM after a
probe script counts images whose ``naturalWidth`` is 0. The probe runs in a copy of the page
whose Content-Security-Policy also allows that one inline script; the image policy is unchanged.
"""

from __future__ import annotations

import base64
import io
import re
import subprocess
import time
from pathlib import Path

import pytest
from PIL import Image

from builder.memo.pdf import CHROMIUM_FLAGS
from builder.pipeline import build
from tests.conftest import KC_YAML

PROBE = """<script>
window.addEventListener("load", () => {
  const images = [...document.images];
  document.body.dataset.images = images.length;
  document.body.dataset.broken = images.filter(i => !i.complete || i.naturalWidth === 0).length;
});
</script></body>"""


def _run(chromium: str, profile: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    command = [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *arguments]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=True)


def test_every_image_is_an_inline_png(kc_build):
    html = kc_build.memo.html.read_text(encoding="utf-8")
    sources = re.findall(r'<img src="([^"]*)"', html)
    assert len(sources) == len(kc_build.memo.charts) >= 2
    for source in sources:
        assert source.startswith("data:image/png;base64,")
        image = Image.open(io.BytesIO(base64.b64decode(source.split(",", 1)[1])))
        image.verify()
        assert image.format == "PNG"
    assert not re.search(r'(src|href)="(?!data:)', html)  # no external resource at all


def test_the_page_renders_and_no_image_is_broken(kc_build, chromium, tmp_path):
    html = kc_build.memo.html.read_text(encoding="utf-8")
    shot = tmp_path / "shot.png"
    _run(chromium, tmp_path / "profile-shot", f"--screenshot={shot}", "--window-size=1200,1600",
         kc_build.memo.html.as_uri())
    image = Image.open(shot).convert("L")
    dark = sum(image.histogram()[:200])
    assert dark > 0.02 * image.width * image.height  # text, tables and charts, not a blank page
    assert len(image.getcolors(maxcolors=1 << 16) or range(1 << 16)) > 50

    probed = tmp_path / "probed.html"
    probed.write_text(html.replace("default-src 'none';",
                                   "default-src 'none'; script-src 'unsafe-inline';")
                      .replace("</body>", PROBE), encoding="utf-8")
    dom = _run(chromium, tmp_path / "profile-dom", "--virtual-time-budget=5000", "--dump-dom",
               probed.as_uri()).stdout
    assert f'data-images="{len(kc_build.memo.charts)}"' in dom
    assert 'data-broken="0"' in dom


@pytest.mark.slow
def test_pdf_prints_the_same_bytes_every_time(chromium, tmp_path):
    first = build(KC_YAML, tmp_path / "first", pdf=True)
    time.sleep(1.1)  # Chromium stamps the printing time to the second: a second print differs
    second = build(KC_YAML, tmp_path / "second", pdf=True)
    assert first.memo.pdf is not None and second.memo.pdf is not None
    printed = first.memo.pdf.read_bytes()
    assert printed.startswith(b"%PDF-")
    assert printed == second.memo.pdf.read_bytes()
    as_of = first.assumptions.as_of.strftime("%Y%m%d").encode()
    assert b"/CreationDate (D:" + as_of + b"000000" in printed

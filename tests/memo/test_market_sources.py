"""Market inputs say where they came from: the price that sets the upside, the share count, a
placement, the FX. The analyst types them, so the workbook's input cell and the memo carry the
source the YAML gives, or say plainly that none was given."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from builder.model.market import NO_SOURCE
from builder.pipeline import build

from ..model.tiny import tiny_company


def _comments(workbook: Path) -> dict[str, str]:
    """Inputs sheet: row label -> the comment on its value cell."""
    sheet = openpyxl.load_workbook(workbook)["Inputs"]
    return {str(sheet.cell(c.row, 1).value): c.comment.text
            for row in sheet.iter_rows() for c in row if c.comment is not None}


def test_sources_are_beside_the_inputs_and_in_the_memo(tmp_path: Path) -> None:
    def edit(data: dict) -> None:
        market = data["market"]
        market["prices"][0]["source"] = "tiny.txt:3, the close"
        market["shares"]["source"] = "annual report, note 21"
        market["shares"]["placements"] = [{"date": "2025-05", "proceeds_m": 50, "currency": "CNY",
                                           "price": 10.0, "source": "exchange filing"}]

    result = build(tiny_company(tmp_path, edit), tmp_path / "out")
    comments = _comments(result.workbook)
    price = next(label for label in comments if "TINY: price per share" in label)
    assert comments[price] == "Source: tiny.txt:3, the close"
    shares = next(label for label in comments if label.startswith("Ordinary shares outstanding"))
    assert comments[shares] == "Source: annual report, note 21"
    assert [text for label, text in comments.items() if label.startswith("Placement")] == [
        "Source: exchange filing"] * 2
    memo = result.memo.markdown.read_text(encoding="utf-8")  # type: ignore[union-attr]
    assert "- TINY price, 2025-06-30: tiny.txt:3, the close" in memo
    assert "- Share count, 2025-06-30: annual report, note 21" in memo
    assert "- Placement 2025-05: exchange filing" in memo


def test_an_input_without_a_source_says_so(tmp_path: Path) -> None:
    result = build(tiny_company(tmp_path), tmp_path / "out")
    comments = _comments(result.workbook)
    price = next(label for label in comments if "TINY: price per share" in label)
    assert comments[price] == NO_SOURCE
    memo = result.memo.markdown.read_text(encoding="utf-8")  # type: ignore[union-attr]
    assert "- TINY price, 2025-06-30: source not given" in memo


def test_a_source_is_text_in_the_html_never_markup(tmp_path: Path) -> None:
    def edit(data: dict) -> None:
        data["market"]["prices"][0]["source"] = "<script>alert(1)</script> =SUM(A1)"

    result = build(tiny_company(tmp_path, edit), tmp_path / "out")
    html = result.memo.html.read_text(encoding="utf-8")  # type: ignore[union-attr]
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; =SUM(A1)" in html

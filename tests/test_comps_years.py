"""Peer Comps states each multiple's year and basis, and says when it is not the valuation's."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from builder.model.comps import year_note

ROOT = Path(__file__).resolve().parents[1]


def test_year_note_says_when_the_years_differ():
    assert "differ" in year_note(2025, 2026)
    assert "differ" not in year_note(2026, 2026)


def test_peer_sheet_states_year_basis_and_the_company_name(kc_build):
    sheet = openpyxl.load_workbook(kc_build.workbook, data_only=True)["Peer Comps"]
    labels = [str(c.value) for c in sheet["A"] if c.value]
    texts = [str(c.value) for c in sheet["C"] if isinstance(c.value, str)]
    assert all("FY2025" in label for label in labels if "peer median" in label
               and not label.endswith("multiple"))
    assert "P/S, FY2025: market cap / revenue, else as published (x)" in labels
    assert sum("FY2025" in t and "FY2026E" in t and "differ" in t for t in texts) >= 4
    own = [label for label in labels if "at the peer median" in label]
    assert own and all(label.startswith("Kingsoft Cloud Holdings Limited") for label in own)


def test_memo_says_the_peer_year_differs(kc_build):
    memo = kc_build.workbook.with_name(kc_build.workbook.name.replace(".xlsx", ".memo.md"))
    assert "Peers' multiples are FY2025; the valuation applies them" in memo.read_text()


def test_no_company_name_in_the_comps_code():
    for path in ("builder/model/comps.py", "builder/layout/sheets/comps.py"):
        text = (ROOT / path).read_text()
        assert "KC" not in text and "Kingsoft" not in text, path

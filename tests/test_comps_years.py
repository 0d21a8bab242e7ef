"""Peer Comps states each multiple's year and basis, and says when it is not the valuation's."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from builder.inputs.record import validate
from builder.inputs.valuation_schema import Peers
from builder.model.comps import NOT_STATED, published_basis, published_note, year_note

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
    basis = kc_build.assumptions.peers.published_basis
    assert basis  # KC's YAML states it: the labels carry it
    assert f"P/S, FY2025: market cap / revenue, else as published ({basis}) (x)" in labels
    assert f"P/S, as published: {basis} (x)" in labels
    assert f"P/B, as published: {basis} (x)" in labels
    assert sum("FY2025" in t and "FY2026E" in t and "differ" in t for t in texts) >= 4
    own = [label for label in labels if "at the peer median" in label]
    assert own and all(label.startswith("Kingsoft Cloud Holdings Limited") for label in own)


def test_memo_says_the_peer_year_differs_and_the_published_basis(kc_build):
    memo = kc_build.workbook.with_name(kc_build.workbook.name.replace(".xlsx", ".memo.md"))
    text = memo.read_text()
    assert "Peers' multiples are FY2025; the valuation applies them" in text
    assert f"P/B and P/S as published: {kc_build.assumptions.peers.published_basis}." in text


def _peers(**extra) -> Peers:
    company = {"name": "Peer", "ticker": "PEER", "currency": "USD", "published": {"ps": 4.0}}
    return validate(Peers, {"year": 2025, "companies": [company], **extra})


def test_published_basis_is_said_to_be_unstated_when_absent():
    assert published_basis(_peers()) == NOT_STATED
    assert NOT_STATED in published_note(_peers())
    assert published_basis(_peers(published_basis="consensus FY2025E")) == "consensus FY2025E"


def test_value_at_the_peer_median_is_compared_with_the_target(kc_build):
    formulas = openpyxl.load_workbook(kc_build.workbook)["Peer Comps"]
    values = openpyxl.load_workbook(kc_build.workbook, data_only=True)
    sheet = values["Peer Comps"]
    rows = {str(r[0].value): r[0].row for r in sheet.iter_rows() if r[0].value}
    price = rows[next(k for k in rows if "value per share" in k and "median P/S" in k)]
    versus = rows[next(k for k in rows if "median P/S" in k and k.endswith("vs target price (%)"))]
    assert versus == price + 1
    formula = formulas.cell(versus, 3).value
    assert f"$C${price}" in formula and "TargetPrice" in formula, formula
    destination = next(iter(values.defined_names["TargetPrice"].destinations))
    target = values[destination[0]][destination[1].replace("$", "")].value
    assert sheet.cell(versus, 3).value == pytest.approx(sheet.cell(price, 3).value / target - 1)


def test_no_company_name_in_the_comps_code():
    for path in ("builder/model/comps.py", "builder/layout/sheets/comps.py"):
        text = (ROOT / path).read_text()
        assert "KC" not in text and "Kingsoft" not in text, path

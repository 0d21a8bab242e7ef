"""The Street sheet puts each broker's published forecast beside ours, the gap by formula; the
Sources sheet lists every seed document."""

from __future__ import annotations

import openpyxl
import pytest

from builder.model.street import street_key


def test_street_rows_hold_the_published_figures_and_the_gap(kc_build):
    model = kc_build.model
    guoyuan = street_key("Guoyuan 2025-05-15", "revenue")
    assert [model.value(guoyuan, f"FY{y}") for y in (2025, 2026, 2027)] == [9880, 11952, 14022]
    gap = model.value(f"{guoyuan}_diff", "FY2026")
    assert gap == pytest.approx(model.value("fc_revenue", "FY2026") - 11952)
    item = model.items[guoyuan]
    assert item.sources["FY2025"][0].document == "001_0b56c619b6183fc4.txt"


def test_street_and_sources_sheets_are_in_the_workbook(kc_build):
    book = openpyxl.load_workbook(kc_build.workbook)
    assert {"Street", "Sources"} <= set(book.sheetnames)
    listed = {row[0].value for row in book["Sources"].iter_rows(min_row=6) if row[0].value}
    assert {f"00{i}" for i in range(5)} <= {name[:3] for name in listed}
    street = book["Street"]
    formulas = [c.value for row in street.iter_rows() for c in row if c.data_type == "f"]
    ours = ("='Income Statement'!", "='Balance Sheet'!", "='Cash Flow'!")
    assert any(f.startswith(ours) for f in formulas)  # our forecast, linked
    assert any("-" in f and not f.startswith(ours) for f in formulas)  # the gaps


def test_football_field_cells_span_the_scenarios_and_feed_a_native_chart(kc_build):
    model = kc_build.model
    per_unit = model.value("val_factor_3896_hk")  # the HK share's upside sets KC's rating
    targets = [model.value(f"sc_{s}_val_target_per_share") * per_unit
               for s in ("bear", "base", "bull")]
    assert model.value("ff_target_per_share", "ff_low") == pytest.approx(min(targets))
    assert model.value("ff_target_per_share", "ff_span") == pytest.approx(
        max(targets) - min(targets))
    book = openpyxl.load_workbook(kc_build.workbook)
    assert "Football Field" in book.sheetnames
    assert len(book["Charts"]._charts) == 3  # revenue, margins, football field

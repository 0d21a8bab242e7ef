"""The interim bridge's balance sheet: the balances reported at the end of the year to date
against the first forecast year's year end, the movement the forecast implies for the rest of
the year, and the warnings when PP&E falls faster than depreciation or cash rises faster than
free cash flow could make it."""

from __future__ import annotations

from pathlib import Path

import pytest
from xlsxwriter.utility import xl_rowcol_to_cell

from builder.check import CellId
from builder.layout.book import workbook_specs
from builder.layout.placement import Placement
from builder.model.items import Model
from builder.pipeline import build, compute
from tests.recalc import recalculated_values

from .tiny import tiny_company

# The tiny company: FY2025E revenue 1,100, capex 6% (66) and D&A 5% (55) of it, so PP&E runs
# from 600 to 611, and 3 of 12 months of the year's D&A are 13.75 after 9M25.
INTERIM = {("revenue", "1H25"): 530.0, ("revenue", "9M25"): 810.0,
           ("revenue_yoy", "9M25"): 0.08, ("total_borrowings", "9M25"): 300.0}
CONSISTENT = {**INTERIM, ("ppe", "9M25"): 620.0, ("cash", "9M25"): 2000.0}
BEHIND = {**INTERIM, ("ppe", "9M25"): 700.0, ("cash", "9M25"): 0.0}


def reported(explained: dict[str, str] | None = None):
    def edit(data: dict) -> None:
        data["timeline"]["reported_periods"] = ["1H25", "9M25"]
        if explained:
            data["timeline"]["explained"] = explained
    return edit


def test_balances_are_bridged_to_the_year_end(tmp_path: Path) -> None:
    m = compute(tiny_company(tmp_path, reported(), figures=CONSISTENT))[1]
    assert m.value("ib_bs_ppe", "9M25") == 620
    assert m.value("ib_bs_ppe", "FY2025i") == pytest.approx(611)
    assert m.value("ib_bs_ppe", "4Q25") == pytest.approx(611 - 620)
    assert m.value("ib_bs_cash", "4Q25") == pytest.approx(m.value("fc_cash", "FY2025") - 2000)
    assert m.value("ib_bs_borrowings", "9M25") == 300
    assert m.value("ib_bs_share_left", "4Q25") == 0.25
    assert m.value("ib_bs_da_left", "4Q25") == pytest.approx(55 * 0.25)
    assert m.value("ib_bs_fcff_left", "4Q25") == pytest.approx(m.value("fc_fcff", "FY2025") / 4)
    assert m.value("warn_interim_balance_ppe_total") == 0
    assert m.value("warn_interim_balance_cash_total") == 0


def test_forecast_behind_the_interim_balance_sheet_warns(tmp_path: Path) -> None:
    m = compute(tiny_company(tmp_path, reported(), figures=BEHIND))[1]
    assert m.value("ib_bs_ppe", "4Q25") == pytest.approx(611 - 700)  # a fall of 89 > 13.75
    assert m.value("warn_interim_balance_ppe_total") == 1
    assert m.value("warn_interim_balance_cash_total") == 1
    assert m.value("check_master") == 0  # warnings, not checks
    assert m.value("cover_warnings") >= 2


def test_an_explained_gap_is_acknowledged_with_its_reason(tmp_path: Path) -> None:
    why = {"ppe": "a 4Q25 impairment", "cash": "a 4Q25 placement"}
    m = compute(tiny_company(tmp_path, reported(why), figures=BEHIND))[1]
    for metric, reason in why.items():
        key = f"warn_interim_balance_{metric}"
        assert m.value(key, "4Q25") == 1 and m.items[key].description == reason
        assert f"{key}_total" not in m.items  # shown, no longer counted


def test_no_interim_balance_sheet_adds_nothing(tmp_path: Path) -> None:
    m = compute(tiny_company(tmp_path, reported(), figures={
        k: v for k, v in INTERIM.items() if k[0] != "total_borrowings"}))[1]
    assert not any(k.startswith(("ib_bs_", "warn_interim_balance")) for k in m.items)


@pytest.mark.libreoffice
def test_the_formulas_give_the_python_values(libreoffice, tmp_path: Path) -> None:
    built = build(tiny_company(tmp_path / "in", reported(), figures=BEHIND), tmp_path / "out",
                  memo=False)
    model: Model = built.model
    placement = Placement(model, workbook_specs(model, built.assumptions, built.left_out))
    cells = {}
    for key, item in model.items.items():
        if key.startswith(("ib_bs_", "warn_interim_balance")):
            for period in item.cells:
                at = placement.position(key, period)
                cells[CellId(at.sheet, xl_rowcol_to_cell(at.row, at.column))] = model.value(
                    key, period)
    values = recalculated_values([built.workbook], tmp_path / "lo")[0]
    assert len(cells) >= 12
    for cell, expected in cells.items():
        assert values[cell] == pytest.approx(expected), cell

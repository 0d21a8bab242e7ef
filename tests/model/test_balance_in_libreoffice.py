"""The balance sheet stays balanced whatever input moves: each driver row of a company that has
every kind of line is moved in its own copy of the workbook, LibreOffice recalculates all the
copies in one batch, and every year's balance check, the FCFF tie and the master check stay 0."""

from __future__ import annotations

import pytest
from xlsxwriter.utility import xl_rowcol_to_cell

from builder.check import CellId
from builder.check.libreoffice import edited_copy
from builder.layout.book import workbook_specs
from builder.layout.placement import Placement
from builder.model.drivers import LIVE_KEYS
from builder.model.items import Role
from builder.model.namespace import scenario_row_key
from builder.pipeline import build
from tests.recalc import recalculated_values

from .test_statements import everything
from .tiny import tiny_company

pytestmark = pytest.mark.libreoffice


def _cell(placement: Placement, key: str, period: str | None) -> CellId:
    position = placement.position(key, period)
    return CellId(position.sheet, xl_rowcol_to_cell(position.row, position.column))


def _statements_only(data: dict) -> None:
    """Every driver, no valuation: the statements alone, so each copy loads quickly."""
    everything("revolver")(data)
    data.pop("valuation")
    data.pop("market")


@pytest.mark.slow
def test_every_driver_moved_alone_keeps_the_balance_sheet_balanced(libreoffice, tmp_path):
    path = tiny_company(tmp_path / "in", _statements_only, figures=everything.figures)
    built = build(path, tmp_path / "out", memo=False)
    model = built.model
    placement = Placement(model, workbook_specs(model, built.assumptions, built.left_out))
    drivers = [k for k, item in model.items.items()
               if k.startswith("drv_") and "__" not in k and item.timeline]
    assert set(LIVE_KEYS.values()) <= set(drivers)  # every kind of driver the schema has
    copies = {}
    for key in drivers:
        row = model.items[scenario_row_key(key, "base")]
        assert row.role is Role.INPUT
        edits = {_cell(placement, row.key, period): _moved(value)
                 for period, value in row.cells.items()}
        copies[key] = edited_copy(built.workbook, edits, tmp_path / "edited", f"{key}.xlsx")
    recalculated = recalculated_values(list(copies.values()), tmp_path / "lo", jobs=2)
    forecast = model.timelines["annual"].forecast_keys()
    for key, values in zip(copies, recalculated, strict=True):
        balance = [values[_cell(placement, "fc_balance_check", p)] for p in forecast]
        assert balance == pytest.approx([0] * len(forecast), abs=1e-6), key
        assert values[_cell(placement, "chk_fcff_ties_total", None)] == 0, key
        assert values[_cell(placement, "chk_balance_total", None)] == 0, key
        before = model.value("fc_net_income", forecast[-1])
        assert values[_cell(placement, "fc_net_income", forecast[-1])] != pytest.approx(
            before, rel=1e-12) or key.startswith(("drv_debt", "drv_equity", "drv_buybacks",
                                                  "drv_other_financing", "drv_other_investing",
                                                  "drv_payout", "drv_receivable",
                                                  "drv_inventory", "drv_payable",
                                                  "drv_other_current", "drv_accrued",
                                                  "drv_capex")), key


def _moved(value: object) -> float:
    """A different, still plausible value: a fifth more, or 50 more where it is zero."""
    number = float(value)  # type: ignore[arg-type]
    return number * 1.2 if number else 50.0

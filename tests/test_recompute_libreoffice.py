"""LibreOffice, the real client, recalculates the KC workbook to the cached values, and an
edited input moves exactly the cells our model says depend on it."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from builder.check import CellId, compare, edit_and_recalculate, libreoffice_values, read_cached
from builder.layout.book import workbook_specs
from builder.layout.placement import Placement
from builder.pipeline import compute
from tests.conftest import KC_YAML

pytestmark = pytest.mark.libreoffice


def test_libreoffice_recalculation_matches_cached_values(kc_build, libreoffice, tmp_path):
    cached = read_cached(kc_build.workbook)
    recalculated = libreoffice_values(kc_build.workbook, tmp_path)

    mismatches = compare(cached, recalculated)

    assert mismatches == [], "\n".join(str(m) for m in mismatches[:20])


def _cell_values(yaml_path: Path) -> dict[CellId, object]:
    """The model's value of every cell, keyed by where the layout puts it."""
    assumptions, model = compute(yaml_path)
    placement = Placement(model, workbook_specs(model, assumptions))
    values = {}
    for (key, period), value in model.values.items():
        position = placement.position(key, period)
        values[CellId(position.sheet, _a1(position.row, position.column))] = value
    return values


def _a1(row: int, column: int) -> str:
    from xlsxwriter.utility import xl_rowcol_to_cell

    return xl_rowcol_to_cell(row, column)


def test_changing_one_growth_rate_moves_exactly_the_predicted_cells(
    kc_build, kc_copy, libreoffice, tmp_path
):
    # The model's prediction: rebuild in Python with the base-case AI growth for 2027 raised.
    data = yaml.safe_load((kc_copy / "kingsoft_cloud.yaml").read_text(encoding="utf-8"))
    data["drivers"]["revenue"]["ai"]["growth"][2027] = 0.55
    edited_yaml = kc_copy / "kingsoft_cloud.yaml"
    edited_yaml.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                           encoding="utf-8")
    before = _cell_values(KC_YAML)
    after = _cell_values(edited_yaml)
    predicted = {cell for cell in after if not _same(after[cell], before.get(cell))}

    # The same edit typed into a copy of the workbook, recalculated by LibreOffice.
    assumptions, model = compute(KC_YAML)
    placement = Placement(model, workbook_specs(model, assumptions))
    position = placement.position("drv_seg_ai_growth__base", "FY2027")
    input_cell = CellId(position.sheet, _a1(position.row, position.column))
    recalculated = edit_and_recalculate(kc_build.workbook, {input_cell: 0.55}, tmp_path)
    original = read_cached(kc_build.workbook).values
    changed = {cell for cell, value in recalculated.items()
               if not _same(value, original.get(cell))}

    assert input_cell in changed
    assert len(changed) > 20  # the edit reaches revenue, profits, cash flow and checks
    assert changed == predicted
    for cell in changed:
        assert _same(recalculated[cell], after[cell]), (cell, recalculated[cell], after[cell])


def _same(a: object, b: object) -> bool:
    if isinstance(a, int | float) and isinstance(b, int | float):
        return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))
    return (a in (None, "") and b in (None, "")) or a == b

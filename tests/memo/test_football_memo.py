"""The memo's football field: the workbook's per-unit cells, with the price and target lines."""

from __future__ import annotations

import pytest


def test_ranges_and_lines_are_the_workbook_cells_per_quoted_unit(kc_build):
    model, valuation = kc_build.model, kc_build.memo_context.valuation
    assert valuation.range_unit == "HKD"  # KC is quoted per HK share
    blended = valuation.ranges[-1]
    assert blended.low.value == pytest.approx(model.value("ff_target_per_share", "ff_low"))
    assert blended.high.value == pytest.approx(model.value("ff_target_per_share", "ff_high"))
    lines = {m.label: m.figure.value for m in valuation.markers}
    assert lines == {"Current price": pytest.approx(model.value("in_price_3896_hk")),
                     "Target price": pytest.approx(model.value("val_target"))}

"""Every formula of the built KC workbook, recomputed by the independent `formulas` engine,
equals the value our model cached for it."""

from __future__ import annotations

import pytest

from builder.check import compare, read_cached, recompute_with_formulas


@pytest.mark.slow
def test_formulas_engine_reproduces_every_cached_value(kc_build):
    cached = read_cached(kc_build.workbook)
    recomputed = recompute_with_formulas(kc_build.workbook)

    mismatches = compare(cached, recomputed, rel_tol=1e-9)

    assert len(cached.formula_cells) > 300
    assert mismatches == [], "\n".join(str(m) for m in mismatches[:20])

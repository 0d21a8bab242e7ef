"""The memo's charts are drawn once per set of figures: a rebuild whose figures did not move
reuses them, and any figure that moves draws them afresh."""

from __future__ import annotations

import dataclasses

from builder.memo import charts


def test_equal_figures_reuse_the_charts_and_a_moved_figure_redraws_them(kc_build) -> None:
    context = kc_build.memo_context
    key = charts._chart_inputs(context)
    assert " at 0x" not in key  # every part spelled by value, none by identity
    charts._recent.clear()
    first = charts.render_charts(context)
    copy = dataclasses.replace(context, thesis=("Another thesis",), workbook="other.xlsx")
    assert charts.render_charts(copy) is first  # text the charts do not draw: reused
    row = context.financials.rows[0]
    moved_cell = dataclasses.replace(row.cells[-1], value=row.cells[-1].value * 1.5)
    moved_row = dataclasses.replace(row, cells=(*row.cells[:-1], moved_cell))
    moved = dataclasses.replace(context, financials=dataclasses.replace(
        context.financials, rows=(moved_row, *context.financials.rows[1:])))
    redrawn = charts.render_charts(moved)
    assert redrawn is not first
    assert [c.name for c in redrawn] == [c.name for c in first]
    assert redrawn[0].png != first[0].png  # the revenue chart shows the moved figure

"""Formula templates give the very text that rendering the expression tree gives, cell by cell.

The writer renders each expression once per sheet as a template and fills its holes per column
(builder.workbook.render). Here every formula of the KC model and of a long generated model is
rendered both ways and compared, and so is a scenario switch whose options sit on another sheet,
where the range must name its sheet once.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.layout.book import workbook_specs
from builder.layout.placement import Placement
from builder.layout.spec import ItemRow, SheetSpec
from builder.model.expr import Expr, at
from builder.model.functions import pick
from builder.model.items import LineItem, Model, Period, Role, Timeline, Unit
from builder.pipeline import compute
from builder.universe import generate_universe
from builder.workbook.render import FormulaRenderer, strip_outer

ROOT = Path(__file__).resolve().parent.parent


def _both_ways(model: Model, placement: Placement) -> tuple[int, list[str]]:
    compared, differences = 0, []
    for spec in placement.specs:
        templated = FormulaRenderer(placement, spec.name)
        direct = FormulaRenderer(placement, spec.name)
        for row in spec.rows:
            if not isinstance(row, ItemRow):
                continue
            item = model.items[row.key]
            for period, content in item.cells.items():
                if not isinstance(content, Expr):
                    continue
                expected = "=" + strip_outer(content.render(direct, period))
                got = templated.formula_cell(content, period)[0]
                compared += 1
                if got != expected:
                    differences.append(f"{spec.name} {item.key}[{period}]: {got} != {expected}")
    return compared, differences


@pytest.mark.parametrize("source", ["kc", "generated"])
def test_every_templated_formula_equals_the_rendered_tree(source: str, tmp_path: Path) -> None:
    if source == "kc":
        yaml_path = ROOT / "assumptions" / "kingsoft_cloud.yaml"
    else:
        generate_universe(tmp_path, 3, seed=7, max_horizon=30, max_peers=30)
        yaml_path = max(tmp_path.glob("syn*.yaml"), key=lambda p: p.stat().st_size)
    assumptions, model = compute(yaml_path)
    compared, differences = _both_ways(model, Placement(model, workbook_specs(model,
                                                                              assumptions)))
    assert compared > 1000
    assert differences == []


def test_a_switch_over_rows_of_another_sheet_names_that_sheet_once() -> None:
    years = Timeline("annual", tuple(Period(k, k, False) for k in ("FY2025", "FY2026")))

    def row(key: str, cells: dict) -> LineItem:
        return LineItem(key, key, Unit.RATIO, Role.INPUT if key != "live" else Role.CALC,
                        "annual", cells)

    options = [row(k, {"FY2025": v, "FY2026": v}) for k, v in (("bear", 1.0), ("bull", 2.0))]
    switch = pick(["bear", "bull"], at("choice", None))
    items = {i.key: i for i in [*options, row("live", {"FY2025": switch, "FY2026": switch}),
                                LineItem("choice", "choice", Unit.INDEX, Role.INPUT, None,
                                         {None: 2.0})]}
    model = Model(timelines={"annual": years}, items=items, values={})
    specs = [SheetSpec("Scenario Inputs", "Inputs", "annual",
                       (ItemRow("bear"), ItemRow("bull"), ItemRow("choice"))),
             SheetSpec("Forecast", "Forecast", "annual", (ItemRow("live"),))]
    placement = Placement(model, specs)
    renderer = FormulaRenderer(placement, "Forecast")
    assert [renderer.formula_cell(switch, p)[0] for p in ("FY2025", "FY2026")] == [
        "=INDEX('Scenario Inputs'!D6:D7,'Scenario Inputs'!$C$8)",
        "=INDEX('Scenario Inputs'!E6:E7,'Scenario Inputs'!$C$8)",
    ]
    assert _both_ways(model, placement) == (2, [])

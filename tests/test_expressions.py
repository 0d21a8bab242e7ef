"""One definition, two renderings: each expression's Python value and Excel formula, side by side.

The table pairs an expression with the formula it must render to and the value it must compute;
the recompute tests then prove Excel engines agree with the value for the whole workbook.
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from builder.model.expr import ModelError, Ref, Value, at, prev, span
from builder.model.functions import (
    Match,
    SumRange,
    absolute,
    compare,
    if_,
    maximum,
    pick,
    ratio,
    total,
)
from builder.workbook.render import strip_outer

PERIODS = ("FY2024", "FY2025", "FY2026")
COLUMNS = {"FY2024": "D", "FY2025": "E", "FY2026": "F"}
ROWS = {"revenue": 7, "growth": 8, "zero": 9, "bear": 10, "base": 11, "bull": 12}
VALUES = {
    ("revenue", "FY2024"): 100.0, ("revenue", "FY2025"): 120.0, ("revenue", "FY2026"): 150.0,
    ("growth", "FY2025"): 0.2, ("zero", "FY2025"): 0.0,
    ("bear", "FY2025"): 1.0, ("base", "FY2025"): 2.0, ("bull", "FY2025"): 3.0,
    ("tax", None): 0.25, ("pick", None): 2.0,
    ("name_bear", None): "Bear", ("name_base", None): "Base", ("name_bull", None): "Bull",
    ("scenario", None): "base",
}
SCALARS = {"tax": "TaxRate", "pick": "$C$3", "name_bear": "$C$4", "name_base": "$C$5",
           "name_bull": "$C$6", "scenario": "Scenario"}


class Grid:
    """A toy resolver: one sheet, rows per key, columns per period."""

    def value(self, key: str, period: str | None) -> Value:
        return VALUES[(key, period)]

    def address(self, key: str, period: str | None, absolute: bool = False) -> str:
        if period is None:
            return SCALARS[key]
        dollar = "$" if absolute else ""
        return f"{dollar}{COLUMNS[period]}{dollar}{ROWS[key]}"

    def address_span(self, first: str, last: str, period: str | None,
                     absolute: bool = False) -> str:
        return span(self.address(first, period, absolute), self.address(last, period, absolute))

    def address_range(self, key: str, periods: Sequence[str | None]) -> str:
        first, last = periods[0], periods[-1]
        return f"${COLUMNS[first]}${ROWS[key]}:${COLUMNS[last]}${ROWS[key]}"

    def shift(self, period: str | None, offset: int) -> str | None:
        return PERIODS[PERIODS.index(period) + offset]


CASES = [
    ("growth", prev("revenue") * (1 + Ref("growth")), "D7*(1+E8)", 120.0),
    ("precedence", Ref("revenue") - (prev("revenue") - Ref("growth")), "E7-(D7-E8)", 20.2),
    ("division", (Ref("revenue") - prev("revenue")) / prev("revenue"), "(E7-D7)/D7", 0.2),
    ("named scalar", maximum(0, Ref("revenue")) * at("tax", None), "MAX(0,E7)*TaxRate", 30.0),
    ("guarded ratio", ratio(Ref("revenue"), Ref("zero")), 'IF(E9=0,"n/a",E7/E9)', "n/a"),
    ("ratio", ratio(Ref("growth"), Ref("revenue")), 'IF(E7=0,"n/a",E8/E7)', 0.2 / 120),
    ("sum", total(Ref("revenue"), Ref("growth")), "SUM(E7,E8)", 120.2),
    ("range", SumRange("revenue", PERIODS), "SUM($D$7:$F$7)", 370.0),
    ("check", if_(compare(absolute(Ref("revenue") - 120), "<=", at("tax", None)), 0, 1),
     "IF(ABS(E7-120)<=TaxRate,0,1)", 0.0),
    ("scenario pick", pick(["bear", "base", "bull"], at("pick", None)), "INDEX(E10:E12,$C$3)",
     2.0),
    ("match", Match(at("scenario", None), ("name_bear", "name_base", "name_bull")),
     "MATCH(Scenario,$C$4:$C$6,0)", 2.0),
    ("negation", -Ref("growth") * 2, "-E8*2", -0.4),
    ("fixed period", at("revenue", "FY2024") + Ref("revenue"), "$D$7+E7", 220.0),
]


@pytest.mark.parametrize(("name", "expr", "formula", "value"), CASES, ids=[c[0] for c in CASES])
def test_expression_renders_and_evaluates_consistently(name, expr, formula, value):
    grid = Grid()
    assert strip_outer(expr.render(grid, "FY2025")) == formula
    result = expr.evaluate(grid, "FY2025")
    if isinstance(value, float):
        assert result == pytest.approx(value, rel=1e-12)
    else:
        assert result == value


def test_unguarded_division_by_zero_is_a_model_error():
    with pytest.raises(ModelError, match="division by zero"):
        (Ref("revenue") / Ref("zero")).evaluate(Grid(), "FY2025")


def test_a_missing_figure_is_never_read_as_zero():
    from builder.model.evaluate import evaluate
    from builder.model.items import LineItem, Period, Role, Timeline, Unit

    timeline = Timeline("annual", (Period("FY2024", "FY2024A", True),
                                   Period("FY2025", "FY2025E", False)))
    items = [
        LineItem("revenue", "Revenue (CNY m)", Unit.MONEY, Role.HISTORICAL, "annual", {}),
        LineItem("next", "Next (CNY m)", Unit.MONEY, Role.CALC, "annual",
                 {"FY2025": prev("revenue") * 2}),
    ]
    with pytest.raises(ModelError, match=r"Revenue \(CNY m\) \[FY2024\] is blank"):
        evaluate(items, {"annual": timeline})

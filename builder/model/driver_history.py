"""A driver's past beside its forecast: the Inputs sheet's selected-scenario rows show, in the
actual years, the ratio the statements' reported lines imply.

Each ratio is the forecast's own definition turned round (capex = revenue x capex %, so capex %
= capex / revenue; receivables = revenue x days / 365, so days = receivables / revenue x 365),
as formulas on the statement lines, so a reader sets next year's driver against its history.
A year where a line has no actual stays blank.
"""

from __future__ import annotations

from builder.model.book import ItemBook
from builder.model.drivers import opex_driver_key
from builder.model.expr import Expr, Ref
from builder.model.functions import ratio
from builder.model.namespace import LIVE
from builder.model.periods import DAYS_IN_YEAR
from builder.model.plan import Plan

# (live driver key, the line it drives, what it is a share of) for the drivers of a share of
# revenue; working-capital lines and expense lines come from the plan.
SHARES_OF_REVENUE = (("drv_gross_margin", "gross_profit"), ("drv_other_income", "other_income"),
                     ("drv_da", "da"), ("drv_sbc", "sbc"), ("drv_capex", "capex"))


def add_driver_history(book: ItemBook, plan: Plan) -> None:
    """Actual-year cells on the live driver rows, where both lines of the ratio have a cell."""
    fc = LIVE.fc
    ratios: list[tuple[str, str, str, bool]] = [
        (driver, fc(line), fc("revenue"), False) for driver, line in SHARES_OF_REVENUE]
    ratios += [(opex_driver_key(line), fc(f"opex_{line}"), fc("revenue"), False)
               for line, _, _ in plan.opex]
    ratios += [(line.driver, fc(f"bs_{line.metric}"), fc(line.base), line.days)
               for line in plan.working_capital if line.driver]
    for driver, numerator, base, days in ratios:
        if not book.has(driver):
            continue
        top: Expr = Ref(numerator) * DAYS_IN_YEAR if days else Ref(numerator)
        cells = {p: ratio(top, Ref(base)) for p in plan.actual
                 if book.has(numerator, p) and book.has(base, p)}
        if cells:
            book.add_cells(driver, cells)

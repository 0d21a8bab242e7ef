"""Placements against the equity bridge's balance sheet date: their shares and their cash agree.

The value per share counts every placement's new shares. The bridge adds a placement's cash only
when the YAML says it arrived after the balance sheet the bridge reads
(``cash_after_balance_sheet``); before that date the balance sheet already holds it. The flag is
typed by hand, so when the bridge moves to another balance sheet (FY2024 instead of 3Q25) a
placement can be counted in the shares with none of its cash, or its cash counted twice. A
warning per placement compares its date with the valuation date as a formula, so it follows an
edited valuation date too; the build prints the warnings raised.
"""

from __future__ import annotations

from builder.inputs.schema import Assumptions
from builder.model.book import ItemBook
from builder.model.checks import Checks, flag_unless
from builder.model.expr import at
from builder.model.functions import compare
from builder.model.items import Unit
from builder.model.wacc import VALUATION_DATE, serial


def add_placement_timing(book: ItemBook, checks: Checks, assumptions: Assumptions) -> None:
    """A date input and a warning per placement: 1 when its cash is left out of a bridge that
    predates it, or added to one that already holds it. A placement given by its month is
    dated on the month's last day, as the schema takes it to be known (so a September
    placement is in a 30 September balance sheet)."""
    assert assumptions.market is not None
    for number, placement in enumerate(assumptions.market.shares.placements, start=1):
        key = f"in_placement_{number}_date"
        book.scalar_input(key, f"Placement {placement.date}: date its cash arrived (a month "
                          "counts as its last day)", Unit.DATE, serial(placement.date.day))
        date, valuation = at(key, None), at(VALUATION_DATE, None)
        if placement.cash_after_balance_sheet:
            label = (f"Placement {placement.date}, its cash added in the equity bridge "
                     "(cash_after_balance_sheet), is dated after the valuation date (else the "
                     "balance sheet holds that cash already)")
            flag = flag_unless(compare(date, ">", valuation))
        else:
            label = (f"Placement {placement.date}, its shares counted and its cash not added "
                     "in the equity bridge (cash_after_balance_sheet), is dated on or before the "
                     "valuation date (else its cash is in no balance sheet)")
            flag = flag_unless(compare(date, "<=", valuation))
        checks.warning(f"warn_placement_{number}_timing", label, None, {None: flag})

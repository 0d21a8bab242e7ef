"""The equity bridge: from enterprise value to equity value, shared by every scenario.

Cash and borrowings link to the reported balance sheet the YAML names (a quarter on the
Quarterly sheet, or a year on Historicals), unless the analyst types a figure instead.
"""

from __future__ import annotations

from builder.inputs.valuation_schema import EquityBridge
from builder.model.book import ItemBook
from builder.model.dcf import BRIDGE
from builder.model.expr import Expr, ModelError, at
from builder.model.history import annual_key, quarterly_key
from builder.model.items import Unit

CASH = "val_cash"
BORROWINGS = "val_borrowings"


def add_bridge(book: ItemBook, bridge: EquityBridge) -> None:
    period = bridge.balance_sheet_period
    if bridge.cash is not None:
        book.scalar_input("in_bridge_cash", "Cash for the equity bridge, typed (CNY m)",
                          Unit.CNY_M, bridge.cash)
        cash: Expr = at("in_bridge_cash", None)
    else:
        cash = _reported(book, "cash", period)
    if bridge.borrowings is not None:
        book.scalar_input("in_bridge_borrowings", "Borrowings for the equity bridge, typed "
                          "(CNY m)", Unit.CNY_M, bridge.borrowings)
        debt: Expr = at("in_bridge_borrowings", None)
    elif period.startswith("FY"):
        debt = (_reported(book, "short_term_borrowings", period)
                + _reported(book, "long_term_borrowings", period))
    else:
        debt = _reported(book, "total_borrowings", period)
    book.scalar_input("in_minority_interests", "Minority interests (CNY m)", Unit.CNY_M,
                      bridge.minority_interests)
    book.scalar_input("in_other_adjustments", "Other equity bridge items, added (CNY m)",
                      Unit.CNY_M, bridge.other_adjustments)
    book.calc(CASH, f"Cash and cash equivalents, {period} (CNY m)", Unit.CNY_M, None,
              cells={None: cash})
    book.calc(BORROWINGS, f"Total borrowings, {period} (CNY m)", Unit.CNY_M, None,
              cells={None: debt})
    book.calc(BRIDGE, "Net bridge: cash - borrowings - minorities + other (CNY m)", Unit.CNY_M,
              None, cells={None: at(CASH, None) - at(BORROWINGS, None)
                           - at("in_minority_interests", None) + at("in_other_adjustments", None)})


def _reported(book: ItemBook, metric: str, period: str) -> Expr:
    key = annual_key(metric) if period.startswith("FY") else quarterly_key(metric)
    if not book.has(key, period):
        raise ModelError(f"the equity bridge needs {metric} for {period}, which the historicals "
                         "do not give; type it under valuation.equity_bridge")
    return at(key, period)

"""The equity bridge at the valuation date: from enterprise value to equity value.

It reads the balance sheet the YAML names (a year on the Historicals sheet, or an interim period
on the Interim sheet): cash, borrowings and minority interests as reported, unless the analyst
types a figure instead. Cash from a placement after that date is added. The date of that balance
sheet is the valuation date, so the DCF's first-year stub follows from it.
"""

from __future__ import annotations

from builder.inputs.valuation_schema import EquityBridge
from builder.model.book import ItemBook
from builder.model.dcf import BRIDGE
from builder.model.expr import Expr, at
from builder.model.facts import Facts, Missing
from builder.model.functions import total
from builder.model.history import annual_key, interim_key
from builder.model.items import Unit
from builder.model.plan import DEBT_FORMS

CASH = "val_cash"
BORROWINGS = "val_borrowings"
MINORITIES = "val_minorities"


def add_bridge(book: ItemBook, bridge: EquityBridge, facts: Facts,
               placements: Expr | None) -> None:
    period = bridge.balance_sheet
    money = book.money
    cash = _typed_or_reported(book, facts, "cash", bridge.cash, period, "Cash")
    debt = _borrowings(book, facts, bridge, period)
    if bridge.minority_interests is not None or not facts.has("minority_interests", period):
        book.scalar_input("in_bridge_minorities", money(f"Minority interests at {period}, typed "
                          "(0 when none is reported)"), Unit.MONEY,
                          bridge.minority_interests or 0.0)
        minorities: Expr = at("in_bridge_minorities", None)
    else:
        minorities = at(_key(period, "minority_interests"), period)
    book.scalar_input("in_other_adjustments", money("Other equity bridge items, added"),
                      Unit.MONEY, bridge.other_adjustments)
    book.calc(CASH, money(f"Cash and cash equivalents, {period}"), Unit.MONEY, None,
              cells={None: cash})
    book.calc(BORROWINGS, money(f"Total borrowings, {period}"), Unit.MONEY, None,
              cells={None: debt})
    book.calc(MINORITIES, money(f"Minority interests, {period}"), Unit.MONEY, None,
              cells={None: minorities})
    parts = [at(CASH, None), -at(BORROWINGS, None), -at(MINORITIES, None),
             at("in_other_adjustments", None)]
    label = "Net bridge: cash - borrowings - minorities + other"
    if placements is not None:
        book.calc("val_placement_cash", money("Cash from placements after the balance sheet "
                  "date"), Unit.MONEY, None, cells={None: placements})
        parts.append(at("val_placement_cash", None))
        label += " + later placements"
    book.calc(BRIDGE, money(label), Unit.MONEY, None, cells={None: total(*parts)})


def _key(period: str, metric: str) -> str:
    return annual_key(metric) if period.startswith("FY") else interim_key(metric)


def _typed_or_reported(book: ItemBook, facts: Facts, metric: str, typed: float | None,
                       period: str, label: str) -> Expr:
    if typed is not None:
        key = f"in_bridge_{metric}"
        book.scalar_input(key, book.money(f"{label} for the equity bridge, typed"), Unit.MONEY,
                          typed)
        return at(key, None)
    if not facts.has(metric, period):
        facts.missing.append(Missing(metric, period, "the equity bridge at the valuation date "
                                     "(or type it under valuation.equity_bridge)"))
        return at("in_other_adjustments", None) * 0
    return at(_key(period, metric), period)


def _borrowings(book: ItemBook, facts: Facts, bridge: EquityBridge, period: str) -> Expr:
    if bridge.borrowings is not None:
        return _typed_or_reported(book, facts, "borrowings", bridge.borrowings, period,
                                  "Borrowings")
    for form in (DEBT_FORMS[1], DEBT_FORMS[0]):
        if all(facts.has(m, period) for m in form):
            return total(*(at(_key(period, m), period) for m in form))
    facts.missing.append(Missing("total_borrowings", period, "the equity bridge at the "
                                 "valuation date (or short_term_borrowings and "
                                 "long_term_borrowings, or type it under "
                                 "valuation.equity_bridge)"))
    return at("in_other_adjustments", None) * 0

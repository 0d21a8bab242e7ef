"""The three statements of one namespace (the live model or a scenario's copy), and their checks.

Revenue by segment, the income statement, the balance sheet and the cash flow statement are
declared in that order; each reads the others by key, and the evaluation is lazy, so the order is
the reader's, not the calculation's.
"""

from __future__ import annotations

from builder.model.balance import add_balance
from builder.model.book import ItemBook
from builder.model.cashflow import add_cash_flow
from builder.model.checks import SEGMENT_TOLERANCE, TOLERANCE, Checks, close, flag_unless
from builder.model.expr import Expr, Ref, lift
from builder.model.functions import compare, total
from builder.model.income import add_income
from builder.model.namespace import LIVE, Namespace
from builder.model.plan import Plan
from builder.model.revenue import RevenueHistory, add_revenue
from builder.model.segments import REST, SUM
from builder.model.timeline import ANNUAL


def add_forecast(book: ItemBook, plan: Plan, history: RevenueHistory,
                 ns: Namespace = LIVE) -> None:
    add_revenue(book, ns, plan.tree, history, plan.annual)
    add_income(book, ns, plan)
    add_balance(book, ns, plan)
    add_cash_flow(book, ns, plan)


def add_statement_checks(book: ItemBook, checks: Checks, plan: Plan, non_positive_why: str,
                         ns: Namespace = LIVE) -> None:
    """The statements' integrity: they balance, FCFF ties to the cash flow, segments add up;
    and revenue stays positive (an error unless the YAML says why it may not)."""
    fc = ns.fc
    forecast = plan.annual.forecast_keys()
    balance_years = [plan.last, *forecast]
    checks.series("chk_balance", "Balance sheet balances: assets = liabilities + equity", ANNUAL,
                  dict.fromkeys(balance_years, close(Ref(fc("balance_check")), lift(0))))
    checks.series("chk_fcff_ties", "FCFF ties to the cash flow statement", ANNUAL,
                  dict.fromkeys(forecast, close(Ref(fc("fcff")), Ref(fc("fcff_from_cash_flow")))))
    for node in plan.tree.walk():
        if node.kind == SUM and node.children:
            parts = total(*(Ref(fc(c.key)) for c in node.children))
            years = [p for p in plan.annual.keys if book.has(fc(node.key), p)
                     and all(book.has(fc(c.key), p) for c in node.children)]
            actual = set(plan.actual)  # reported figures agree within their rounding
            checks.series(f"chk_segments_{node.id}", f"{node.label}: its segments add up to it",
                          ANNUAL, {p: close(Ref(fc(node.key)), parts,
                                            SEGMENT_TOLERANCE if p in actual else TOLERANCE)
                                   for p in years})
        if node.kind == REST:
            checks.series(f"chk_rest_{node.id}", f"{node.label}, the rest of its parent, is not "
                          "negative", ANNUAL,
                          dict.fromkeys(forecast, _flag_below_zero(Ref(fc(node.key)))))
    positive = dict.fromkeys(forecast, _flag_at_or_below_zero(Ref(fc("revenue"))))
    label = "Revenue is above zero in every forecast year"
    if non_positive_why:
        checks.warning("warn_revenue_positive", label, ANNUAL, positive, non_positive_why)
    else:
        checks.series("chk_revenue_positive", label, ANNUAL, positive)
    if plan.funding == "show":
        checks.warning("warn_funding_need", "No funding need: cash stays at or above the "
                       "minimum", ANNUAL,
                       dict.fromkeys(forecast, _flag_above_zero(Ref(fc("funding_need")))))


def _flag_below_zero(value: Expr) -> Expr:
    return flag_unless(compare(value, ">=", 0))


def _flag_at_or_below_zero(value: Expr) -> Expr:
    return flag_unless(compare(value, ">", 0))


def _flag_above_zero(value: Expr) -> Expr:
    return flag_unless(compare(value, "<=", 0))

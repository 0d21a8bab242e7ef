"""The balance sheet: the last reported one rolled forward by the income statement and the
cash flow, so it balances every year by construction, and a check says so.

Working-capital lines follow their drivers (days of revenue or cost, or a share of revenue);
PP&E is opening + capex - D&A; borrowings move by the YAML's new borrowing less repayments;
equity by profit, share-based pay, issues, buybacks and dividends; cash is the cash flow
statement's closing cash. A reported line without a driver is held at its last figure. What
the documents' last balance sheet does not itemise (or where its own totals do not add up) is
one balancing line, stated as such, moved only by other investing and financing flows.
"""

from __future__ import annotations

from builder.model.book import ItemBook
from builder.model.expr import Expr, Ref, prev
from builder.model.functions import total
from builder.model.history import annual_key
from builder.model.items import Unit
from builder.model.namespace import Namespace
from builder.model.periods import DAYS_IN_YEAR
from builder.model.plan import BalanceLine, Plan
from builder.model.timeline import ANNUAL


def line_key(ns: Namespace, line: BalanceLine) -> str:
    return ns.fc(f"bs_{line.metric}")


def add_balance(book: ItemBook, ns: Namespace, plan: Plan) -> None:
    fc, drv = ns.fc, ns.driver
    last = plan.last

    def row(key: str, label: str, actual: dict | None = None, forecast: Expr | None = None,
            name: str | None = None) -> str:
        return book.calc(key, book.money(label), Unit.MONEY, ANNUAL, cells=actual or {},
                         forecast=forecast, name=name if ns.live else None)

    base = {"revenue": Ref(fc("revenue")), "cogs": Ref(fc("cogs"))}
    assets, liabilities = [fc("cash")], []
    row(fc("cash"), "Cash and cash equivalents", plan.linked("cash"),
        prev(fc("cash")) + Ref(fc("cash_change")), name="CashEnd")
    for line in plan.working_capital:
        driver = Ref(drv(line.driver))  # type: ignore[arg-type]
        value = base[line.base] * driver / DAYS_IN_YEAR if line.days else base[line.base] * driver
        key = row(line_key(ns, line), line.label, plan.linked(line.metric), value)
        (assets if line.side == "asset" else liabilities).append(key)
    row(fc("capex"), "Capital expenditure", forecast=Ref(fc("revenue")) * Ref(drv("drv_capex")),
        actual=plan.linked("capex"))
    assets.append(row(fc("bs_ppe"), "Property, plant & equipment, net", plan.linked("ppe"),
                      prev(fc("bs_ppe")) + Ref(fc("capex")) - Ref(fc("da"))))
    held_liabilities = []
    for line in plan.held:
        key = row(line_key(ns, line), f"{line.label} (held at the last reported figure)",
                  plan.linked(line.metric), prev(line_key(ns, line)))
        (assets if line.side == "asset" else held_liabilities).append(key)
    if plan.tax_losses == "credit":
        assets.append(fc("dta"))  # the tax module's row, placed on this sheet
    debt = [Ref(annual_key(m)) for m in plan.debt]
    debt_years = [p for p in plan.actual if all(plan.facts.has(m, p) for m in plan.debt)]
    flows = Ref(drv("drv_debt_change")) if plan.has("drv_debt_change") else None
    liabilities.append(row(fc("borrowings"), "Borrowings (short and long term)",
                           dict.fromkeys(debt_years, total(*debt) if len(debt) > 1 else debt[0])
                           if debt else {},
                           prev(fc("borrowings")) + flows if flows is not None
                           else prev(fc("borrowings"))))
    if plan.funding == "revolver":
        book.calc(fc("revolver"), book.money("Revolving facility drawn (funds a shortfall below "
                  "the minimum cash)"), Unit.MONEY, ANNUAL, cells={last: 0.0},
                  forecast=prev(fc("revolver")) + Ref(fc("cf_revolver")))
        liabilities.append(fc("revolver"))
    liabilities += held_liabilities
    equity = _equity(book, ns, plan, row)
    listed = list(assets)
    row(fc("bs_other_net"), "Other assets less other liabilities, net: the balancing item of "
        "the last reported balance sheet, moved by other investing and financing flows",
        {last: total(*(Ref(k) for k in equity), *(Ref(k) for k in liabilities))
         - total(*(Ref(k) for k in listed))},
        _other_net_forecast(ns, plan))
    assets.append(fc("bs_other_net"))
    total_row = [last, *plan.annual.forecast_keys()]
    row(fc("total_assets"), "Total assets",
        dict.fromkeys(total_row, total(*(Ref(k) for k in assets))))
    row(fc("total_liabilities"), "Total liabilities",
        dict.fromkeys(total_row, total(*(Ref(k) for k in liabilities))))
    row(fc("total_equity"), "Total equity",
        dict.fromkeys(total_row, total(*(Ref(k) for k in equity))))
    row(fc("balance_check"), "Balance check: assets - liabilities - equity (0 = balances)",
        dict.fromkeys(total_row, Ref(fc("total_assets")) - Ref(fc("total_liabilities"))
                      - Ref(fc("total_equity"))), name="BalanceCheck")
    net_debt = [Ref(fc("borrowings")), -Ref(fc("cash"))]
    if plan.funding == "revolver":
        net_debt.insert(1, Ref(fc("revolver")))
    row(fc("net_debt"), "Net debt: borrowings + revolver - cash",
        dict.fromkeys(total_row, total(*net_debt)), name="NetDebt")


def _equity(book: ItemBook, ns: Namespace, plan: Plan, row) -> list[str]:
    fc, drv = ns.fc, ns.driver
    moves: list[Expr] = [Ref(fc("net_income"))]
    if plan.has("drv_sbc"):
        moves.append(Ref(fc("sbc")))
    if plan.has("drv_equity_issuance"):
        moves.append(Ref(drv("drv_equity_issuance")))
    if plan.has("drv_buybacks"):
        moves.append(-Ref(drv("drv_buybacks")))
    if plan.has("drv_payout"):
        moves.append(-Ref(fc("dividends")))
    reported = {p: Ref(annual_key("total_equity")) - Ref(annual_key("minority_interests"))
                if plan.facts.has("minority_interests", p) else Ref(annual_key("total_equity"))
                for p in plan.actual if plan.facts.has("total_equity", p)}
    keys = [row(fc("equity"), "Equity attributable to owners", reported,
                prev(fc("equity")) + total(*moves))]
    if plan.minority:
        grows = Ref(fc("minority_profit")) if plan.has("drv_minority_share") else None
        keys.append(row(fc("bs_minority"), "Minority interests", plan.linked(
            "minority_interests"), prev(fc("bs_minority")) + grows if grows is not None
            else prev(fc("bs_minority"))))
    return keys


def _other_net_forecast(ns: Namespace, plan: Plan) -> Expr:
    flows = [Ref(ns.driver(d)) for d in ("drv_other_investing", "drv_other_financing")
             if plan.has(d)]
    return prev(ns.fc("bs_other_net")) - total(*flows) if flows else prev(ns.fc("bs_other_net"))


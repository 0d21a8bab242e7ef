"""The cash flow statement, the funding rule, and the free cash flow to the firm.

Operating cash flow is net profit plus the non-cash items (D&A, share-based pay, deferred tax)
less the working capital the balance sheet absorbs; investing is capex and other flows;
financing is the YAML's borrowing, equity and dividend flows. Before any revolver, the closing
cash is known from opening balances alone; below the minimum cash, the shortfall is drawn on a
revolver (repaid from later surpluses) or shown as a funding need, by the YAML's choice. Interest
runs on opening balances, so nothing here is circular.

Free cash flow to the firm uses the same lines, with tax as if the company had no interest
(the tax rules run again on profit before interest): a check ties it to the cash flow
statement year by year.
"""

from __future__ import annotations

from builder.model.balance import line_key
from builder.model.book import ItemBook
from builder.model.expr import Expr, Ref, at, prev
from builder.model.functions import maximum, ratio, total
from builder.model.history import annual_key
from builder.model.items import Unit
from builder.model.namespace import Namespace
from builder.model.plan import Plan
from builder.model.taxes import TAX_RATE, add_tax
from builder.model.timeline import ANNUAL

MINIMUM_CASH = "in_minimum_cash"


def add_cash_flow(book: ItemBook, ns: Namespace, plan: Plan) -> None:
    fc, drv = ns.fc, ns.driver

    def row(key: str, label: str, forecast: Expr | None, actual: dict | None = None,
            name: str | None = None) -> Ref:
        return Ref(book.calc(fc(key), book.money(label), Unit.MONEY, ANNUAL,
                             cells=actual or {}, forecast=forecast,
                             name=name if ns.live else None))

    def actual(metric: str, line: str | None = None, sign: int = 1) -> dict[str | None, Expr]:
        return _actual(book, plan, metric, line, sign)

    profit = row("cf_net_profit", "Net profit", Ref(fc("net_profit")),
                 actual("net_profit", fc("net_profit")))
    non_cash = [row("cf_da", "Depreciation & amortisation", Ref(fc("da")),
                    actual("depreciation_amortization", fc("da")))]
    if plan.has("drv_sbc"):
        non_cash.append(row("cf_sbc", "Share-based compensation", Ref(fc("sbc"))))
    if plan.tax_losses == "credit":
        non_cash.append(row("cf_deferred_tax", "Deferred tax (credits booked, less used)",
                            Ref(fc("deferred_tax"))))
    operating = [profit, *non_cash]
    reported = plan.linked("non_cash_adjustments")
    if len(non_cash) > 1 or reported:  # the documents' one line, beside the model's parts
        operating = [profit, row("cf_non_cash", "Non-cash items added back (actual years: "
                                 "every non-cash adjustment, as reported)", total(*non_cash)
                                 if len(non_cash) > 1 else non_cash[0], reported)]
    changes: list[Expr] = []
    for line in plan.working_capital:
        key = line_key(ns, line)
        changes.append(prev(key) - Ref(key) if line.side == "asset" else Ref(key) - prev(key))
    if changes:
        operating.append(row("cf_working_capital", "Working capital (an increase absorbs cash)",
                             total(*changes), plan.linked("working_capital_change")))
    cfo = row("cfo", "Cash from operations", total(*operating),
              plan.linked("operating_cash_flow"))
    investing = [row("cf_capex", "Capital expenditure paid", -Ref(fc("capex")),
                     actual("capex", fc("capex"), -1))]
    other = _flow(plan, row, "drv_other_investing", "cf_other_investing",
                  "Other investing flows", "other_investing", Ref(drv("drv_other_investing")))
    investing += [other] if other is not None else []
    cfi = row("cfi", "Cash from investing", total(*investing) if len(investing) > 1
              else investing[0], plan.linked("investing_cash_flow"))
    financing = _financing(plan, ns, row)
    before: list[Expr] = [prev(fc("cash")), cfo, cfi, *financing]
    cash_before = row("cash_before_funding", "Cash before any revolver draw", total(*before))
    shortfall = at(MINIMUM_CASH, None) - cash_before
    if plan.funding == "revolver":
        financing.append(row("cf_revolver", "Revolver drawn (+) or repaid (-)",
                             maximum(-prev(fc("revolver")), shortfall)))
    else:
        row("funding_need", "Funding need: cash below the minimum, not yet financed",
            maximum(0, shortfall))
    change: Expr = cfo + cfi
    if financing:
        change = change + row("cff", "Cash from financing", total(*financing),
                              plan.linked("financing_cash_flow"))
    row("cash_change", "Change in cash", change, plan.linked("cash_change"))
    _free_cash_flow(book, ns, plan, row, cfo, cfi)


def _actual(book: ItemBook, plan: Plan, metric: str, line: str | None = None,
            sign: int = 1) -> dict[str | None, Expr]:
    """Actual columns of a line the cash flow repeats: the reported figure (``sign`` -1 turns
    an amount spent into an outflow), else the statement line's own actual; blank where the
    documents give neither, never a figure made up to fill the row."""
    cells: dict[str | None, Expr] = {}
    for period in plan.actual:
        if plan.facts.has(metric, period):
            link: Expr = Ref(annual_key(metric))
        elif line is not None and book.has(line, period):
            link = Ref(line)
        else:
            continue
        cells[period] = link if sign > 0 else -link
    return cells


def _flow(plan: Plan, row, driver: str, key: str, label: str, metric: str | None,
          forecast: Expr) -> Ref | None:
    """A flow the YAML drives, or the documents report for an actual year (then its forecast
    columns stay blank: the model assumes none). Returns the row only when it is forecast,
    as the totals add forecast rows; the actual totals are the reported ones."""
    driven, reported = plan.has(driver), plan.linked(metric) if metric else {}
    if not driven and not reported:
        return None
    ref = row(key, label, forecast if driven else None, reported)
    return ref if driven else None


def _financing(plan: Plan, ns: Namespace, row) -> list[Expr]:
    drv, fc = ns.driver, ns.fc
    flows: list[Expr] = []
    for driver, key, label, sign, metric in (
        ("drv_debt_change", "cf_debt", "Borrowings raised less repaid", 1,
         "change_in_borrowings"),
        ("drv_equity_issuance", "cf_equity", "Equity issued (actual years: equity financing, "
         "net, as reported)", 1, "equity_issuance"),
        ("drv_buybacks", "cf_buybacks", "Shares bought back", -1, None),
        ("drv_other_financing", "cf_other_financing", "Other financing flows", 1, None),
    ):
        flow = _flow(plan, row, driver, key, label, metric,
                     Ref(drv(driver)) if sign > 0 else -Ref(drv(driver)))
        flows += [flow] if flow is not None else []
    paid = {p: -link for p, link in plan.linked("dividends_paid").items()}
    if plan.has("drv_payout"):
        flows.append(row("cf_dividends", "Dividends paid", -Ref(fc("dividends")), paid))
    elif paid:
        row("cf_dividends", "Dividends paid", None, paid)
    return flows


def _free_cash_flow(book: ItemBook, ns: Namespace, plan: Plan, row, cfo: Ref, cfi: Ref) -> None:
    """FCFF from the statements' own lines, with tax on profit before interest."""
    fc = ns.fc
    add_tax(book, ns, plan, fc("pbt_unlevered"), "u_", "Tax on profit before interest")
    parts: list[Expr] = [Ref(fc("pbt_unlevered")), -Ref(fc("u_cash_tax")), Ref(fc("cf_da"))]
    if plan.working_capital:
        parts.append(Ref(fc("cf_working_capital")))
    parts.append(Ref(fc("cf_capex")))
    if plan.has("drv_other_investing"):
        parts.append(Ref(fc("cf_other_investing")))
    row("fcff", "Free cash flow to the firm: profit before interest, less its cash tax, "
               "+ D&A - working capital - capex + other investing", total(*parts), name="FCFF")
    ties: list[Expr] = [cfo, cfi]
    if book.has(fc("net_interest_expense")):
        shield = row("interest_tax_shield", "Tax saved by net interest (cash)",
                     Ref(fc("u_cash_tax")) - Ref(fc("cash_tax")))
        ties += [Ref(fc("net_interest_expense")), -shield]
    if plan.has("drv_sbc"):
        ties.append(-Ref(fc("sbc")))
    row("fcff_from_cash_flow", "FCFF from the cash flow statement: CFO + CFI + net interest "
        "after its tax saving - share-based pay", total(*ties))
    other = [Ref(fc("other_income"))] if plan.has("drv_other_income") else []
    row("nopat", "Operating profit after tax at the rate (EBIT + other income)",
        total(Ref(fc("ebit")), *other) * (1 - at(TAX_RATE, None)) if other
        else Ref(fc("ebit")) * (1 - at(TAX_RATE, None)), name="NOPAT")
    book.calc(fc("reinvestment_rate"), "Reinvestment: capex - D&A + working capital, % of NOPAT",
              Unit.RATIO, ANNUAL,
              forecast=ratio(-Ref(fc("cf_capex")) - Ref(fc("cf_da"))
                             - (Ref(fc("cf_working_capital")) if plan.working_capital else 0),
                             Ref(fc("nopat"))))

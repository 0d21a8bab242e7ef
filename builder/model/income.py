"""The income statement: revenue to attributable net profit and earnings per share.

Operating profit (EBIT) is gross profit less the operating expense lines the company reports
(D&A and share-based pay sit inside cost and expenses, as reported). Below it: other income,
non-recurring items and net interest (on opening balances, so the model has no circular
references), then tax by the YAML's loss policy, minorities and the owners' share. Actual
columns link the reported lines, or derive a line from reported ones (cost = revenue - gross
profit); a line the documents do not give for a year stays blank.
"""

from __future__ import annotations

from builder.model import market
from builder.model.book import ItemBook
from builder.model.expr import Expr, Ref, at, prev
from builder.model.functions import compare, if_, maximum, ratio, total
from builder.model.history import annual_key
from builder.model.items import Unit
from builder.model.namespace import Namespace
from builder.model.plan import Plan
from builder.model.taxes import TAX_RATE, add_tax
from builder.model.timeline import ANNUAL


def add_income(book: ItemBook, ns: Namespace, plan: Plan) -> None:
    fc, drv = ns.fc, ns.driver
    revenue = Ref(fc("revenue"))

    def row(key: str, label: str, *, actual: dict | None = None, forecast: Expr | None = None,
            unit: Unit = Unit.MONEY, name: str | None = None) -> str:
        text = book.money(label) if unit is Unit.MONEY else label
        return book.calc(fc(key), text, unit, ANNUAL, cells=actual or {}, forecast=forecast,
                         name=name if ns.live else None)

    def derived(metric: str, *alternatives: tuple[tuple[str, ...], Expr]) -> dict:
        """Actual cells: the reported figure, else the first alternative whose inputs have a
        cell that year (``needs`` name forecast lines, or ``hist_<metric>`` rows)."""
        cells: dict[str | None, Expr] = {}
        for period in plan.actual:
            if plan.facts.has(metric, period):
                cells[period] = Ref(annual_key(metric))
                continue
            found = next((expr for needs, expr in alternatives
                          if all(book.has(n, period) for n in needs)), None)
            if found is not None:
                cells[period] = found
        return cells

    gross_profit, gross_margin = annual_key("gross_profit"), annual_key("gross_margin")
    row("cogs", "Cost of revenue",
        actual=derived("cost_of_revenue",
                       ((fc("revenue"), gross_profit), revenue - Ref(gross_profit)),
                       ((fc("revenue"), gross_margin), revenue * (1 - Ref(gross_margin)))),
        forecast=revenue * (1 - Ref(drv("drv_gross_margin"))))
    row("gross_profit", "Gross profit",
        actual=derived("gross_profit", ((fc("revenue"), fc("cogs")), revenue - Ref(fc("cogs")))),
        forecast=revenue - Ref(fc("cogs")))
    _ratio_row(book, plan, fc("gross_margin"), "Gross margin (% of revenue)", fc("gross_profit"),
               fc("revenue"))
    lines = []
    for line, name, metric in plan.opex:
        key = row(f"opex_{line}", name, actual=plan.linked(metric),
                  forecast=revenue * Ref(drv(f"drv_opex_{line}")))
        _ratio_row(book, plan, f"{key}_pct", f"{name} (% of revenue)", key, fc("revenue"))
        lines.append(key)
    if lines:
        all_lines = [p for p in plan.actual if all(book.has(k, p) for k in lines)]
        row("opex", "Operating expenses",
            actual={**plan.linked("operating_expenses"),
                    **dict.fromkeys(all_lines, total(*(Ref(k) for k in lines)))},
            forecast=total(*(Ref(k) for k in lines)))
        ebit: Expr = Ref(fc("gross_profit")) - Ref(fc("opex"))
        before = (fc("gross_profit"), fc("opex"))
    else:
        ebit, before = Ref(fc("gross_profit")), (fc("gross_profit"),)
    row("ebit", "Operating profit (EBIT)", actual=derived("operating_income", (before, ebit)),
        forecast=ebit)
    row("da", "Depreciation & amortisation (inside cost and expenses)",
        actual=plan.linked("depreciation_amortization"), forecast=revenue * Ref(drv("drv_da")))
    row("ebitda", "EBITDA", actual=derived("ebitda", ((fc("ebit"), fc("da")),
                                                      Ref(fc("ebit")) + Ref(fc("da")))),
        forecast=Ref(fc("ebit")) + Ref(fc("da")), name="EBITDA")
    _ratio_row(book, plan, fc("ebitda_margin"), "EBITDA margin (% of revenue)", fc("ebitda"),
               fc("revenue"))
    if plan.has("drv_sbc"):
        row("sbc", "Share-based compensation (non-cash, inside cost and expenses)",
            forecast=revenue * Ref(drv("drv_sbc")))
    below = [Ref(fc("ebit"))]
    if plan.has("drv_other_income"):
        below.append(Ref(row("other_income", "Other income, net", actual=plan.linked(
            "other_income"), forecast=revenue * Ref(drv("drv_other_income")))))
    if plan.has("drv_non_recurring"):
        below.append(Ref(row("non_recurring", "Non-recurring items",
                             forecast=Ref(drv("drv_non_recurring")))))
    row("pbt_unlevered", "Profit before interest and tax",
        forecast=total(*below) if len(below) > 1 else below[0])
    interest = _interest(book, ns, plan, row)
    row("pretax", "Profit before tax", actual=plan.linked("pretax_income"),
        forecast=Ref(fc("pbt_unlevered")) - Ref(interest) if interest
        else Ref(fc("pbt_unlevered")))
    add_tax(book, ns, plan, fc("pretax"), "", "Income tax", actual=plan.linked("income_tax"))
    book.calc(fc("tax_rate_effective"), "Effective tax rate (% of profit before tax)",
              Unit.RATIO, ANNUAL, cells={p: ratio(Ref(fc("tax")), Ref(fc("pretax")))
                                         for p in plan.annual.keys if book.has(fc("tax"), p)
                                         and book.has(fc("pretax"), p)})
    row("net_profit", "Net profit (all shareholders)", actual=derived(
        "net_profit", ((fc("pretax"), fc("tax")), Ref(fc("pretax")) - Ref(fc("tax")))),
        forecast=Ref(fc("pretax")) - Ref(fc("tax")))
    attributable: Expr = Ref(fc("net_profit"))
    if plan.has("drv_minority_share"):
        row("minority_profit", "Minority interests' share of net profit",
            actual=plan.linked("minority_profit"),
            forecast=Ref(fc("net_profit")) * Ref(drv("drv_minority_share")))
        attributable = Ref(fc("net_profit")) - Ref(fc("minority_profit"))
    row("net_income", "Net profit attributable to owners", actual=plan.linked("net_income"),
        forecast=attributable, name="NetIncome")
    _ratio_row(book, plan, fc("net_margin"), "Net margin, attributable (% of revenue)",
               fc("net_income"), fc("revenue"))
    if plan.has("drv_non_recurring"):
        share = (1 - Ref(drv("drv_minority_share"))) if plan.has("drv_minority_share") else 1
        row("net_income_recurring", "Attributable net profit excluding non-recurring items "
            "(after tax at the rate)", forecast=Ref(fc("net_income")) - Ref(
                fc("non_recurring")) * (1 - at(TAX_RATE, None)) * share)
    if plan.has("drv_payout"):
        row("dividends", "Dividends declared (payout of a positive attributable profit)",
            forecast=maximum(0, Ref(fc("net_income"))) * Ref(drv("drv_payout")))
    if plan.per_share:
        _per_share(book, ns, plan)


def _interest(book: ItemBook, ns: Namespace, plan: Plan, row) -> str | None:
    """Interest on opening balances (borrowings, the revolver, cash): the net expense's key,
    or None when the YAML gives no rate."""
    fc, drv = ns.fc, ns.driver
    parts: list[Expr] = []
    if plan.has("drv_interest_on_debt"):
        parts.append(Ref(row("interest_expense", "Interest expense on opening borrowings",
                             forecast=prev(fc("borrowings")) * Ref(drv("drv_interest_on_debt")))))
    if plan.funding == "revolver":
        parts.append(Ref(row("revolver_interest", "Interest on the opening revolver",
                             forecast=prev(fc("revolver")) * at("in_revolver_rate", None))))
    if plan.has("drv_interest_on_cash"):
        income = row("interest_income", "Interest income on opening cash",
                     forecast=prev(fc("cash")) * Ref(drv("drv_interest_on_cash")))
        parts.append(-Ref(income))
    if not parts:
        return None
    return row("net_interest_expense", "Net interest expense",
               forecast=total(*parts) if len(parts) > 1 else parts[0])


def _per_share(book: ItemBook, ns: Namespace, plan: Plan) -> None:
    fc = ns.fc
    net_income = Ref(fc("net_income"))
    basic, diluted = at(market.SHARES_BASIC, None), at(market.SHARES_DILUTED, None)
    book.calc(fc("eps_basic"), book.price("Earnings per share, basic, on the shares at the "
              "valuation date"), Unit.PRICE, ANNUAL, forecast=ratio(net_income, basic),
              name="EPS" if ns.live else None)
    book.calc(fc("eps_diluted"), book.price("Earnings per share, diluted (a loss is not "
              "diluted)"), Unit.PRICE, ANNUAL,
              forecast=if_(compare(net_income, ">", 0), ratio(net_income, diluted),
                           ratio(net_income, basic)),
              name="EPS_Diluted" if ns.live else None)
    if plan.has("drv_payout"):
        book.calc(fc("dps"), book.price("Dividend per share"), Unit.PRICE, ANNUAL,
                  forecast=ratio(Ref(fc("dividends")), basic))


def _ratio_row(book: ItemBook, plan: Plan, key: str, label: str, numerator: str,
               denominator: str) -> None:
    """A ratio wherever both lines have a cell: its history stands beside its forecast."""
    cells = {p: ratio(Ref(numerator), Ref(denominator)) for p in plan.annual.keys
             if book.has(numerator, p) and book.has(denominator, p)}
    book.calc(key, label, Unit.RATIO, ANNUAL, cells=cells)

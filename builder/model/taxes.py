"""Income tax by the YAML's loss policy, as formulas a reader can follow year by year.

* ``carry_forward``: a loss adds to a pool of tax losses; later profits use the pool before any
  tax is due. The pool starts from the losses brought forward (an input).
* ``credit``: tax is the rate times profit before tax, so a loss earns a credit. The credit is
  not cash: it is booked as a deferred tax asset, which later tax charges use up before cash
  is paid.

The same rules run twice: on profit before tax (the statements) and on profit before interest
and tax (the free cash flow to the firm, which must not count the tax saved by debt).
"""

from __future__ import annotations

from collections.abc import Mapping

from builder.model.book import ItemBook
from builder.model.expr import Expr, Ref, at, prev
from builder.model.functions import maximum, minimum
from builder.model.items import Unit
from builder.model.namespace import Namespace
from builder.model.plan import Plan
from builder.model.timeline import ANNUAL

TAX_RATE = "tax_rate"
LOSSES_BROUGHT_FORWARD = "tax_losses_brought_forward"


def add_tax(book: ItemBook, ns: Namespace, plan: Plan, profit: str, prefix: str,
            title: str, actual: Mapping[str | None, Expr] | None = None) -> None:
    """``<prefix>tax`` (the charge), ``<prefix>cash_tax`` and, with the credit policy,
    ``<prefix>deferred_tax`` (the non-cash part, for the cash flow) and ``<prefix>dta``.

    ``actual`` gives the charge's actual columns (the reported tax): the policy's pools start
    from the inputs, not from these years, so only the charge shows them."""
    fc = ns.fc
    rate = at(TAX_RATE, None)
    taxable = maximum(0, Ref(profit))

    def row(key: str, label: str, forecast, opening: float | None = None,
            unit: Unit = Unit.MONEY, cells: Mapping[str | None, Expr] | None = None) -> str:
        content = {plan.last: opening} if opening is not None else cells
        return book.calc(fc(f"{prefix}{key}"), book.money(label), unit, ANNUAL, cells=content,
                         forecast=forecast)

    if plan.tax_losses == "carry_forward":
        pool = fc(f"{prefix}tax_losses")
        used = row("tax_losses_used", f"{title}: tax losses used",
                   minimum(prev(pool), taxable))
        added = row("tax_losses_added", f"{title}: tax losses added (a loss year)",
                    maximum(0, -Ref(profit)))
        book.calc(pool, book.money(f"{title}: tax losses carried forward"), Unit.MONEY, ANNUAL,
                  cells={plan.last: at(LOSSES_BROUGHT_FORWARD, None)},
                  forecast=prev(pool) - Ref(used) + Ref(added))
        tax = row("tax", title, (taxable - Ref(used)) * rate, cells=actual)
        row("cash_tax", f"{title}: paid in cash", Ref(tax))
        return
    tax = row("tax", f"{title} (a credit on a loss)", Ref(profit) * rate, cells=actual)
    asset = fc(f"{prefix}dta")
    used = row("dta_used", f"{title}: deferred tax asset used by the charge",
               minimum(prev(asset), maximum(0, Ref(tax))))
    book.calc(asset, book.money(f"{title}: deferred tax asset from credits"), Unit.MONEY, ANNUAL,
              cells={plan.last: 0.0},
              forecast=prev(asset) + maximum(0, -Ref(tax)) - Ref(used))
    deferred = row("deferred_tax", f"{title}: deferred (non-cash) part, a cash-flow add-back",
                   prev(asset) - Ref(asset))
    row("cash_tax", f"{title}: paid in cash", Ref(tax) - Ref(deferred))

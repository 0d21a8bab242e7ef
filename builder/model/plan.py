"""What the statements of one company hold, decided once from its YAML and its historicals.

The same plan serves the live model and each scenario's copy. A line is on the statements when
the company reports it or the YAML drives it; never invented. A driven line needs its opening
figure (the last actual year); a reported line without a driver is held at that figure.
"""

from __future__ import annotations

from dataclasses import dataclass

from builder.inputs.schema import Assumptions
from builder.model.expr import Expr, Ref
from builder.model.facts import Facts, Missing
from builder.model.history import annual_key
from builder.model.items import Timeline
from builder.model.segments import Node


@dataclass(frozen=True)
class BalanceLine:
    """A balance sheet line: its CSV metric, label, side and what drives it."""

    metric: str
    label: str
    side: str  # asset or liability
    driver: str | None = None  # live driver key
    base: str = ""  # "revenue" or "cogs": what the driver is a share (or days) of
    days: bool = False


WORKING_CAPITAL = (
    BalanceLine("accounts_receivable", "Accounts receivable", "asset", "drv_receivable_days",
                "revenue", days=True),
    BalanceLine("inventory", "Inventory", "asset", "drv_inventory_days", "cogs", days=True),
    BalanceLine("other_current_assets", "Other current assets", "asset",
                "drv_other_current_assets", "revenue"),
    BalanceLine("accounts_payable", "Accounts payable", "liability", "drv_payable_days", "cogs",
                days=True),
    BalanceLine("accrued_expenses", "Accrued expenses", "liability", "drv_accrued_expenses",
                "revenue"),
    BalanceLine("other_current_liabilities", "Other current liabilities", "liability",
                "drv_other_current_liabilities", "revenue"),
)
HELD = (
    BalanceLine("short_term_investments", "Short-term investments", "asset"),
    BalanceLine("intangibles", "Intangible assets", "asset"),
    BalanceLine("long_term_prepayments", "Long-term prepayments", "asset"),
    BalanceLine("long_term_investments", "Long-term investments", "asset"),
    BalanceLine("due_from_related_parties", "Amounts due from related parties", "asset"),
    BalanceLine("lease_assets", "Right-of-use (lease) assets", "asset"),
    BalanceLine("other_non_current_liabilities", "Other non-current liabilities", "liability"),
)
DEBT_FORMS = (("short_term_borrowings", "long_term_borrowings"), ("total_borrowings",))


@dataclass(frozen=True)
class Plan:
    annual: Timeline
    tree: Node
    opex: tuple[tuple[str, str, str], ...]  # (id, name, CSV metric)
    drivers: frozenset[str]  # live driver keys the YAML gives
    tax_losses: str  # carry_forward or credit
    funding: str  # revolver or show
    working_capital: tuple[BalanceLine, ...]  # the driven lines
    held: tuple[BalanceLine, ...]  # reported at the last actual year, no driver
    debt: tuple[str, ...]  # the metrics that make up borrowings at the last actual year
    minority: bool  # minority interests on the balance sheet
    per_share: bool  # a share count is given (EPS)
    facts: Facts

    @property
    def actual(self) -> tuple[str, ...]:
        return self.annual.actual_keys()

    @property
    def last(self) -> str:
        return self.annual.actual_keys()[-1]

    @property
    def first(self) -> str:
        return self.annual.forecast_keys()[0]

    def has(self, driver: str) -> bool:
        return driver in self.drivers

    def linked(self, metric: str) -> dict[str | None, Expr]:
        """Actual columns linked to the reported figure, where the documents give it."""
        return {p: Ref(annual_key(metric)) for p in self.actual if self.facts.has(metric, p)}

    def reported(self, metric: str, period: str | None = None) -> bool:
        return self.facts.has(metric, period or self.last)


def make_plan(assumptions: Assumptions, facts: Facts, annual: Timeline, tree: Node,
              drivers: frozenset[str]) -> Plan:
    last = annual.actual_keys()[-1]
    opex = tuple((line, entry.name, entry.metric or f"{line}_expenses")
                 for line, entry in assumptions.drivers.opex.items())
    working = tuple(w for w in WORKING_CAPITAL if w.driver in drivers)
    for line in working:
        facts.need(line.metric, last, f"the opening balance of {line.label.lower()}, which "
                                      f"{line.driver} drives")
    held = tuple(h for h in (*HELD, *(w for w in WORKING_CAPITAL if w not in working))
                 if facts.has(h.metric, last))
    for metric, purpose in (("cash", "the opening cash of the forecast"),
                            ("ppe", "the opening PP&E, which capex and D&A roll forward"),
                            ("total_equity", "the opening equity of the forecast")):
        facts.need(metric, last, purpose)
    debt = next((form for form in DEBT_FORMS if all(facts.has(m, last) for m in form)), ())
    if not debt:
        facts.missing.append(Missing("total_borrowings", last, "the opening borrowings (or "
                                     "short_term_borrowings and long_term_borrowings)"))
    minority = facts.has("minority_interests", last)
    if "drv_minority_share" in drivers and not minority:
        facts.need("minority_interests", last, "the opening minority interests, which "
                                               "minority_share adds to")
    return Plan(annual, tree, opex, drivers, assumptions.tax.losses, assumptions.funding.shortfall,
                working, held, debt, minority or "drv_minority_share" in drivers,
                assumptions.market is not None, facts)

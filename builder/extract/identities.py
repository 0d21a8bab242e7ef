"""Accounting identities that tie a statement table's lines together, checked within rounding.

An identity is ``Σ left = scale × Σ right / Σ over + offset`` (``over`` empty: a plain sum), over
the lines of one year, or of the year before for a term with ``lag`` 1 (working capital change is
made of balance-sheet changes). Each printed number stands for an interval, its value plus or
minus half its last digit, and an identity holds when the intervals of its two sides meet: 850 =
7,047 - 6,197 holds exactly, 426 = 474 - 47 holds within rounding, and a 10.0% tax rate printed
for 47 / 474 = 9.9% holds because 46.5 / 474.5 to 47.5 / 473.5 reaches 9.95%.

Identities are kinds, not names: which lines make a subtotal is the lines of that kind the table
prints (:func:`identities_for`), never a company's list.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field

Interval = tuple[float, float]
Lookup = Callable[[str, int], tuple[float, float] | None]  # (metric, year) -> (value, half)

_SLACK = 1e-9


@dataclass(frozen=True, slots=True)
class Term:
    metric: str
    coef: int = 1
    lag: int = 0  # 1: the year before


@dataclass(frozen=True, slots=True)
class Identity:
    """``Σ left = scale × Σ right / Σ over + offset``; ``name`` is what a confirmed figure cites."""

    name: str
    left: tuple[Term, ...]
    right: tuple[Term, ...]
    over: tuple[Term, ...] = ()
    scale: float = 1.0
    offset: float = 0.0
    whole_table: bool = False  # a check of the table as a whole: the report says if it fails
    terms: tuple[Term, ...] = field(init=False, repr=False, compare=False)
    metrics: tuple[str, ...] = field(init=False, repr=False, compare=False)

    slots: dict[str, list[tuple[str, Term]]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        terms = (*self.left, *self.right, *self.over)
        object.__setattr__(self, "terms", terms)
        object.__setattr__(self, "metrics", tuple(dict.fromkeys(t.metric for t in terms)))
        slots: dict[str, list[tuple[str, Term]]] = {}
        for part, members in (("left", self.left), ("right", self.right), ("over", self.over)):
            for term in members:
                slots.setdefault(term.metric, []).append((part, term))
        object.__setattr__(self, "slots", slots)

    def holds(self, lookup: Lookup, year: int) -> bool | None:
        """True or False in ``year``; None when a line is missing or a divisor may be zero."""
        left = _sum(self.left, lookup, year)
        right = self._right(lookup, year)
        if left is None or right is None:
            return None
        return left[0] <= right[1] + _slack(right) and right[0] <= left[1] + _slack(left)

    def sides(self, lookup: Lookup, year: int) -> tuple[float, float] | None:
        """The middle of each side, for a message saying by how much an identity fails."""
        left, right = _sum(self.left, lookup, year), self._right(lookup, year)
        if left is None or right is None:
            return None
        return (left[0] + left[1]) / 2, (right[0] + right[1]) / 2

    def required(self, metric: str, lookup: Lookup, year: int) -> Interval | None:
        """The interval ``metric``'s value in ``year`` must lie in for the identity to hold,
        given every other line (None if it cannot be isolated or another line is missing)."""
        slots = self.slots.get(metric, ())
        if len(slots) != 1 or slots[0][1].lag:
            return None
        part, term = slots[0]
        if not self.over:
            return self._isolated(term, part == "left", lookup, year)
        if part == "left":
            target = self._right(lookup, year)
            rest = _sum(_without(self.left, term), lookup, year)
        else:
            left = _sum(self.left, lookup, year)
            if left is None:
                return None
            left = (left[0] - self.offset, left[1] - self.offset)
            if part == "right" and not self.over:
                target = left
            elif part == "right":
                over = _sum(self.over, lookup, year)
                target = _times(_times(left, over), (1 / self.scale, 1 / self.scale)) \
                    if over else None
            else:
                right = _sum(self.right, lookup, year)
                target = _divide(_times(right, (self.scale, self.scale)), left) if right else None
            rest = _sum(_without(self.right if part == "right" else self.over, term), lookup,
                        year)
        if target is None or rest is None:
            return None
        low, high = target[0] - rest[1], target[1] - rest[0]
        return (low / term.coef, high / term.coef) if term.coef > 0 else \
            (high / term.coef, low / term.coef)

    def _isolated(self, unknown: Term, on_left: bool, lookup: Lookup,
                  year: int) -> Interval | None:
        """A plain sum solved for one term: Σ left - Σ right = offset, in one pass."""
        low = high = self.offset if on_left else -self.offset
        flip = -1 if on_left else 1  # the other terms move to the unknown's far side
        for side, terms in ((flip, self.left), (-flip, self.right)):
            for term in terms:
                if term is unknown:
                    continue
                found = lookup(term.metric, year - term.lag)
                if found is None:
                    return None
                value, half = found
                coef = side * term.coef
                low += coef * value - abs(coef) * half
                high += coef * value + abs(coef) * half
        coef = unknown.coef
        return (low / coef, high / coef) if coef > 0 else (high / coef, low / coef)

    def _right(self, lookup: Lookup, year: int) -> Interval | None:
        right = _sum(self.right, lookup, year)
        if right is None:
            return None
        if self.over:
            over = _sum(self.over, lookup, year)
            right = _divide(_times(right, (self.scale, self.scale)), over) if over else None
            if right is None:
                return None
        return right[0] + self.offset, right[1] + self.offset


def _without(terms: tuple[Term, ...], term: Term) -> tuple[Term, ...]:
    return tuple(t for t in terms if t is not term)


def _slack(interval: Interval) -> float:
    return _SLACK * max(1.0, abs(interval[0]), abs(interval[1]))


def _sum(terms: tuple[Term, ...], lookup: Lookup, year: int) -> Interval | None:
    low = high = 0.0
    for term in terms:
        found = lookup(term.metric, year - term.lag)
        if found is None:
            return None
        value, half = found
        low += term.coef * value - abs(term.coef) * half
        high += term.coef * value + abs(term.coef) * half
    return low, high


def _times(a: Interval, b: Interval) -> Interval:
    corners = (a[0] * b[0], a[0] * b[1], a[1] * b[0], a[1] * b[1])
    return min(corners), max(corners)


def _divide(a: Interval, b: Interval) -> Interval | None:
    if b[0] <= 0 <= b[1]:
        return None  # a divisor that may be zero bounds nothing
    return _times(a, (1 / b[1], 1 / b[0]))


# Lines of a kind: the balance sheet's sections, and the lines that make up working capital.
CURRENT_ASSETS = ("cash", "accounts_receivable", "short_term_investments",
                  "other_current_assets")
NON_CURRENT_ASSETS = ("ppe", "intangibles", "long_term_prepayments", "long_term_investments",
                      "due_from_related_parties", "lease_assets")
CURRENT_LIABILITIES = ("accounts_payable", "accrued_expenses", "short_term_borrowings",
                       "other_current_liabilities")
NON_CURRENT_LIABILITIES = ("long_term_borrowings", "other_non_current_liabilities")
WORKING_ASSETS = ("accounts_receivable", "other_current_assets")
WORKING_LIABILITIES = ("accounts_payable", "accrued_expenses", "other_current_liabilities")
FINANCING = (("change_in_borrowings", 1), ("equity_issuance", 1), ("convertible_issuance", 1),
             ("dividends_paid", -1))
EXPENSES = ("selling_expenses", "ga_expenses", "rnd_expenses")


def _linear(lhs: str, *terms: tuple[str, int]) -> Identity:
    text = " ".join(f"{'+' if c > 0 else '-'} {m}" for m, c in terms).removeprefix("+ ")
    return Identity(f"{lhs} = {text}", (Term(lhs),), tuple(Term(m, c) for m, c in terms))


def _ratio(lhs: str, numerator: tuple[str, ...], denominator: str, scale: float = 1.0,
           suffix: str = "") -> Identity:
    top = " + ".join(numerator)
    top = f"({top})" if len(numerator) > 1 else top
    return Identity(f"{lhs} = {top} / {denominator}{suffix}", (Term(lhs),),
                    tuple(Term(m) for m in numerator), (Term(denominator),), scale)


def identities_for(present: Collection[str]) -> list[Identity]:
    """The identities a table printing the lines ``present`` can be checked against, in the
    order a confirmed figure names them (the most direct first)."""
    has = set(present).__contains__
    found = [_linear("gross_profit", ("revenue", 1), ("cost_of_revenue", -1)),
             _ratio("gross_margin", ("gross_profit",), "revenue")]
    expenses = EXPENSES if all(map(has, EXPENSES)) else ()
    if expenses:
        found += [_linear("operating_expenses", *((m, 1) for m in expenses)),
                  _ratio("opex_pct_revenue", expenses, "revenue")]
    found.append(_ratio("opex_pct_revenue", ("operating_expenses",), "revenue"))
    if expenses and not has("operating_income"):
        found.append(_linear("pretax_income", ("gross_profit", 1),
                             *((m, -1) for m in expenses), ("other_income", 1)))
    profit = "net_profit" if has("net_profit") else "net_income"
    found += [_linear("net_profit", ("pretax_income", 1), ("income_tax", -1)),
              _ratio("effective_tax_rate", ("income_tax",), "pretax_income"),
              _linear("net_income", ("net_profit", 1), ("minority_profit", -1)),
              _ratio("net_margin", ("net_income",), "revenue"),
              _ratio("net_profit_margin", ("net_profit",), "revenue"),
              _linear("ebitda", ("operating_income", 1), ("depreciation_amortization", 1)),
              _ratio("ebitda_margin", ("ebitda",), "revenue"),
              Identity("revenue_yoy = revenue / revenue[prior] - 1", (Term("revenue_yoy"),),
                       (Term("revenue"),), (Term("revenue", lag=1),), offset=-1.0)]
    for days in (365, 360):
        found += [_ratio("receivable_days", ("accounts_receivable",), "revenue", days,
                         f" x {days}"),
                  _ratio("payable_days", ("accounts_payable",), "cost_of_revenue", days,
                         f" x {days}")]
    found.append(_ratio("return_on_equity", (profit,), "total_equity"))
    found += _balance_sheet(has)
    found += _cash_flow(has, profit)
    return [i for i in found if all(map(has, i.metrics))]


def _subtotal(total: str, lines: tuple[str, ...], has: Callable[[str], bool]) -> list[Identity]:
    members = [m for m in lines if has(m)]
    return [_linear(total, *((m, 1) for m in members))] if len(members) >= 2 else []


def _balance_sheet(has: Callable[[str], bool]) -> list[Identity]:
    found = [*_subtotal("total_current_assets", CURRENT_ASSETS, has),
             *_subtotal("total_non_current_assets", NON_CURRENT_ASSETS, has),
             *_subtotal("total_current_liabilities", CURRENT_LIABILITIES, has),
             *_subtotal("total_non_current_liabilities", NON_CURRENT_LIABILITIES, has),
             _linear("total_assets", ("total_current_assets", 1),
                     ("total_non_current_assets", 1)),
             _linear("total_liabilities", ("total_current_liabilities", 1),
                     ("total_non_current_liabilities", 1))]
    return [*found, balance(has)]


def balance(has: Callable[[str], bool]) -> Identity:
    """Assets = liabilities + equity, from the totals the table prints (else their parts)."""
    assets = ("total_assets",) if has("total_assets") else \
        ("total_current_assets", "total_non_current_assets")
    liabilities = ("total_liabilities",) if has("total_liabilities") else \
        ("total_current_liabilities", "total_non_current_liabilities")
    equity = ("total_equity", "minority_interests") if has("minority_interests") else \
        ("total_equity",)
    name = f"{' + '.join(assets)} = {' + '.join((*liabilities, *equity))}"
    return Identity(name, tuple(Term(m) for m in assets),
                    tuple(Term(m) for m in (*liabilities, *equity)), whole_table=True)


def _cash_flow(has: Callable[[str], bool], profit: str) -> list[Identity]:
    found = [_linear("operating_cash_flow", (profit, 1), ("non_cash_adjustments", 1),
                     ("working_capital_change", 1))]
    assets = [m for m in WORKING_ASSETS if has(m)]
    liabilities = [m for m in WORKING_LIABILITIES if has(m)]
    if assets and liabilities:
        changes = [(m, -1) for m in assets] + [(m, 1) for m in liabilities]
        text = " ".join(f"{'+' if c > 0 else '-'} chg({m})" for m, c in changes)
        found.append(Identity(
            f"working_capital_change = {text.removeprefix('+ ')}",
            (Term("working_capital_change"),),
            tuple(t for m, c in changes for t in (Term(m, c), Term(m, -c, lag=1)))))
    found.append(_linear("investing_cash_flow", ("other_investing", 1), ("capex", -1)))
    financing = [(m, c) for m, c in FINANCING if has(m)]
    if len(financing) >= 2:
        found.append(_linear("financing_cash_flow", *financing))
    found += [_linear("cash_change", ("operating_cash_flow", 1), ("investing_cash_flow", 1),
                      ("financing_cash_flow", 1)),
              _linear("cash_end", ("cash_begin", 1), ("cash_change", 1),
                      *((("fx_effect", 1),) if has("fx_effect") else ())),
              _linear("cash", ("cash_end", 1))]
    return found

"""The interim bridge's balance sheet: the latest interim balance sheet against the year end.

A forecast that starts from the last annual balance sheet can end its first year below what
the company has already reported part way through it: PP&E under the figure of the last
quarter though the forecast adds capex, or cash above it though the business burns cash. The
income bridge cannot see that, as it compares flows. So for each balance-sheet line the company
reported at the end of the first forecast year's year to date and the Balance Sheet forecasts,
the Interim sheet shows the balance reported, the year-end forecast and, in the rest-of-year
column, the movement the forecast implies (year end less reported), all as formulas.

Two warnings, outside the master check, test that movement against what the rest of the year
can do, pro rata to the share of the year left (a fiscal month count, e.g. 9M -> 3 of 12):

- PP&E may not fall by more than the depreciation still to come (the year's D&A x the share).
- Cash may not rise by more than the year's free cash flow to the firm x the share. Financing
  is left out on purpose: it is lumpy (a placement, a loan) and the year's total cannot be
  apportioned to a quarter, half of it may already be in the reported cash.

A warning the YAML explains (``timeline.explained`` keyed by the metric, ``ppe`` or ``cash``,
as the income bridge's sign flips are) is acknowledged: its row stays on the Interim sheet with
the reason, and it is no longer counted or reported by the build.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from builder.model.book import ItemBook
from builder.model.checks import TOLERANCE, Checks, flag_unless
from builder.model.expr import Expr, Ref, at
from builder.model.facts import Facts
from builder.model.functions import compare, total
from builder.model.history import interim_key, label_of
from builder.model.items import Unit
from builder.model.periods import YEAR_MONTHS
from builder.model.plan import HELD, WORKING_CAPITAL
from builder.model.timeline import INTERIM, InterimLayout

PREFIX = "ib_bs_"
SHARE_LEFT = f"{PREFIX}share_left"
DA_LEFT = f"{PREFIX}da_left"
FCFF_LEFT = f"{PREFIX}fcff_left"
# Reported metric -> the Balance Sheet row(s) whose sum is its year-end forecast. Borrowings are
# handled apart (reported as a total or as short + long term; forecast with any revolver).
FORECAST_ROWS: dict[str, tuple[str, ...]] = {
    "cash": ("fc_cash",),
    "ppe": ("fc_bs_ppe",),
    **{line.metric: (f"fc_bs_{line.metric}",) for line in (*WORKING_CAPITAL, *HELD)},
    "minority_interests": ("fc_bs_minority",),
    "total_equity": ("fc_total_equity",),
    "total_liabilities": ("fc_total_liabilities",),
    "total_assets": ("fc_total_assets",),
}
BORROWINGS = "borrowings"
DEBT_FORMS = (("total_borrowings",), ("short_term_borrowings", "long_term_borrowings"))


def balance_key(metric: str) -> str:
    return f"{PREFIX}{metric}"


@dataclass(frozen=True)
class BalanceBridge:
    """Where the balance bridge sits: the reported column (the interim balance sheet date),
    the rest-of-year and full-year columns, the fiscal year and the metrics it bridges."""

    date: str
    rest: str
    full: str
    year: int
    metrics: tuple[str, ...]


def add_interim_balance(book: ItemBook, facts: Facts, layout: InterimLayout,
                        names: Mapping[str, str]) -> BalanceBridge | None:
    """The balance rows, once the Balance Sheet is in ``book``; None (nothing added) when no
    forecast balance-sheet line is reported at the end of the year to date."""
    current = layout.current
    end = layout.spans[current.to_date].last
    dates = [p for p in (*current.reported, current.to_date) if layout.spans[p].last == end]
    year_end = f"FY{current.year}"
    lines: list[tuple[str, str, Expr, Expr]] = []  # metric, label, reported, forecast
    for metric, rows in (*FORECAST_ROWS.items(), (BORROWINGS, ("fc_borrowings", "fc_revolver"))):
        rows = tuple(r for r in rows if book.has(r, year_end))
        if not rows:
            continue
        found = _reported(facts, metric, dates, names)
        if found is None:
            continue
        date, label, reported = found
        forecast = total(*(at(r, year_end) for r in rows)) if len(rows) > 1 else at(rows[0],
                                                                                   year_end)
        lines.append((metric, label, reported, forecast))
    if not lines:
        return None
    bridge = BalanceBridge(date, current.rest, current.full, current.year,
                           tuple(m for m, *_ in lines))
    for metric, label, reported, forecast in lines:
        key = balance_key(metric)
        book.calc(key, book.money(f"{label}: balance"), Unit.MONEY, INTERIM, cells={
            date: reported, current.full: forecast,
            current.rest: at(key, current.full) - at(key, date)})
    _pro_rata_rows(book, layout, bridge)
    return bridge


def _reported(facts: Facts, metric: str, dates: list[str],
              names: Mapping[str, str]) -> tuple[str, str, Expr] | None:
    """The column, label and formula of ``metric`` as reported at the interim date."""
    forms = DEBT_FORMS if metric == BORROWINGS else ((metric,),)
    for date in dates:
        for form in forms:
            if all(facts.has(m, date) for m in form):
                refs = [Ref(interim_key(m)) for m in form]
                label = (label_of(metric, names) if metric != BORROWINGS else
                         "Borrowings, short and long term (with any revolver in the forecast)")
                return date, label, total(*refs) if len(refs) > 1 else refs[0]
    return None


def _pro_rata_rows(book: ItemBook, layout: InterimLayout, bridge: BalanceBridge) -> None:
    """The share of the year left and what the year's D&A and FCFF give for it."""
    rest = layout.spans[bridge.rest]
    year_end = f"FY{bridge.year}"
    book.series_input(SHARE_LEFT, f"Share of FY{bridge.year} after the interim balance sheet "
                      f"({rest.months} of {YEAR_MONTHS} fiscal months, %)", Unit.RATIO, INTERIM,
                      {bridge.rest: rest.months / YEAR_MONTHS})
    share = at(SHARE_LEFT, bridge.rest)
    if "ppe" in bridge.metrics and book.has("fc_da", year_end):
        book.calc(DA_LEFT, book.money(f"Depreciation & amortisation still to come in "
                  f"FY{bridge.year}: the year's forecast x the share left"), Unit.MONEY, INTERIM,
                  cells={bridge.rest: at("fc_da", year_end) * share})
    if "cash" in bridge.metrics and book.has("fc_fcff", year_end):
        book.calc(FCFF_LEFT, book.money(f"Free cash flow to the firm still to come in "
                  f"FY{bridge.year}: the year's forecast x the share left"), Unit.MONEY, INTERIM,
                  cells={bridge.rest: at("fc_fcff", year_end) * share})


def add_interim_balance_checks(book: ItemBook, bridge: BalanceBridge | None,
                               explained: Mapping[str, str], checks: Checks) -> None:
    """PP&E falls by no more than the depreciation to come; cash rises by no more than the
    FCFF to come (each a warning, or acknowledged where the YAML explains it)."""
    if bridge is None:
        return
    rest, tolerance = bridge.rest, at(TOLERANCE, None)
    if book.has(DA_LEFT):
        fall = at(balance_key("ppe"), rest) + at(DA_LEFT, rest) + tolerance
        _warn(book, checks, "ppe", f"PP&E: the forecast's year end FY{bridge.year} is no lower "
              f"than reported at {bridge.date} less the depreciation still to come", rest,
              flag_unless(compare(fall, ">=", 0)), explained)
    if book.has(FCFF_LEFT):
        rise = at(balance_key("cash"), rest) - at(FCFF_LEFT, rest)
        _warn(book, checks, "cash", f"Cash: the forecast's rise after {bridge.date} to the year "
              f"end FY{bridge.year} is no more than the free cash flow to the firm still to come",
              rest, flag_unless(compare(rise, "<=", tolerance)), explained)


def _warn(book: ItemBook, checks: Checks, metric: str, text: str, column: str, flag: Expr,
          explained: Mapping[str, str]) -> None:
    key = f"warn_interim_balance_{metric}"
    if metric in explained:
        book.calc(key, f"{text} (1 = differs; explained in the YAML: {explained[metric]})",
                  Unit.FLAG, INTERIM, cells={column: flag}, description=explained[metric])
    else:
        checks.warning(key, text, INTERIM, {column: flag})

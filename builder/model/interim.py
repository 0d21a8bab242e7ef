"""The interim bridge: the first forecast year's reported periods against the annual forecast.

For every income statement line the company reported for the year's periods (quarters, halves
or cumulative periods), the sheet shows the year to date, the rest of the year the forecast
implies (full-year forecast less the year to date) and that rest's growth on the same months a
year earlier. A year earlier, periods not reported are rebuilt from this year's figures and
their reported growth (``this year / (1 + growth)``), in formulas, and the full year is their
sum where the documents give no full-year figure (how a segment's last actual year is known).

Checks: the implied rest of revenue must not be negative, and a profit line's rest must not
flip sign against the year to date unless the YAML explains why (then it is a warning).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from builder.model.book import ItemBook
from builder.model.checks import SEGMENT_TOLERANCE, Checks, close, flag_unless
from builder.model.expr import Expr, Ref, at
from builder.model.facts import Facts
from builder.model.functions import compare, ratio, total
from builder.model.history import interim_key, label_of, labelled, unit_of
from builder.model.items import Unit
from builder.model.timeline import INTERIM, InterimLayout, InterimYear

# (reported metric, forecast line it bridges to, kind): revenue lines must stay positive,
# profit lines must not flip sign. An adjusted metric stands in for its plain one only when the
# plain one is not reported for the year's periods.
BRIDGES = (
    ("revenue", "revenue", "revenue"),
    ("gross_profit", "gross_profit", "profit"),
    ("adj_gross_profit", "gross_profit", "profit"),
    ("operating_income", "ebit", "profit"),
    ("adj_operating_income", "ebit", "profit"),
    ("ebitda", "ebitda", "profit"),
    ("adj_ebitda", "ebitda", "profit"),
    ("pretax_income", "pretax", "profit"),
    ("net_profit", "net_profit", "profit"),
    ("net_income", "net_income", "profit"),
    ("adj_net_income", "net_income", "profit"),
)
# A money figure reported as a margin: (margin metric, base metric) -> money metric.
FROM_MARGIN = {"gross_profit": ("gross_margin", "revenue"),
               "adj_gross_profit": ("adj_gross_margin", "revenue"),
               "ebitda": ("ebitda_margin", "revenue"),
               "adj_ebitda": ("adj_ebitda_margin", "revenue"),
               "net_income": ("net_margin", "revenue")}


def bridge_key(metric: str) -> str:
    return f"ib_{metric}"


@dataclass(frozen=True)
class Bridged:
    """A bridged line: its metric, the forecast line and its kind (revenue or profit)."""

    metric: str
    line: str
    kind: str
    label: str


class InterimBridge:
    """Defines the interim sheet's items from the facts and the layout."""

    def __init__(self, book: ItemBook, facts: Facts, layout: InterimLayout,
                 names: Mapping[str, str]):
        self.book, self.facts, self.layout, self.names = book, facts, layout, names
        self.columns = layout.timeline.keys

    def add(self, segment_lines: Mapping[str, str]) -> list[Bridged]:
        """The reported rows, then a bridge per line reported for this year's periods;
        ``segment_lines`` maps each segment's metric to its forecast line."""
        self._reported_rows()
        lines = [*BRIDGES[:1], *((m, line, "revenue") for m, line in segment_lines.items()),
                 *BRIDGES[1:]]
        bridged: list[Bridged] = []
        covered_lines: set[str] = set()
        for metric, line, kind in lines:
            if (line in covered_lines and kind == "profit") or not self._reported_this_year(metric):
                continue
            if self._bridge(metric, line):
                covered_lines.add(line)
                bridged.append(Bridged(metric, line, kind, label_of(metric, self.names)))
        return bridged

    # -- reported figures ------------------------------------------------------------------

    def _reported_rows(self) -> None:
        spans = set(self.layout.spans)
        for metric in sorted(self.facts.metrics()):
            figures = self.facts.series(metric, [k for k in self.columns if k in spans])
            if not figures:
                continue
            self.book.historical(interim_key(metric), labelled(self.book, metric, self.names),
                                 unit_of(metric), INTERIM, figures,
                                 estimated=[p for p in figures
                                            if self.facts.is_estimate(metric, str(p))])

    def _reported(self, metric: str, period: str) -> Expr | None:
        """A figure as reported in ``period``, or computed from its reported margin."""
        if self.facts.has(metric, period):
            return Ref(interim_key(metric))
        margin = FROM_MARGIN.get(metric)
        if margin and all(self.facts.has(m, period) for m in margin):
            return Ref(interim_key(margin[0])) * Ref(interim_key(margin[1]))
        return None

    def _reported_this_year(self, metric: str) -> bool:
        return any(self._reported(metric, k) is not None for k in self.layout.current.reported)

    # -- the bridge --------------------------------------------------------------------------

    def _bridge(self, metric: str, line: str) -> bool:
        key = bridge_key(metric)
        cells: dict[str | None, Expr] = {}
        current, prior = self.layout.current, self.layout.prior
        for year in (current, prior):
            for period in year.reported:
                found = self._reported(metric, period)
                if found is None and year is prior:
                    found = self._rebuilt(metric, period)
                if found is not None:
                    cells[period] = found
        for year in (prior, current):
            if year.to_date not in cells:
                found = self._reported(metric, year.to_date) or self._chain(metric, year, cells)
                if found is None and year is prior:
                    found = self._rebuilt(metric, year.to_date)
                if found is not None:
                    cells[year.to_date] = found
        if current.to_date not in cells:
            return False  # nothing to bridge: the year to date is not known
        self._prior_rest_and_year(metric, cells)
        cells[current.full] = at(f"fc_{line}", f"FY{current.year}")
        cells[current.rest] = Ref(key, period=current.full, fixed=True) - Ref(
            key, period=current.to_date, fixed=True)
        label = label_of(metric, self.names)
        self.book.calc(key, self.book.money(f"{label}, by period"), Unit.MONEY, INTERIM,
                       cells=cells)
        if prior.rest in cells:
            self.book.calc(f"{key}_rest_yoy", f"{label}: the rest of the year, implied growth "
                           "(% YoY)", Unit.RATIO, INTERIM,
                           cells={current.rest: ratio(
                               at(key, current.rest) - at(key, prior.rest), at(key, prior.rest))})
        return True

    def _rebuilt(self, metric: str, prior_period: str) -> Expr | None:
        """A prior-year period from the same period this year and its reported growth."""
        span = self.layout.spans[prior_period]
        later = span.shifted(1).key
        growth = f"{metric}_yoy"
        if self._reported(metric, later) is not None and self.facts.has(growth, later):
            return at(bridge_key(metric), later) / (1 + at(interim_key(growth), later))
        return None

    def _chain(self, metric: str, year: InterimYear, cells: dict[str | None, Expr]) -> Expr | None:
        """The year to date as a sum of reported periods that run on from month 1."""
        spans = self.layout.spans
        reach: dict[int, tuple[str, ...]] = {0: ()}
        for period in sorted((p for p in year.reported if p in cells),
                             key=lambda p: (spans[p].first, spans[p].last)):
            span = spans[period]
            if span.first - 1 in reach and span.last not in reach:
                reach[span.last] = (*reach[span.first - 1], period)
        chain = reach.get(spans[year.to_date].last)
        if not chain:
            return None
        parts = [Ref(bridge_key(metric), period=p, fixed=True) for p in chain]
        return parts[0] if len(parts) == 1 else total(*parts)

    def _prior_rest_and_year(self, metric: str, cells: dict[str | None, Expr]) -> None:
        prior = self.layout.prior
        key = bridge_key(metric)
        full_year = f"FY{prior.year}"
        reported_year = self.facts.has(metric, full_year)
        rest = self._reported(metric, prior.rest)
        if rest is not None:
            cells[prior.rest] = rest
        elif reported_year and prior.to_date in cells:
            cells[prior.rest] = (Ref(key, period=prior.full, fixed=True)
                                 - Ref(key, period=prior.to_date, fixed=True))
        if reported_year:
            cells[prior.full] = at(f"hist_{metric}", full_year)
        elif prior.to_date in cells and prior.rest in cells:
            cells[prior.full] = (Ref(key, period=prior.to_date, fixed=True)
                                 + Ref(key, period=prior.rest, fixed=True))


def add_interim_checks(book: ItemBook, layout: InterimLayout, bridged: list[Bridged],
                       explained: Mapping[str, str], parts: Mapping[str, tuple[str, ...]],
                       checks: Checks) -> None:
    """The bridge's checks: a revenue line's implied rest is not negative; a profit line's does
    not flip sign against the year to date (a warning with the reason where the YAML explains
    it); reported parts add up to the reported year; segments add up to their parent."""
    current, prior = layout.current, layout.prior
    for line in bridged:
        key = bridge_key(line.metric)
        rest, to_date = at(key, current.rest), at(key, current.to_date)
        if line.kind == "revenue":
            checks.series(f"chk_interim_{line.metric}", f"{line.label}: the rest of "
                         f"FY{current.year} implied by the forecast is not negative", INTERIM,
                         {current.rest: _flag_unless(compare(rest, ">=", 0))})
        else:
            flip = _flag_unless(compare(rest * to_date, ">=", 0))
            text = (f"{line.label}: the rest of FY{current.year} has the sign of the year to "
                    "date")
            if line.metric in explained:
                checks.warning(f"warn_interim_{line.metric}", text, INTERIM,
                               {current.rest: flip}, explained[line.metric])
            else:
                checks.series(f"chk_interim_{line.metric}", text, INTERIM, {current.rest: flip})
        prior_cells = book.periods(key)
        if {prior.to_date, prior.rest, prior.full} <= prior_cells and book.item(key) and \
                _independent(book, key, prior):
            checks.series(f"chk_interim_parts_{line.metric}", f"{line.label}: FY{prior.year} "
                         "periods add up to the reported year", INTERIM,
                         {prior.full: _close(at(key, prior.to_date) + at(key, prior.rest),
                                             at(key, prior.full))})
    for parent, children in parts.items():
        keys = [bridge_key(c) for c in children]
        columns = [p for p in layout.timeline.keys
                   if book.has(bridge_key(parent), p) and all(book.has(k, p) for k in keys)]
        if columns:
            checks.series(f"chk_interim_sum_{parent}", f"{label_of(parent, {})}: its parts add up "
                         "to it, period by period", INTERIM,
                         {p: _close(total(*(Ref(k) for k in keys)), Ref(bridge_key(parent)))
                          for p in columns})


def _independent(book: ItemBook, key: str, prior: InterimYear) -> bool:
    """Whether the prior year's rest and full year were both reported (not one derived from the
    other), so that adding up is a check and not a tautology."""
    item = book.item(key)
    assert item is not None
    rest, full = item.cells.get(prior.rest), item.cells.get(prior.full)
    return not any(isinstance(c, Expr) and key in {r.key for r in c.references()}
                   for c in (rest, full))


def _flag_unless(condition: Expr) -> Expr:
    return flag_unless(condition)


def _close(left: Expr, right: Expr) -> Expr:
    return close(left, right, SEGMENT_TOLERANCE)

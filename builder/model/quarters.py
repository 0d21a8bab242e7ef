"""The quarterly bridge: rebuild last year's segments from reported quarters, and reconcile the
first forecast year with the quarters already reported.

Brokers and the press report segment revenue by quarter, often only with year-on-year growth
for the year before. A prior-year quarter that is not reported is rebuilt as
``this year's quarter / (1 + growth)``, in a formula, so the reader sees the derivation. The
last actual year's segment revenue is the sum of its four quarters; the first forecast year's
unreported quarter is implied as ``forecast year - reported quarters``, and a check flags it if
it turns negative.
"""

from __future__ import annotations

from builder.model import drivers
from builder.model.book import ItemBook
from builder.model.expr import Expr, Ref, at
from builder.model.facts import Facts
from builder.model.functions import SumRange, ratio
from builder.model.history import quarterly_key
from builder.model.items import Timeline, Unit
from builder.model.timeline import QUARTERLY, quarter_parts

# (metric, label): the series rebuilt quarter by quarter and summed into the annual model.
BRIDGED = (
    ("revenue", "Revenue"),
    ("public_cloud_revenue", "Public cloud revenue"),
    ("industry_cloud_revenue", "Industry cloud revenue"),
)


def bridge_key(metric: str) -> str:
    return f"qb_{metric}"


def implied_key(metric: str) -> str:
    return f"q_implied_{metric}"


def prior_year_quarters(quarterly: Timeline) -> tuple[str, ...]:
    return quarterly.keys[:4]


def current_year_quarters(quarterly: Timeline) -> tuple[str, ...]:
    return quarterly.keys[4:]


def add_bridge(book: ItemBook, facts: Facts, quarterly: Timeline, forecast_year: str) -> None:
    """Rebuilt quarterly rows, and the implied remaining quarters of the first forecast year."""
    reported = set(quarterly.actual_keys())
    current = current_year_quarters(quarterly)
    segmented = drivers.segmented(book)
    for metric, label in BRIDGED if segmented else BRIDGED[:1]:
        cells: dict[str | None, Expr] = {}
        for key in prior_year_quarters(quarterly):
            cells_for = _prior_quarter(facts, metric, key)
            if cells_for is not None:
                cells[key] = cells_for
        reported_now = [k for k in current if k in reported and facts.get(metric, k) is not None]
        for key in reported_now:
            cells[key] = Ref(quarterly_key(metric))
        book.calc(bridge_key(metric), f"{label}, reported or rebuilt (CNY m)", Unit.CNY_M,
                  QUARTERLY, cells=cells)
        open_quarters = [k for k in current if k not in reported_now]
        if reported_now and len(open_quarters) == 1:
            implied = at(f"fc_{metric}", forecast_year) - SumRange(
                bridge_key(metric), tuple(reported_now))
            book.calc(implied_key(metric), f"{label}, implied by the {forecast_year} forecast "
                      "(CNY m)", Unit.CNY_M, QUARTERLY, cells={open_quarters[0]: implied})
            prior = _same_quarter_last_year(open_quarters[0])
            if prior in cells:
                book.calc(f"{implied_key(metric)}_yoy", f"{label}, implied growth (% YoY)",
                          Unit.RATIO, QUARTERLY,
                          cells={open_quarters[0]: ratio(
                              Ref(implied_key(metric)) - at(bridge_key(metric), prior),
                              at(bridge_key(metric), prior))})


def _prior_quarter(facts: Facts, metric: str, key: str) -> Expr | None:
    if facts.get(metric, key) is not None:
        return Ref(quarterly_key(metric))
    later = _same_quarter_next_year(key)
    if facts.get(metric, later) is not None and facts.get(f"{metric}_yoy", later) is not None:
        return at(quarterly_key(metric), later) / (1 + at(quarterly_key(f"{metric}_yoy"), later))
    return None


def _same_quarter_next_year(key: str) -> str:
    quarter, year = quarter_parts(key)
    return f"{quarter}Q{year + 1:02d}"


def _same_quarter_last_year(key: str) -> str:
    quarter, year = quarter_parts(key)
    return f"{quarter}Q{year - 1:02d}"

"""Integrity checks, each a formula that is 0 when the model is sound and 1 when it is not.

Every check has a scalar total; the master check sums them, so one cell on the Checks sheet
(and on the cover) tells a reader whether anything is off.
"""

from __future__ import annotations

from collections.abc import Sequence

from builder.model import drivers
from builder.model.book import ItemBook
from builder.model.expr import Expr, Ref, at
from builder.model.functions import SumRange, absolute, compare, if_, total
from builder.model.items import Timeline, Unit
from builder.model.quarters import BRIDGED, implied_key
from builder.model.timeline import ANNUAL, QUARTERLY

TOLERANCE = "check_tolerance"
SEGMENT_TOLERANCE = "segment_tolerance"
MASTER = "check_master"


def flag_unless(condition: Expr) -> Expr:
    """0 where ``condition`` holds, 1 where it fails."""
    return if_(condition, 0, 1)


def add_checks(book: ItemBook, annual: Timeline, quarterly: Timeline,
               extra: Sequence[str] = ()) -> None:
    """The model's checks, and the master check over them and the ``extra`` scalar checks."""
    totals: list[str] = []

    def series_check(key: str, label: str, timeline: str, cells: dict[str | None, Expr]) -> None:
        if not cells:
            return
        book.calc(key, label, Unit.FLAG, timeline, cells=cells)
        periods = tuple(p for p in book.timelines[timeline].keys if p in cells)
        book.calc(f"{key}_total", f"{label}: failures (count)", Unit.FLAG, None,
                  cells={None: SumRange(key, periods)})
        totals.append(f"{key}_total")

    segments = total(Ref("fc_ai_revenue"), Ref("fc_non_ai_revenue"),
                     Ref("fc_industry_cloud_revenue"))
    segmented = drivers.segmented(book)
    series_check(
        "chk_segments", "Segments sum to total revenue (forecast)", ANNUAL,
        dict.fromkeys(annual.forecast_keys() if segmented else (),
                      flag_unless(compare(absolute(Ref("fc_revenue") - segments), "<=",
                                          at(TOLERANCE, None)))),
    )
    last_actual = annual.actual_keys()[-1]
    rebuilt = Ref("fc_public_cloud_revenue") + Ref("fc_industry_cloud_revenue")
    series_check(
        "chk_rebuilt_year", "Segments rebuilt from quarters match reported revenue", ANNUAL,
        {last_actual: flag_unless(compare(absolute(Ref("fc_revenue") - rebuilt), "<=",
                                          at(SEGMENT_TOLERANCE, None)))} if segmented else {},
    )
    reported = [p for p in quarterly.actual_keys()
                if book.has("q_revenue", p) and book.has("q_public_cloud_revenue", p)
                and book.has("q_industry_cloud_revenue", p)]
    series_check(
        "chk_quarter_segments", "Reported segments sum to reported quarterly revenue", QUARTERLY,
        {p: flag_unless(compare(absolute(Ref("q_revenue") - Ref("q_public_cloud_revenue")
                                         - Ref("q_industry_cloud_revenue")), "<=",
                                at(SEGMENT_TOLERANCE, None))) for p in reported},
    )
    for metric, label in BRIDGED:
        key = implied_key(metric)
        implied_periods = [p for p in quarterly.keys if book.has(key, p)]
        series_check(
            f"chk_implied_{metric}", f"{label}: implied remaining quarter is not negative",
            QUARTERLY, {p: flag_unless(compare(Ref(key), ">=", 0)) for p in implied_periods},
        )
    totals.extend(extra)
    book.calc(MASTER, "Master check (0 = all checks pass)", Unit.FLAG, None,
              cells={None: total(*[at(k, None) for k in totals])}, name="MasterCheck")


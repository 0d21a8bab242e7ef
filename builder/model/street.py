"""The Street: brokers' published estimates beside our forecast, with the gaps by formula.

Each broker's forecast of a metric is a row of reported figures (blue, quote in the comment);
under it, our forecast minus theirs, as a formula, in the metric's own unit (CNY m, or
percentage points for a margin). A relative gap would read backwards against a broker's loss.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from builder.historicals.records import ReconciledFigure
from builder.model.book import ItemBook
from builder.model.expr import Ref
from builder.model.facts import Facts
from builder.model.items import Timeline, Unit
from builder.model.timeline import ANNUAL


@dataclass(frozen=True, slots=True)
class StreetMetric:
    metric: str
    label: str
    unit: Unit
    ours: str | None  # the forecast row it compares with, if we model it


STREET_METRICS = (
    StreetMetric("revenue", "Revenue (CNY m)", Unit.CNY_M, "fc_revenue"),
    StreetMetric("gross_margin", "Gross margin (% of revenue)", Unit.RATIO, "fc_gross_margin"),
    StreetMetric("ebitda", "EBITDA (CNY m)", Unit.CNY_M, "fc_ebitda"),
    StreetMetric("net_income", "Net income (loss) (CNY m)", Unit.CNY_M, "fc_net_income"),
    StreetMetric("adj_net_income", "Adjusted net income (loss) (CNY m)", Unit.CNY_M, None),
)


@dataclass(frozen=True, slots=True)
class StreetRows:
    """The keys the Street sheet lays out, metric by metric."""

    metric: StreetMetric
    ours: str | None
    brokers: tuple[tuple[str, str | None], ...]  # (estimate row, difference row)


def street_key(broker: str, metric: str) -> str:
    """``st_<metric>__<broker>``: the metric first, so ``net_income`` never matches
    ``adj_net_income``."""
    return f"{street_prefix(metric)}{_slug(broker)}"


def street_prefix(metric: str) -> str:
    return f"st_{metric}__"


def add_street(book: ItemBook, facts: Facts, annual: Timeline) -> list[StreetRows]:
    """Estimate rows for the forecast years, a link to ours, and the differences."""
    forecast_years = set(annual.forecast_keys())
    by_metric: dict[str, dict[str, dict[str | None, ReconciledFigure]]] = defaultdict(dict)
    for figure in facts.estimates:
        if figure.period in forecast_years:
            by_metric[figure.metric].setdefault(figure.broker, {})[figure.period] = figure
    sections: list[StreetRows] = []
    for spec in STREET_METRICS:
        brokers = by_metric.get(spec.metric)
        if not brokers:
            continue
        ours_key = None
        if spec.ours is not None:
            ours_key = f"st_ours_{spec.metric}"
            book.calc(ours_key, f"Our forecast: {spec.label}", spec.unit, ANNUAL,
                      forecast=Ref(spec.ours))
        rows = []
        for broker in sorted(brokers):
            key = street_key(broker, spec.metric)
            book.historical(key, f"{broker}: {spec.label}", spec.unit, ANNUAL, brokers[broker])
            difference = None
            if ours_key is not None:
                difference = f"{key}_diff"
                unit = "pp" if spec.unit is Unit.RATIO else spec.unit.value
                book.calc(difference, f"Ours minus {broker} ({unit})", spec.unit, ANNUAL,
                          cells={p: Ref(ours_key) - Ref(key) for p in brokers[broker]})
            rows.append((key, difference))
        sections.append(StreetRows(spec, ours_key, tuple(rows)))
    return sections


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")

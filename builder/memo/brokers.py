"""Our forecast beside the brokers' published estimates found in the seed documents.

A broker's figure is the Street sheet's cell when the workbook has one, else the document's
figure (a ``document`` figure, with its quote); ours is the workbook's cell for the same metric
and year; the difference is derived from the
two, relative where the broker's figure is positive, in points for margins, else in millions.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from builder.historicals.records import ReconciledFigure
from builder.memo.figures import Cases, Shown, shown
from builder.memo.tables import difference
from builder.model.facts import Facts
from builder.model.items import Model
from builder.model.street import street_key

TARGET = "target_price"  # per traded unit, in the currency of the figure

# broker metric -> (label, our line item, or None where we have no such line; how ours compares)
METRICS = {
    "revenue": ("Revenue", "fc_revenue", "change"),
    "gross_margin": ("Gross margin", "fc_gross_margin", "points"),
    "ebitda": ("EBITDA", "fc_ebitda", "change"),
    "net_income": ("Net profit attributable", "fc_net_income", "change"),
    "net_profit": ("Net profit", "fc_net_profit", "change"),
    "cash": ("Cash at year end", "fc_cash", "change"),
    "adj_net_income": ("Adjusted net income", None, "change"),  # we do not model adjustments
    TARGET: ("Target price", None, "change"),  # ours: the listing quoted in its currency
}
ORDER = tuple(METRICS)


@dataclass(frozen=True)
class Estimate:
    """One broker's figure for a metric and year, and ours against it."""

    theirs: Shown
    difference: Shown | None
    source: str  # 001:56, where the broker's figure is quoted


@dataclass(frozen=True)
class BrokerRow:
    metric: str
    period: str  # FY2025E, or the date of a target price
    ours: Shown | None  # None: not in our model (shown as n/m)
    estimates: tuple[Estimate | None, ...]  # one per column of the table; None: not published


@dataclass(frozen=True)
class BrokerTable:
    brokers: tuple[str, ...]  # columns: each publication, "Guoyuan 2025-05-15", oldest first
    rows: tuple[BrokerRow, ...]


def broker_table(facts: Facts, model: Model, annual: str,
                 targets: Mapping[str, str]) -> BrokerTable | None:
    """``targets``: currency -> our target price item of the one listing quoted in it, the
    figure a broker's target in that currency is set against."""
    figures = [f for f in facts.estimates if f.metric in METRICS]
    if not figures:
        return None
    labels = {p.key: p.label for p in model.timelines[annual].periods}
    brokers = tuple(sorted({f.broker for f in figures}, key=lambda b: (_broker_date(b), b)))
    cases = Cases(model)
    rows = []
    for metric, period in sorted({(f.metric, f.period) for f in figures},
                                 key=lambda mp: (ORDER.index(mp[0]), mp[1])):
        found = {f.broker: f for f in figures if (f.metric, f.period) == (metric, period)}
        first = next(iter(found.values()))
        label, line = METRICS[metric][:2]
        if metric == TARGET:
            label, line = f"{label} ({first.currency})", targets.get(first.currency)
        ours = _ours(line, first, model, cases, _fmt(first))
        rows.append(BrokerRow(label, labels.get(period, period), ours,
                              tuple(_estimate(found[b], ours, cases) if b in found else None
                                    for b in brokers)))
    return BrokerTable(brokers, tuple(rows))


def _fmt(figure: ReconciledFigure) -> str:
    return {"fraction": "percent", "per_share": "price"}.get(figure.unit, "money")


def _estimate(figure: ReconciledFigure, ours: Shown | None, cases: Cases) -> Estimate:
    """The broker's figure: the Street sheet's cell when the workbook has one, else the
    document's figure as reconciled (the test checks it against the historicals)."""
    fmt = _fmt(figure)
    key = street_key(figure.broker, figure.metric)
    item = cases.model.items.get(key)
    if item is not None and figure.period in item.cells:
        theirs = cases.figure(fmt, key, figure.period)
    else:
        theirs = shown(fmt, figure.value, sources=figure.sources)
    compare = METRICS[figure.metric][2]
    if compare == "change" and fmt == "money" and not _both_positive(ours, theirs):
        compare = "delta"  # a relative change against a loss reads backwards
    diff = difference(compare, ours, theirs) if ours is not None else None
    source = ", ".join(f"{s.document[:3]}:{s.line}" for s in figure.sources)
    return Estimate(theirs, diff, source)


def _ours(ref: str | None, figure: ReconciledFigure, model: Model, cases: Cases,
          fmt: str) -> Shown | None:
    if ref is None:
        return None
    item = model.items.get(ref)
    if item is not None and item.timeline is None:  # a value, not a row: a target price
        return cases.figure(fmt, ref, None)
    if item is None or figure.period not in item.cells:
        return None
    return cases.figure(fmt, ref, figure.period)


def _both_positive(ours: Shown | None, theirs: Shown) -> bool:
    values = (theirs.value, ours.value if ours is not None else None)
    return all(isinstance(v, int | float) and v > 0 for v in values)


def _broker_date(broker: str) -> str:
    return broker.rsplit(" ", 1)[-1]

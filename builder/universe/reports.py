"""A synthetic company's documents: the annual report, a report per interim period, brokers'
notes; and the analyst's estimate of a figure the documents lack.

The annual report gives revenue by year and segment, income statement lines and the closing
balance sheet; an interim report gives its period's revenue by segment with its growth on a
year earlier (quarters, halves) or the prior year's figure beside it (cumulative periods), gross
profit or margin, and the last period's cash and borrowings. A broker's note gives forecasts
for the first forecast years; sometimes one is published after ``as_of`` (the build leaves its
figures out).
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from builder.model.periods import period_end
from builder.universe import series as sr
from builder.universe.documents import GROWTH, RATIO, Clause, Document
from builder.universe.profile import Draft
from builder.universe.revenue import Segment
from builder.universe.words import Words


def documents(rng: random.Random, words: Words, draft: Draft) -> tuple[list[Document], dt.date]:
    """The annual report, a report per interim period, maybe a broker's note (and one
    published after ``as_of``, which the build must leave out)."""
    profile, last = draft.profile, draft.actual[-1]
    fye = profile.fiscal_year_end
    chinese = profile.names == "cjk" and rng.random() < 0.7
    annual = _document(draft, f"annual_fy{last}.txt", f"Annual results FY{last}",
                       period_end(f"FY{last}", fye) + dt.timedelta(days=rng.randint(40, 100)),
                       chinese)
    _annual_lines(draft, annual)
    found = [annual]
    for name, key in zip(draft.periods.names, draft.periods.current, strict=True):
        report = _document(draft, f"results_{key.lower()}.txt", f"Results {key}",
                           period_end(key, fye) + dt.timedelta(days=rng.randint(20, 60)),
                           chinese)
        _interim_lines(rng, draft, report, name)
        found.append(report)
    as_of = max(d.published for d in found) + dt.timedelta(days=rng.randint(3, 30))
    if rng.random() < 0.4:
        found.append(_broker_note(rng, words, draft, as_of - dt.timedelta(
            days=rng.randint(1, 20)), "broker_note.txt"))
    if rng.random() < 0.15:
        found.append(_broker_note(rng, words, draft, as_of + dt.timedelta(
            days=rng.randint(1, 20)), "broker_note_later.txt"))
    return found, as_of


def _document(draft: Draft, name: str, title: str, published: dt.date,
              chinese: bool) -> Document:
    return Document(name, title, published, draft.profile.entity, draft.profile.reporting,
                    chinese)


def _revenue_label(node: Segment, document: Document) -> str:
    if node.is_root:
        return ""
    return f"{node.name}收入" if document.chinese else f"{node.name} revenue"


def _annual_lines(draft: Draft, document: Document) -> None:
    """Revenue by year and segment, income statement lines, the closing balance sheet."""
    last = draft.actual[-1]
    for node in draft.tree.walk():
        for year in node.reported:
            document.add(Clause(node.metric, f"FY{year}", node.history[year],
                                label=_revenue_label(node, document)))
        if node.from_interim:
            figures = draft.interim[node.id]
            document.add(Clause(node.metric, draft.periods.prior_rest,
                                figures.prior_rest or 0.0,
                                label=_revenue_label(node, document)))
    for (metric, year), value in sorted(draft.made.history.items(), key=lambda i: (i[0][1],
                                                                                   i[0][0])):
        document.add(Clause(metric, f"FY{year}", value))
    for metric, value in draft.made.opening.items():
        document.add(Clause(metric, f"FY{last}", value))


def _interim_lines(rng: random.Random, draft: Draft, document: Document, name: str) -> None:
    """A period's revenue by segment (with its growth, or the prior year's figure beside
    it), gross profit or margin, and the balance sheet the valuation may read."""
    periods = draft.periods
    key, prior = periods.key(name), periods.key(name, -1)
    for node in draft.tree.walk():
        if not node.interim:
            continue
        figures = draft.interim[node.id]
        label = _revenue_label(node, document)
        now = Clause(node.metric, key, figures.current[name], label=label)
        if periods.cumulative:
            document.add(now, Clause(node.metric, prior, figures.prior[name], label=label))
        else:
            document.add(now, Clause(f"{node.metric}_yoy", key, figures.growth[name], GROWTH))
    revenue = draft.interim["total"].current[name]
    margin = round(draft.made.first_margin * rng.uniform(0.9, 0.98), 3)
    if rng.random() < 0.5:
        document.add(Clause("gross_margin", key, margin, RATIO))
    else:
        document.add(Clause("gross_profit", key, sr.money(revenue * margin)))
    if key == draft.periods.current[-1]:
        for metric, value in _interim_balance(rng, draft).items():
            document.add(Clause(metric, key, value))


def _interim_balance(rng: random.Random, draft: Draft) -> dict[str, float]:
    """Cash and borrowings at the last reported period (the equity bridge may read them)."""
    opening = draft.made.opening
    debt = [m for m in ("total_borrowings", "short_term_borrowings", "long_term_borrowings")
            if m in opening]
    return {m: sr.money(opening[m] * rng.uniform(0.8, 1.3)) for m in ("cash", *debt)}


def _broker_note(rng: random.Random, words: Words, draft: Draft, published: dt.date,
                 name: str) -> Document:
    """A broker's forecasts for the first forecast years: the Street sheet compares them."""
    broker = f"{words.word()} Securities"
    note = _document(draft, name, f"{broker}: company note", published, False)
    root = draft.tree
    for offset, year in enumerate(draft.forecast[:3]):
        level = root.first["base"] * 1.08 ** offset * rng.uniform(0.85, 1.15)
        note.add(Clause("revenue", f"FY{year}", sr.money(level)), broker=broker)
        if rng.random() < 0.5:
            note.add(Clause("gross_margin", f"FY{year}",
                            round(draft.made.drivers["gross_margin"][year]
                                  + rng.uniform(-0.03, 0.03), 3), RATIO), broker=broker)
    return note


def estimates(rng: random.Random, draft: Draft,
              documents: list[Document]) -> list[dict[str, Any]]:
    """Sometimes an opening balance the documents lack: the analyst's estimate instead."""
    if rng.random() >= 0.3:
        return []
    candidates = [m for m in draft.made.opening
                  if not m.endswith("borrowings") and m != "cash"]
    metric = rng.choice(candidates)
    period = f"FY{draft.actual[-1]}"
    annual = documents[0]
    row = next(f for f in annual.figures if f.metric == metric and f.period == period)
    annual.figures.remove(row)
    annual.lines[row.source.line - 1] = "(This figure is not disclosed in this report.)"
    return [{"metric": metric, "period": period, "value": row.value,
             "why": "Not disclosed; the analyst's estimate from the prior year and peers."}]

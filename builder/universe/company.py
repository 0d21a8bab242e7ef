"""One synthetic company: what is drawn for its profile, and its files.

A :class:`~builder.universe.profile.Profile` fixes the shape (horizon, segment tree, reported
periods, currencies, peers, names); :func:`write_company` draws everything else from the
universe's generator and writes ``<stem>.yaml``, ``<stem>.historicals.csv`` (through the
project's own CSV writer) and the documents folder ``<stem>_documents/``.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any

from builder.historicals.table import write_figures
from builder.model.periods import period_end
from builder.universe import reports
from builder.universe import series as sr
from builder.universe.documents import Document, all_figures
from builder.universe.interim import Periods, interim_figures, largest_gap
from builder.universe.market import Market, cross_rates, draw_rates, listings, market_section
from builder.universe.profile import Draft, Profile
from builder.universe.revenue import Segment, choose_reported, revenue_tree
from builder.universe.statements import Statements, statements
from builder.universe.valuation import peers_section, valuation_section
from builder.universe.words import CJK_COMPANY_FORMS, COMPANY_FORMS, Words


def write_company(rng: random.Random, words: Words, profile: Profile, folder: Path,
                  macro: str) -> Path:
    draft = _draft(rng, words, profile)
    documents, as_of = reports.documents(rng, words, draft)
    estimates = reports.estimates(rng, draft, documents)
    data = _model(rng, words, draft, documents, as_of, estimates)
    folder_name = f"{profile.stem}_documents"
    (folder / folder_name).mkdir(parents=True, exist_ok=True)
    for document in documents:
        _write(folder / folder_name / document.name, document.text())
    _write(folder / f"{profile.stem}.historicals.csv", write_figures(all_figures(documents)))
    path = folder / f"{profile.stem}.yaml"
    _write(path, dump_yaml(data, f"Synthetic company {profile.entity}: made-up names, documents "
                                 "and figures.", include=macro))
    return path


def _draft(rng: random.Random, words: Words, profile: Profile) -> Draft:
    first = profile.first_year
    actual = list(range(first - profile.actual, first))
    forecast = list(range(first, first + profile.horizon))
    names = _names(rng, words, profile)
    per_usd = draw_rates(rng)
    scale = sr.significant(sr.log_uniform(rng, 20, 20_000) * per_usd[profile.reporting], 5)
    tree = revenue_tree(rng, words, profile.shape, profile.segments, profile.names == "cjk",
                        actual, forecast, scale, per_usd[profile.reporting])
    periods = Periods(profile.periods, first)
    choose_reported(rng, tree, actual, bool(periods.names),
                    profile.periods in ("quarters2", "quarters3", "half"))
    interim = interim_figures(rng, tree, periods, actual[-1]) if periods.names else {}
    made = statements(rng, tree.history, forecast, profile.names == "cjk")
    market = Market(profile.reporting, per_usd)
    market.listings = listings(rng, words, profile.reporting, profile.listing)
    return Draft(profile, names, actual, forecast, tree, periods, interim, made, market)


def _names(rng: random.Random, words: Words, profile: Profile) -> dict[str, Any]:
    zh = words.cjk() + rng.choice(CJK_COMPANY_FORMS)
    if profile.names == "cjk":
        return {"name_en": zh, "name_zh": zh, "aliases": [zh[:3]]}
    first, second = words.word(), words.word()
    english = f"{first} {second} {rng.choice(COMPANY_FORMS)}"
    if profile.names == "formula":
        english = "=1+1"
    elif profile.names == "hostile":
        english = f"{words.hostile()} {rng.choice(COMPANY_FORMS)}"
    return {"name_en": english, "name_zh": zh,
            "aliases": [f"{first} {second}", zh[:3]] if rng.random() < 0.6 else []}


# -- the model YAML ------------------------------------------------------------------------

def _model(rng: random.Random, words: Words, draft: Draft, documents: list[Document],
           as_of: dt.date, estimates: list[dict[str, Any]]) -> dict[str, Any]:
    profile, made = draft.profile, draft.made
    balance_sheet = (draft.periods.current[-1] if profile.interim_bridge and draft.periods.names
                     else f"FY{draft.actual[-1]}")
    balance_date = period_end(balance_sheet, profile.fiscal_year_end)
    market = draft.market.section
    market_section(rng, draft.market, draft.tree.history[draft.actual[-1]], as_of, balance_date)
    typed = _typed_bridge(rng, draft, balance_sheet)
    valuation = valuation_section(rng, draft.forecast, made.tax["rate"], balance_sheet, typed,
                                  _ebitda_positive(made, draft.forecast), profile.peers > 0)
    data: dict[str, Any] = {
        "model": f"{draft.names['name_en']}: synthetic coverage",
        "as_of": as_of,
        "company": _company(draft),
        "timeline": _timeline(draft),
        "historicals": _historicals(draft, documents, estimates),
        "tax": made.tax,
        "drivers": {"revenue": {n.id: n.driver for n in draft.tree.walk() if n.driver},
                    **made.drivers},
        "funding": made.funding,
        "scenarios": _scenarios(rng, draft),
        "memo": _memo(rng, words, draft, documents),
        "market": market,
        "valuation": valuation,
    }
    if profile.peers:
        medians = [m for m in ("ps", "ev_sales") if valuation["multiples"].get(m, 0) is None]
        data["peers"] = peers_section(rng, words, draft.market, profile.peers,
                                      valuation["multiples"]["year"], medians)
    crosses = cross_rates(rng, draft.market)
    if crosses:
        market["fx_cross"] = crosses
    market["fx"] = dict(sorted(market.get("fx", {}).items()))
    return data


def _company(draft: Draft) -> dict[str, Any]:
    profile = draft.profile
    company: dict[str, Any] = {"entity": profile.entity, **draft.names,
                               "listings": draft.market.listings,
                               "reporting_currency": profile.reporting, "unit": "millions"}
    if profile.fiscal_year_end != "12-31" or profile.index % 2:
        company["fiscal_year_end"] = profile.fiscal_year_end
    if draft.tree.children:
        company["segments"] = [_segment(s) for s in draft.tree.children]
    return company


def _segment(node: Segment) -> dict[str, Any]:
    entry: dict[str, Any] = {"id": node.id, "name": node.name}
    if node.aliases:
        entry["aliases"] = node.aliases
    if node.children:
        entry["children"] = [_segment(c) for c in node.children]
    return entry


def _timeline(draft: Draft) -> dict[str, Any]:
    timeline: dict[str, Any] = {"actual_years": draft.actual, "forecast_years": draft.forecast}
    if draft.periods.names:
        timeline["reported_periods"] = list(draft.periods.current)
    return timeline


def _historicals(draft: Draft, documents: list[Document],
                 estimates: list[dict[str, Any]]) -> dict[str, Any]:
    gap = largest_gap(draft.tree, draft.interim,
                      draft.periods if draft.periods.names else None, draft.actual[-1])
    section: dict[str, Any] = {
        "file": f"{draft.profile.stem}.historicals.csv",
        "documents": f"{draft.profile.stem}_documents",
        "document_dates": {d.name: d.published for d in documents},
        # reporting currency m: the largest rounding gap the documents' figures leave, with room
        "segment_tolerance": max(0.5, round(gap * 1.5 + 0.1, 1)),
    }
    if estimates:
        section["estimates"] = estimates
    return section


def _scenarios(rng: random.Random, draft: Draft) -> dict[str, Any]:
    section: dict[str, Any] = {
        "selected": rng.choice(("base", "base", "bear", "bull")),
        "base_description": "Segments grow as guided; margins widen with scale."}
    for case, text in (("bear", "Slower demand and weaker pricing."),
                       ("bull", "Faster adoption and better mix.")):
        overrides: dict[str, Any] = {"description": text}
        revenue = {n.id: n.overrides[case] for n in draft.tree.walk() if case in n.overrides}
        if revenue:
            overrides["revenue"] = revenue
        overrides.update(draft.made.overrides[case])
        section[case] = overrides
    return section


def _memo(rng: random.Random, words: Words, draft: Draft,
          documents: list[Document]) -> dict[str, Any]:
    name = draft.names["name_en"]
    segments = [n.name for n in draft.tree.walk() if not n.is_root]
    thesis = [f"{name} compounds revenue as its segments scale."]
    if segments:
        thesis.append(f"{rng.choice(segments)} leads the growth; the others follow.")
    if rng.random() < 0.3:
        thesis.append(words.hostile())
    return {"thesis": thesis,
            "risks": ["Demand could slow.", "Competition could compress margins."],
            "documents": {d.name: d.title for d in documents}}


def _typed_bridge(rng: random.Random, draft: Draft, balance_sheet: str) -> dict[str, float]:
    """Bridge figures the analyst types over the reported ones, sometimes; minority interests
    where the balance sheet the bridge reads does not report them."""
    typed: dict[str, float] = {}
    opening = draft.made.opening
    if rng.random() < 0.1:
        typed["cash"] = sr.money(opening["cash"] * rng.uniform(0.9, 1.1))
    if rng.random() < 0.1:
        debt = sum(v for m, v in opening.items() if m.endswith("borrowings"))
        typed["borrowings"] = sr.money(debt * rng.uniform(0.9, 1.1))
    if "minority_interests" in opening and not balance_sheet.startswith("FY"):
        typed["minority_interests"] = sr.money(opening["minority_interests"])
    return typed


def _ebitda_positive(made: Statements, forecast: list[int]) -> bool:
    """Whether EBITDA is clearly positive in the first three forecast years, in every case."""
    for year in forecast[:3]:
        for case in ("base", "bear", "bull"):
            cases = made.overrides.get(case, {})
            margin = cases.get("gross_margin", made.drivers["gross_margin"])[year]
            opex = sum(cases.get("opex", {}).get(line, entry["pct_revenue"])[year]
                       for line, entry in made.drivers["opex"].items())
            if margin - opex + made.drivers["da_pct_revenue"][year] < 0.03:
                return False
    return True


def dump_yaml(data: dict[str, Any], comment: str, include: str | None = None) -> str:
    import yaml

    class Dumper(yaml.SafeDumper):
        def ignore_aliases(self, data: object) -> bool:
            return True  # the loader refuses YAML aliases: repeat the values instead

    header = f"# {comment}\n" + (f"include: [{include}]\n" if include else "")
    return header + yaml.dump(data, Dumper=Dumper, sort_keys=False, allow_unicode=True,
                              width=100, default_flow_style=None)


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8", newline="\n")


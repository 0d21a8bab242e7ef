"""The memo's context: everything the templates print, built in Python from the model.

Templates only lay this out; they do no arithmetic and look nothing up. Each number is a
:class:`~builder.memo.figures.Shown` that knows its workbook cell, so ``walk(context)`` gives a
test every figure the memo can show. Sections the model cannot fill yet (valuation, a
sensitivity of the target price) are None, and the templates skip them with ``{% if %}``.
"""

from __future__ import annotations

from dataclasses import dataclass

from builder.inputs.schema import Assumptions
from builder.memo import brokers, sources, tables
from builder.memo.figures import Cases, Shown
from builder.memo.market import market_sources
from builder.memo.valuation import Valuation, currency_of, figure_named, valuation
from builder.model.comps import comps_note
from builder.model.facts import Facts
from builder.model.items import Model, Role
from builder.model.market import listing_key
from builder.model.namespace import scenario_row_key
from builder.model.segments import revenue_tree
from builder.model.timeline import ANNUAL

FOCUS_OFFSET = 2  # the scenario table and the sensitivity show the third forecast year
WACC_OVERRIDE = "in_wacc_override"  # the valuation's typed WACC (blank: use the build-up)
WACC_STEPS = (-0.01, 0.0, 0.01)
GROWTH_STEPS = (-0.005, 0.0, 0.005)


@dataclass(frozen=True)
class Header:
    title: str
    name_en: str
    name_zh: str
    tickers: tuple[str, ...]
    as_of: str
    currency: str  # the reporting currency of the money figures
    scenario: Shown
    rating: Shown | None
    target_price: Shown | None
    current_price: Shown | None
    price_currency: str
    upside: Shown | None


@dataclass(frozen=True)
class MemoContext:
    header: Header
    thesis: tuple[str, ...]
    risks: tuple[str, ...]
    financials: tables.Table
    valuation: Valuation | None
    scenarios: tables.ScenarioTable | None
    sensitivity: tables.Grid | None
    brokers: brokers.BrokerTable | None
    documents: tuple[sources.Document, ...]
    workbook: str  # the workbook's file name, which the memo says it summarises
    comps_note: str = ""  # the year of the peers' multiples against the valuation year
    market_sources: tuple[str, ...] = ()  # where the price, share count and FX came from


def build_context(assumptions: Assumptions, facts: Facts, model: Model,
                  workbook_name: str) -> MemoContext:
    cases = Cases(model)
    timeline = model.timelines[ANNUAL]
    forecast = timeline.forecast_keys()
    focus = forecast[min(FOCUS_OFFSET, len(forecast) - 1)]
    focus_label = timeline.periods[timeline.index(focus)].label
    return MemoContext(
        header=_header(assumptions, cases),
        thesis=tuple(assumptions.memo.thesis),
        risks=tuple(assumptions.memo.risks),
        financials=tables.financials(model, ANNUAL, _segments(assumptions)),
        valuation=valuation(cases),
        scenarios=tables.scenario_table(cases, focus, focus_label, _descriptions(assumptions),
                                        _valuation_columns(model)),
        sensitivity=_sensitivity(cases, focus, focus_label),
        brokers=brokers.broker_table(facts, model, ANNUAL, _targets_by_currency(assumptions,
                                                                                model)),
        documents=sources.documents(model, facts, dict(assumptions.memo.documents)),
        workbook=workbook_name,
        comps_note=_comps_note(assumptions),
        market_sources=market_sources(assumptions),
    )


def _header(assumptions: Assumptions, cases: Cases) -> Header:
    company = assumptions.company
    scenario = figure_named(cases, "Scenario")
    assert scenario is not None, "the model always has a Scenario input"
    return Header(
        title=assumptions.model,
        name_en=company.name_en,
        name_zh=company.name_zh,
        tickers=tuple(f"{x.ticker} ({x.exchange})" for x in company.listings),
        as_of=assumptions.as_of.isoformat(),
        currency=company.reporting_currency,
        scenario=scenario,
        rating=figure_named(cases, "Rating"),
        target_price=figure_named(cases, "TargetPrice"),
        current_price=figure_named(cases, "CurrentPrice"),
        price_currency=currency_of(cases.model, "TargetPrice")
        or currency_of(cases.model, "CurrentPrice"),
        upside=figure_named(cases, "Upside"),
    )


def _descriptions(assumptions: Assumptions) -> dict[str, str]:
    scenarios = assumptions.scenarios
    return {"bear": scenarios.bear.description, "base": scenarios.base_description,
            "bull": scenarios.bull.description}


def _valuation_columns(model: Model) -> tuple[tuple[str, str, str], ...]:
    columns = []
    currency = currency_of(model, "TargetPrice")
    for name, label, fmt in (("TargetPrice", f"Target price ({currency})" if currency
                              else "Target price", "price"), ("Upside", "Upside", "change")):
        item = model.named(name)
        if item is not None:
            columns.append((item.key, label, fmt))
    return tuple(columns)


def _sensitivity(cases: Cases, focus: str, focus_label: str) -> tables.Grid | None:
    """The target price against WACC and terminal growth when the valuation has them as
    inputs; before that, the focus year's net income against gross margin and AI growth."""
    model = cases.model
    wacc, growth, target = (model.named(n) for n in ("WACC", "TerminalGrowth", "TargetPrice"))
    override = model.items.get(WACC_OVERRIDE)
    if wacc and growth and target and growth.role is Role.INPUT:
        wacc_axis = None
        if wacc.role is Role.INPUT:
            wacc_axis = tables.Axis("WACC", (wacc.key,), wacc.key, None, WACC_STEPS)
        elif override is not None and override.role is Role.INPUT:
            wacc_axis = tables.Axis("WACC", (), wacc.key, None, WACC_STEPS, override.key)
        if wacc_axis is not None:
            return tables.sensitivity(
                cases, "Target price sensitivity", wacc_axis,
                tables.Axis("Terminal growth", (growth.key,), growth.key, None, GROWTH_STEPS),
                target.key, None, f"Target price ({currency_of(model, 'TargetPrice')} per "
                "quoted share); WACC (typed into the WACC input) and terminal growth moved, "
                "everything else as in the workbook.")
    selector = model.named("Scenario")
    selected = str(model.value(selector.key, None) if selector else "base").lower()
    margin = scenario_row_key("drv_gross_margin", selected)
    growth = next((k for k, item in model.items.items() if k.startswith("drv_seg_")
                   and k.endswith(f"_growth__{selected}")), None)
    if margin not in model.items or growth is None or "fc_net_income" not in model.items:
        return None
    live = growth.removesuffix(f"__{selected}")
    name = model.items[live].label.removeprefix("Revenue growth: ").split(" (")[0]
    return tables.sensitivity(
        cases, f"Net profit {focus_label} sensitivity",
        tables.Axis(f"Gross margin {focus_label}", (margin,), margin, focus, (-0.02, 0.0, 0.02)),
        tables.Axis(f"{name} growth {focus_label}", (growth,), growth, focus,
                    (-0.10, 0.0, 0.10)),
        "fc_net_income", focus,
        f"Net profit attributable {focus_label} ({model.items['fc_net_income'].unit_text}). "
        f"Each driver moves by the same step in every forecast year of the {selected} "
        "scenario.")


def _segments(assumptions: Assumptions) -> tuple[tuple[str, str], ...]:
    """The leaves of the company's revenue tree, as the key financials list them."""
    tree = revenue_tree(assumptions)
    leaves = [n for n in tree.walk() if not n.children and not n.is_root]
    return tuple((f"fc_{n.key}", n.name) for n in leaves)


def _targets_by_currency(assumptions: Assumptions, model: Model) -> dict[str, str]:
    """Currency -> our target price item of the listing quoted in it; a currency two listings
    share is left out (a broker's target in it could be per share or per ADS)."""
    targets: dict[str, str | None] = {}
    for listing in assumptions.company.listings:
        key = f"val_target_{listing_key(listing)}"
        if model.items.get(key) is not None:
            targets[listing.currency] = None if listing.currency in targets else key
    return {currency: key for currency, key in targets.items() if key is not None}


def _comps_note(assumptions: Assumptions) -> str:
    """Which year the peer multiples are and which the valuation applies them to, and what the
    published ones rest on."""
    if assumptions.peers is None or assumptions.valuation is None:
        return ""
    return comps_note(assumptions.peers, assumptions.valuation.multiples.year)

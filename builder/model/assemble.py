"""Put the model together: timelines, inputs, historicals, the interim bridge, the three
statements, the valuation and the checks; then evaluate."""

from __future__ import annotations

from builder.inputs.schema import Assumptions
from builder.model import drivers, street
from builder.model.book import ItemBook
from builder.model.cashflow import MINIMUM_CASH
from builder.model.checks import SEGMENT_TOLERANCE, TOLERANCE, Checks
from builder.model.comps import PEERS, peer_timeline
from builder.model.cover import add_cover
from builder.model.driver_history import add_driver_history
from builder.model.evaluate import evaluate
from builder.model.facts import Facts
from builder.model.football import FOOTBALL, add_football, football_timeline
from builder.model.forecast import add_forecast, add_statement_checks
from builder.model.history import BALANCE, CASH_FLOW, INCOME, add_historicals
from builder.model.interim import InterimBridge, add_interim_checks
from builder.model.interim_balance import add_interim_balance, add_interim_balance_checks
from builder.model.items import Model, Timeline, Unit
from builder.model.namespace import scenario_namespace
from builder.model.plan import make_plan
from builder.model.revenue import RevenueHistory
from builder.model.segments import SUM, Node, revenue_tree
from builder.model.sensitivity import GRID, grid_timeline
from builder.model.taxes import LOSSES_BROUGHT_FORWARD, TAX_RATE
from builder.model.timeline import ANNUAL, INTERIM, annual_timeline, interim_layout
from builder.model.valuation import add_valuation


def declared_names(assumptions: Assumptions, tree: Node) -> dict[str, str]:
    """Labels of the metrics the company declares: its segments and its expense lines."""
    names: dict[str, str] = {}
    for node in tree.walk():
        if not node.is_root:
            names[node.metric] = node.label
            names[f"{node.metric}_yoy"] = f"{node.label} growth, year on year"
            if node.parent not in (None, "total"):
                parent = next(n for n in tree.walk() if n.id == node.parent)
                names[f"{node.id}_share_of_{node.parent}"] = f"{node.name}, share of {parent.name}"
    for line, entry in assumptions.drivers.opex.items():
        names[entry.metric or f"{line}_expenses"] = entry.name
    return names


def build_model(assumptions: Assumptions, facts: Facts) -> Model:
    """The whole model, pure: the same assumptions and facts always give the same values.

    Raises :class:`~builder.model.facts.MissingFigures` naming every figure the model needs
    and neither the documents nor the analyst give."""
    annual = annual_timeline(assumptions)
    interim = interim_layout(assumptions)
    timelines: dict[str, Timeline] = {ANNUAL: annual}
    if interim is not None:
        timelines[INTERIM] = interim.timeline
    if assumptions.valuation is not None:
        timelines[GRID] = grid_timeline()
        timelines[FOOTBALL] = football_timeline()
    if assumptions.peers is not None:
        timelines[PEERS] = peer_timeline(assumptions.peers)
    book = ItemBook(timelines, assumptions.company.reporting_currency)
    tree = revenue_tree(assumptions)
    names = declared_names(assumptions, tree)
    specs = drivers.driver_specs(assumptions, tree)

    drivers.add_scenario_selector(book, assumptions)
    _general_inputs(book, assumptions)
    drivers.add_drivers(book, specs, assumptions.timeline.forecast_years)
    segment_metrics = tuple(m for node in tree.walk() if not node.is_root
                            for m in (node.metric, f"{node.metric}_yoy"))
    add_historicals(book, facts, annual, names, segment_metrics)
    bridged = []
    if interim is not None:
        bridged = InterimBridge(book, facts, interim, names).add(
            {n.metric: n.key for n in tree.walk() if not n.is_root})
    plan = make_plan(assumptions, facts, annual, tree, frozenset(s.key for s in specs))
    history = RevenueHistory(book, tree, facts, annual, interim)
    add_forecast(book, plan, history)
    add_driver_history(book, plan)
    checks = Checks(book)
    add_statement_checks(book, checks, plan, assumptions.non_positive_why)
    if interim is not None:
        parts = {n.metric: tuple(c.metric for c in n.children)
                 for n in tree.walk() if n.kind == SUM and n.children}
        add_interim_checks(book, interim, bridged, assumptions.timeline.explained, parts, checks)
        add_interim_balance_checks(book, add_interim_balance(book, facts, interim, names),
                                   assumptions.timeline.explained, checks)
    street.add_street(book, facts, annual, names,
                      {**{n.metric: n.key for n in tree.walk() if not n.is_root},
                       **{metric: f"opex_{line}" for line, _, metric in plan.opex}},
                      (*INCOME, *BALANCE, *CASH_FLOW))
    namespaces = tuple(scenario_namespace(s, [spec.key for spec in specs])
                       for s in drivers.SCENARIOS)
    quotes = add_valuation(book, assumptions, facts, annual, namespaces,
                           lambda ns: add_forecast(book, plan, history, ns), checks)
    if quotes is not None:
        add_football(book, namespaces, quotes.rating)
    checks.master()
    add_cover(book, annual, quotes, checks.warnings)
    facts.raise_missing()
    leaves = tuple(f"fc_{n.key}" for n in tree.walk() if not n.children and not n.is_root)
    return evaluate(book.items, timelines, leaves)


def _general_inputs(book: ItemBook, assumptions: Assumptions) -> None:
    tax, funding = assumptions.tax, assumptions.funding
    book.scalar_input(TAX_RATE, "Tax rate on profit before tax (%)", Unit.RATIO, tax.rate,
                      name="TaxRate")
    if tax.losses == "carry_forward":
        book.scalar_input(LOSSES_BROUGHT_FORWARD, book.money("Tax losses brought forward into "
                          "the forecast"), Unit.MONEY, tax.losses_brought_forward)
    book.scalar_input(MINIMUM_CASH, book.money("Minimum cash at a year end"), Unit.MONEY,
                      funding.minimum_cash, name="MinimumCash")
    if funding.shortfall == "revolver":
        book.scalar_input("in_revolver_rate", "Interest on the revolver (%)", Unit.RATIO,
                          funding.revolver_rate)
    book.scalar_input(SEGMENT_TOLERANCE, book.money("Rounding tolerance, reported parts vs "
                      "totals"), Unit.MONEY, assumptions.historicals.segment_tolerance)
    book.scalar_input(TOLERANCE, book.money("Tolerance of exact checks"), Unit.MONEY, 0.001)

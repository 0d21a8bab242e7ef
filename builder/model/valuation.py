"""The valuation, put together: market inputs, WACC, DCF, multiples, comps, scenarios, grids.

The live namespace reads the drivers the scenario switch picks; each fixed scenario gets its
own copy of the forecast and the valuation (same definitions, its own driver rows), so the
Valuation sheet shows all three target prices side by side as live formulas.
"""

from __future__ import annotations

from builder.inputs.schema import Assumptions
from builder.model import bridge, comps, dcf, forecast, market, multiples, sensitivity, wacc
from builder.model.book import ItemBook
from builder.model.drivers import SCENARIOS
from builder.model.expr import at
from builder.model.facts import Facts
from builder.model.items import Timeline, Unit
from builder.model.namespace import LIVE, Namespace, scenario_namespace
from builder.model.valuation_checks import add_valuation_checks


def scenario_namespaces() -> tuple[Namespace, ...]:
    return tuple(scenario_namespace(s) for s in SCENARIOS)


def add_valuation(book: ItemBook, assumptions: Assumptions, facts: Facts, annual: Timeline,
                  quarterly: Timeline) -> list[str]:
    """Every valuation item; returns the keys of the checks to add to the master check."""
    valuation, quote = assumptions.valuation, assumptions.market
    if valuation is None or quote is None:
        return []
    market.add_market(book, assumptions)
    wacc.add_wacc(book, valuation)
    wacc.add_terminal_inputs(book, valuation)
    wacc.add_discounting(book, annual)
    bridge.add_bridge(book, valuation.equity_bridge)
    medians: dict[str, str] = {}
    if assumptions.peers is not None:
        medians = comps.add_comps(book, assumptions.peers, book.timelines[comps.PEERS])
    multiples.add_multiple_inputs(book, valuation, medians)
    headline, unit = market.headline_factor(quote), market.price_unit(quote)
    for ns in (LIVE, *scenario_namespaces()):
        if not ns.live:
            forecast.add_forecast(book, facts, annual, quarterly, ns)
        dcf.add_dcf(book, ns, annual)
        multiples.add_multiples(book, ns, valuation)
        multiples.add_target(book, ns, valuation, headline, unit)
    multiples.add_rating(book, valuation)
    side_by_side = []
    for scenario in SCENARIOS:
        ns = scenario_namespace(scenario)
        key = book.calc(f"val_scenario_{scenario}_target", f"Target price: {scenario.capitalize()}"
                        f" scenario ({unit.value})", unit, None,
                        cells={None: at(ns.val("target"), None)})
        side_by_side.append(key)
    for scenario in SCENARIOS:
        book.calc(f"val_scenario_{scenario}_upside", f"Upside: {scenario.capitalize()} scenario "
                  "(%)", Unit.RATIO, None,
                  cells={None: at(scenario_namespace(scenario).val("upside"), None)})
    if assumptions.peers is not None:
        comps.add_own_at_median(book, assumptions.company.name_en, assumptions.peers.year,
                                valuation.multiples.year, headline, unit)
    sensitivity.add_sensitivity(book, valuation.sensitivity, annual, headline, unit)
    return add_valuation_checks(book, valuation, tuple(side_by_side))

"""The valuation, put together: market inputs, WACC, DCF, multiples, comps, scenarios, grids.

The live namespace reads the drivers the scenario switch picks; each fixed scenario gets its
own copy of the three statements and the valuation (same definitions, its own driver rows), so
the Valuation sheet shows all three target prices side by side as live formulas.
"""

from __future__ import annotations

from collections.abc import Callable

from builder.inputs.schema import Assumptions
from builder.model import bridge, comps, dcf, market, multiples, sensitivity, wacc
from builder.model.book import ItemBook
from builder.model.checks import Checks
from builder.model.drivers import SCENARIOS
from builder.model.expr import at
from builder.model.facts import Facts
from builder.model.items import Timeline, Unit
from builder.model.market import Quotes
from builder.model.namespace import LIVE, Namespace
from builder.model.periods import period_end
from builder.model.placement_timing import add_placement_timing
from builder.model.valuation_checks import add_valuation_checks


def add_valuation(book: ItemBook, assumptions: Assumptions, facts: Facts, annual: Timeline,
                  namespaces: tuple[Namespace, ...],
                  add_statements: Callable[[Namespace], None], checks: Checks) -> Quotes | None:
    """Every valuation item, and its checks; ``add_statements`` builds a scenario's copy of the
    three statements. Returns the listings' quotes (None without a valuation)."""
    valuation = assumptions.valuation
    if valuation is None or assumptions.market is None:
        return None
    quotes = market.add_market(book, assumptions)
    wacc.add_wacc(book, valuation)
    wacc.add_terminal_inputs(book, valuation)
    fye = assumptions.company.fiscal_year_end
    wacc.add_valuation_date(book, period_end(valuation.equity_bridge.balance_sheet, fye),
                            period_end(annual.forecast_keys()[0], fye))
    wacc.add_discounting(book, annual)
    bridge.add_bridge(book, valuation.equity_bridge, facts,
                      market.placements_after_balance_sheet(assumptions))
    add_placement_timing(book, checks, assumptions)
    medians: dict[str, str] = {}
    if assumptions.peers is not None:
        medians = comps.add_comps(book, assumptions, book.timelines[comps.PEERS])
    multiples.add_multiple_inputs(book, valuation, medians)
    multiples.add_target_basis(book, valuation)
    for ns in (LIVE, *namespaces):
        if not ns.live:
            add_statements(ns)
        dcf.add_dcf(book, ns, annual)
        multiples.add_dividends_ahead(book, ns, annual.forecast_keys())
        multiples.add_multiples(book, ns, valuation)
        multiples.add_target(book, ns, valuation, quotes)
    multiples.add_rating(book, valuation)
    side_by_side = []
    rating = quotes.rating
    for scenario, ns in zip(SCENARIOS, namespaces, strict=True):
        key = book.calc(f"val_scenario_{scenario}_target", book.price(
            f"Target price: {scenario.capitalize()} scenario", rating.currency), Unit.PRICE,
            None, currency=rating.currency, cells={None: at(ns.val("target"), None)})
        side_by_side.append(key)
    for scenario, ns in zip(SCENARIOS, namespaces, strict=True):
        book.calc(f"val_scenario_{scenario}_upside", f"Upside: {scenario.capitalize()} scenario "
                  "(%)", Unit.RATIO, None, cells={None: at(ns.val("upside"), None)})
    if assumptions.peers is not None:
        comps.add_own_at_median(book, assumptions.company.name_en, assumptions.peers.year,
                                valuation.multiples.year, rating)
    sensitivity.add_sensitivity(book, valuation.sensitivity, annual, rating)
    add_valuation_checks(book, checks, assumptions, quotes, tuple(side_by_side))
    return quotes

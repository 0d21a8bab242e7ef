"""Put the model together: timelines, inputs, historicals, bridge, forecast, checks; evaluate."""

from __future__ import annotations

from builder.inputs.schema import Assumptions
from builder.model import checks, drivers, forecast, history, market, quarters, street
from builder.model.book import ItemBook
from builder.model.comps import PEERS, peer_timeline
from builder.model.cover import add_cover
from builder.model.evaluate import evaluate
from builder.model.facts import Facts
from builder.model.football import FOOTBALL, add_football, football_timeline
from builder.model.items import Model, Timeline, Unit
from builder.model.sensitivity import GRID, grid_timeline
from builder.model.timeline import ANNUAL, QUARTERLY, annual_timeline, quarterly_timeline
from builder.model.valuation import add_valuation


def build_model(assumptions: Assumptions, facts: Facts) -> Model:
    """The whole model, pure: the same assumptions and facts always give the same values."""
    annual = annual_timeline(assumptions)
    quarterly = quarterly_timeline(assumptions)
    timelines: dict[str, Timeline] = {ANNUAL: annual, QUARTERLY: quarterly}
    if assumptions.valuation is not None:
        timelines[GRID] = grid_timeline()
        timelines[FOOTBALL] = football_timeline()
    if assumptions.peers is not None:
        timelines[PEERS] = peer_timeline(assumptions.peers)
    book = ItemBook(timelines)

    drivers.add_scenario_selector(book, assumptions)
    book.scalar_input(forecast.TAX_RATE, "Tax rate on positive profit (%)", Unit.RATIO,
                      assumptions.tax_rate, name="TaxRate")
    book.scalar_input(checks.SEGMENT_TOLERANCE, "Rounding tolerance, segments vs total (CNY m)",
                      Unit.CNY_M, assumptions.historicals.segment_tolerance)
    book.scalar_input(checks.TOLERANCE, "Tolerance of exact checks (CNY m)", Unit.CNY_M, 0.001)
    drivers.add_drivers(book, assumptions)
    history.add_historicals(book, facts, annual, quarterly)
    quarters.add_bridge(book, facts, quarterly, annual.forecast_keys()[0])
    forecast.add_forecast(book, facts, annual, quarterly)
    street.add_street(book, facts, annual)
    valuation_checks = add_valuation(book, assumptions, facts, annual, quarterly)
    if assumptions.valuation is not None:
        assert assumptions.market is not None
        add_football(book, drivers.SCENARIOS, market.headline_factor(assumptions.market),
                     market.price_unit(assumptions.market))
    checks.add_checks(book, annual, quarterly, extra=valuation_checks)
    add_cover(book, assumptions, annual)
    return evaluate(book.items, timelines)

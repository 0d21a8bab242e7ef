"""Driver inputs: each forecast driver as a Bear, Base and Bull row and a live row picked by INDEX.

The live row is what the forecast reads, so switching the scenario cell in Excel re-runs the
whole model, and the Python model runs the same switch with the YAML's selected scenario.
"""

from __future__ import annotations

from dataclasses import dataclass

from builder.inputs.schema import Assumptions, DriverOverrides, Drivers
from builder.model.book import ItemBook
from builder.model.expr import at
from builder.model.functions import Match, pick
from builder.model.items import Unit
from builder.model.timeline import ANNUAL

SCENARIOS = ("bear", "base", "bull")
SCENARIO_KEY = "scenario"
SCENARIO_INDEX_KEY = "scenario_index"


@dataclass(frozen=True, slots=True)
class DriverSpec:
    key: str  # live row key, read by the forecast
    path: tuple[str, ...]  # where the YAML keeps it, under drivers / scenario overrides
    label: str
    unit: Unit
    name: str | None = None


DRIVERS = (
    DriverSpec("drv_growth_ai", ("revenue_growth", "ai_public_cloud"),
               "Revenue growth: AI public cloud (% YoY)", Unit.RATIO, "Growth_AI_Cloud"),
    DriverSpec("drv_growth_non_ai", ("revenue_growth", "non_ai_public_cloud"),
               "Revenue growth: non-AI public cloud (% YoY)", Unit.RATIO, "Growth_NonAI_Cloud"),
    DriverSpec("drv_growth_industry", ("revenue_growth", "industry_cloud"),
               "Revenue growth: industry cloud (% YoY)", Unit.RATIO, "Growth_Industry_Cloud"),
    DriverSpec("drv_growth_total", ("revenue_growth", "total"),
               "Revenue growth: total, one segment (% YoY)", Unit.RATIO, "Growth_Revenue"),
    DriverSpec("drv_gross_margin", ("gross_margin",), "Gross margin (% of revenue)", Unit.RATIO,
               "GrossMargin"),
    DriverSpec("drv_selling", ("selling_pct_revenue",), "Selling & marketing (% of revenue)",
               Unit.RATIO),
    DriverSpec("drv_ga", ("ga_pct_revenue",), "General & administrative (% of revenue)",
               Unit.RATIO),
    DriverSpec("drv_rnd", ("rnd_pct_revenue",), "Research & development (% of revenue)",
               Unit.RATIO),
    DriverSpec("drv_other_income", ("other_income_pct_revenue",),
               "Other income, net of finance costs (% of revenue)", Unit.RATIO),
    DriverSpec("drv_da", ("da_pct_revenue",), "Depreciation & amortisation (% of revenue)",
               Unit.RATIO),
    DriverSpec("drv_capex", ("capex_pct_revenue",), "Capital expenditure (% of revenue)",
               Unit.RATIO),
    DriverSpec("drv_receivable_days", ("receivable_days",), "Receivable days (days of revenue)",
               Unit.DAYS),
    DriverSpec("drv_payable_days", ("payable_days",), "Payable days (days of cost of revenue)",
               Unit.DAYS),
)


def segmented(book: ItemBook) -> bool:
    """True when revenue is built by segment (the YAML gives segment growth, not ``total``)."""
    return book.has("drv_growth_ai")


def scenario_row_key(spec: DriverSpec, scenario: str) -> str:
    return f"{spec.key}__{scenario}"


def add_scenario_selector(book: ItemBook, assumptions: Assumptions) -> None:
    for scenario in SCENARIOS:
        book.scalar_input(f"scenario_name_{scenario}", f"Scenario {SCENARIOS.index(scenario) + 1}"
                          " (name)", Unit.TEXT, scenario.capitalize())
    book.scalar_input(SCENARIO_KEY, "Scenario selected (Bear / Base / Bull)", Unit.TEXT,
                      assumptions.scenarios.selected.capitalize(), name="Scenario",
                      options=tuple(s.capitalize() for s in SCENARIOS))
    book.calc(SCENARIO_INDEX_KEY, "Scenario index (1 = Bear, 2 = Base, 3 = Bull)", Unit.INDEX,
              None, cells={None: Match(at(SCENARIO_KEY, None),
                                       tuple(f"scenario_name_{s}" for s in SCENARIOS))},
              name="ScenarioIndex")


def add_drivers(book: ItemBook, assumptions: Assumptions) -> None:
    years = assumptions.timeline.forecast_years
    for spec in DRIVERS:
        base = _series(assumptions.drivers, spec.path)
        if base is None:
            continue  # a segment this company does not report
        for scenario in SCENARIOS:
            override = None
            if scenario != "base":
                override = _series(getattr(assumptions.scenarios, scenario), spec.path)
            values = override if override is not None else base
            book.series_input(scenario_row_key(spec, scenario),
                              f"{spec.label}: {scenario.capitalize()}", spec.unit, ANNUAL,
                              {f"FY{y}": float(values[y]) for y in years})
        book.calc(spec.key, f"{spec.label}: selected scenario", spec.unit, ANNUAL,
                  forecast=pick([scenario_row_key(spec, s) for s in SCENARIOS],
                                at(SCENARIO_INDEX_KEY, None)),
                  name=spec.name)


def _series(drivers: Drivers | DriverOverrides, path: tuple[str, ...]) -> dict[int, float] | None:
    node: object = drivers
    for part in path:
        node = getattr(node, part, None) if node is not None else None
    return node  # type: ignore[return-value]

"""Driver inputs: each forecast driver as a Bear, Base and Bull row and a live row picked by INDEX.

The live row is what the forecast reads, so switching the scenario cell in Excel re-runs the
whole model, and the Python model runs the same switch with the YAML's selected scenario. Which
drivers exist follows the declarations: a row per segment driver (named after the segment), per
operating expense line, and per optional driver the YAML gives.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from builder.inputs.schema import Assumptions
from builder.inputs.statement_schema import DriverOverrides
from builder.model.book import ItemBook
from builder.model.expr import at
from builder.model.functions import Match, pick
from builder.model.items import Unit
from builder.model.namespace import scenario_row_key
from builder.model.segments import GROWTH, SHARE, VOLUME_PRICE, Node
from builder.model.timeline import ANNUAL

SCENARIOS = ("bear", "base", "bull")
SCENARIO_KEY = "scenario"
SCENARIO_INDEX_KEY = "scenario_index"
Series = Mapping[int, float]


@dataclass(frozen=True)
class DriverSpec:
    key: str  # live row key, read by the forecast
    label: str
    unit: Unit
    base: Series
    overrides: Mapping[str, Series | None] = field(default_factory=dict)  # bear / bull
    name: str | None = None  # defined name of the live row


# (YAML key, live row key, label, unit, defined name) of the drivers every company may give.
PLAIN = (
    ("gross_margin", "drv_gross_margin", "Gross margin (% of revenue)", Unit.RATIO,
     "GrossMargin"),
    ("other_income_pct_revenue", "drv_other_income", "Other operating income, net (% of "
     "revenue)", Unit.RATIO, None),
    ("non_recurring", "drv_non_recurring", "Non-recurring items before tax", Unit.MONEY, None),
    ("da_pct_revenue", "drv_da", "Depreciation & amortisation (% of revenue)", Unit.RATIO, None),
    ("sbc_pct_revenue", "drv_sbc", "Share-based compensation (% of revenue)", Unit.RATIO, None),
    ("capex_pct_revenue", "drv_capex", "Capital expenditure (% of revenue)", Unit.RATIO,
     "CapexRatio"),
    ("receivable_days", "drv_receivable_days", "Receivable days (days of revenue)", Unit.DAYS,
     None),
    ("inventory_days", "drv_inventory_days", "Inventory days (days of cost of revenue)",
     Unit.DAYS, None),
    ("payable_days", "drv_payable_days", "Payable days (days of cost of revenue)", Unit.DAYS,
     None),
    ("other_current_assets_pct_revenue", "drv_other_current_assets", "Other current assets (% "
     "of revenue)", Unit.RATIO, None),
    ("accrued_expenses_pct_revenue", "drv_accrued_expenses", "Accrued expenses (% of revenue)",
     Unit.RATIO, None),
    ("other_current_liabilities_pct_revenue", "drv_other_current_liabilities", "Other current "
     "liabilities (% of revenue)", Unit.RATIO, None),
    ("interest_rate_on_debt", "drv_interest_on_debt", "Interest rate on opening borrowings (%)",
     Unit.RATIO, None),
    ("interest_rate_on_cash", "drv_interest_on_cash", "Interest rate on opening cash (%)",
     Unit.RATIO, None),
    ("minority_share", "drv_minority_share", "Minority interests' share of net profit (%)",
     Unit.RATIO, None),
    ("dividend_payout", "drv_payout", "Dividend payout (% of attributable net profit)",
     Unit.RATIO, None),
    ("debt_change", "drv_debt_change", "New borrowings less repayments", Unit.MONEY, None),
    ("equity_issuance", "drv_equity_issuance", "New equity issued", Unit.MONEY, None),
    ("buybacks", "drv_buybacks", "Share buybacks", Unit.MONEY, None),
    ("other_investing", "drv_other_investing", "Other investing cash flows (inflow +)",
     Unit.MONEY, None),
    ("other_financing", "drv_other_financing", "Other financing cash flows (inflow +)",
     Unit.MONEY, None),
)
LIVE_KEYS = {yaml_key: key for yaml_key, key, _, _, _ in PLAIN}


def segment_driver_keys(node: Node) -> dict[str, str]:
    """Driver part (growth, share, volume, price) -> live row key, for one segment."""
    parts = {GROWTH: ("growth",), SHARE: ("share",), VOLUME_PRICE: ("volume", "price")}
    return {part: f"drv_seg_{node.id}_{part}" for part in parts.get(node.kind, ())}


def opex_driver_key(line: str) -> str:
    return f"drv_opex_{line}"


def driver_specs(assumptions: Assumptions, tree: Node) -> tuple[DriverSpec, ...]:
    """Every driver the YAML gives, in the Inputs sheet's reading order."""
    drivers, scenarios = assumptions.drivers, assumptions.scenarios
    cases: dict[str, DriverOverrides] = {"bear": scenarios.bear, "bull": scenarios.bull}
    specs: list[DriverSpec] = []
    names = {n.id: n.name for n in tree.walk()}
    for node in tree.walk():
        given = drivers.revenue.get(node.id)
        for part, key in segment_driver_keys(node).items():
            assert given is not None
            overrides = {case: getattr(o.revenue[node.id], part) if node.id in o.revenue
                         else None for case, o in cases.items()}
            label = _segment_label(node, part, names.get(node.parent or "", "total revenue"),
                                   assumptions.company.reporting_currency)
            specs.append(DriverSpec(key, label, _UNITS[part], getattr(given, part), overrides,
                                    name=f"{part.capitalize()}_{node.id}"))
    for line, entry in drivers.opex.items():
        overrides = {case: o.opex.get(line) for case, o in cases.items()}
        specs.append(DriverSpec(opex_driver_key(line), f"{entry.name} (% of revenue)",
                                Unit.RATIO, entry.pct_revenue, overrides))
    for yaml_key, key, label, unit, name in PLAIN:
        base = getattr(drivers, yaml_key)
        if base is None:
            continue
        overrides = {case: getattr(o, yaml_key) for case, o in cases.items()}
        specs.append(DriverSpec(key, label, unit, base, overrides, name))
    return tuple(specs)


_UNITS = {"growth": Unit.RATIO, "share": Unit.RATIO, "volume": Unit.QUANTITY,
          "price": Unit.PRICE}


def _segment_label(node: Node, part: str, parent: str, currency: str) -> str:
    """A driver row's label from the segment's declared name; a share names its parent."""
    if node.parent == "total":
        parent = "total revenue"
    what = "total revenue" if node.is_root else node.name
    return {"growth": f"Revenue growth: {what} (% YoY)",
            "share": f"{node.name}: share of {parent} (%)",
            "volume": f"{what}: volume (m {node.volume_unit})",
            "price": f"{what}: price per {_singular(node.volume_unit)} ({currency})"}[part]


def _singular(unit: str) -> str:
    return unit[:-1] if unit.endswith("s") and len(unit) > 1 else unit


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


def add_drivers(book: ItemBook, specs: tuple[DriverSpec, ...], years: list[int]) -> None:
    for spec in specs:
        for scenario in SCENARIOS:
            values = spec.overrides.get(scenario) or spec.base
            label = f"{spec.label}: {scenario.capitalize()}"
            book.series_input(scenario_row_key(spec.key, scenario),
                              book.money(label) if spec.unit is Unit.MONEY else label,
                              spec.unit, ANNUAL, {f"FY{y}": float(values[y]) for y in years})
        label = f"{spec.label}: selected scenario"
        book.calc(spec.key, book.money(label) if spec.unit is Unit.MONEY else label, spec.unit,
                  ANNUAL, forecast=pick([scenario_row_key(spec.key, s) for s in SCENARIOS],
                                        at(SCENARIO_INDEX_KEY, None)),
                  name=spec.name)

"""The annual forecast: segment revenue to net income, EBITDA and free cash flow to the firm.

Actual columns link to the reported figures (or rebuild them from the quarterly bridge);
forecast columns apply the live drivers, one expression per row for every forecast year.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from itertools import pairwise

from builder.model import drivers
from builder.model.book import ItemBook
from builder.model.expr import Expr, Ref, at, prev
from builder.model.facts import Facts
from builder.model.functions import SumRange, maximum, ratio, total
from builder.model.history import annual_key
from builder.model.items import Timeline, Unit
from builder.model.namespace import LIVE, Namespace
from builder.model.quarters import bridge_key, prior_year_quarters
from builder.model.timeline import ANNUAL

DAYS_IN_YEAR = 365
TAX_RATE = "tax_rate"


def add_forecast(book: ItemBook, facts: Facts, annual: Timeline, quarterly: Timeline,
                 ns: Namespace = LIVE) -> None:
    """Every forecast row under ``ns``: the live model, or one scenario's copy of it."""
    fc, drv = ns.fc, ns.driver
    actual = annual.actual_keys()
    last_actual = actual[-1]
    has = {metric: {p for p in actual if facts.get(metric, p) is not None}
           for metric in ("revenue", "revenue_yoy", "ai_revenue", "gross_margin", "ebitda",
                          "net_income", "accounts_receivable", "accounts_payable")}

    def linked(metric: str) -> dict[str | None, Expr]:
        return {p: Ref(annual_key(metric)) for p in sorted(has[metric])}

    def grown(key: str, driver: str) -> Expr:
        return prev(key) * (1 + Ref(driver))

    def growth_cells(key: str) -> dict[str | None, Expr]:
        """YoY growth wherever this and the previous column both exist: one expression shared
        by every such column, as the row's formula is the same in each."""
        return dict.fromkeys(_after_present(annual, book.periods(key)),
                             ratio(Ref(key) - prev(key), prev(key)))

    # Revenue build
    segmented = drivers.segmented(book)
    if segmented:
        _segment_revenue(book, ns, has, quarterly, last_actual, linked, grown)
    else:
        book.calc(fc("revenue"), "Total revenue (CNY m)", Unit.CNY_M, ANNUAL,
                  cells=linked("revenue"), forecast=grown(fc("revenue"), drv("drv_growth_total")))
    growth = growth_cells(fc("revenue"))
    first = annual.keys[0]
    if first in has["revenue_yoy"]:
        growth[first] = Ref(annual_key("revenue_yoy"))
    book.calc(fc("revenue_growth"), "Revenue growth (% YoY)", Unit.RATIO, ANNUAL, cells=growth)
    for segment, label in (("ai_revenue", "AI public cloud"), ("non_ai_revenue", "Non-AI public "
                           "cloud"), ("industry_cloud_revenue", "Industry cloud")):
        if not segmented:
            break
        book.calc(fc(f"{segment}_growth"), f"{label} growth (% YoY)", Unit.RATIO, ANNUAL,
                  cells=growth_cells(fc(segment)))

    # Income statement
    book.calc(fc("gross_margin"), "Gross margin (% of revenue)", Unit.RATIO, ANNUAL,
              cells=linked("gross_margin"), forecast=Ref(drv("drv_gross_margin")))
    margin_years = {p: Ref(fc("revenue")) * Ref(fc("gross_margin"))
                    for p in has["gross_margin"] & has["revenue"]}
    book.calc(fc("gross_profit"), "Gross profit (CNY m)", Unit.CNY_M, ANNUAL, cells=margin_years,
              forecast=Ref(fc("revenue")) * Ref(fc("gross_margin")))
    book.calc(fc("cost_of_revenue"), "Cost of revenue (CNY m)", Unit.CNY_M, ANNUAL,
              cells={p: Ref(fc("revenue")) - Ref(fc("gross_profit")) for p in margin_years},
              forecast=Ref(fc("revenue")) - Ref(fc("gross_profit")))
    for key, label, driver in (
        ("selling", "Selling & marketing expenses (CNY m)", "drv_selling"),
        ("ga", "General & administrative expenses (CNY m)", "drv_ga"),
        ("rnd", "Research & development expenses (CNY m)", "drv_rnd"),
    ):
        book.calc(fc(key), label, Unit.CNY_M, ANNUAL,
                  forecast=Ref(fc("revenue")) * Ref(drv(driver)))
    book.calc(fc("opex"), "Operating expenses (CNY m)", Unit.CNY_M, ANNUAL,
              forecast=total(Ref(fc("selling")), Ref(fc("ga")), Ref(fc("rnd"))))
    book.calc(fc("ebit"), "Operating profit (EBIT) (CNY m)", Unit.CNY_M, ANNUAL,
              forecast=Ref(fc("gross_profit")) - Ref(fc("opex")))
    book.calc(fc("da"), "Depreciation & amortisation (CNY m)", Unit.CNY_M, ANNUAL,
              forecast=Ref(fc("revenue")) * Ref(drv("drv_da")))
    book.calc(fc("ebitda"), "EBITDA (CNY m)", Unit.CNY_M, ANNUAL, cells=linked("ebitda"),
              forecast=Ref(fc("ebit")) + Ref(fc("da")))
    book.calc(fc("ebitda_margin"), "EBITDA margin (% of revenue)", Unit.RATIO, ANNUAL,
              cells={p: ratio(Ref(fc("ebitda")), Ref(fc("revenue")))
                     for p in has["ebitda"] & has["revenue"]},
              forecast=ratio(Ref(fc("ebitda")), Ref(fc("revenue"))))
    book.calc(fc("other_income"), "Other income, net of finance costs (CNY m)", Unit.CNY_M,
              ANNUAL, forecast=Ref(fc("revenue")) * Ref(drv("drv_other_income")))
    book.calc(fc("pretax_income"), "Profit before tax (CNY m)", Unit.CNY_M, ANNUAL,
              forecast=Ref(fc("ebit")) + Ref(fc("other_income")))
    book.calc(fc("income_tax"), "Income tax (CNY m; nil on losses)", Unit.CNY_M, ANNUAL,
              forecast=maximum(0, Ref(fc("pretax_income"))) * at(TAX_RATE, None))
    book.calc(fc("net_income"), "Net income (loss) (CNY m)", Unit.CNY_M, ANNUAL,
              cells=linked("net_income"),
              forecast=Ref(fc("pretax_income")) - Ref(fc("income_tax")))
    book.calc(fc("net_margin"), "Net margin (% of revenue)", Unit.RATIO, ANNUAL,
              cells={p: ratio(Ref(fc("net_income")), Ref(fc("revenue")))
                     for p in has["net_income"] & has["revenue"]},
              forecast=ratio(Ref(fc("net_income")), Ref(fc("revenue"))))

    # Free cash flow to the firm
    book.calc(fc("tax_on_ebit"), "Tax on operating profit (CNY m; nil on losses)", Unit.CNY_M,
              ANNUAL, forecast=maximum(0, Ref(fc("ebit"))) * at(TAX_RATE, None))
    book.calc(fc("nopat"), "Operating profit after tax (CNY m)", Unit.CNY_M, ANNUAL,
              forecast=Ref(fc("ebit")) - Ref(fc("tax_on_ebit")))
    book.calc(fc("capex"), "Capital expenditure (CNY m)", Unit.CNY_M, ANNUAL,
              forecast=Ref(fc("revenue")) * Ref(drv("drv_capex")))
    book.calc(fc("receivables"), "Accounts receivable (CNY m)", Unit.CNY_M, ANNUAL,
              cells=linked("accounts_receivable"),
              forecast=Ref(fc("revenue")) * Ref(drv("drv_receivable_days")) / DAYS_IN_YEAR)
    book.calc(fc("payables"), "Accounts payable (CNY m)", Unit.CNY_M, ANNUAL,
              cells=linked("accounts_payable"),
              forecast=Ref(fc("cost_of_revenue")) * Ref(drv("drv_payable_days")) / DAYS_IN_YEAR)
    wc_years = has["accounts_receivable"] & has["accounts_payable"]
    book.calc(fc("receivable_days"), "Receivable days (days of revenue)", Unit.DAYS, ANNUAL,
              cells={p: ratio(Ref(fc("receivables")) * DAYS_IN_YEAR, Ref(fc("revenue")))
                     for p in has["accounts_receivable"] & has["revenue"]},
              forecast=Ref(drv("drv_receivable_days")))
    book.calc(fc("payable_days"), "Payable days (days of cost of revenue)", Unit.DAYS, ANNUAL,
              cells={p: ratio(Ref(fc("payables")) * DAYS_IN_YEAR, Ref(fc("cost_of_revenue")))
                     for p in has["accounts_payable"] & set(margin_years)},
              forecast=Ref(drv("drv_payable_days")))
    book.calc(fc("nwc"), "Trade working capital (CNY m)", Unit.CNY_M, ANNUAL,
              cells={p: Ref(fc("receivables")) - Ref(fc("payables")) for p in wc_years},
              forecast=Ref(fc("receivables")) - Ref(fc("payables")))
    nwc_years = set(wc_years) | set(annual.forecast_keys())
    book.calc(fc("change_nwc"), "Increase in trade working capital (CNY m)", Unit.CNY_M, ANNUAL,
              cells=dict.fromkeys(_after_present(annual, nwc_years),
                                  Ref(fc("nwc")) - prev(fc("nwc"))))
    book.calc(fc("fcff"), "Free cash flow to the firm (CNY m)", Unit.CNY_M, ANNUAL,
              forecast=Ref(fc("nopat")) + Ref(fc("da")) - Ref(fc("capex"))
              - Ref(fc("change_nwc")))

def _after_present(timeline: Timeline, present: Collection[str | None]) -> list[str]:
    """The periods in ``present`` whose previous period on ``timeline`` is present too."""
    keys = timeline.keys
    return [p for before, p in pairwise(keys) if p in present and before in present]


def _segment_revenue(book: ItemBook, ns: Namespace, has: dict[str, set[str]], quarterly: Timeline,
                     last_actual: str, linked: Callable[[str], dict[str | None, Expr]],
                     grown: Callable[[str, str], Expr]) -> None:
    """AI and non-AI public cloud and industry cloud, summing to total revenue.

    The last actual year's segments come from the quarterly bridge (the documents give segment
    revenue by quarter only); non-AI is public cloud less the reported AI revenue.
    """
    fc, drv = ns.fc, ns.driver
    book.calc(fc("ai_revenue"), "AI public cloud revenue (CNY m)", Unit.CNY_M, ANNUAL,
              cells=linked("ai_revenue"), forecast=grown(fc("ai_revenue"), drv("drv_growth_ai")))
    bridged = prior_year_quarters(quarterly)
    book.calc(fc("public_cloud_revenue"), "Public cloud revenue (CNY m)", Unit.CNY_M, ANNUAL,
              cells={last_actual: SumRange(bridge_key("public_cloud_revenue"), bridged)},
              forecast=Ref(fc("ai_revenue")) + Ref(fc("non_ai_revenue")))
    non_ai_actual = {p: Ref(fc("public_cloud_revenue")) - Ref(fc("ai_revenue"))
                     for p in has["ai_revenue"] if p == last_actual}
    book.calc(fc("non_ai_revenue"), "Non-AI public cloud revenue (CNY m)", Unit.CNY_M, ANNUAL,
              cells=non_ai_actual, forecast=grown(fc("non_ai_revenue"), drv("drv_growth_non_ai")))
    book.calc(fc("industry_cloud_revenue"), "Industry cloud revenue (CNY m)", Unit.CNY_M, ANNUAL,
              cells={last_actual: SumRange(bridge_key("industry_cloud_revenue"), bridged)},
              forecast=grown(fc("industry_cloud_revenue"), drv("drv_growth_industry")))
    book.calc(fc("revenue"), "Total revenue (CNY m)", Unit.CNY_M, ANNUAL, cells=linked("revenue"),
              forecast=total(Ref(fc("ai_revenue")), Ref(fc("non_ai_revenue")),
                             Ref(fc("industry_cloud_revenue"))), name=None)

"""The three statements: Income Statement, Balance Sheet and Cash Flow, on the annual timeline.

Each line's actual columns hold its reported (or derived) history and its forecast columns the
formula, so every ratio sits beside its past. The same grouping lays out the live model and each
scenario's copy (items under the ``sc_<scenario>_`` prefix).
"""

from __future__ import annotations

from collections.abc import Callable

from builder.inputs.schema import Assumptions
from builder.layout.sheets.common import units_note
from builder.layout.spec import Gap, Heading, ItemRow, Row, SheetSpec
from builder.model.items import Model
from builder.model.plan import HELD, WORKING_CAPITAL
from builder.model.timeline import ANNUAL

SIDE = {line.metric: line.side for line in (*WORKING_CAPITAL, *HELD)}
TAX_ROWS = {"tax", "cash_tax", "dta_used", "deferred_tax", "tax_rate_effective"}
PER_SHARE = {"eps_basic", "eps_diluted", "dividends", "dps"}
BALANCE_ROWS = {"cash", "capex", "borrowings", "revolver", "equity", "bs_minority",
                "bs_other_net", "total_assets", "total_liabilities", "total_equity",
                "balance_check", "net_debt", "dta"}
OPERATING = {"cf_net_profit", "cf_da", "cf_sbc", "cf_deferred_tax", "cf_non_cash",
             "cf_working_capital", "cfo"}
INVESTING = {"cf_capex", "cf_other_investing", "cfi"}
FREE_CASH = {"fcff", "interest_tax_shield", "fcff_from_cash_flow", "nopat", "reinvestment_rate"}


def _group(name: str) -> tuple[str, str]:
    """(sheet, heading) of a forecast line, by what kind of line it is."""
    if name in {"revenue", "revenue_growth"} or name.startswith("seg_"):
        return "is", "Revenue"
    if name in TAX_ROWS or name.startswith("tax_"):
        return "is", "Income tax"
    if name in PER_SHARE:
        return "is", "Per share and dividends"
    if name in BALANCE_ROWS or name.startswith("bs_"):
        return "bs", _balance_heading(name)
    if name in OPERATING:
        return "cf", "Operating activities"
    if name in INVESTING:
        return "cf", "Investing activities"
    if name in FREE_CASH or name.startswith("u_"):
        return "cf", "Free cash flow to the firm (tax on profit before interest)"
    if name.startswith("cf_") or name in {"cff", "cash_before_funding", "funding_need",
                                          "cash_change"}:
        return "cf", "Financing activities and funding"
    return "is", "Income statement"


def _balance_heading(name: str) -> str:
    metric = name.removeprefix("bs_")
    if name in {"cash", "capex", "dta", "bs_ppe", "bs_other_net"} or SIDE.get(metric) == "asset":
        return "Assets"
    if name in {"borrowings", "revolver"} or SIDE.get(metric) == "liability":
        return "Liabilities"
    if name in {"equity", "bs_minority"}:
        return "Equity"
    return "Totals and checks"


HEADINGS = {
    "is": ("Revenue", "Income statement", "Income tax", "Per share and dividends"),
    "bs": ("Assets", "Liabilities", "Equity", "Totals and checks"),
    "cf": ("Operating activities", "Investing activities", "Financing activities and funding",
           "Free cash flow to the firm (tax on profit before interest)"),
}
CHECKS = {"chk_balance": "bs", "chk_fcff_ties": "cf", "warn_funding_need": "cf"}


def statement_rows(model: Model, prefix: str = "") -> dict[str, list[Row]]:
    """Rows of each statement sheet (``is``, ``bs``, ``cf``) for the items under ``prefix``."""
    grouped: dict[tuple[str, str], list[str]] = {}
    start = f"{prefix}fc_"
    for key, item in model.items.items():
        if key.startswith(start) and item.timeline == ANNUAL:
            grouped.setdefault(_group(key[len(start):]), []).append(key)
    sheets: dict[str, list[Row]] = {}
    for sheet, headings in HEADINGS.items():
        rows: list[Row] = []
        for heading in headings:
            keys = grouped.get((sheet, heading), [])
            if keys:
                rows += [Heading(heading), *(ItemRow(k) for k in keys), Gap()]
        sheets[sheet] = rows
    if not prefix:
        for key, item in model.items.items():
            if item.timeline != ANNUAL or not key.startswith(("chk_", "warn_")):
                continue
            sheet = CHECKS.get(key, "is")
            sheets[sheet] += [Heading("Checks (1 = fails or warns; counted on the Checks "
                                      "sheet)")] if not any(
                isinstance(r, Heading) and r.title.startswith("Checks") for r in sheets[sheet]
            ) else []
            sheets[sheet].append(ItemRow(key))
    return sheets


TITLES = {"is": ("Income Statement", "Income statement: revenue by segment to earnings per share"),
          "bs": ("Balance Sheet", "Balance sheet: rolled forward, balancing every year"),
          "cf": ("Cash Flow", "Cash flow statement, funding and free cash flow to the firm")}


def statement_sheet(kind: str) -> Callable[[Model, Assumptions], SheetSpec]:
    def build(model: Model, assumptions: Assumptions) -> SheetSpec:
        name, title = TITLES[kind]
        return SheetSpec(name, title, ANNUAL, tuple(statement_rows(model)[kind]),
                         subtitle=units_note(assumptions.company.reporting_currency))

    return build

"""Sensitivity grids: the target price re-computed in every cell by an explicit formula.

No Data Tables: each cell re-discounts the forecast FCFF with its own WACC, term by term,
adds the terminal value at its own growth or exit multiple, bridges to equity and blends with
the other methods exactly as the target price does. So the base-case cell equals the target
price (a check says so) and every other cell is auditable on its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from builder.inputs.valuation_schema import Sensitivity
from builder.model import market, wacc
from builder.model.book import ItemBook
from builder.model.conditions import missing
from builder.model.dcf import BRIDGE, terminal_flow
from builder.model.expr import Expr, Ref, at
from builder.model.functions import compare, if_, total
from builder.model.items import Period, Timeline, Unit
from builder.model.market import Quote
from builder.model.namespace import LIVE

ROLL_FORWARD = "in_target_forward"
DIVIDENDS_AHEAD = "dps_next_year"  # a val_ item: dividends per share of the next 12 months

GRID = "grid"
OFFSETS = (-2, -1, 0, 1, 2)
LABELS = ("-2 steps", "-1 step", "Base", "+1 step", "+2 steps")
CENTRE = "sens_0"


def grid_timeline() -> Timeline:
    return Timeline(GRID, tuple(Period(_column(o), label, True)
                                for o, label in zip(OFFSETS, LABELS, strict=True)))


def _column(offset: int) -> str:
    return CENTRE if offset == 0 else f"sens_{'m' if offset < 0 else 'p'}{abs(offset)}"


# Each grid's own answer at the base WACC, growth and multiple: the target price had the terminal
# value been taken by that grid's method. The grid of the method chosen gives TargetPrice itself.
GRID_ANSWERS = {"gordon": ("sens_target_gordon", "TargetPrice_Gordon", "sens_gordon_2"),
                "exit_multiple": ("sens_target_exit", "TargetPrice_ExitMultiple", "sens_exit_2")}


def highlights() -> list[tuple[str, str | None]]:
    """The cell of each grid equal to its own answer (the base axes), for the writer to mark."""
    return [(row, CENTRE) for _, _, row in GRID_ANSWERS.values()]


@dataclass(frozen=True)
class Basis:
    """How a DCF equity value becomes the target: per unit of the rating listing (its
    conversion factor), rolled forward, less the year's dividends where the model has them."""

    factor: str
    dividends: bool


def add_sensitivity(book: ItemBook, steps: Sensitivity, annual: Timeline,
                    rating: Quote) -> None:
    currency = rating.currency
    headline = Basis(rating.factor, book.has(LIVE.val(DIVIDENDS_AHEAD)))
    book.scalar_input("in_sens_wacc_step", "Sensitivity step: WACC (%)", Unit.RATIO,
                      steps.wacc_step)
    book.scalar_input("in_sens_growth_step", "Sensitivity step: terminal growth (%)", Unit.RATIO,
                      steps.growth_step)
    book.scalar_input("in_sens_exit_step", "Sensitivity step: exit EV / EBITDA (x)",
                      Unit.MULTIPLE, steps.exit_multiple_step)
    book.calc("val_target_ex_dcf", book.price("Target price less its DCF part", currency),
              Unit.PRICE, None, currency=currency,
              cells={None: (at("val_target_per_share", None) - at("val_dcf_contribution", None))
                     * at(rating.factor, None)})
    _grid_answers(book, annual.forecast_keys()[-1], headline, currency)
    _axis_row(book, "sens_growth_axis", "Terminal growth across (%)", Unit.RATIO, wacc.GROWTH,
              "in_sens_growth_step")
    _axis_row(book, "sens_wacc_axis", "WACC across (%)", Unit.RATIO, wacc.WACC,
              "in_sens_wacc_step")
    forecast = annual.forecast_keys()
    for index, offset in enumerate(OFFSETS):
        rate = _axis_scalar(book, "sens_wacc", index, offset, wacc.WACC, "in_sens_wacc_step",
                            "WACC down the rows (%)", Unit.RATIO)
        growth = Ref("sens_growth_axis")
        gordon = if_(compare(rate, ">", growth),
                     _price(rate, _gordon_pv(rate, growth, forecast[-1]), forecast, headline),
                     missing())
        book.calc(f"sens_gordon_{index}", book.price(f"Target price, Gordon: WACC row "
                  f"{LABELS[index]}", currency), Unit.PRICE, GRID, currency=currency,
                  cells={p: gordon for p in _columns()})
    for index, offset in enumerate(OFFSETS):
        multiple = _axis_scalar(book, "sens_exit", index, offset, wacc.EXIT_MULTIPLE,
                                "in_sens_exit_step", "Exit EV / EBITDA down the rows (x)",
                                Unit.MULTIPLE)
        rate = Ref("sens_wacc_axis")
        exit_price = _price(rate, _exit_pv(rate, multiple, forecast[-1]), forecast, headline)
        book.calc(f"sens_exit_{index}", book.price(f"Target price, exit multiple: row "
                  f"{LABELS[index]}", currency), Unit.PRICE, GRID, currency=currency,
                  cells={p: exit_price for p in _columns()})


def _grid_answers(book: ItemBook, final: str, headline: Basis, currency: str) -> None:
    """The target price with each terminal method, from the Valuation sheet's own DCF cells
    (not the grids' term-by-term discounting), so a grid's marked cell can be checked."""
    terminals = {"gordon": ("Gordon growth", at("val_tv_gordon", None) * at(wacc.DISCOUNT, final)),
                 "exit_multiple": ("exit EV / EBITDA",
                                   at("val_tv_exit", None) * at(wacc.DISCOUNT_END, final))}
    for method, (key, name, _) in GRID_ANSWERS.items():
        label, terminal_pv = terminals[method]
        equity = at("val_sum_pv_fcff", None) + terminal_pv + at(BRIDGE, None)
        book.calc(key, book.price(f"Target price with the terminal value by {label}", currency),
                  Unit.PRICE, None, name=name, currency=currency,
                  cells={None: at("val_target_ex_dcf", None) + at("in_weight_dcf", None)
                         * _per_unit(equity, headline)})


def _per_unit(equity: Expr, headline: Basis) -> Expr:
    """DCF equity value as the target basis puts it, per unit of the rating listing: per
    diluted share, rolled 12 months on at the cost of equity (less the year's dividends, where
    the model has them) when the target is forward."""
    roll = at(ROLL_FORWARD, None)
    value = equity / at(market.SHARES_DILUTED, None) * (1 + roll * at("val_cost_of_equity", None))
    if headline.dividends:
        value = value - roll * at(LIVE.val(DIVIDENDS_AHEAD), None)
    return value * at(headline.factor, None)


def _columns() -> list[str]:
    return [_column(o) for o in OFFSETS]


def _axis_row(book: ItemBook, key: str, label: str, unit: Unit, base: str, step: str) -> None:
    """Base in the centre column; each column further out adds (or takes) one step."""
    cells: dict[str | None, Expr] = {CENTRE: at(base, None)}
    for offset in OFFSETS:
        if offset > 0:
            cells[_column(offset)] = Ref(key, shift=-1) + at(step, None)
        elif offset < 0:
            cells[_column(offset)] = Ref(key, shift=1) - at(step, None)
    book.calc(key, label, unit, GRID, cells=cells)


def _axis_scalar(book: ItemBook, prefix: str, index: int, offset: int, base: str, step: str,
                 label: str, unit: Unit) -> Expr:
    key = f"{prefix}_axis_{index}"
    if offset == 0:
        expr: Expr = at(base, None)
    elif offset < 0:
        expr = at(f"{prefix}_axis_{index + 1}", None) - at(step, None)
    else:
        expr = at(f"{prefix}_axis_{index - 1}", None) + at(step, None)
    book.calc(key, f"{label}: {LABELS[index]}", unit, None, cells={None: expr})
    return at(key, None)


def _gordon_pv(rate: Expr, growth: Expr, final: str) -> Expr:
    """The Gordon value at this row's WACC and this column's growth, the return on new capital
    held at the valuation's."""
    value = terminal_flow(LIVE, final, growth, at(wacc.RONIC, None)) / (rate - growth)
    return value / (1 + rate) ** at(wacc.CF_TIME, final)


def _exit_pv(rate: Expr, multiple: Expr, final: str) -> Expr:
    return at("fc_ebitda", final) * multiple / (1 + rate) ** at(wacc.YEAR_END, final)


def _price(rate: Expr, terminal_pv: Expr, forecast: tuple[str, ...], headline: Basis) -> Expr:
    """Blended target price with the DCF part re-computed at ``rate`` and ``terminal_pv``."""
    flows = [at("val_fcff_counted", p) / (1 + rate) ** at(wacc.CF_TIME, p) for p in forecast]
    equity = total(*flows, terminal_pv) + at(BRIDGE, None)
    return at("val_target_ex_dcf", None) + at("in_weight_dcf", None) * _per_unit(equity,
                                                                                   headline)

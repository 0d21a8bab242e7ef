"""The memo's tables of workbook figures: key financials, scenarios and a sensitivity grid.

Each cell is a :class:`~builder.memo.figures.Shown` read from the model (or from the model
recomputed under a case), never a number worked out here, so the memo and the workbook agree.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from builder.memo.figures import Case, Cases, Shown, shown
from builder.model.items import Model, Role, Unit

# (line item, label, filter, style): the key-financials rows after the segments, in reading
# order; kinds of line, the same for every company.
FINANCIAL_ROWS = (
    ("fc_revenue", "Total revenue", "money", "total"),
    ("fc_revenue_growth", "Revenue growth (YoY)", "percent", "ratio"),
    ("fc_gross_margin", "Gross margin", "percent", "ratio"),
    ("fc_ebitda", "EBITDA", "money", "total"),
    ("fc_ebitda_margin", "EBITDA margin", "percent", "ratio"),
    ("fc_net_income", "Net profit attributable", "money", "total"),
    ("fc_net_margin", "Net margin", "percent", "ratio"),
    ("fc_eps_diluted", "EPS, diluted", "price", "ratio"),
    ("fc_fcff", "Free cash flow to the firm", "money", "total"),
    ("fc_cash", "Cash at year end", "money", "total"),
    ("fc_net_debt", "Net debt at year end", "money", "total"),
    ("fc_revolver", "Revolver drawn (funding)", "money", "total"),
    ("fc_funding_need", "Funding need, not yet financed", "money", "total"),
)
ACTUAL_YEARS_SHOWN = 2
SCENARIO_METRICS = (("fc_revenue", "Revenue", "money"), ("fc_ebitda", "EBITDA", "money"),
                    ("fc_net_income", "Net income", "money"), ("fc_fcff", "FCFF", "money"))
FORMAT_BY_UNIT = {Unit.MONEY: "money", Unit.RATIO: "percent", Unit.MULTIPLE: "multiple",
                  Unit.PRICE: "price", Unit.TEXT: "text"}


def fmt_for(unit: Unit) -> str:
    return FORMAT_BY_UNIT.get(unit, "number")


@dataclass(frozen=True)
class Column:
    label: str
    actual: bool


@dataclass(frozen=True)
class Row:
    label: str
    cells: tuple[Shown, ...]
    style: str = ""  # segment, total, ratio: how the templates emphasise the row


@dataclass(frozen=True)
class Table:
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]


def financials(model: Model, annual: str,
               segments: Sequence[tuple[str, str]] = ()) -> Table:
    """The last reported years and every forecast year, as the statement sheets show them:
    the company's segments (``(line item, name)``, leaves of its revenue tree), then the key
    lines."""
    timeline = model.timelines[annual]
    actual = [p for p in timeline.periods if p.actual][-ACTUAL_YEARS_SHOWN:]
    periods = actual + [p for p in timeline.periods if not p.actual]
    cases = Cases(model)
    lines = [(key, name, "money", "segment") for key, name in segments]
    rows = tuple(
        Row(label, tuple(cases.figure(fmt, key, p.key) for p in periods), style)
        for key, label, fmt, style in (*lines, *FINANCIAL_ROWS) if key in model.items
    )
    return Table(tuple(Column(p.label, p.actual) for p in periods), rows)


@dataclass(frozen=True)
class ScenarioRow:
    name: str
    description: str
    selected: bool
    cells: tuple[Shown, ...]


@dataclass(frozen=True)
class ScenarioTable:
    columns: tuple[str, ...]
    rows: tuple[ScenarioRow, ...]


def scenario_table(cases: Cases, focus: str, focus_label: str, descriptions: dict[str, str],
                   extra: tuple[tuple[str, str, str], ...] = ()) -> ScenarioTable | None:
    """Each scenario's headline figures: the workbook with its scenario cell switched.

    ``extra`` adds scalar columns (a target price, an upside) as (key, label, filter).
    """
    model = cases.model
    selector = model.named("Scenario")
    if selector is None or selector.role is not Role.INPUT or not selector.options:
        return None
    chosen = model.value(selector.key, None)
    metrics = [m for m in SCENARIO_METRICS if m[0] in model.items]
    rows = []
    for name in selector.options:
        case: Case = () if name == chosen else ((selector.key, None, name),)
        cells = [cases.figure(fmt, key, focus, case) for key, _, fmt in metrics]
        cells += [cases.figure(fmt, key, None, case) for key, _, fmt in extra]
        rows.append(ScenarioRow(name, descriptions.get(name.lower(), ""), name == chosen,
                                tuple(cells)))
    columns = tuple(f"{label} {focus_label}" for _, label, _ in metrics)
    return ScenarioTable(columns + tuple(label for _, label, _ in extra), tuple(rows))


@dataclass(frozen=True)
class Axis:
    """One dimension of a sensitivity grid: shift every cell of some input rows by a step."""

    label: str
    inputs: tuple[str, ...]  # input line items whose every cell moves by the step
    shown_key: str  # the cell printed as the heading (the moved input, in the focus period)
    shown_period: str | None
    steps: tuple[float, ...]
    override: str | None = None  # instead: type shown_key's value + step into this input


@dataclass(frozen=True)
class Grid:
    title: str
    row_label: str
    column_label: str
    row_heads: tuple[Shown, ...]
    column_heads: tuple[Shown, ...]
    cells: tuple[tuple[Shown, ...], ...]
    note: str


def sensitivity(cases: Cases, title: str, rows: Axis, columns: Axis, key: str,
                period: str | None, note: str) -> Grid:
    """``key`` in ``period`` with the inputs of ``rows`` and ``columns`` shifted step by step."""
    model = cases.model

    def edits(axis: Axis, step: float) -> dict[tuple[str, str | None], float]:
        if step == 0:
            return {}
        if axis.override is not None:
            base = model.value(axis.shown_key, axis.shown_period)
            return {(axis.override, None): float(base) + step}  # type: ignore[arg-type]
        return {(k, p): float(v) + step for k in axis.inputs  # type: ignore[arg-type]
                for p, v in model.items[k].cells.items()}

    def head(axis: Axis, step: float) -> Shown:
        case = _case(edits(axis, step))
        fmt = fmt_for(model.items[axis.shown_key].unit)
        return cases.figure(fmt, axis.shown_key, axis.shown_period, case)

    fmt = fmt_for(model.items[key].unit)
    grid = tuple(
        tuple(cases.figure(fmt, key, period, _case({**edits(rows, r), **edits(columns, c)}))
              for c in columns.steps)
        for r in rows.steps
    )
    return Grid(title, rows.label, columns.label, tuple(head(rows, s) for s in rows.steps),
                tuple(head(columns, s) for s in columns.steps), grid, note)


def _case(edits: dict[tuple[str, str | None], float]) -> Case:
    return tuple(sorted(((k, p, v) for (k, p), v in edits.items()),
                        key=lambda e: (e[0], e[1] or "")))


def difference(fmt: str, ours: Shown, theirs: Shown) -> Shown | None:
    """Ours against a broker's: relative (``change``) or a plain difference (points, delta)."""
    if not isinstance(ours.value, int | float) or not isinstance(theirs.value, int | float):
        return None
    if fmt == "change":
        if theirs.value <= 0:
            return None
        value = ours.value / theirs.value - 1
    else:
        value = ours.value - theirs.value
    return shown(fmt, value, basis=(ours, theirs))

"""The memo's charts as PNG bytes: revenue by segment with growth, margins, valuation ranges.

Rendered on matplotlib's Agg canvas directly (no pyplot, so no global backend or figure state)
under a fixed style (font, size, dpi) that ignores the user's matplotlibrc, and saved without
the 'Software' metadata, so the same model gives the same bytes. The charts plot the context's
own figures, so they cannot disagree with the tables.
"""

from __future__ import annotations

import io
from collections import OrderedDict
from dataclasses import dataclass

import matplotlib
import matplotlib.style
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import StrMethodFormatter

from builder.memo.context import MemoContext
from builder.memo.tables import Row

DPI = 110
SIZE = (6.4, 3.2)
STYLE = {
    "font.family": "DejaVu Sans",  # ships with matplotlib: the same glyphs everywhere
    "font.size": 8,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "#DDDDDD",
    "grid.linewidth": 0.6,
    "axes.axisbelow": True,
    "svg.hashsalt": "finmodel",
    "path.simplify": False,
}
SEGMENT_COLOURS = ("#1F3864", "#5B9BD5", "#A5A5A5")
TOTAL_COLOUR = "#7F7F7F"
LINE_COLOURS = ("#1F3864", "#ED7D31", "#70AD47")


@dataclass(frozen=True)
class Chart:
    name: str  # file stem: revenue, margins, valuation
    title: str  # also the image's alt text
    png: bytes


RECENT = 8
"""Chart sets kept per process. Drawing them is most of a memo's cost (about 0.6 s); a rebuild
whose figures did not move (``build --watch`` after an edit to the memo's text, a batch that
repeats a model) reuses them."""
_recent: OrderedDict[str, tuple[Chart, ...]] = OrderedDict()


def render_charts(context: MemoContext) -> tuple[Chart, ...]:
    """Every chart the context has data for, in the order the memo shows them."""
    key = _chart_inputs(context)
    if key in _recent:
        _recent.move_to_end(key)
        return _recent[key]
    with matplotlib.style.context("default"), matplotlib.rc_context(STYLE):
        charts = [_revenue(context), _margins(context), _football(context)]
    drawn = tuple(c for c in charts if c is not None)
    _recent[key] = drawn
    if len(_recent) > RECENT:
        _recent.popitem(last=False)
    return drawn


def _chart_inputs(context: MemoContext) -> str:
    """Everything the charts draw, spelled out: the tables are frozen dataclasses of text and
    numbers, whose repr holds every digit, so equal spellings draw equal charts."""
    return repr((context.financials, context.valuation, context.header.currency))


def _rows(context: MemoContext, style: str) -> list[Row]:
    return [r for r in context.financials.rows if r.style == style]


def _values(row: Row) -> list[float | None]:
    return [c.value if isinstance(c.value, int | float) else None for c in row.cells]


def _revenue(context: MemoContext) -> Chart | None:
    labels = [c.label for c in context.financials.columns]
    segments = _rows(context, "segment")
    total = next((r for r in context.financials.rows if r.label == "Total revenue"), None)
    growth = next((r for r in context.financials.rows if r.label.startswith("Revenue growth")),
                  None)
    if not segments or total is None:
        return None
    figure = Figure(figsize=SIZE, dpi=DPI)
    axes = figure.add_subplot()
    x = range(len(labels))
    bottom = [0.0] * len(labels)
    split = [all(v is not None for v in column) for column in zip(*map(_values, segments),
                                                                  strict=True)]
    for row, colour in zip(segments, SEGMENT_COLOURS, strict=False):
        heights = [v if ok and v is not None else 0.0 for v, ok in zip(_values(row), split,
                                                                        strict=True)]
        axes.bar(x, heights, 0.6, bottom=bottom, label=row.label, color=colour)
        bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
    unsplit = [v if not ok and v is not None else 0.0
               for v, ok in zip(_values(total), split, strict=True)]
    if any(unsplit):
        axes.bar(x, unsplit, 0.6, label="Total (no segment split)", color=TOTAL_COLOUR)
    axes.set_xticks(list(x), labels)
    axes.set_ylabel(f"{context.header.currency} m")
    if growth is not None:
        right = axes.twinx()
        points = [(i, v * 100) for i, v in enumerate(_values(growth)) if v is not None]
        right.plot([p[0] for p in points], [p[1] for p in points], color="#ED7D31",
                   marker="o", linewidth=1.5, label="Revenue growth (right, %)")
        right.set_ylabel("YoY growth (%)")
        right.grid(False)
        right.spines["right"].set_visible(True)
    handles = [h for a in figure.axes for h in a.get_legend_handles_labels()[0]]
    figure.legend(handles=handles, loc="lower center", ncol=3, frameon=False)
    axes.yaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))
    axes.set_title("Revenue by segment and growth", loc="left", fontweight="bold")
    return Chart("revenue", "Revenue by segment and growth", _png(figure))


def _margins(context: MemoContext) -> Chart | None:
    ratios = [r for r in _rows(context, "ratio") if "margin" in r.label.lower()]
    if not ratios:
        return None
    labels = [c.label for c in context.financials.columns]
    figure = Figure(figsize=SIZE, dpi=DPI)
    axes = figure.add_subplot()
    for row, colour in zip(ratios, LINE_COLOURS, strict=False):
        points = [(i, v * 100) for i, v in enumerate(_values(row)) if v is not None]
        axes.plot([p[0] for p in points], [p[1] for p in points], marker="o", color=colour,
                  linewidth=1.5, label=row.label)
    axes.axhline(0, color="#595959", linewidth=0.8)
    axes.set_xticks(range(len(labels)), labels)
    axes.set_ylabel("% of revenue")
    figure.legend(loc="lower center", ncol=len(ratios), frameon=False)
    axes.set_title("Margins", loc="left", fontweight="bold")
    return Chart("margins", "Margins", _png(figure))


def _football(context: MemoContext) -> Chart | None:
    """Valuation ranges, one bar per method, bear to bull (the last bar: the blended target)."""
    ranges = context.valuation.ranges if context.valuation is not None else ()
    if not ranges:
        return None
    figure = Figure(figsize=(SIZE[0], 0.5 + 0.45 * len(ranges)), dpi=DPI)
    axes = figure.add_subplot()
    names = [r.label for r in ranges]
    lows = [float(r.low.value) for r in ranges]  # type: ignore[arg-type]
    highs = [float(r.high.value) for r in ranges]  # type: ignore[arg-type]
    axes.barh(names, [h - lo for lo, h in zip(lows, highs, strict=True)], left=lows,
              color="#5B9BD5", height=0.5)
    for i, r in enumerate(ranges):
        axes.text(lows[i], i, f"{r.low.text} ", va="center", ha="right")
        axes.text(highs[i], i, f" {r.high.text}", va="center", ha="left")
    marked = [float(m.figure.value) for m in (context.valuation.markers  # type: ignore[union-attr]
              if context.valuation is not None else ()) if isinstance(m.figure.value, int | float)]
    lows, highs = lows + marked, highs + marked  # the axis takes in the lines too
    span = (max(highs) - min(lows)) or 1.0
    axes.set_xlim(min(lows) - 0.18 * span, max(highs) + 0.15 * span)  # room for the labels
    markers = context.valuation.markers if context.valuation is not None else ()
    for marker, colour in zip(markers, ("#C00000", "#375623"), strict=False):
        value = marker.figure.value
        if isinstance(value, int | float):
            axes.axvline(float(value), color=colour, linestyle="--", linewidth=1.2,
                         label=f"{marker.label} {marker.figure.text}")
    if markers:
        axes.legend(loc="lower right", bbox_to_anchor=(1.0, 1.0), ncol=2, fontsize="small",
                    frameon=False)  # above the bars, clear of their labels
    axes.invert_yaxis()
    unit = context.valuation.range_unit if context.valuation is not None else ""
    axes.set_xlabel(f"Value per quoted unit ({unit})" if unit else "Value per share")
    axes.set_title("Valuation ranges", loc="left", fontweight="bold")
    return Chart("valuation", "Valuation ranges", _png(figure))


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    FigureCanvasAgg(figure)  # Agg explicitly, without pyplot's global backend switch
    figure.tight_layout(rect=(0, 0.12 if figure.legends else 0, 1, 1))
    figure.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    return buffer.getvalue()

"""Integrity checks and warnings, each a formula that is 0 when all is well and 1 when not.

Every check has a scalar total and the master check sums them, so one cell on the Checks sheet
(and on the Cover) tells a reader whether anything is off. A warning is a judgement to review
(a terminal value carrying most of the value, an explained sign flip): it is counted apart, and
the reason the YAML gives for it is shown beside it.
"""

from __future__ import annotations

from collections.abc import Mapping

from builder.model.book import ItemBook
from builder.model.expr import Expr, at
from builder.model.functions import SumRange, absolute, compare, if_, total
from builder.model.items import Model, Unit

TOLERANCE = "check_tolerance"
SEGMENT_TOLERANCE = "segment_tolerance"
MASTER = "check_master"


def flag_unless(condition: Expr) -> Expr:
    """0 where ``condition`` holds, 1 where it fails."""
    return if_(condition, 0, 1)


def close(left: Expr, right: Expr, tolerance: str = TOLERANCE) -> Expr:
    """1 where ``left`` and ``right`` differ by more than the tolerance input."""
    return flag_unless(compare(absolute(left - right), "<=", at(tolerance, None)))


WARNING_LINE = "warning: not met: {}"  # how the build prints a raised warning


def flag_suffix(word: str) -> str:
    """How a check's label ends on the sheet: its unit, ``(1 = fails)`` or ``(1 = warning)``."""
    return f" (1 = {word})"


def count_suffix(word: str) -> str:
    """How the label of a series check's count ends: ``: warning (count)``."""
    return f": {word} (count)"


class Checks:
    """Collects checks (in the master check) and warnings (counted apart) as they are made."""

    def __init__(self, book: ItemBook):
        self.book = book
        self.totals: list[str] = []
        self.warnings: list[str] = []

    def series(self, key: str, label: str, timeline: str,
               cells: Mapping[str | None, Expr]) -> None:
        """A check per period, and its count of failures in the master check."""
        self._series(key, label, timeline, cells, self.totals)

    def scalar(self, key: str, label: str, expr: Expr) -> None:
        self.book.calc(key, label + flag_suffix("fails"), Unit.FLAG, None, cells={None: expr})
        self.totals.append(key)

    def warning(self, key: str, label: str, timeline: str | None,
                cells: Mapping[str | None, Expr], reason: str = "") -> None:
        """A judgement to review: shown with the reason the YAML gives, not in the master."""
        if timeline is None:
            self.book.calc(key, label + flag_suffix("warning"), Unit.FLAG, None, cells=dict(cells),
                           description=reason)
            self.warnings.append(key)
        else:
            self._series(key, label, timeline, cells, self.warnings, reason, "warning")

    def _series(self, key: str, label: str, timeline: str, cells: Mapping[str | None, Expr],
                into: list[str], reason: str = "", word: str = "fails") -> None:
        if not cells:
            return
        self.book.calc(key, label + flag_suffix(word), Unit.FLAG, timeline, cells=dict(cells))
        keys = self.book.timelines[timeline].keys
        periods = tuple(p for p in keys if p in cells)
        first = keys.index(periods[0])
        contiguous = keys[first:first + len(periods)] == periods
        count = SumRange(key, periods) if contiguous else total(*(at(key, p) for p in periods))
        self.book.calc(f"{key}_total", label + count_suffix(word), Unit.FLAG, None,
                       cells={None: count}, description=reason)
        into.append(f"{key}_total")

    def master(self) -> None:
        self.book.calc(MASTER, "Master check (0 = all checks pass)", Unit.FLAG, None,
                       cells={None: total(*(at(k, None) for k in self.totals))},
                       name="MasterCheck")


def failing(model: Model) -> list[str]:
    """The labels of the checks that fail in ``model``: what the build reports besides the
    master check's count."""
    return [item.label for key, item in model.items.items()
            if key.startswith("chk_") and item.timeline is None and model.value(key)]


def raised(model: Model) -> list[str]:
    """The warnings ``model`` raises (each scalar, or a series' count), as the condition not met
    (the label without its workbook unit) and, for a series, in how many periods: what the build
    reports besides the master check, as judgements to review."""
    found = []
    counted, flagged = count_suffix("warning"), flag_suffix("warning")
    for key, item in model.items.items():
        if key.startswith("warn_") and item.timeline is None and model.value(key):
            if item.label.endswith(counted):
                periods = int(model.value(key))
                found.append(f"{item.label.removesuffix(counted)} ({periods} "
                             f"period{'s' if periods != 1 else ''})")
            else:
                found.append(item.label.removesuffix(flagged))
    return found

"""Per-year series for synthetic drivers: a start value fading towards a long-run one.

A fade rather than a straight line: a 30-year horizon must not compound a first year's growth
for decades, and a one-year horizon still gets its start value.
"""

from __future__ import annotations

import math
import random

Series = dict[int, float]


def fade(rng: random.Random, start: float, end: float, years: list[int],
         digits: int = 4) -> Series:
    """``start`` in the first year, approaching ``end`` geometrically."""
    decay = rng.uniform(0.5, 0.8)
    return {year: round(end + (start - end) * decay**i, digits) for i, year in enumerate(years)}


def shifted(series: Series, by: float, low: float, high: float, digits: int = 4) -> Series:
    """Every year moved by ``by``, kept within ``low``..``high`` (a scenario's override)."""
    return {year: round(min(high, max(low, value + by)), digits) for year, value in series.items()}


def scaled(series: Series, factor: float) -> Series:
    return {year: significant(value * factor) for year, value in series.items()}


def constant(value: float, years: list[int]) -> Series:
    return dict.fromkeys(years, value)


def significant(value: float, digits: int = 6) -> float:
    """``value`` to ``digits`` significant digits: short YAML, same bytes every run."""
    if value == 0:
        return 0.0
    return round(value, digits - 1 - math.floor(math.log10(abs(value))))


def log_uniform(rng: random.Random, low: float, high: float) -> float:
    return math.exp(rng.uniform(math.log(low), math.log(high)))


def money(value: float) -> float:
    """A money figure as the documents print it: to one decimal (millions)."""
    return round(value, 1)

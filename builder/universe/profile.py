"""The shape of a synthetic company (:class:`Profile`) and what is drawn for it (:class:`Draft`).

Kept apart so the company's documents (:mod:`builder.universe.reports`) and its model YAML
(:mod:`builder.universe.company`) read the same draft.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from builder.universe.interim import Interim, Periods
from builder.universe.market import Market
from builder.universe.revenue import Segment
from builder.universe.statements import Statements


@dataclass(frozen=True)
class Profile:
    """The shape of one company; the rest is drawn."""

    index: int
    horizon: int  # forecast years
    actual: int  # actual years
    first_year: int  # the first forecast year
    fiscal_year_end: str
    shape: str  # revenue tree: revenue.SHAPES
    segments: int  # declared segments (0 with shape none)
    periods: str  # reported periods of the first forecast year (interim.KINDS)
    reporting: str  # reporting currency
    listing: str  # home, us, dual, any
    peers: int
    names: str  # plain, hostile, formula, cjk
    interim_bridge: bool  # the equity bridge reads an interim balance sheet

    @property
    def entity(self) -> str:
        return f"SYN{self.index:03d}"

    @property
    def stem(self) -> str:
        return self.entity.lower()


@dataclass
class Draft:
    """What is drawn for a company, before it is written out."""

    profile: Profile
    names: dict[str, Any]
    actual: list[int]
    forecast: list[int]
    tree: Segment
    periods: Periods
    interim: dict[str, Interim]
    made: Statements
    market: Market

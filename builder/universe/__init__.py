"""A synthetic coverage universe: many companies of any shape, for tests and benchmarks.

Fully synthetic: every company has made-up names, tickers and segments, its own small source
documents (plain text lines such as ``Revenue in FY2024 was 1,234.5 million.``), a historicals
CSV whose rows quote those documents line by line, and a model YAML pointing at both. No word
of a real company, nor of another generated company, appears in a built workbook or memo.

What varies, drawn from ``random.Random(seed)``: the revenue tree (no segments, flat, two levels
with parents that are sums or are divided by shares, a driven total; growth, volume x price,
share and rest drivers); horizons of 1 to 30 forecast years and 1 to 3 actual years; the
reported periods of the first forecast year (none, quarters, a half, cumulative periods) and
whether the valuation reads their balance sheet; the reporting currency, one to three listings
(ADS or ordinary) and the FX they need; the optional drivers, tax and funding policies,
scenarios; 0 to 200 peers; English, Chinese and hostile names (``=1+1``, ``<b>``, ``{{ }}``).

The first companies take the extremes (see :data:`EXTREMES`), so even a small universe covers
them. Generation is deterministic: the same ``count`` and ``seed`` give the same bytes (no
clock, no set iteration).
"""

from __future__ import annotations

import random
from pathlib import Path

from builder.universe.company import dump_yaml, write_company
from builder.universe.interim import KINDS
from builder.universe.market import CURRENCIES
from builder.universe.profile import Profile
from builder.universe.revenue import SHAPES
from builder.universe.valuation import MACRO_WACC
from builder.universe.words import Words

MACRO = "_macro.yaml"
MAX_HORIZON = 30
MAX_PEERS = 200
FIRST_YEARS = (2024, 2025, 2026)

# Index -> the profile's fixed fields (horizon and peers capped by the universe's limits):
# 1, the longest horizon and 3 actual years, quarters with a segment known only from them;
# 2, no segments, no periods, one year each way, a USD reporter listed in the US alone; 3, the
# deepest tree (a driven total divided by shares, a part of it divided again) with 1Q, 1H
# and 9M of a GBP reporter with a June year end; 4, the most peers, a formula-like name, a half,
# three listings, a EUR reporter; 5, a March year end, a JPY reporter with one quarter and a
# hostile name; 6, sums of parts, cumulative periods of an A-share CNY reporter with Chinese
# names. The biggest dimensions are apart, so no one workbook is slow to recompute for all.
EXTREMES: dict[int, dict[str, object]] = {
    1: dict(horizon=MAX_HORIZON, actual=3, first_year=2025, fiscal_year_end="12-31",
            shape="flat", segments=2, periods="quarters3", reporting="CNY",
            listing="dual", peers=3, names="plain", interim_bridge=True),
    2: dict(horizon=1, actual=1, first_year=2025, fiscal_year_end="12-31", shape="none",
            segments=0, periods="none", reporting="USD", listing="us", peers=0,
            names="plain", interim_bridge=False),
    3: dict(horizon=3, actual=2, first_year=2024, fiscal_year_end="06-30",
            shape="driven_total", segments=6, periods="cumulative3", reporting="GBP",
            listing="any", peers=1, names="plain", interim_bridge=True),
    4: dict(horizon=2, actual=2, first_year=2026, fiscal_year_end="12-31", shape="flat",
            segments=4, periods="half", reporting="EUR", listing="three", peers=MAX_PEERS,
            names="formula", interim_bridge=False),
    5: dict(horizon=12, actual=3, first_year=2025, fiscal_year_end="03-31", shape="flat",
            segments=3, periods="quarters1", reporting="JPY", listing="dual", peers=5,
            names="hostile", interim_bridge=True),
    6: dict(horizon=8, actual=2, first_year=2025, fiscal_year_end="12-31",
            shape="two_level_sum", segments=5, periods="cumulative", reporting="CNY",
            listing="home", peers=12, names="cjk", interim_bridge=True),
}


def generate_universe(folder: Path, count: int, seed: int = 0, *,
                      max_horizon: int = MAX_HORIZON, max_peers: int = MAX_PEERS) -> list[Path]:
    """Write ``count`` companies (YAML, CSV, documents) and ``_macro.yaml`` into ``folder``;
    return the model YAML paths in order."""
    folder.mkdir(parents=True, exist_ok=True)
    _write(folder / MACRO, dump_yaml({"valuation": {"wacc": MACRO_WACC}},
                                     "Shared macro inputs of the synthetic universe."))
    rng = random.Random(seed)
    words = Words(rng)
    return [write_company(rng, words, profile(rng, index, max_horizon, max_peers), folder,
                          MACRO)
            for index in range(1, count + 1)]


def profile(rng: random.Random, index: int, max_horizon: int, max_peers: int) -> Profile:
    """The extremes for the first indices, a random draw after them."""
    if index in EXTREMES:
        fixed = dict(EXTREMES[index])
        fixed["horizon"] = min(int(fixed["horizon"]), max_horizon)  # type: ignore[call-overload]
        fixed["peers"] = min(int(fixed["peers"]), max_peers)  # type: ignore[call-overload]
        return Profile(index=index, **fixed)  # type: ignore[arg-type]
    shape = rng.choice(("none", "flat", "flat", "two_level", "two_level_sum", "driven_total"))
    periods = rng.choice(("none", "none", *KINDS))
    reporting = rng.choice(("CNY", "CNY", "USD", "USD", *sorted(CURRENCIES)))
    return Profile(
        index=index, horizon=rng.randint(1, max_horizon), actual=rng.randint(1, 3),
        first_year=rng.choice(FIRST_YEARS),
        fiscal_year_end=rng.choice(("12-31",) * 6 + ("03-31", "06-30")),
        shape=shape, segments=0 if shape == "none" else rng.randint(
            1 if shape == "flat" else 3, 6),
        periods=periods, reporting=reporting, listing=_listing(rng, reporting),
        peers=rng.choice((0, rng.randint(1, min(12, max_peers)), rng.randint(0, max_peers))),
        names=rng.choice(("plain",) * 8 + ("cjk", "cjk", "hostile")),
        interim_bridge=periods != "none" and rng.random() < 0.6)


def _listing(rng: random.Random, reporting: str) -> str:
    if reporting == "USD":
        return rng.choice(("us", "us", "any"))
    return rng.choice(("home", "home", "dual", "any"))


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8", newline="\n")


__all__ = ["MACRO", "SHAPES", "generate_universe"]

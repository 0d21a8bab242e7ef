"""Where the market inputs came from: the price that sets the upside, the share count that
divides the equity value, the FX that converts it. They are typed by the analyst, not read from
the documents, so the memo says whose they are, or that nobody said."""

from __future__ import annotations

from builder.inputs.schema import Assumptions
from builder.model.market import fx_codes

NOT_GIVEN = "source not given"


def market_sources(assumptions: Assumptions) -> tuple[str, ...]:
    """One line per market input: what it is, its date, and its source as the YAML gives it."""
    market = assumptions.market
    if market is None:
        return ()
    lines = [f"{p.ticker} price, {p.date.isoformat()}: {_source(p.source)}"
             for p in market.prices]
    lines.append(f"Share count, {market.shares.as_of.isoformat()}: "
                 f"{_source(market.shares.source)}")
    lines += [f"Placement {p.date}: {_source(p.source)}" for p in market.shares.placements]
    rated = fx_codes(assumptions)[1:]  # the rates the workbook uses, as it shows them
    if rated:
        lines.append(f"FX rates ({', '.join(sorted(rated))}): {_source(market.fx_source)}")
    return tuple(lines)


def _source(text: str) -> str:
    return text.strip() or NOT_GIVEN

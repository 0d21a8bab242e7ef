"""Which currencies a model converts: the ones its FX rates must cover, and the workbook shows.

Its own module (on the schema alone) because the input rules and the model both ask, and the
rules already import from the model's side.
"""

from __future__ import annotations

from builder.inputs.schema import Assumptions


def currencies_used(assumptions: Assumptions) -> dict[str, tuple[str | int, ...]]:
    """Each currency the valuation converts, and the first key that uses it."""
    used: dict[str, tuple[str | int, ...]] = {}
    for index, listing in enumerate(assumptions.company.listings):
        used.setdefault(listing.currency, ("company", "listings", index, "currency"))
    if assumptions.market is not None:
        for index, placement in enumerate(assumptions.market.shares.placements):
            used.setdefault(placement.currency,
                            ("market", "shares", "placements", index, "currency"))
    if assumptions.peers is not None:
        for index, peer in enumerate(assumptions.peers.companies):
            used.setdefault(peer.currency, ("peers", "companies", index, "currency"))
    return used

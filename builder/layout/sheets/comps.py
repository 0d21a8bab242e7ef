"""Peer Comps: one column per peer, each figure in the peer's currency and in CNY, multiples
by formula, statistics over meaningful values only, and KC's value at the peer medians."""

from __future__ import annotations

from builder.inputs.schema import Assumptions
from builder.layout.sheets.common import present
from builder.layout.spec import Gap, Heading, SheetSpec, TextRow
from builder.model.comps import INPUT_ROWS, PEERS, statistic_key
from builder.model.items import Model
from builder.model.multiples import METHODS

NAME = "Peer Comps"


def comps_sheet(model: Model, assumptions: Assumptions) -> SheetSpec:
    peers = assumptions.peers
    assert peers is not None
    published = [k for k in model.items if k.startswith("cmp_pub_")]
    rows: list = [
        TextRow("Figures", f"As the sources give them (blank = not given, never zero); comps "
                f"year FY{peers.year}. Sources are in the YAML comments."),
        Heading("Inputs by peer"),
        *present(model, ["cmp_ticker", "cmp_currency", *(k for k, _, _ in INPUT_ROWS)]),
        *present(model, published),
        Gap(),
        Heading("In CNY"),
        *present(model, ["cmp_fx", "cmp_market_cap_cny", "cmp_ev_cny", "cmp_revenue_cny",
                         "cmp_ebitda_cny", "cmp_net_income_cny"]),
    ]
    for method in METHODS:
        rows += [Gap(), Heading(f"{method.label}")]
        rows += present(model, [f"cmp_{method.key}", f"cmp_{method.key}_valid",
                                *(statistic_key(method.key, s) for s in ("count", "median",
                                                                         "mean"))])
    rows += [Gap(), Heading("KC at the peer median multiple")]
    for method in METHODS:
        rows += present(model, [f"cmp_kc_{method.key}_equity", f"cmp_kc_{method.key}_price"])
    return SheetSpec(NAME, "Peer comparables", PEERS, tuple(rows), tab_color="#7030A0")

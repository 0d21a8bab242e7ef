"""Peer Comps: one column per peer, each figure in the peer's currency and in CNY, multiples
by formula, statistics over meaningful values only, and the company's value at the peer
medians, with the year of the peers' multiples (and the basis of the published ones) beside
each statistic, and how far each such value is from the target price."""

from __future__ import annotations

from builder.inputs.schema import Assumptions
from builder.layout.sheets.common import present
from builder.layout.spec import Gap, Heading, SheetSpec, TextRow
from builder.model.comps import INPUT_ROWS, PEERS, comps_note, own_key, statistic_key
from builder.model.items import Model
from builder.model.multiples import METHODS

NAME = "Peer Comps"


def comps_sheet(model: Model, assumptions: Assumptions) -> SheetSpec:
    peers, valuation = assumptions.peers, assumptions.valuation
    assert peers is not None and valuation is not None
    valuation_year = valuation.multiples.year
    published = [k for k in model.items if k.startswith("cmp_pub_")]
    rows: list = [
        TextRow("Figures", f"As the sources give them (blank = not given, never zero); comps "
                f"year FY{peers.year}. Sources are in the YAML comments."),
        Heading("Inputs by peer"),
        *present(model, ["cmp_ticker", "cmp_currency", *(k for k, _, _ in INPUT_ROWS)]),
        *present(model, published),
        Gap(),
        Heading(f"In {assumptions.company.reporting_currency}, the reporting currency"),
        *present(model, ["cmp_fx", "cmp_market_cap_rep", "cmp_ev_rep", "cmp_revenue_rep",
                         "cmp_ebitda_rep", "cmp_net_income_rep"]),
    ]
    note = comps_note(peers, valuation_year)
    for method in METHODS:
        rows += [Gap(), Heading(f"{method.label}")]
        rows += present(model, [f"cmp_{method.key}", f"cmp_{method.key}_valid",
                                *(statistic_key(method.key, s) for s in ("count", "median",
                                                                         "mean"))])
        rows.append(TextRow("Year of the statistics", note))
    rows += [Gap(), Heading(f"{assumptions.company.name_en} at the peer median multiple"),
             TextRow("Years", note)]
    for method in METHODS:
        rows += present(model, [own_key(method.key, n) for n in ("equity", "price",
                                                                 "vs_target")])
    return SheetSpec(NAME, "Peer comparables", PEERS, tuple(rows), tab_color="#7030A0",
                     wrap_text=True)

"""Peer statistics ignore missing figures and meaningless (negative) multiples."""

from __future__ import annotations

import statistics

import pytest

from builder.inputs.valuation_schema import Peer, PublishedMultiples
from builder.model.assemble import build_model

PS = [16.72, 30.25, 5.75, 16.47, 8.20, 3.81, 7.84, 3.81, 3.41]  # 001:250-266, last column


def test_kc_peers_published_ps_and_no_meaningful_pe(kc_model):
    assert kc_model.value("cmp_ps_median") == pytest.approx(statistics.median(PS))
    assert kc_model.value("cmp_ps_mean") == pytest.approx(statistics.fmean(PS))
    assert kc_model.value("cmp_ps_count") == len(PS)
    # Only GDS has a readable FY2025 P/E, and it is negative: no meaningful P/E at all.
    assert kc_model.value("cmp_pe_count") == 0
    assert kc_model.value("cmp_pe_median") == "n/a"
    assert kc_model.value("cmp_ev_sales_median") == "n/a"


def _peer(name: str, **figures) -> Peer:
    published = figures.pop("published", {})
    return Peer(name=name, ticker=name.upper(), published=PublishedMultiples(**published),
                **figures)


def test_statistics_skip_missing_and_negative_multiples(kc_inputs):
    assumptions, facts = kc_inputs
    peers = [
        _peer("a", currency="USD", price=10.0, shares_m=100.0, net_debt_m=50.0,
              revenue_m=200.0, ebitda_m=40.0, net_income_m=20.0),  # P/E 50, P/S 5
        _peer("b", currency="HKD", market_cap_m=800.0, revenue_m=100.0,
              net_income_m=-30.0),  # loss-maker: no P/E; P/S 8
        _peer("c", currency="CNY", market_cap_m=300.0, net_income_m=15.0),  # P/E 20, no sales
        _peer("d", currency="CNY", published={"pe": {2025: 30.0}, "ps": 2.0}),  # published only
        _peer("e", currency="CNY"),  # nothing known
    ]
    changed = assumptions.replace(peers=assumptions.peers.replace(companies=peers))
    model = build_model(changed, facts)
    assert model.value("cmp_fx", "peer_2") == pytest.approx(assumptions.market.fx["HKD"])
    assert model.value("cmp_market_cap_rep", "peer_1") == pytest.approx(
        1000 * assumptions.market.fx["USD"])
    assert model.value("cmp_pe", "peer_2") < 0
    assert model.value("cmp_pe_valid", "peer_2") == "n/a"
    assert model.value("cmp_pe", "peer_5") == "n/a"
    assert model.value("cmp_pe_count") == 3
    assert model.value("cmp_pe_median") == pytest.approx(30.0)  # of 50, 20, 30
    assert model.value("cmp_pe_mean") == pytest.approx(100 / 3)
    assert model.value("cmp_ps_median") == pytest.approx(5.0)  # of 5, 8, 2
    assert model.value("cmp_ev_sales_count") == 1  # only peer a has net debt
    assert model.value("cmp_ev_ebitda_median") == pytest.approx(1050 / 40)

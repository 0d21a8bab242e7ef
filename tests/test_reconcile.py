"""Reconciliation: readings that agree within their rounding merge; others are conflicts."""

from __future__ import annotations

import pytest

from builder.historicals.reconcile import agree, reconcile
from builder.historicals.records import Figure, Kind, Source


def reading(value: float, precision: float, document: str = "a.txt", line: int = 1,
            metric: str = "revenue") -> Figure:
    return Figure("KC", metric, "3Q25", value, "million", "CNY", Kind.ACTUAL, "", precision,
                  Source(document, line, f"{value}"))


@pytest.mark.parametrize(("a", "b", "same"), [
    (reading(730, 10), reading(729, 1), True),        # 7.3 亿 vs 7.29 亿
    (reading(29, 1), reading(28.7, 0.01), True),      # 0.29 亿 vs 2,870 万
    (reading(780, 10), reading(782, 1), True),        # 7.8 亿 vs 7.82 亿
    (reading(2650, 10), reading(2730, 1), False),     # 2.65 billion vs 2,730 million
    (reading(-188, 1), reading(-140, 10), False),     # 1.88 亿 loss vs 1.4 亿 loss
    (reading(0.105, 0.001), reading(0.1047, 0.0001), True),  # 10.5% vs 10.47%
])
def test_agreement_is_judged_against_the_coarser_rounding(a, b, same):
    assert agree(a, b) is same
    assert agree(b, a) is same


def test_agreeing_readings_merge_keeping_the_most_precise_and_every_source():
    merged, conflicts = reconcile([reading(730, 10, "x.txt", 17), reading(729, 1, "y.txt", 23)])
    assert conflicts == []
    assert [f.value for f in merged] == [729]
    assert [s.document for s in merged[0].sources] == ["x.txt", "y.txt"]


def test_a_disagreement_is_a_conflict_until_the_analyst_picks_a_document():
    readings = [reading(2650, 10, "002.txt"), reading(2730, 1, "001.txt")]
    merged, conflicts = reconcile(readings)
    assert merged == []
    assert len(conflicts) == 1
    assert "2650 from 002.txt:1" in conflicts[0].describe()

    merged, conflicts = reconcile(readings, {("KC", "revenue", "3Q25"): "002.txt"})
    assert conflicts == []
    assert merged[0].value == 2650
    assert "analyst chose 002.txt over 2730 (001.txt:1)" in merged[0].note


def test_a_pick_naming_a_document_not_in_the_conflict_leaves_it_unresolved():
    readings = [reading(2650, 10, "002.txt"), reading(2730, 1, "001.txt")]
    _, conflicts = reconcile(readings, {("KC", "revenue", "3Q25"): "009.txt"})
    assert len(conflicts) == 1


def test_a_price_in_two_currencies_on_one_day_is_two_figures_not_a_disagreement():
    def price(value: float, currency: str, document: str) -> Figure:
        return Figure("KC", "share_price", "2025-11-20", value, "per_share", currency,
                      Kind.MARKET, "", 0.01, Source(document, 1, f"{value}"))

    merged, conflicts = reconcile([price(13.77, "USD", "a.txt"), price(6.21, "HKD", "b.txt"),
                                   price(6.21, "USD", "c.txt")])
    assert conflicts[0].figures == (price(13.77, "USD", "a.txt"), price(6.21, "USD", "c.txt"))
    assert len(conflicts) == 1  # the two USD readings disagree; the HKD one stands alone
    assert [(f.value, f.currency) for f in merged] == [(6.21, "HKD")]

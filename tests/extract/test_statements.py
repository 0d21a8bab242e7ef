"""Scrambled statement tables: labels aligned with number rows only where identities hold."""

from __future__ import annotations

from collections import Counter

import pytest

from builder.extract.identities import identities_for
from builder.extract.numbers import normalize
from builder.extract.statements import read_statements
from builder.extract.tables import scan
from tests.extract.models import SEEDS

INCOME = {"revenue", "cost_of_revenue", "gross_profit", "selling_expenses", "ga_expenses",
          "rnd_expenses", "other_income", "pretax_income", "income_tax", "net_profit",
          "gross_margin", "effective_tax_rate", "opex_pct_revenue", "revenue_yoy",
          "receivable_days", "payable_days"}
BALANCE = {"cash", "accounts_receivable", "short_term_investments", "other_current_assets",
           "total_current_assets", "ppe", "intangibles", "long_term_prepayments",
           "long_term_investments", "due_from_related_parties", "lease_assets",
           "total_non_current_assets", "accounts_payable", "accrued_expenses",
           "short_term_borrowings", "other_current_liabilities", "total_current_liabilities",
           "long_term_borrowings", "other_non_current_liabilities",
           "total_non_current_liabilities", "total_equity"}
CASH_FLOW = {"operating_cash_flow", "non_cash_adjustments", "working_capital_change",
             "investing_cash_flow", "capex", "other_investing", "financing_cash_flow",
             "change_in_borrowings", "equity_issuance", "convertible_issuance", "fx_effect",
             "cash_change", "cash_begin", "cash_end"}


def numbered(text: str, first: int = 1) -> list[tuple[int, str]]:
    return list(enumerate(map(normalize, text.splitlines()), start=first))


def read(text: str):
    (region,) = scan(numbered(text)).regions
    return read_statements(region)


@pytest.fixture(scope="module")
def guoyuan():
    lines = (SEEDS / "001_0b56c619b6183fc4.txt").read_text(encoding="utf-8").splitlines()
    (region,) = scan([(n, normalize(lines[n - 1])) for n in range(293, 439)]).regions
    assert (region.first_line, region.last_line) == (295, 437)
    reading = read_statements(region)
    values = {(f.metric, f.column.year): float(f.value) for f in reading.figures}
    return reading, values


def test_guoyuan_statements_give_every_line_an_identity_confirms(guoyuan):
    reading, values = guoyuan
    per_statement = Counter("income" if m in INCOME else "balance" if m in BALANCE else
                            "cash flow" if m in CASH_FLOW else m for m, _ in values)
    assert per_statement == {"income": 16 * 5 - 3, "balance": 21 * 5, "cash flow": 14 * 5}
    assert all(f.confirmed_by for f in reading.figures)


@pytest.mark.parametrize(("metric", "years"), [
    ("revenue", (7047, 7785, 9880, 11952, 14022)),
    ("cost_of_revenue", (6197, 6444, 7856, 9000, 10172)),  # printed (6,197): stored positive
    ("gross_profit", (850, 1341, 2024, 2952, 3850)),  # a number row that lost its label
    ("selling_expenses", (460, 479, 514, 622, 729)),
    ("ga_expenses", (1060, 835, 800, 968, 996)),
    ("rnd_expenses", (785, 846, 958, 1159, 1360)),
    ("income_tax", (18, -2, -49, -6, 47)),  # "所得税 2 49 6" kept the credits, (18) (47) apart
    ("pretax_income", (-2166, -1981, -487, -60, 474)),
    ("net_profit", (-2184, -1979, -439, -54, 426)),
    ("other_current_assets", (2079, 2552, 3238, 3917, 4596)),
    ("working_capital_change", (-394, -112, -741, -713, -694)),
    ("capex", (1959, 3672, 445, 538, 631)),
    ("other_investing", (1273, 51, -12, -13, -14)),
    ("financing_cash_flow", (-165, 2573, 0, 0, 0)),  # (165) and "2,573 0 0 0" on 应计费用's line
    ("cash_change", (-1038, -420, -87, 99, 368)),  # "99 368" stranded on 长期贷款's line
    ("fx_effect", (26, -23, 0, 0, 0)),
    ("total_equity", (6890, 5168, 4955, 5137, 5811)),
])
def test_guoyuan_lines(guoyuan, metric, years):
    _, values = guoyuan
    assert tuple(values.get((metric, year)) for year in range(2023, 2028)) == years


def test_guoyuan_figures_satisfy_the_identities_they_name(guoyuan):
    """Recompute every confirming identity from the figures themselves, not from the aligner."""
    reading, values = guoyuan
    by_name = {i.name: i for i in identities_for({m for m, _ in values} | {"net_profit_margin",
                                                                          "return_on_equity"})}
    for figure in reading.figures:
        identity = by_name.get(figure.confirmed_by.split(";")[0])
        if identity is None or set(identity.metrics) & {"net_profit_margin", "return_on_equity"}:
            continue  # checked against a ratio row that is read but not emitted

        def lookup(metric, index):
            found = values.get((metric, 2023 + index))
            return None if found is None else (found, 0.5 if abs(found) >= 1 else 0.0005)

        holds = [identity.holds(lookup, y) for y in range(5)]
        assert any(holds), (figure, identity.name)


def test_guoyuan_skips_what_no_identity_confirms(guoyuan):
    reading, values = guoyuan
    notes = {(a, b): reason for a, b, reason in reading.skipped}
    assert ("ebitda_margin", 2023) not in values and "no identity holds" in notes[(299, 299)]
    assert ("other_income", 2023) not in values and ("other_income", 2025) in values
    assert ("revenue_yoy", 2023) not in values  # no 2022 revenue to check it against
    assert "breaks total_current_assets + total_non_current_assets = " in notes[(295, 437)]
    assert "FY2023: 10,230 vs 14,675" in notes[(295, 437)]
    assert not any("numbers '" in reason for reason in notes.values())  # every row placed


SYNTHETIC = """人民币百万元 2023A 2024A 2025E
营业收入 1,000 1,200 1,500
营业成本 毛利率(%) 30.0% 33.3% 36.0%
毛利
销售费用 费用/收入(%) 17.0% 16.7% 15.3%
管理费用
研发费用
其他收益 10 20
除税前溢利 140 195 330
所得税 实际税率(%) 15.0% 14.9% 15.2%
净利润 119 166 280
300 400 540
(700) (800) (960)
(50) (60) (70)
(100) (110) (120)
(20) (30) (40)
(5)
(21) (29) (50)
"""


def test_a_synthetic_layout_is_aligned_by_its_identities():
    reading = read(SYNTHETIC)
    values = {(f.metric, f.column.year): float(f.value) for f in reading.figures}
    assert {m: tuple(values[(m, y)] for y in (2023, 2024, 2025)) for m, _ in values} == {
        "revenue": (1000, 1200, 1500), "cost_of_revenue": (700, 800, 960),
        "gross_profit": (300, 400, 540), "gross_margin": (0.3, 0.333, 0.36),
        "selling_expenses": (50, 60, 70), "ga_expenses": (100, 110, 120),
        "rnd_expenses": (20, 30, 40), "opex_pct_revenue": (0.17, 0.167, 0.153),
        "other_income": (10, -5, 20), "pretax_income": (140, 195, 330),
        "income_tax": (21, 29, 50), "effective_tax_rate": (0.15, 0.149, 0.152),
        "net_profit": (119, 166, 280)}
    assert reading.skipped == []
    by = {f.metric: f.confirmed_by for f in reading.figures}
    assert by["income_tax"] == "net_profit = pretax_income - income_tax"
    assert by["selling_expenses"].endswith("which line is which: reading order")


def test_a_wrong_alignment_is_refused():
    """The first number row after the cost row is where 销售费用's numbers would go by position;
    here it is not a selling expense line (the expenses no longer add up to 费用/收入 nor to
    profit before tax), so no expense line is read at all."""
    reading = read(SYNTHETIC.replace("(50) (60) (70)", "(55) (66) (77)"))
    metrics = {f.metric for f in reading.figures}
    assert metrics.isdisjoint({"selling_expenses", "ga_expenses", "rnd_expenses",
                               "opex_pct_revenue"})
    assert {"revenue", "cost_of_revenue", "gross_profit"} <= metrics
    reasons = " ".join(reason for _, _, reason in reading.skipped)
    assert "selling_expenses: not read" in reasons and "'(55) (66) (77)'" in reasons


def test_two_alignments_that_both_hold_are_both_refused():
    """Without the margin row, revenue - cost = gross profit holds for two pairs of rows."""
    text = """人民币百万元 2023A 2024A 2025E
营业收入 1,000 1,200 1,500
营业成本
毛利
300 400 540
(700) (800) (960)
400 500 600
(600) (700) (900)
"""
    reading = read(text)
    assert reading.figures == []  # revenue alone: no identity with placed lines holds for it
    reasons = [reason for _, _, reason in reading.skipped]
    assert "cost_of_revenue: not read: gross_profit = revenue - cost_of_revenue holds as well " \
           "with other rows" in reasons


def test_a_year_the_identity_fails_in_is_left_out():
    reading = read(SYNTHETIC.replace("(700) (800) (960)", "(700) (800) (950)"))
    years = {f.column.year for f in reading.figures if f.metric == "cost_of_revenue"}
    assert years == {2023, 2024}
    assert any("cost_of_revenue FY2025: not read" in r for _, _, r in reading.skipped)

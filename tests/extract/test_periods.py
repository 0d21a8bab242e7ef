"""Periods in Chinese and English, with the year taken from the article when the text omits it."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builder.extract import periods
from builder.extract.numbers import normalize
from builder.extract.periods import PERIOD_RE, RANGE_RE, Period, PeriodContext, resolve, year_range
from tests.extract.models import SEEDS

DATED = PeriodContext(date=date(2025, 5, 15))
AUGUST = PeriodContext(date=date(2025, 8, 21))
NOVEMBER = PeriodContext(date=date(2025, 11, 26))
UNDATED = PeriodContext(anchor_year=2025)
Q4_21 = PeriodContext(headline=Period(2021, "Q", 4))
IN_3Q25 = PeriodContext(running=Period(2025, "Q", 3))


@pytest.mark.parametrize(("text", "context", "label"), [
    ("2024年第四季度", PeriodContext(), "4Q24"),
    ("2024 年第三季度", PeriodContext(), "3Q24"),
    ("2025年第三季度", PeriodContext(), "3Q25"),
    ("Q4 2024", PeriodContext(), "4Q24"),
    ("4Q24", PeriodContext(), "4Q24"),
    ("3Q25", PeriodContext(), "3Q25"),
    ("25Q2", PeriodContext(), "2Q25"),
    ("1H25", PeriodContext(), "1H25"),
    ("25H1", PeriodContext(), "1H25"),
    ("第四季度", DATED, "4Q24"),  # the latest fourth quarter ended before 2025-05-15
    ("二季度", AUGUST, "2Q25"),
    ("第一季度", DATED, "1Q25"),
    ("Q3", NOVEMBER, "3Q25"),
    ("二季度", UNDATED, "2Q25"),
    ("上半年", UNDATED, "1H25"),
    ("2025年上半年", PeriodContext(), "1H25"),
    ("2025上半年", PeriodContext(), "1H25"),
    ("前三季度", NOVEMBER, "9M25"),
    ("2025年前三季度", PeriodContext(), "9M25"),
    ("2025年前三个季度", PeriodContext(), "9M25"),
    ("全年", Q4_21, "FY2021"),
    ("本季度", Q4_21, "4Q21"),
    ("去年同期", IN_3Q25, "3Q24"),
    ("2024 年", PeriodContext(), "FY2024"),
    ("2024年末", PeriodContext(), "FY2024"),
    ("2025 财年", PeriodContext(), "FY2025"),
    ("FY2024", PeriodContext(), "FY2024"),
    ("the full year of 2024", PeriodContext(), "FY2024"),
    ("By the end of 2024", PeriodContext(), "FY2024"),
])
def test_periods_resolve_to_csv_labels(text, context, label):
    match = PERIOD_RE.search(normalize(text))
    assert match is not None
    period = resolve(match, context)
    assert period is not None and period.label == label


@pytest.mark.parametrize("text", ["二季度", "上半年", "全年", "本季度", "去年同期"])
def test_a_year_less_period_without_date_or_context_is_unknown(text):
    match = PERIOD_RE.search(text)
    assert match is not None and resolve(match, PeriodContext()) is None


@pytest.mark.parametrize("text", ["2023年11月", "3月24日", "2025-11-21", "20251125", "连续9个季度",
                                  "225Q2资本开支", "2021年至2024年累计"])
def test_dates_and_ranges_are_not_a_single_period(text):
    found = [resolve(m, PeriodContext()) for m in PERIOD_RE.finditer(text)]
    assert all(p is None or p.label == "FY2024" for p in found)
    assert "FY2023" not in [p.label for p in found if p]


@pytest.mark.parametrize(("text", "years"), [
    ("2025年至2027年", [2025, 2026, 2027]),
    ("25-27年", [2025, 2026, 2027]),
    ("2025-2027年", [2025, 2026, 2027]),
])
def test_year_ranges(text, years):
    match = RANGE_RE.search(text)
    assert match is not None and year_range(match) == years


def test_period_end_dates():
    assert Period(2025, "Q", 3).end == date(2025, 9, 30)
    assert Period(2025, "H", 1).end == date(2025, 6, 30)
    assert Period(2025, "9M").end == date(2025, 9, 30)
    assert Period(2024, "FY").end == date(2024, 12, 31)


_PIECES = ["2024", "2025", "20", "25", "1", "3", "4", "12", "Q", "H", "年", "第", "季度", "个",
           "上", "下", "半年", "前三", "一", "四", "财", "FY", "the ", "full-year ", "end ",
           "of ", "本", "去年同期", "全年", " ", ",", "-", "至", "月", "7,047", "(6,197)"]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_PIECES), max_size=30))
def test_the_digit_prefilter_changes_no_match(pieces):
    """PERIOD_RE's up-front test of how a match can start a digit is only a shortcut."""
    text = "".join(pieces)
    plain = re.compile(periods._PERIODS)
    assert [(m.span(), m.lastgroup) for m in PERIOD_RE.finditer(text)] == \
        [(m.span(), m.lastgroup) for m in plain.finditer(text)]


def test_the_digit_prefilter_changes_no_match_in_the_seeds():
    text = "\n".join(normalize(p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.txt")))
    plain = re.compile(periods._PERIODS)
    assert [(m.span(), m.lastgroup) for m in PERIOD_RE.finditer(text)] == \
        [(m.span(), m.lastgroup) for m in plain.finditer(text)]

"""Numbers, units and scales as Chinese and English documents write them."""

from __future__ import annotations

from decimal import Decimal

import pytest

from builder.extract.numbers import VALUE_RE, amount_from, decimal_of, has_currency, normalize


@pytest.mark.parametrize(("text", "value", "precision", "measure", "currency"), [
    ("77.85 亿元", "7785", "1", "money", "CNY"),
    ("7.29亿元", "729", "1", "money", "CNY"),
    ("7.3亿元", "730", "10", "money", "CNY"),
    ("95亿元", "9500", "100", "money", "CNY"),
    ("2,870万元人民币", "28.7", "0.01", "money", "CNY"),
    ("840万元", "8.4", "0.01", "money", "CNY"),
    ("507.86万元", "5.0786", "0.0001", "money", "CNY"),
    ("9,425百万元", "9425", "1", "money", "CNY"),
    ("1.2十亿元", "1200", "100", "money", "CNY"),
    ("-5.5亿元", "-550", "10", "money", "CNY"),
    ("2.04亿港元", "204", "1", "money", "HKD"),
    ("37.94亿美元", "3794", "1", "money", "USD"),
    ("2.232 billion RMB", "2232", "1", "money", "CNY"),
    ("2.65 billion RMB", "2650", "10", "money", "CNY"),
    ("426 million RMB", "426", "1", "money", "CNY"),
    ("RMB 1.5 bn", "1500", "100", "money", "CNY"),
    ("10.5%", "0.105", "0.001", "ratio", ""),
    ("-13.85%", "-0.1385", "0.0001", "ratio", ""),
    ("70%", "0.7", "0.01", "ratio", ""),
    ("17.60 美元", "17.6", "0.01", "price", "USD"),
    ("6.21港元", "6.21", "0.01", "price", "HKD"),
])
def test_values_carry_their_unit_and_the_place_of_their_last_digit(
        text, value, precision, measure, currency):
    match = VALUE_RE.fullmatch(normalize(text))
    assert match is not None
    amount = amount_from(match)
    assert (amount.value, amount.precision) == (Decimal(value), Decimal(precision))
    assert (amount.measure, amount.currency) == (measure, currency)


@pytest.mark.parametrize(("text", "value", "precision"), [
    ("1,530", "1530", "1"),
    ("-2,176", "-2176", "1"),
    ("(6,197)", "-6197", "1"),
    ("(0.5)", "-0.5", "0.1"),
    ("13.77", "13.77", "0.01"),
])
def test_table_cells_read_parentheses_as_negatives(text, value, precision):
    assert decimal_of(text) == (Decimal(value), Decimal(precision))


@pytest.mark.parametrize(("text", "folded"), [
    ("１２．５％", "12.5%"),
    ("目标价：17.60 美元", "目标价:17.60 美元"),
    ("（亏损）", "(亏损)"),
    ("增长，环比；", "增长,环比;"),
    ("−3.8%", "-3.8%"),
])
def test_full_width_forms_fold_without_moving_offsets(text, folded):
    assert normalize(text) == folded
    assert len(normalize(text)) == len(text)


@pytest.mark.parametrize("text", ["474 million users", "10 billion viewers"])
def test_english_amounts_need_a_currency(text):
    match = VALUE_RE.search(text)
    assert match is None or not has_currency(match)


@pytest.mark.parametrize("text", ["2025-11-21", "20210528", "3月24日", "[2][3]", "17天", "5年",
                                  "超10亿观众", "第1张"])
def test_dates_counts_and_references_are_not_values(text):
    assert VALUE_RE.search(normalize(text)) is None

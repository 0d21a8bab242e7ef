"""Display rules and Markdown escaping, case by case."""

from __future__ import annotations

import pytest

from builder.memo.filters import (
    FILTERS,
    change,
    delta,
    markdown_escape,
    money,
    multiple,
    percent,
    points,
    price,
)


@pytest.mark.parametrize(("function", "value", "expected"), [
    (money, 9502.9787, "9,503"),
    (money, 1234.5, "1,235"),  # half away from zero, as Excel displays
    (money, -902.78, "(903)"),
    (money, -0.4, "0"),  # no "(0)" or "-0"
    (money, None, "–"),
    (percent, 0.22067, "22.1%"),
    (percent, 0.0005, "0.1%"),
    (percent, -0.1385, "-13.9%"),
    (percent, 0.4145, "41.5%"),  # 41.449999... in binary; Excel shows 41.5%
    (change, 0.4145, "+41.5%"),
    (points, -0.031, "-3.1pp"),
    (points, 0.0, "0.0pp"),
    (change, 0.0003, "0.0%"),
    (change, 0.133, "+13.3%"),
    (delta, -464.2, "-464"),
    (delta, 1500.0, "+1,500"),
    (multiple, 12.345, "12.3x"),
    (price, 17.6, "17.60"),
])
def test_display(function, value, expected):
    assert function(value) == expected


def test_every_filter_shows_a_blank_as_a_dash():
    assert {name: f(None) for name, f in FILTERS.items()} == dict.fromkeys(FILTERS, "–")


@pytest.mark.parametrize(("text", "expected"), [
    ("<script>alert(1)</script>", r"\<script\>alert(1)\</script\>"),
    ("*bold* and _it_", r"\*bold\* and \_it\_"),
    ("[link](http://x)", r"\[link\](http://x)"),
    ("![img](x.png)", r"\!\[img\](x.png)"),
    ("a | b", r"a \| b"),
    ("- not a list", r"\- not a list"),
    ("1. not a list", r"1\. not a list"),
    ("# not a heading", r"\# not a heading"),
    ("=cmd|' /C calc'!A0", r"\=cmd\|' /C calc'\!A0"),
    ("two\nlines", "two lines"),
    ("&amp; stays text", r"\&amp; stays text"),
    ("Kingsoft Cloud 金山云", "Kingsoft Cloud 金山云"),
])
def test_markdown_escape(text, expected):
    assert markdown_escape(text) == expected

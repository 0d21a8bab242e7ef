"""A figure's CSV row as extraction renders it: the csv module's bytes, whatever its fields hold."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from builder.historicals.records import Figure, Kind, Source
from builder.historicals.table import RowWriter, _fields


def _figure(quote: str, document: str = "001.txt", broker: str = "") -> Figure:
    return Figure("KC", "revenue", "FY2024", 7785.0, "million", "CNY", Kind.ACTUAL, broker,
                  1.0, Source(document, 12, quote), date(2025, 3, 1), "")


@pytest.mark.parametrize("figure", [
    _figure("营收 77.85亿元"), _figure("收入 2,870万元, 同比"), _figure('他说 "7.8"'),
    _figure("a\nb"), _figure("a\rb"), _figure("x", document="a,b.txt"),
    _figure("x", broker='H "q" 2025-03-01'), _figure("x", broker="a\nb 2025-03-01"),
])
def test_a_row_is_what_the_csv_module_writes(figure: Figure):
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(_fields(figure))
    assert RowWriter().line(figure) == buffer.getvalue()

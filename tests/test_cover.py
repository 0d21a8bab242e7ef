"""The Cover summarises the answer per listing, by formulas on the cells it summarises."""

from __future__ import annotations

import openpyxl
import pytest


def _named_value(book, name: str):
    sheet, cell = next(iter(book.defined_names[name].destinations))
    return book[sheet][cell.replace("$", "")].value


def _rows(path):
    values = openpyxl.load_workbook(path, data_only=True)
    formulas = openpyxl.load_workbook(path)
    rows = {}
    for row in formulas["Cover"].iter_rows(min_row=6):
        label, cell = row[0].value, row[2]
        if isinstance(label, str) and isinstance(cell.value, str) and cell.value.startswith("="):
            rows[label] = (cell.value, values["Cover"][cell.coordinate].value)
    return values, rows


def test_cover_shows_target_price_upside_and_rating_for_each_listing(kc_build):
    book, rows = _rows(kc_build.workbook)
    for exchange, ticker, per in (("NASDAQ", "KC", "per ADS (USD)"),
                                  ("HKEX", "3896.HK", "per share (HKD)")):
        target = rows[f"{exchange} {ticker}: target price {per}"][1]
        upside = rows[f"{exchange} {ticker}: upside to the current price (%)"][1]
        prices = [v for k, v in rows.items() if k.startswith(f"{exchange} {ticker}: current")]
        assert len(prices) == 1
        assert upside == pytest.approx(target / prices[0][1] - 1)
        assert upside == pytest.approx(_named_value(book, "Upside"))
    assert _named_value(book, "TargetPrice") in {v for _, v in rows.values()}
    assert rows["Rating"] == ("=Rating", _named_value(book, "Rating"))
    assert rows["Master check (0 = all checks pass)"] == ("=MasterCheck", 0)
    assert rows["Scenario selected"][0] == "=Scenario"


def test_cover_lines_are_formulas_without_constants(kc_build):
    _, rows = _rows(kc_build.workbook)
    forecast = [f for label, (f, _) in rows.items() if label.endswith("(CNY m)")
                and "peak" not in label]
    assert len(forecast) == 18  # six money lines, three forecast years
    sheets = ("='Income Statement'!$", "='Balance Sheet'!$", "='Cash Flow'!$")
    assert all(f.startswith(sheets) for f in forecast), forecast


def test_rating_rule_names_the_listing_whose_upside_sets_it(kc_build):
    _, rows = _rows(kc_build.workbook)
    rules = [label for label in rows if label.startswith("Rating rule:")]
    assert len(rules) == 2
    assert all("HKEX 3896.HK" in label for label in rules), rules  # rating_listing: "3896.HK"

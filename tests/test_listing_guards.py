"""Listings and currencies the market model cannot convert are refused, never priced wrongly.

The market model converts an ADS price from USD, an ordinary share's from HKD, and values the
equity from CNY accounts. A CNY-priced A-share or a USD reporter would otherwise build with a
wrong upside and rating and no warning; each must stop with a message on the key at fault.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from builder.cli import main


def _edit(model: Path, change) -> None:
    data = yaml.safe_load(model.read_text(encoding="utf-8"))
    change(data)
    model.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _cny_a_share(data: dict) -> None:
    data["company"]["listings"] = [{"exchange": "BSE", "ticker": "839493", "currency": "CNY",
                                    "instrument": "ordinary", "shares_per_unit": 1}]
    data["market"]["price"]["instrument"] = "ordinary"


def _usd_reporter(data: dict) -> None:
    data["company"]["reporting_currency"] = "USD"


def _price_of_an_unlisted_instrument(data: dict) -> None:
    data["company"]["listings"] = [x for x in data["company"]["listings"]
                                   if x["instrument"] == "ADS"]
    data["market"]["price"]["instrument"] = "ordinary"


CASES = {
    "CNY ordinary listing": (_cny_a_share, "company.listings.0.currency",
                             "an ordinary listing is priced in HKD"),
    "USD reporting currency": (_usd_reporter, "company.reporting_currency",
                               "from CNY accounts only"),
    "price of an unlisted instrument": (_price_of_an_unlisted_instrument,
                                        "market.price.instrument", "has no ordinary listing"),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_a_listing_the_model_would_misprice_is_refused(case, kc_copy, tmp_path, capsys):
    change, key, words = CASES[case]
    model = kc_copy / "kingsoft_cloud.yaml"
    _edit(model, change)
    out = tmp_path / "out"
    assert main(["build", str(model), "--out", str(out), "--no-memo"]) == 1
    printed = capsys.readouterr()
    lines = [line for line in (printed.out + printed.err).splitlines() if key in line]
    assert lines, printed
    assert any(words in line and "Traceback" not in line for line in lines), lines
    assert not (out / "kingsoft_cloud.xlsx").exists()


def test_the_shipped_listings_pass(kc_copy, tmp_path):
    assert main(["build", str(kc_copy / "kingsoft_cloud.yaml"), "--out", str(tmp_path),
                 "--no-memo"]) == 0

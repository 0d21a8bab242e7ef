"""Listings and money: any number of listings in any currency, each with its own target, price
and upside; FX given as each currency's rate to the reporting currency; a currency without a rate
is refused by name, never read as another."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from builder.cli import main
from builder.pipeline import build, compute
from builder.problems import InputError

from .tiny import tiny_company


def test_a_cny_listed_company_is_priced_in_cny(tmp_path: Path) -> None:
    m = compute(tiny_company(tmp_path))[1]
    per_share = m.value("val_target_per_share")  # CNY per ordinary share, blended
    dcf = m.value("val_dcf_per_share")
    ps = 2.0 * 1210 / 100  # P/S 2.0 on FY2026 revenue, 100m shares
    assert m.value("val_ps_per_share") == pytest.approx(ps)
    assert per_share == pytest.approx(0.5 * dcf + 0.5 * ps)
    assert m.value("val_target") == pytest.approx(per_share)  # one CNY share per unit
    assert m.value("val_upside") == pytest.approx(per_share / 10.0 - 1)
    assert m.items["val_target"].currency == "CNY"
    assert m.items["in_price_tiny"].currency == "CNY"


def test_a_usd_reporter_listed_only_in_the_us_shows_no_other_currency(tmp_path: Path) -> None:
    def edit(data: dict) -> None:
        data["company"]["reporting_currency"] = "USD"
        data["company"]["listings"] = [{"exchange": "NASDAQ", "ticker": "TNY", "currency": "USD",
                                        "instrument": "ADS", "shares_per_unit": 4}]
        data["market"]["prices"] = [{"ticker": "TNY", "value": 40.0, "date": "2025-06-30"}]

    path = tiny_company(tmp_path, edit)
    _rewrite_currency(tmp_path, "USD")
    result = build(path, tmp_path / "out")
    m = result.model
    per_ads = m.value("val_target_per_share") * 4
    assert m.value("val_target") == pytest.approx(per_ads)
    assert m.value("val_upside") == pytest.approx(per_ads / 40.0 - 1)
    with zipfile.ZipFile(result.workbook) as book:
        text = "".join(book.read(n).decode("utf-8") for n in book.namelist()
                       if n.endswith(".xml"))
    assert "USD m" in text
    for other in ("CNY", "HKD", "RMB"):
        assert other not in text, f"{other} in a USD reporter's workbook"
    memo = result.memo.markdown.read_text(encoding="utf-8")  # type: ignore[union-attr]
    assert "USD" in memo and "CNY" not in memo and "HKD" not in memo


def test_each_listing_gets_its_target_in_its_currency(tmp_path: Path) -> None:
    def edit(data: dict) -> None:
        data["company"]["listings"] = [
            {"exchange": "HKEX", "ticker": "9999.HK", "currency": "HKD",
             "instrument": "ordinary", "shares_per_unit": 1},
            {"exchange": "NYSE", "ticker": "TNY", "currency": "USD", "instrument": "ADS",
             "shares_per_unit": 10}]
        data["market"] = {
            "prices": [{"ticker": "TNY", "value": 15.0, "date": "2025-06-30"}],
            "rating_listing": "TNY",
            "fx": {"USD": 7.2, "HKD": 0.92},
            "fx_cross": [{"pair": "USD/HKD", "rate": 7.8}],
            "shares": {"ordinary_m": 100.0, "as_of": "2025-06-30"}}

    m = compute(tiny_company(tmp_path, edit))[1]
    per_share = m.value("val_target_per_share")
    assert m.value("val_target_9999_hk") == pytest.approx(per_share / 0.92)
    assert m.value("val_target_tny") == pytest.approx(per_share * 10 / 7.2)
    assert m.value("val_target") == pytest.approx(m.value("val_target_tny"))
    assert m.value("val_upside") == pytest.approx(m.value("val_target_tny") / 15.0 - 1)
    # The HK share's price is the ADS's converted at the FX inputs, and says so.
    hk_price = 15.0 / (10 / 7.2) * (1 / 0.92)
    assert m.value("in_price_9999_hk") == pytest.approx(hk_price)
    assert "converted" in m.items["in_price_9999_hk"].label
    assert m.value("val_upside_9999_hk") == pytest.approx(m.value("val_upside"))
    assert m.value("check_master") == 0


def test_a_currency_without_a_rate_is_refused_by_name(tmp_path: Path, capsys) -> None:
    def edit(data: dict) -> None:
        data["company"]["listings"][0]["currency"] = "EUR"

    path = tiny_company(tmp_path, edit)
    assert main(["build", str(path), "--out", str(tmp_path / "out")]) == 1
    error = capsys.readouterr().err
    assert "company.listings.0.currency: EUR needs a rate: add market.fx.EUR" in error
    assert "Traceback" not in error


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: d["market"]["prices"][0].update(ticker="NOPE"),
     "market.prices.0.ticker: 'NOPE' is not one of company.listings (TINY)"),
    (lambda d: d["market"].update(rating_listing="OTHER"),
     "market.rating_listing: 'OTHER' has no price under market.prices"),
    (lambda d: d["market"].update(fx={"CNY": 1.0}),
     "market.fx.CNY: CNY is the reporting currency: its rate is 1 and is not given"),
    (lambda d: d["market"].update(fx={"USD": 7.1, "HKD": 0.95},
                                  fx_cross=[{"pair": "USD/HKD", "rate": 7.8}]),
     "market.fx_cross.0: market.fx implies 7.4737 HKD per USD but the quoted rate is 7.8"),
])
def test_listing_and_fx_mistakes_name_the_key(change, message, tmp_path: Path) -> None:
    with pytest.raises(InputError) as raised:
        compute(tiny_company(tmp_path, change))
    assert message in str(raised.value)


def _rewrite_currency(folder: Path, currency: str) -> None:
    """The made-up CSV's money rows in ``currency`` (the tiny company reports in CNY)."""
    csv = folder / "tiny.historicals.csv"
    csv.write_text(csv.read_text(encoding="utf-8").replace(",CNY,", f",{currency},"),
                   encoding="utf-8")


def test_rates_no_listing_placement_or_peer_uses_stay_out_of_the_workbook() -> None:
    """Paratera takes USD and HKD rates (and their cross check) from the shared macro file but
    trades, places and compares in CNY alone: its FX table is CNY, with no cross check."""
    from builder.memo.market import market_sources
    from builder.model.market import fx_codes, fx_crosses
    from tests.conftest import ROOT

    assumptions, model = compute(ROOT / "assumptions" / "paratera.yaml")
    assert assumptions.market is not None and {"USD", "HKD"} <= set(assumptions.market.fx)
    assert fx_codes(assumptions) == ("CNY",)
    assert fx_crosses(assumptions) == []
    labels = [item.label for item in model.items.values()]
    assert not [label for label in labels if "USD" in label or "HKD" in label]
    assert not [line for line in market_sources(assumptions) if line.startswith("FX rates")]
    kc, _ = compute(ROOT / "assumptions" / "kingsoft_cloud.yaml")
    assert fx_codes(kc) == ("CNY", "USD", "HKD") and len(fx_crosses(kc)) == 1

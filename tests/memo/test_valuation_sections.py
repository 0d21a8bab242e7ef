"""The valuation parts of the memo render when the model has them, and only then.

The valuation is built by another module; here its figures are stand-ins, so the templates'
valuation branches (header call, summary, methods, football field) are exercised regardless.
"""

from __future__ import annotations

import dataclasses

from builder.memo.figures import shown
from builder.memo.render import render_memo
from builder.memo.valuation import Line, Method, Range, Valuation


def _with_valuation(context):
    price = shown("price", 21.5, key="val_target", period=None)
    header = dataclasses.replace(
        context.header, rating=shown("text", "Buy", key="val_rating"), target_price=price,
        current_price=shown("price", 15.2, key="in_price"), price_currency="USD",
        upside=shown("change", 0.4145, key="val_upside"))
    valuation = Valuation(
        lines=(Line("Enterprise value", shown("money", 48000.4, key="val_ev"), "CNY m"),
               Line("WACC", shown("percent", 0.1052, key="val_wacc"), ""),
               Line("Target price", price, "USD")),
        methods=(Method("DCF", shown("price", 10.3, key="val_dcf_per_share"),
                        shown("percent", 0.5, key="in_weight_dcf")),
                 Method("P/E", shown("price", None, key="val_pe_per_share"), None)),
        ranges=(Range("DCF (bear to bull)", shown("price", 6.1, key="a"),
                      shown("price", 14.9, key="b")),
                Range("Blended target (bear to bull)", shown("price", 7.0, key="c"),
                      shown("price", 13.2, key="d"))),
        range_unit="CNY", method_unit="CNY")
    return dataclasses.replace(context, header=header, valuation=valuation)


def test_valuation_sections_render_with_their_figures(kc_build):
    memo = render_memo(_with_valuation(kc_build.memo_context), "kc")
    for text in ("Rating: **Buy**", "Target price: **USD 21.50**", "Upside: **+41.5%**",
                 "| Enterprise value | CNY m 48,000 |", "| WACC | 10.5% |",
                 "| DCF | 10.30 | 50.0% |", "| P/E | – | – |"):
        assert text in memo.markdown, text
    assert "Rating <b>Buy</b>" in memo.html and "<b>USD 21.50</b>" in memo.html
    assert [c.name for c in memo.charts] == ["revenue", "margins", "valuation"]
    assert memo.html.count("data:image/png;base64,") == 3


def test_without_a_valuation_its_sections_are_left_out(kc_build):
    context = dataclasses.replace(kc_build.memo_context, valuation=None)
    memo = render_memo(context, "kc")
    assert "## Valuation" not in memo.markdown and "<h2>Valuation</h2>" not in memo.html
    assert [c.name for c in memo.charts] == ["revenue", "margins"]

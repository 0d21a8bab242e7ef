"""Cover: who the model is about, then the answer (target, price, upside and rating per listing),
the status (scenario, master check, warnings), the funding the forecast needs and the key
forecast lines, each a formula on the cell it summarises."""

from __future__ import annotations

from builder.inputs.schema import Assumptions
from builder.layout.sheets.common import present
from builder.layout.spec import Gap, Heading, ItemRow, Row, SheetSpec, TextRow
from builder.model.items import Model
from builder.model.market import listing_key

NAME = "Cover"


def cover_sheet(model: Model, assumptions: Assumptions) -> SheetSpec:
    company = assumptions.company
    listings = tuple(
        TextRow(f"Listing: {listing.exchange}",
                f"{listing.ticker} ({listing.instrument}, {listing.currency}, "
                f"{listing.shares_per_unit:g} ordinary shares per unit)")
        for listing in company.listings
    )
    funding = [k for k in model.items if k.startswith("cover_fc_") and k.endswith("_peak")]
    rows = (
        Heading("Company"),
        TextRow("Name (English)", company.name_en),
        TextRow("Name (Chinese)", company.name_zh),
        *listings,
        TextRow("Reporting currency and unit", f"{company.reporting_currency} {company.unit}"),
        TextRow("Model as of (information date)", assumptions.as_of.isoformat()),
        Gap(),
        *_summary(model, assumptions),
        Heading("Status"),
        *present(model, ["cover_scenario", "cover_master_check", "cover_warnings", *funding]),
        Gap(),
        *_forecast(model, funding),
        Heading("Colour code (FAST)"),
        TextRow("Blue on yellow", "an input or a reported figure; edit these"),
        TextRow("Blue on orange", "an analyst's estimate of a figure the documents lack"),
        TextRow("Black", "a formula on this sheet"),
        TextRow("Green", "a link to another sheet"),
    )
    return SheetSpec(NAME, assumptions.model, None, rows,
                     subtitle=f"{company.name_en} ({company.name_zh})")


def _summary(model: Model, assumptions: Assumptions) -> tuple[Row, ...]:
    if "cover_rating" not in model.items:
        return ()
    rows: list[Row] = [Heading("Target price and rating")]
    basis = model.value("in_target_forward")
    if basis is not None:
        rows.append(TextRow("Target basis", "a price 12 months ahead" if basis else
                            "the value at the valuation date"))
    for listing in assumptions.company.listings:
        part = listing_key(listing)
        rows += present(model, [f"cover_{part}_target", f"cover_{part}_price",
                                f"cover_{part}_upside"])
    rows += present(model, ["cover_rating", "cover_buy_at", "cover_sell_at"])
    return (*rows, Gap())


def _forecast(model: Model, funding: list[str]) -> tuple[Row, ...]:
    keys = [k for k in model.items if k.startswith("cover_fc_") and k not in funding]
    if not keys:
        return ()
    return (Heading("Key forecast lines, first forecast years"), *(ItemRow(k) for k in keys), Gap())

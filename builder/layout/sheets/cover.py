"""Cover: who the model is about, the scenario and the master check."""

from __future__ import annotations

from builder.inputs.schema import Assumptions
from builder.layout.spec import Gap, Heading, ItemRow, SheetSpec, TextRow
from builder.model.items import Model

NAME = "Cover"


def cover_sheet(model: Model, assumptions: Assumptions) -> SheetSpec:
    company = assumptions.company
    listings = tuple(
        TextRow(f"Listing: {listing.exchange}",
                f"{listing.ticker} ({listing.instrument}, {listing.currency}, "
                f"{listing.shares_per_unit:g} ordinary shares per unit)")
        for listing in company.listings
    )
    rows = (
        Heading("Company"),
        TextRow("Name (English)", company.name_en),
        TextRow("Name (Chinese)", company.name_zh),
        *listings,
        TextRow("Reporting currency and unit", f"{company.reporting_currency} {company.unit}"),
        TextRow("Model as of", assumptions.as_of.isoformat()),
        Gap(),
        Heading("Status"),
        *(ItemRow(k) for k in ("cover_scenario", "cover_master_check") if k in model.items),
        Gap(),
        Heading("Colour code (FAST)"),
        TextRow("Blue on yellow", "an input or a reported figure; edit these"),
        TextRow("Black", "a formula on this sheet"),
        TextRow("Green", "a link to another sheet"),
    )
    return SheetSpec(NAME, assumptions.model, None, rows,
                     subtitle=f"{company.name_en} ({company.name_zh})")

"""Interim: the first forecast year's reported periods beside the same periods a year earlier,
and the rest of the year the annual forecast implies, with its growth and checks."""

from __future__ import annotations

from builder.inputs.schema import Assumptions
from builder.layout.sheets.common import units_note
from builder.layout.spec import Gap, Heading, ItemRow, Row, SheetSpec
from builder.model.history import interim_key
from builder.model.interim import bridge_key
from builder.model.interim_balance import PREFIX as BALANCE_PREFIX
from builder.model.items import Model
from builder.model.timeline import INTERIM

NAME = "Interim"


def interim_sheet(model: Model, assumptions: Assumptions) -> SheetSpec | None:
    if INTERIM not in model.timelines:
        return None
    reported = [k for k, i in model.items.items()
                if k.startswith(interim_key("")) and i.timeline == INTERIM]
    bridges = [k for k, i in model.items.items() if k.startswith(bridge_key(""))
               and not k.startswith(BALANCE_PREFIX) and i.timeline == INTERIM]
    balances = [k for k, i in model.items.items()
                if k.startswith(BALANCE_PREFIX) and i.timeline == INTERIM]
    checks = [k for k, i in model.items.items()
              if k.startswith(("chk_", "warn_")) and i.timeline == INTERIM]
    rows: list[Row] = [Heading("As reported (hover a cell for its source)"),
                       *(ItemRow(k) for k in reported), Gap(),
                       Heading("Bridge: periods a year earlier are reported, or rebuilt as this "
                               "year's / (1 + growth); the rest of the year is the annual "
                               "forecast less the year to date"),
                       *(ItemRow(k) for k in bridges)]
    if balances:
        rows += [Gap(), Heading("Balance sheet: as reported at the interim date, the year-end "
                                "forecast, and in the rest-of-year column the movement the "
                                "forecast implies (year end less reported)"),
                 *(ItemRow(k) for k in balances)]
    if checks:
        rows += [Gap(), Heading("Checks (1 = fails or warns; counted on the Checks sheet)"),
                 *(ItemRow(k) for k in checks)]
    return SheetSpec(NAME, "Interim periods and the current-year bridge", INTERIM, tuple(rows),
                     subtitle=units_note(assumptions.company.reporting_currency),
                     wrap_text=True)

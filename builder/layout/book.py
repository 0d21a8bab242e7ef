"""The workbook's sheets, in tab order."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from builder.inputs.schema import Assumptions
from builder.layout.sheets.checks import checks_sheet
from builder.layout.sheets.comps import comps_sheet
from builder.layout.sheets.cover import cover_sheet
from builder.layout.sheets.football import football_sheet
from builder.layout.sheets.historicals import historicals_sheet
from builder.layout.sheets.inputs import inputs_sheet
from builder.layout.sheets.interim import interim_sheet
from builder.layout.sheets.scenarios import scenario_sheet
from builder.layout.sheets.sensitivity import sensitivity_sheet
from builder.layout.sheets.sources import sources_sheet
from builder.layout.sheets.statements import statement_sheet
from builder.layout.sheets.street import street_sheet
from builder.layout.sheets.valuation import valuation_sheet
from builder.layout.spec import SheetSpec
from builder.model.drivers import SCENARIOS
from builder.model.items import Model

SHEETS = (cover_sheet, inputs_sheet, historicals_sheet, interim_sheet, statement_sheet("is"),
          statement_sheet("bs"), statement_sheet("cf"), street_sheet)
VALUATION_SHEETS = (valuation_sheet, sensitivity_sheet, football_sheet)


def workbook_specs(model: Model, assumptions: Assumptions,
                   left_out: Sequence[str] = ()) -> list[SheetSpec]:
    sheets = list(SHEETS)
    if assumptions.valuation is not None:
        sheets += VALUATION_SHEETS
        if assumptions.peers is not None:
            sheets.append(comps_sheet)
        sheets += [scenario_sheet(s) for s in SCENARIOS]
    sheets += [checks_sheet, partial(sources_sheet, left_out=left_out)]
    specs = (sheet(model, assumptions) for sheet in sheets)
    return [spec for spec in specs if spec is not None]

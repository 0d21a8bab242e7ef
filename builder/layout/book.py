"""The workbook's sheets, in tab order."""

from __future__ import annotations

from builder.inputs.schema import Assumptions
from builder.layout.sheets.checks import checks_sheet
from builder.layout.sheets.cover import cover_sheet
from builder.layout.sheets.forecast import forecast_sheet
from builder.layout.sheets.historicals import historicals_sheet
from builder.layout.sheets.inputs import inputs_sheet
from builder.layout.sheets.quarterly import quarterly_sheet
from builder.layout.spec import SheetSpec
from builder.model.items import Model

SHEETS = (cover_sheet, inputs_sheet, historicals_sheet, quarterly_sheet, forecast_sheet,
          checks_sheet)


def workbook_specs(model: Model, assumptions: Assumptions) -> list[SheetSpec]:
    return [sheet(model, assumptions) for sheet in SHEETS]

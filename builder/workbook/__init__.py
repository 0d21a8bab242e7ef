"""Write the laid-out model to an .xlsx file with xlsxwriter: formulas with cached values."""

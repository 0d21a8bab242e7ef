"""Lay out sheets: which rows go where. No values are computed here and no files are written."""

"""Exceptions of the check layer: each one means "this workbook could not be checked".

They carry a message fit for a terminal, so the CLI prints it and exits 2 without a traceback.
"""

from __future__ import annotations


class CheckError(Exception):
    """Base class: a workbook could not be read, recomputed or edited."""


class WorkbookReadError(CheckError):
    """The file is missing, is not an xlsx workbook, or cannot be parsed."""


class RecalcError(CheckError):
    """An engine (LibreOffice or ``formulas``) failed to produce recomputed values."""


class EditError(CheckError):
    """An edit could not be applied, or saving the edited copy lost part of the workbook."""

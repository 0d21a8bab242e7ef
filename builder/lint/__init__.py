"""Lint a built workbook for spreadsheet-modelling practice (FAST): colours, constants, formulas."""

from builder.lint.rules import LintIssue, lint_workbook

__all__ = ["LintIssue", "lint_workbook"]

"""Errors as values: every bad input becomes a Problem, printed like a compiler's message.

Loaders collect all the problems of a file before giving up, so an analyst fixes a YAML in one
pass instead of one rebuild per typo. :class:`InputError` carries them to the CLI, which prints
them and exits non-zero without a traceback.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an input: where (file, line, dotted key) and what."""

    file: str
    message: str
    key: str = ""
    line: int | None = None

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.key}: {self.message}" if self.key else f"{where}: {self.message}"


class InputError(Exception):
    """Raised with every problem found, once a loader knows the input cannot be used."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

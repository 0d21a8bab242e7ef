"""Research houses: how documents name them, read from a shared data file beside the model files.

Code knows what a research house is (who stands behind a forecast), not which ones exist: the
coverage list declares them in ``_sources.yaml`` beside its model files (a ``_`` file is not
built as a model), each house's name as the CSV's ``broker`` column writes it, with the names
documents use for it::

    research_houses:
      Guoyuan: [国元]          # the name itself names it too
      Everbright: [光大]

The file is read strictly, through the project's YAML reader: a typo that dropped a house would
silently re-attribute its forecasts, so an unknown key, a name that is not text, or a name given
to two houses is a ``file:line: key: message`` problem and extraction stops.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from builder.inputs.yaml_source import YamlDocument, dotted, parse_yaml
from builder.problems import Problem

SOURCES_FILE = "_sources.yaml"
_KEY = "research_houses"


class ResearchHouses:
    """Every name of every declared house, and the house (its CSV name) each one stands for."""

    __slots__ = ("_pattern", "houses")

    def __init__(self, pairs: Iterable[tuple[str, str]] = ()):
        # longest name first: at one position of a text the alternation takes the first
        ordered = sorted(dict(pairs).items(), key=lambda pair: (-len(pair[0]), pair[0]))
        self.houses: dict[str, str] = dict(ordered)  # name in documents -> house
        self._pattern = re.compile("|".join(re.escape(alias) for alias, _ in ordered)) \
            if ordered else None

    def named_in(self, text: str) -> str:
        """The house named first in ``text`` ("" when none is): at one position the longest
        name wins, so a house whose name holds another's is told apart."""
        found = self._pattern.search(text) if self._pattern is not None else None
        return self.houses[found.group()] if found else ""

    def names(self) -> dict[str, list[str]]:
        """Each house (sorted) with the other names documents use for it."""
        found: dict[str, list[str]] = {}
        for alias, house in sorted(self.houses.items(), key=lambda pair: (pair[1], pair[0])):
            found.setdefault(house, [])
            if alias != house:
                found[house].append(alias)
        return found


def sources_files(paths: Sequence[Path]) -> list[Path]:
    """The ``_sources.yaml`` files beside the model paths (a folder's own, a file's folder's),
    existing ones only, each once, in the order the paths name them."""
    found: dict[Path, None] = {}
    for path in paths:
        folder = path if path.is_dir() else path.parent
        candidate = folder / SOURCES_FILE
        if candidate.exists() or candidate.is_symlink():
            found.setdefault(candidate, None)
    return list(found)


def read_houses(files: Sequence[Path]) -> tuple[ResearchHouses, list[Problem]]:
    """The houses the files declare, merged; every problem of every file."""
    owners: dict[str, tuple[str, str]] = {}  # alias -> (house, where it was declared)
    problems: list[Problem] = []
    for path in files:
        document, read_problems = parse_yaml(path)
        if document is None or read_problems:
            problems += read_problems
            continue
        _Reader(document, owners, problems).read()
    return ResearchHouses((alias, house) for alias, (house, _) in owners.items()), problems


class _Reader:
    """One ``_sources.yaml``: strict, since a wrong entry would re-attribute forecasts."""

    def __init__(self, document: YamlDocument, owners: dict[str, tuple[str, str]],
                 problems: list[Problem]):
        self.document, self.owners, self.problems = document, owners, problems

    def problem(self, path: tuple, message: str) -> None:
        self.problems.append(Problem(self.document.file, message, key=dotted(path),
                                     line=self.document.line_of(path)))

    def read(self) -> None:
        data = self.document.data
        if not isinstance(data, dict) or not isinstance(data.get(_KEY), dict):
            self.problem((_KEY,), "expected a map of research house (its name in the broker "
                                  "column) to the names documents use for it")
            return
        for key in data:
            if key != _KEY:
                self.problem((key,), f"unknown key; expected {_KEY}")
        for house, aliases in data[_KEY].items():
            path = (_KEY, house)
            if not _is_name(house):
                self.problem(path, f"expected the house's name as text, got {house!r}")
                continue
            if aliases is None:
                aliases = []
            if not isinstance(aliases, list):
                self.problem(path, f"expected a list of the names documents use, got {aliases!r}")
                continue
            self.claim(house, house, path)
            for index, alias in enumerate(aliases):
                if not _is_name(alias):
                    self.problem((*path, index), f"expected a name as text, got {alias!r}")
                else:
                    self.claim(alias, house, (*path, index))

    def claim(self, alias: str, house: str, path: tuple) -> None:
        where = f"{self.document.file}:{self.document.line_of(path)}"
        owner, first = self.owners.setdefault(alias, (house, where))
        if owner != house:
            self.problem(path, f"{alias!r} already names {owner} ({first}): a document naming "
                               "it could be either")


def _is_name(value: Any) -> bool:
    """Text that can name a house on one line of a document and in a CSV cell."""
    return isinstance(value, str) and value == value.strip() and bool(value) and \
        not any(character in value for character in "\r\n")

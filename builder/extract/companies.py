"""The companies the extractor looks for, read from the model files that declare them.

Code knows kinds, not names: which companies exist, how documents name them, which segments
they report and in which currency is declared in each model's ``company`` block (``entity``,
``name_en``, ``name_zh``, ``aliases``, ``listings[].ticker``, ``segments``,
``reporting_currency``) and ``historicals.document_dates``; the research houses in the shared
``_sources.yaml`` beside the model files (:mod:`houses`). Model files are read leniently, only
those keys: a model file that does not validate for a build still names its company, and a file
without a company is skipped with a note. Two model files of one entity (a base case and a
broker's replica) add up; two entities claiming one name, two currencies for one entity or two
dates for one document are problems, since the extractor could only guess between them. The
sources file is read strictly: any problem in it stops extraction.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from builder.extract.houses import SOURCES_FILE, ResearchHouses, read_houses, sources_files
from builder.inputs.includes import load_with_includes
from builder.inputs.yaml_source import KeyPath, YamlDocument, dotted
from builder.problems import Problem

_SEGMENT_ID = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
MODEL_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True, slots=True)
class Segment:
    """A declared revenue segment: its id, the names documents use for it, its sub-segments."""

    id: str
    aliases: tuple[str, ...] = ()
    children: tuple[Segment, ...] = ()


@dataclass(frozen=True, slots=True)
class Company:
    """One entity and every name a document may use for it."""

    entity: str
    names: tuple[str, ...]
    segments: tuple[Segment, ...] = ()
    currency: str = ""  # reporting currency: of an amount the text gives without one (5,400万)


@dataclass(slots=True)
class Catalog:
    """What the model files declare, with the notes and problems of reading them."""

    companies: list[Company] = field(default_factory=list)
    document_dates: dict[str, date] = field(default_factory=dict)
    houses: ResearchHouses = field(default_factory=ResearchHouses)
    notes: list[str] = field(default_factory=list)  # files skipped, entries ignored
    problems: list[Problem] = field(default_factory=list)  # contradictions: extraction stops


def model_files(paths: Iterable[Path]) -> tuple[list[Path], list[str]]:
    """The model YAMLs among ``paths`` (files or folders); shared ``_*.yaml`` files are left out.

    Returns the files in a stable order and notes for paths that are neither.
    """
    files: list[Path] = []
    notes: list[str] = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.iterdir()
                            if p.suffix in MODEL_SUFFIXES and not p.name.startswith("_"))
        elif path.suffix in MODEL_SUFFIXES and not path.name.startswith("_"):
            files.append(path)
        elif not path.name.startswith("_"):
            notes.append(f"{path}: not a model file (.yaml) or a folder of them; skipped")
    return files, notes


def read_catalog(paths: Sequence[Path]) -> Catalog:
    """Read the company blocks of the model files in ``paths`` and merge them by entity, and
    the research houses of the ``_sources.yaml`` beside them."""
    files, notes = model_files(paths)
    catalog = Catalog(notes=notes)
    merge = _Merge(catalog.problems)
    for path in files:
        document, problems = load_with_includes(path)
        if document is None or problems or not isinstance(document.data, dict):
            reason = str(problems[0]) if problems else "not a mapping"
            catalog.notes.append(f"{path}: skipped, cannot be read: {reason}")
            continue
        reader = _Reader(document, catalog.notes)
        company = reader.company()
        if company is None:
            catalog.notes.append(f"{path}: skipped, no company.entity")
            continue
        merge.add(document, company, reader.document_dates())
    catalog.companies = [d.company() for d in merge.declared.values()]
    catalog.document_dates = {name: on for name, (on, _) in merge.dated.items()}
    houses = sources_files(paths)
    catalog.houses, problems = read_houses(houses)
    catalog.problems += problems
    if not houses:
        catalog.notes.append(f"no {SOURCES_FILE} beside the model files: no research house is "
                             "known, so every forecast is attributed to its article")
    return catalog


class _Merge:
    """Companies gathered across model files; a contradiction between two files is a problem."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        self.declared: dict[str, _Declared] = {}
        self.owners: dict[str, tuple[str, str]] = {}  # name -> (entity, where)
        self.dated: dict[str, tuple[date, str]] = {}  # document -> (date, where)
        self.currencies: dict[str, tuple[str, str]] = {}  # entity -> (currency, where)

    def add(self, document: YamlDocument, company: Company,
            dates: list[tuple[str, date, str]]) -> None:
        self.declared.setdefault(company.entity, _Declared(company.entity)).add(company)
        for name in company.names:
            where = f"{document.file_of(('company',))}:{document.line_of(('company',))}"
            entity, first = self.owners.setdefault(name, (company.entity, where))
            if entity != company.entity:
                self.problems.append(Problem(
                    document.file, f"the name {name!r} is declared for {company.entity} here and "
                    f"for {entity} at {first}: a document naming it could be either",
                    key="company.aliases", line=document.line_of(("company", "aliases"))))
        if company.currency:
            key = ("company", "reporting_currency")
            where = f"{document.file_of(key)}:{document.line_of(key)}"
            first_currency, first = self.currencies.setdefault(company.entity,
                                                               (company.currency, where))
            if first_currency != company.currency:
                self.problems.append(Problem(
                    document.file, f"{company.currency} differs from {first_currency} at "
                    f"{first}, another model of {company.entity}", key=dotted(key),
                    line=document.line_of(key)))
        for name, on, where in dates:
            first_date, first = self.dated.setdefault(name, (on, where))
            if first_date != on:
                self.problems.append(Problem(
                    document.file, f"{on} differs from {first_date} at {first}",
                    key=f"historicals.document_dates.{name}",
                    line=document.line_of(("historicals", "document_dates", name))))


class _Reader:
    """Lenient reads of one model file's company block: wrong entries are noted and ignored."""

    def __init__(self, document: YamlDocument, notes: list[str]):
        self.document = document
        self.notes = notes

    def note(self, path: KeyPath, message: str) -> None:
        line = self.document.line_of(path)
        where = f"{self.document.file_of(path)}:{line}" if line else self.document.file
        self.notes.append(f"{where}: {dotted(path)}: {message}; ignored")

    def text(self, value: Any, path: KeyPath) -> str:
        if isinstance(value, str) and value.strip():
            return value.strip()
        if value is not None:
            self.note(path, f"expected text, got {value!r}")
        return ""

    def texts(self, value: Any, path: KeyPath) -> list[str]:
        if value is None:
            return []
        if not isinstance(value, list):
            self.note(path, "expected a list of names")
            return []
        return [t for i, v in enumerate(value) if (t := self.text(v, (*path, i)))]

    def company(self) -> Company | None:
        block = self.document.data.get("company")
        if not isinstance(block, dict):
            return None
        entity = self.text(block.get("entity"), ("company", "entity"))
        if not entity:
            return None
        names = [self.text(block.get(key), ("company", key)) for key in ("name_zh", "name_en")]
        names += self.texts(block.get("aliases"), ("company", "aliases"))
        listings = block.get("listings")
        for index, listing in enumerate(listings if isinstance(listings, list) else []):
            if isinstance(listing, dict):
                names.append(self.text(listing.get("ticker"), ("company", "listings", index,
                                                               "ticker")))
        segments = self.segments(block.get("segments"), ("company", "segments"))
        currency = self.text(block.get("reporting_currency"), ("company", "reporting_currency"))
        return Company(entity, tuple(dict.fromkeys(n for n in names if n)), segments, currency)

    def segments(self, value: Any, path: KeyPath, depth: int = 0) -> tuple[Segment, ...]:
        if value is None:
            return ()
        if not isinstance(value, list) or depth > 1:
            self.note(path, "expected a list of segments (one level of children at most)")
            return ()
        found = []
        for index, entry in enumerate(value):
            where = (*path, index)
            identifier = entry.get("id") if isinstance(entry, dict) else None
            if not isinstance(identifier, str) or not _SEGMENT_ID.match(identifier):
                self.note(where, "a segment needs an id of lower-case letters, digits and _")
                continue
            aliases = self.texts(entry.get("aliases"), (*where, "aliases"))
            children = self.segments(entry.get("children"), (*where, "children"), depth + 1)
            found.append(Segment(identifier, tuple(aliases), children))
        return tuple(found)

    def document_dates(self) -> list[tuple[str, date, str]]:
        block = self.document.data.get("historicals")
        dates = block.get("document_dates") if isinstance(block, dict) else None
        if dates is None:
            return []
        path: KeyPath = ("historicals", "document_dates")
        if not isinstance(dates, dict):
            self.note(path, "expected a map of document file name to date")
            return []
        found = []
        for name, on in dates.items():
            if not isinstance(name, str) or not isinstance(on, date):
                self.note((*path, str(name)), f"expected a date YYYY-MM-DD, got {on!r}")
                continue
            line = self.document.line_of((*path, name))
            found.append((name, on, f"{self.document.file_of((*path, name))}:{line}"))
        return found


@dataclass(slots=True)
class _Declared:
    """One entity's names and segments gathered across its model files, in file order."""

    entity: str
    names: dict[str, None] = field(default_factory=dict)
    segments: dict[str, Segment] = field(default_factory=dict)

    currency: str = ""

    def add(self, company: Company) -> None:
        self.currency = self.currency or company.currency
        self.names.update(dict.fromkeys(company.names))
        for segment in company.segments:
            known = self.segments.get(segment.id)
            self.segments[segment.id] = _merged(known, segment) if known else segment

    def company(self) -> Company:
        return Company(self.entity, tuple(self.names), tuple(self.segments.values()),
                       self.currency)


def _merged(first: Segment, second: Segment) -> Segment:
    """One segment declared in two files: the aliases of both, children merged by id."""
    children = {child.id: child for child in first.children}
    for child in second.children:
        children[child.id] = _merged(children[child.id], child) if child.id in children else child
    aliases = tuple(dict.fromkeys((*first.aliases, *second.aliases)))
    return Segment(first.id, aliases, tuple(children.values()))

"""Load the assumptions YAML into typed records, or fail with every problem at once.

Stages: parse (syntax, duplicates) -> schema (types, unknown keys) -> rules (horizon, ranges).
Every problem carries the file, the dotted key and the YAML line, compiler style.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from builder.inputs import rules
from builder.inputs.includes import load_with_includes
from builder.inputs.schema import Assumptions
from builder.inputs.yaml_source import YamlDocument, dotted
from builder.problems import InputError, Problem


def load_assumptions(path: Path) -> Assumptions:
    """The validated assumptions at ``path``; raises :class:`InputError` listing every problem."""
    document, problems = load_with_includes(path)
    if document is None or problems:
        raise InputError(problems)
    if not isinstance(document.data, dict):
        raise InputError([Problem(str(path), "expected a mapping of sections at the top level",
                                  line=1)])
    try:
        assumptions = Assumptions.model_validate(document.data)
    except ValidationError as error:
        raise InputError(_schema_problems(str(path), error, document)) from None
    rule_problems = [
        Problem(document.file_of(p.path), p.message, key=dotted(p.path),
                line=document.line_of(p.path))
        for p in rules.check(assumptions)
    ]
    if rule_problems:
        raise InputError(rule_problems)
    return assumptions


def _schema_problems(file: str, error: ValidationError, document: YamlDocument) -> list[Problem]:
    problems: set[Problem] = set()
    for detail in error.errors():
        location = tuple(part for part in detail["loc"] if not _is_union_tag(part))
        if location and location[-1] == "[key]":
            # a bad key of a per-year map: name the map, and say a year was expected
            location = location[:-1]
            detail = {**detail, "type": "year_key"}
        # A missing key has no line of its own: point at its parent section, if it has one.
        anchor = location[:-1] if detail["type"] == "missing" else location
        line = document.line_of(anchor) if anchor else None
        origin = document.file_of(anchor) if anchor else file
        problems.add(Problem(origin, _message(detail, location), key=dotted(location), line=line))
    return sorted(problems, key=lambda p: (p.line or 0, p.key, p.message))


_BOUNDS = {"greater_than": ">", "greater_than_equal": ">=", "less_than": "<",
           "less_than_equal": "<="}
_UNION_TAGS = frozenset({"float", "int", "constrained-float", "constrained-int"})


def _is_union_tag(part: Any) -> bool:
    # pydantic names the tried branch of a union (e.g. 'float', 'int') inside the location
    return isinstance(part, str) and part in _UNION_TAGS


def _message(detail: Any, location: tuple) -> str:
    kind = detail["type"]
    received = detail.get("input")
    if kind == "extra_forbidden":
        unknown = str(location[-1]) if location else "?"
        suggestion = difflib.get_close_matches(unknown, _known_fields(location[:-1]), n=1)
        hint = f"; did you mean {suggestion[0]!r}?" if suggestion else ""
        return f"unknown key {unknown!r}{hint}"
    if kind == "year_key":
        return f"expected a year such as 2026 as the key, got {received!r}"
    if kind == "missing":
        return "required field is missing"
    if kind in {"float_type", "float_parsing", "int_type", "int_parsing", "int_from_float"}:
        return f"expected a number, got {received!r}"
    if kind in _BOUNDS:
        limit = next(iter(detail.get("ctx", {}).values()), "?")
        return f"expected a number {_BOUNDS[kind]} {limit}, got {received!r}"
    return f"{detail['msg'].rstrip('.')}; got {received!r}"


def _known_fields(location: tuple) -> list[str]:
    """Field names valid at ``location``, for the did-you-mean hint on an unknown key."""
    model: type[BaseModel] | None = Assumptions
    for part in location:
        if model is None or not isinstance(part, str) or part not in model.model_fields:
            return _all_fields(Assumptions)
        model = _model_of(model.model_fields[part].annotation)
    return list(model.model_fields) if model is not None else _all_fields(Assumptions)


def _model_of(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in getattr(annotation, "__args__", ()):
        found = _model_of(argument)
        if found is not None:
            return found
    return None


def _all_fields(model: type[BaseModel]) -> list[str]:
    names = []
    for name, field in model.model_fields.items():
        names.append(name)
        child = _model_of(field.annotation)
        if child is not None:
            names.extend(_all_fields(child))
    return names


def resolve_relative(base: Path, relative: str) -> Path:
    """A path named in the YAML, read relative to the YAML file's folder."""
    candidate = Path(relative)
    return candidate if candidate.is_absolute() else (base.parent / candidate)

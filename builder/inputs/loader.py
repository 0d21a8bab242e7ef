"""Load the assumptions YAML into typed records, or fail with every problem at once.

Stages: parse (syntax, duplicates) -> schema (types, unknown keys) -> rules (horizon, ranges).
Every problem carries the file, the dotted key and the YAML line, compiler style.
"""

from __future__ import annotations

from pathlib import Path

from builder.inputs import rules
from builder.inputs.includes import load_with_includes
from builder.inputs.record import Invalid, Issue, validate
from builder.inputs.schema import Assumptions
from builder.inputs.yaml_source import YamlDocument, dotted
from builder.problems import InputError, Problem


def load_assumptions(path: Path) -> Assumptions:
    """The validated assumptions at ``path``; raises :class:`InputError` listing every problem."""
    return load_assumptions_document(path)[0]


def load_assumptions_document(path: Path) -> tuple[Assumptions, YamlDocument]:
    """The assumptions and the parsed YAML they came from (which knows each key's line)."""
    document, problems = load_with_includes(path)
    if document is None or problems:
        raise InputError(problems)
    if not isinstance(document.data, dict):
        raise InputError([Problem(str(path), "expected a mapping of sections at the top level",
                                  line=1)])
    try:
        assumptions = validate(Assumptions, document.data)
    except Invalid as error:
        raise InputError(_schema_problems(error.issues, document)) from None
    rule_problems = [
        Problem(document.file_of(p.path), p.message, key=dotted(p.path),
                line=document.line_of(p.path))
        for p in rules.check(assumptions)
    ]
    if rule_problems:
        raise InputError(rule_problems)
    return assumptions, document


def _schema_problems(issues: list[Issue], document: YamlDocument) -> list[Problem]:
    problems = set()
    for issue in issues:
        # A missing key has no line of its own: point at its parent section, if it has one.
        anchor = issue.path[:-1] if issue.missing else issue.path
        line = document.line_of(anchor) if anchor else None
        origin = document.file_of(anchor) if anchor else document.file
        problems.add(Problem(origin, issue.message, key=dotted(issue.path), line=line))
    return sorted(problems, key=lambda p: (p.line or 0, p.key, p.message))


def resolve_relative(base: Path, relative: str) -> Path:
    """A path named in the YAML, read relative to the YAML file's folder."""
    candidate = Path(relative)
    return candidate if candidate.is_absolute() else (base.parent / candidate)

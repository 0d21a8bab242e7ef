"""Shared inputs: a model YAML may ``include`` other YAML files (e.g. ``_macro.yaml``).

A research team keeps the risk-free rate, the equity risk premium and FX rates in one file that
every model includes, so one edit re-prices the whole coverage list. Included files are merged
first, in order; the model's own keys win. Every key remembers which file it came from, so an
error in ``_macro.yaml`` names ``_macro.yaml`` and its line.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from builder.inputs.files import outside
from builder.inputs.yaml_source import KeyPath, YamlDocument, parse_yaml
from builder.problems import Problem

INCLUDE_KEY = "include"


def load_with_includes(path: Path) -> tuple[YamlDocument | None, list[Problem]]:
    document, problems = parse_yaml(path)
    if document is None or problems or not isinstance(document.data, dict):
        return document, problems
    includes = document.data.pop(INCLUDE_KEY, None)
    if includes is None:
        return document, []
    if isinstance(includes, str):
        includes = [includes]
    if not isinstance(includes, list) or not all(isinstance(i, str) for i in includes):
        return None, [Problem(str(path), "expected a file name or a list of file names",
                              key=INCLUDE_KEY, line=document.line_of((INCLUDE_KEY,)))]
    merged = YamlDocument(data={}, file=str(path))
    for relative in includes:
        included_path = path.parent / relative
        if outside(included_path, path.parent):
            problems.append(Problem(str(path), f"{relative!r} is outside the model's folder "
                                    f"{path.parent}; shared files must sit beside the model",
                                    key=INCLUDE_KEY, line=document.line_of((INCLUDE_KEY,))))
            continue
        included, included_problems = parse_yaml(included_path)
        if included is None or included_problems:
            problems += included_problems or [Problem(str(included_path), "cannot be included")]
            continue
        if not isinstance(included.data, dict):
            problems.append(Problem(str(included_path), "an included file must be a mapping"))
            continue
        _merge(merged, included, ())
    if problems:
        return None, problems
    _merge(merged, document, ())
    return merged, []


def _merge(target: YamlDocument, source: YamlDocument, path: KeyPath) -> None:
    """Copy ``source`` into ``target`` below ``path``: mappings merge, everything else replaces."""
    source_node = _at(source.data, path)
    target_node = _at(target.data, path)
    for key, value in source_node.items():
        child = (*path, key)
        if isinstance(value, dict) and isinstance(target_node.get(key), dict):
            _merge(target, source, child)
        else:
            if key in target_node:
                _forget(target, child)
            target_node[key] = _copy(value)
            for known in _paths(value, child):
                line = source.lines.get(known)
                if line is not None:
                    target.lines[known] = line
                    target.files[known] = source.file
        target.lines.setdefault(child, source.lines.get(child, 0))
        target.files.setdefault(child, source.file)


def _at(data: Any, path: KeyPath) -> dict:
    node = data
    for part in path:
        node = node[part]
    return node


def _forget(document: YamlDocument, prefix: KeyPath) -> None:
    for known in [k for k in document.lines if k[:len(prefix)] == prefix]:
        del document.lines[known]
        document.files.pop(known, None)


def _paths(value: Any, path: KeyPath) -> Iterator[KeyPath]:
    """``path`` and the path of every key and item below it: where the source has lines."""
    yield path
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _paths(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _paths(child, (*path, index))


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value

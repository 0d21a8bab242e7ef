"""Parse YAML safely while remembering where every key is, so messages can name the line.

PyYAML's safe composer gives a node tree with marks; we walk it once to build the plain data and a
map from dotted key path to 1-based line. Duplicate keys, which PyYAML silently resolves to the
last one, are reported here because a duplicated driver is almost always a paste error.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from builder.problems import Problem

KeyPath = tuple[str | int, ...]

# libyaml's safe loader when the wheel has it: the same nodes and marks, about ten times faster.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class YamlDocument:
    """Plain data plus, for every key path, its line and (after includes) its file."""

    data: Any
    file: str = ""
    lines: dict[KeyPath, int] = field(default_factory=dict)
    files: dict[KeyPath, str] = field(default_factory=dict)

    def line_of(self, path: KeyPath) -> int | None:
        """The line of the deepest key on ``path`` that the document has."""
        for depth in range(len(path), -1, -1):
            line = self.lines.get(tuple(path[:depth]))
            if line:
                return line
        return None

    def file_of(self, path: KeyPath) -> str:
        """The file that supplied the deepest key on ``path``."""
        for depth in range(len(path), -1, -1):
            origin = self.files.get(tuple(path[:depth]))
            if origin:
                return origin
        return self.file


def dotted(path: KeyPath) -> str:
    return ".".join(str(part) for part in path)


def parse_yaml(path: Path) -> tuple[YamlDocument | None, list[Problem]]:
    """Read ``path``; return the document, or the problems that stop it from being read."""
    file = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, [Problem(file, "file not found")]
    except (OSError, UnicodeDecodeError) as error:
        return None, [Problem(file, f"cannot read file: {error}")]
    if not text.strip():
        return None, [Problem(file, "the file is empty; expected the assumptions mapping")]
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        line = mark.line + 1 if mark is not None else None
        reason = error.problem or str(error)
        if mark is not None and _char_at(text, mark.line, mark.column) == "\t":
            reason = "tabs are not allowed for indentation in YAML; use spaces"
        return None, [Problem(file, f"YAML syntax error: {reason}", line=line)]
    except yaml.YAMLError as error:
        return None, [Problem(file, f"YAML syntax error: {error}")]
    if node is None:
        return None, [Problem(file, "the file is empty; expected the assumptions mapping")]
    document = YamlDocument(data=None, file=file)
    problems: list[Problem] = []
    document.data = _build(node, (), document, problems, file)
    return document, problems


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.splitlines()
    return lines[line][column:column + 1] if line < len(lines) else ""


def _build(
    node: yaml.Node, path: KeyPath, document: YamlDocument, problems: list[Problem], file: str
) -> Any:
    document.lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = _scalar(key_node)
            if isinstance(key, list | dict):
                problems.append(Problem(file, "a key must be a plain value", key=dotted(path),
                                        line=key_node.start_mark.line + 1))
                continue
            child = (*path, key)
            if key in result:
                problems.append(
                    Problem(file, f"duplicate key {key!r} (first at line {document.lines[child]})",
                            key=dotted(child), line=key_node.start_mark.line + 1)
                )
                continue
            document.lines[child] = key_node.start_mark.line + 1
            result[key] = _build(value_node, child, document, problems, file)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [
            _build(item, (*path, index), document, problems, file)
            for index, item in enumerate(node.value)
        ]
    return _scalar(node)


# One safe constructor for every scalar: building a loader per scalar was a tenth of a build of
# a long model. It is emptied after each scalar, so it holds no node between calls.
_CONSTRUCTOR = yaml.constructor.SafeConstructor()


def _scalar(node: yaml.Node) -> Any:
    if not isinstance(node, yaml.ScalarNode):
        return [] if isinstance(node, yaml.SequenceNode) else {}
    try:
        return _CONSTRUCTOR.construct_object(node, deep=True)
    finally:
        _CONSTRUCTOR.constructed_objects.clear()
        _CONSTRUCTOR.recursive_objects.clear()

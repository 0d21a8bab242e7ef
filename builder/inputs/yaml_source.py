"""Parse YAML safely while remembering where every key is, so messages can name the line.

PyYAML's safe composer gives a node tree with marks; we walk it once to build the plain data and a
map from dotted key path to 1-based line. Duplicate keys, which PyYAML silently resolves to the
last one, are reported here because a duplicated driver is almost always a paste error.

The walk is also where hostile YAML is stopped, each with a message on its line: aliases (a
324-byte "billion laughs" file of nested anchors expands to gigabytes when every reference is
walked again), merge keys, tags other than the plain types, nesting deeper than any model needs
(a RecursionError otherwise), and scalars whose tag cannot build them (``!!int notanint``,
``2025-02-30``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from builder.inputs.files import YAML_LIMIT, FileRefused, read_text
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
        text = read_text(path, YAML_LIMIT)
    except FileNotFoundError:
        return None, [Problem(file, "file not found")]
    except FileRefused as error:
        return None, [Problem(file, f"cannot read file: {error}")]
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
    except RecursionError:  # the pure-Python composer on very deep nesting
        return None, [Problem(file, f"YAML nested more than {MAX_DEPTH} levels deep")]
    if node is None:
        return None, [Problem(file, "the file is empty; expected the assumptions mapping")]
    document = YamlDocument(data=None, file=file)
    problems: list[Problem] = []
    document.data = _Walk(document, problems, file).build(node, ())
    return document, problems


# Deeper than any assumptions file (about 6 levels) and far below Python's recursion limit.
MAX_DEPTH = 64

_PLAIN_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
)
_MERGE_TAG = "tag:yaml.org,2002:merge"


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.splitlines()
    return lines[line][column:column + 1] if line < len(lines) else ""


class _Walk:
    """One walk of a composed node tree into plain data, lines and problems."""

    def __init__(self, document: YamlDocument, problems: list[Problem], file: str):
        self.document = document
        self.problems = problems
        self.file = file
        self.seen: set[int] = set()  # every node met: an alias is a node met twice
        self.aliases = 0

    def problem(self, path: KeyPath, message: str, line: int | None) -> None:
        self.problems.append(Problem(self.file, message, key=dotted(path), line=line))

    def alias(self, path: KeyPath) -> None:
        """One message for the first alias and a count of the rest, not one per reference."""
        self.aliases += 1
        message = ("YAML aliases (*name) are not accepted: write the value out where it is "
                   "used")
        if self.aliases == 1:
            self.problem(path, message, self.document.line_of(path[:-1]))
            self.first_alias = len(self.problems) - 1
        else:
            first = self.problems[self.first_alias]
            self.problems[self.first_alias] = Problem(
                first.file, f"{message} ({self.aliases} aliases in this file)", first.key,
                first.line)

    def build(self, node: yaml.Node, path: KeyPath, depth: int = 0) -> Any:
        if id(node) in self.seen:
            self.alias(path)
            return None
        self.seen.add(id(node))
        line = node.start_mark.line + 1
        self.document.lines.setdefault(path, line)
        if depth > MAX_DEPTH:
            self.problem(path[:4], f"nested more than {MAX_DEPTH} levels deep", line)
            return None
        if node.tag not in _PLAIN_TAGS:
            self.problem(path, f"the tag {_short(node.tag)} is not accepted; write plain "
                               "values (numbers, text, dates, lists, mappings)", line)
            return None
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, index), depth + 1)
                    for index, item in enumerate(node.value)]
        return self.scalar(node, path)

    def mapping(self, node: yaml.MappingNode, path: KeyPath, depth: int) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        lines = self.document.lines
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if key_node.tag == _MERGE_TAG:
                self.problem(path, "merge keys (<<) are not accepted: write the keys out",
                             key_line)
                continue
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _PLAIN_TAGS:
                self.problem(path, "a key must be a plain value", key_line)
                continue
            key = self.scalar(key_node, path)
            if key is None and key_node.tag != "tag:yaml.org,2002:null":
                continue  # the scalar's own problem is reported
            child = (*path, key)
            if key in result:
                self.problem(child, f"duplicate key {key!r} (first at line {lines[child]})",
                             key_line)
                continue
            lines[child] = key_line
            result[key] = self.build(value_node, child, depth + 1)
        return result

    def scalar(self, node: yaml.ScalarNode, path: KeyPath) -> Any:
        try:
            return _scalar(node)
        except (yaml.YAMLError, ValueError, OverflowError) as error:
            what = "date" if node.tag.endswith(":timestamp") else _short(node.tag)
            reason = str(error).splitlines()[0]
            self.problem(path, f"{node.value!r} is not a valid {what}: {reason}",
                         node.start_mark.line + 1)
            return None


def _short(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org") \
        else tag


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

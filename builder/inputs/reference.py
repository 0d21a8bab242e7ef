"""The YAML reference in the README, generated from the schema so the two cannot drift.

`python -m builder.inputs.reference` prints the Markdown table; a test checks that the README
holds exactly this table between its markers.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator

from builder.inputs.record import DayOrMonth, FieldSpec, Record
from builder.inputs.schema import Assumptions

BEGIN = "<!-- yaml-reference:begin -->"
END = "<!-- yaml-reference:end -->"


def rows(model: type[Record] = Assumptions, prefix: str = "",
         outer: tuple[type[Record], ...] = ()) -> Iterator[tuple[str, str, str]]:
    """(dotted key, type, description) for every field, depth first, in declaration order.

    A section that nests itself (a segment's children are segments) is listed once: its
    nested copy says so instead of recursing.
    """
    for name, field in model.fields().items():
        key = f"{prefix}{name}"
        child = _model_of(field.annotation)
        required = "required" if field.required else "optional"
        text = _description(field)
        if child is not None and child in (*outer, model):
            text = f"{text}; each with the same keys as its parent".lstrip("; ")
            child = None
        yield key, f"{_type_name(field.annotation)}, {required}", text
        if child is not None:
            inner = f"{key}[]." if _is_list(field.annotation) else f"{key}."
            if typing.get_origin(field.annotation) is dict:
                inner = f"{key}.<key>."
            yield from rows(child, inner, (*outer, model))


def markdown() -> str:
    lines = ["| key | type | meaning and unit |", "|---|---|---|"]
    lines += [f"| `{key}` | {kind} | {text} |" for key, kind, text in rows()]
    return "\n".join(lines)


def _description(field: FieldSpec) -> str:
    return (field.description or "").replace("|", "\\|")


def _model_of(annotation: object) -> type[Record] | None:
    if isinstance(annotation, type) and issubclass(annotation, Record):
        return annotation
    for argument in typing.get_args(annotation):
        found = _model_of(argument)
        if found is not None:
            return found
    return None


def _is_list(annotation: object) -> bool:
    if typing.get_origin(annotation) is list:
        return True
    return any(_is_list(a) for a in typing.get_args(annotation)
               if typing.get_origin(annotation) in (typing.Union, types.UnionType))


def _type_name(annotation: object) -> str:
    origin = typing.get_origin(annotation)
    if origin is dict:  # years to numbers (per-year series), or text keys (file name -> title)
        key, value = typing.get_args(annotation)
        if _type_name(key) == "str":
            return f"map text -> {_type_name(value).replace('str', 'text')}"
        return "map year -> number"
    if origin is list:
        (inner,) = typing.get_args(annotation) or (object,)
        return f"list of {_type_name(inner)}"
    if origin is typing.Literal:
        return " / ".join(repr(a) for a in typing.get_args(annotation))
    if origin in (typing.Union, types.UnionType):
        names = [_type_name(a) for a in typing.get_args(annotation) if a is not type(None)]
        return " or ".join(dict.fromkeys(names))
    if origin is typing.Annotated:
        return _type_name(typing.get_args(annotation)[0])
    if isinstance(annotation, type) and issubclass(annotation, Record):
        return "section"
    if annotation is DayOrMonth:
        return "date (YYYY-MM-DD) or month (YYYY-MM)"
    return getattr(annotation, "__name__", str(annotation)).replace("date", "date (YYYY-MM-DD)")


if __name__ == "__main__":
    print(markdown())

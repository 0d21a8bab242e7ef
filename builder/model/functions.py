"""Spreadsheet functions as expression nodes: each evaluates the way Excel and LibreOffice do.

Only functions that Excel 2010+ and LibreOffice 7.4 both evaluate, and that the independent
``formulas`` engine recomputes, live here. Nothing volatile (OFFSET, INDIRECT), no NPV: the
valuation spells its discounting out so a reader can audit it cell by cell.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from builder.model.expr import (
    NOT_AVAILABLE,
    PRECEDENCE,
    BinOp,
    Expr,
    ModelError,
    Operand,
    Ref,
    Resolver,
    Value,
    lift,
    number,
    render_infix,
)


@dataclass(frozen=True, slots=True)
class Call(Expr):
    """A function over expression arguments: SUM, MAX, MIN, ABS."""

    name: str
    args: tuple[Expr, ...]

    def evaluate(self, resolver: Resolver, period: str | None) -> Value:
        values = [number(a.evaluate(resolver, period), self.name) for a in self.args]
        if self.name == "SUM":
            return sum(values)
        if self.name == "MAX":
            return max(values)
        if self.name == "MIN":
            return min(values)
        if self.name == "ABS":
            return abs(values[0])
        raise ModelError(f"unsupported function {self.name}")

    def render(self, resolver: Resolver, period: str | None) -> str:
        inner = ",".join(a.render(resolver, period) for a in self.args)
        return f"{self.name}({inner})"

    def references(self) -> tuple[Ref, ...]:
        return tuple(r for a in self.args for r in a.references())


def total(*args: Operand) -> Expr:
    return Call("SUM", tuple(lift(a) for a in args))


def maximum(*args: Operand) -> Expr:
    return Call("MAX", tuple(lift(a) for a in args))


def minimum(*args: Operand) -> Expr:
    return Call("MIN", tuple(lift(a) for a in args))


def absolute(arg: Operand) -> Expr:
    return Call("ABS", (lift(arg),))


@dataclass(frozen=True, slots=True)
class SumRange(Expr):
    """SUM over one row across a run of periods, rendered as a range (``SUM(D7:F7)``)."""

    key: str
    periods: tuple[str | None, ...]

    def evaluate(self, resolver: Resolver, period: str | None) -> Value:
        return sum(number(resolver.value(self.key, p), f"{self.key}[{p}]") for p in self.periods)

    def render(self, resolver: Resolver, period: str | None) -> str:
        return f"SUM({resolver.address_range(self.key, self.periods)})"

    def references(self) -> tuple[Ref, ...]:
        return tuple(Ref(self.key, period=p, fixed=True) for p in self.periods)


@dataclass(frozen=True, slots=True)
class Compare(Expr):
    op: str  # one of = <> < <= > >=
    left: Expr
    right: Expr

    def evaluate(self, resolver: Resolver, period: str | None) -> Value:
        a = number(self.left.evaluate(resolver, period), f"left of {self.op}")
        b = number(self.right.evaluate(resolver, period), f"right of {self.op}")
        outcome = {
            "=": a == b,
            "<>": a != b,
            "<": a < b,
            "<=": a <= b,
            ">": a > b,
            ">=": a >= b,
        }[self.op]
        return 1.0 if outcome else 0.0

    @property
    def precedence(self) -> int:  # type: ignore[override]
        return PRECEDENCE[self.op]

    def render(self, resolver: Resolver, period: str | None) -> str:
        return render_infix(self.op, self.left, self.right, resolver, period)

    def references(self) -> tuple[Ref, ...]:
        return self.left.references() + self.right.references()


def compare(left: Operand, op: str, right: Operand) -> Compare:
    return Compare(op, lift(left), lift(right))


@dataclass(frozen=True, slots=True)
class If(Expr):
    condition: Expr
    then: Expr
    otherwise: Expr

    def evaluate(self, resolver: Resolver, period: str | None) -> Value:
        condition = number(self.condition.evaluate(resolver, period), "IF condition")
        branch = self.then if condition else self.otherwise
        return branch.evaluate(resolver, period)

    def render(self, resolver: Resolver, period: str | None) -> str:
        return (
            f"IF({self.condition.render(resolver, period)},"
            f"{self.then.render(resolver, period)},{self.otherwise.render(resolver, period)})"
        )

    def references(self) -> tuple[Ref, ...]:
        return self.condition.references() + self.then.references() + self.otherwise.references()


def if_(condition: Expr, then: Operand, otherwise: Operand) -> If:
    return If(condition, lift(then), lift(otherwise))


@dataclass(frozen=True, slots=True)
class Text(Expr):
    """A text literal produced by a formula (only the fixed ``n/a`` marker, never user text)."""

    text: str

    def evaluate(self, resolver: Resolver, period: str | None) -> Value:
        return self.text

    def render(self, resolver: Resolver, period: str | None) -> str:
        return '"' + self.text.replace('"', '""') + '"'


def ratio(numerator: Operand, denominator: Operand) -> Expr:
    """numerator / denominator, or ``n/a`` where the denominator is zero (never #DIV/0!)."""
    den = lift(denominator)
    return If(Compare("=", den, lift(0)), Text(NOT_AVAILABLE), BinOp("/", lift(numerator), den))


@dataclass(frozen=True, slots=True)
class Pick(Expr):
    """INDEX(range, selector): the scenario switch. Options are the cells of one column."""

    key_options: tuple[str, ...]
    selector: Expr

    def evaluate(self, resolver: Resolver, period: str | None) -> Value:
        index = int(number(self.selector.evaluate(resolver, period), "scenario selector"))
        if not 1 <= index <= len(self.key_options):
            raise ModelError(f"selector {index} outside 1..{len(self.key_options)}")
        return resolver.value(self.key_options[index - 1], period)

    def render(self, resolver: Resolver, period: str | None) -> str:
        cells = resolver.address_span(self.key_options[0], self.key_options[-1], period)
        return f"INDEX({cells},{self.selector.render(resolver, period)})"

    def references(self) -> tuple[Ref, ...]:
        return tuple(Ref(k) for k in self.key_options) + self.selector.references()


def pick(options: Sequence[str], selector: Expr) -> Pick:
    return Pick(tuple(options), selector)


@dataclass(frozen=True, slots=True)
class Match(Expr):
    """MATCH(value, cells, 0): the 1-based position of a text among scalar cells (the scenario)."""

    value: Expr
    keys: tuple[str, ...]

    def evaluate(self, resolver: Resolver, period: str | None) -> Value:
        wanted = self.value.evaluate(resolver, period)
        options = [resolver.value(k, None) for k in self.keys]
        for position, option in enumerate(options, start=1):
            if (isinstance(option, str) and isinstance(wanted, str)
                    and option.lower() == wanted.lower()):
                return float(position)
        raise ModelError(f"{wanted!r} is not one of {options}")

    def render(self, resolver: Resolver, period: str | None) -> str:
        cells = resolver.address_span(self.keys[0], self.keys[-1], None)
        return f"MATCH({self.value.render(resolver, period)},{cells},0)"

    def references(self) -> tuple[Ref, ...]:
        return self.value.references() + tuple(Ref(k, period=None, fixed=True) for k in self.keys)

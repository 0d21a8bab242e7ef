"""Expressions: the one definition from which a line item gets both its value and its formula.

A line item's logic is written once as a small expression tree. :meth:`Expr.evaluate` walks it
in Python to get the model's number; :meth:`Expr.render` walks the very same tree to get the Excel
formula that reproduces it. Neither rendering knows about the other's output, so they cannot
drift: a change to the tree changes both.

Both walks go through a *resolver*: evaluation resolves a reference to a value, rendering to a
cell address. References name line items by key and period (``Ref("revenue")`` is the current
column, ``Ref("revenue", shift=-1)`` the previous one, ``Ref("cash", period="3Q25")`` a fixed
cell), so no expression contains a cell address and the layout is free to move rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

Value = float | str | None

# The text a guarded formula shows instead of #DIV/0!; a ratio of nothing is "n/a", not zero.
NOT_AVAILABLE = "n/a"


class Resolver(Protocol):
    """What an expression needs from its surroundings to evaluate or render itself."""

    def value(self, key: str, period: str | None) -> Value: ...

    def address(self, key: str, period: str | None, absolute: bool = False) -> str: ...

    def address_span(self, first: str, last: str, period: str | None,
                     absolute: bool = False) -> str:
        """The cells of items ``first`` to ``last`` in ``period``'s column (a vertical range)."""
        ...

    def address_range(self, key: str, periods: Sequence[str | None]) -> str: ...

    def shift(self, period: str | None, offset: int) -> str | None: ...


def span(first: str, last: str) -> str:
    """``first:last`` naming the sheet once: ``Inputs!D5:D7``, not ``Inputs!D5:Inputs!D7``."""
    return f"{first}:{last.rsplit('!', 1)[-1]}"


class ModelError(Exception):
    """A model definition or its data cannot produce a value (a missing figure, a bad reference)."""


# Binding strength when rendered: a child binding more loosely than its parent gets parentheses.
PRECEDENCE = {"=": 0, "<>": 0, "<": 0, "<=": 0, ">": 0, ">=": 0, "+": 1, "-": 1, "*": 2, "/": 2,
              "^": 3}
ATOM = 9


class Expr:
    """Base of every expression node. Arithmetic operators build new nodes."""

    precedence: int = ATOM

    def evaluate(self, resolver: Resolver, period: str | None) -> Value:
        raise NotImplementedError

    def render(self, resolver: Resolver, period: str | None) -> str:
        raise NotImplementedError

    def references(self) -> tuple[Ref, ...]:
        """Every reference in the tree, so the layout can tell a link from a calculation."""
        return ()

    def __add__(self, other: Operand) -> Expr:
        return BinOp("+", self, lift(other))

    def __radd__(self, other: Operand) -> Expr:
        return BinOp("+", lift(other), self)

    def __sub__(self, other: Operand) -> Expr:
        return BinOp("-", self, lift(other))

    def __rsub__(self, other: Operand) -> Expr:
        return BinOp("-", lift(other), self)

    def __mul__(self, other: Operand) -> Expr:
        return BinOp("*", self, lift(other))

    def __rmul__(self, other: Operand) -> Expr:
        return BinOp("*", lift(other), self)

    def __truediv__(self, other: Operand) -> Expr:
        return BinOp("/", self, lift(other))

    def __rtruediv__(self, other: Operand) -> Expr:
        return BinOp("/", lift(other), self)

    def __pow__(self, other: Operand) -> Expr:
        return BinOp("^", self, lift(other))

    def __neg__(self) -> Expr:
        return Neg(self)


Operand = Expr | int | float


def lift(operand: Operand) -> Expr:
    if isinstance(operand, Expr):
        return operand
    return Const(float(operand))


def number(value: Value, where: str) -> float:
    """The numeric value of an operand, or a :class:`ModelError` saying which figure is missing."""
    if type(value) is float:  # the common case, checked first: evaluation calls this a lot
        return value
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ModelError(f"{where} has no number (got {value!r})")
    return float(value)


@dataclass(frozen=True, slots=True)
class Const(Expr):
    """A literal. The workbook lint allows only 0, 1, 100 and day counts in formulas."""

    value: float

    def evaluate(self, resolver: Resolver, period: str | None) -> Value:
        return self.value

    def render(self, resolver: Resolver, period: str | None) -> str:
        return f"{self.value:g}"


@dataclass(frozen=True, slots=True)
class Ref(Expr):
    """The value of line item ``key`` in this column, a shifted column, or a fixed period."""

    key: str
    shift: int = 0
    period: str | None = None
    fixed: bool = False

    def target(self, resolver: Resolver, period: str | None) -> str | None:
        if self.fixed:
            return self.period
        return resolver.shift(period, self.shift) if self.shift else period

    def evaluate(self, resolver: Resolver, period: str | None) -> Value:
        if self.fixed:
            return resolver.value(self.key, self.period)
        if self.shift:
            return resolver.value(self.key, resolver.shift(period, self.shift))
        return resolver.value(self.key, period)

    def render(self, resolver: Resolver, period: str | None) -> str:
        if self.fixed:
            return resolver.address(self.key, self.period, absolute=True)
        target = resolver.shift(period, self.shift) if self.shift else period
        return resolver.address(self.key, target, absolute=False)

    def references(self) -> tuple[Ref, ...]:
        return (self,)


def at(key: str, period: str | None) -> Ref:
    """A reference to one fixed cell: a scalar input (period None) or one period of a row."""
    return Ref(key, period=period, fixed=True)


def prev(key: str) -> Ref:
    return Ref(key, shift=-1)


@dataclass(frozen=True, slots=True)
class BinOp(Expr):
    op: str
    left: Expr
    right: Expr

    def evaluate(self, resolver: Resolver, period: str | None) -> Value:
        a = self.left.evaluate(resolver, period)
        b = self.right.evaluate(resolver, period)
        # Operands are nearly always floats; the message is built only when one is not.
        if type(a) is not float:
            a = number(a, f"left of {self.op}")
        if type(b) is not float:
            b = number(b, f"right of {self.op}")
        op = self.op
        if op == "+":
            return a + b
        if op == "-":
            return a - b
        if op == "*":
            return a * b
        if op == "/":
            if b == 0:
                raise ModelError("division by zero; guard it with ratio()")
            return a / b
        if op == "^":
            return a**b
        raise ModelError(f"unknown operator {op}")

    @property
    def precedence(self) -> int:  # type: ignore[override]
        return PRECEDENCE[self.op]

    def render(self, resolver: Resolver, period: str | None) -> str:
        return render_infix(self.op, self.left, self.right, resolver, period)

    def references(self) -> tuple[Ref, ...]:
        return self.left.references() + self.right.references()


def render_infix(op: str, left: Expr, right: Expr, resolver: Resolver, period: str | None) -> str:
    """``left op right`` with only the parentheses that Excel's precedence needs.

    The right operand of ``-``, ``/`` and ``^`` is wrapped at equal precedence too, since
    ``a-(b-c)`` is not ``a-b-c``.
    """
    strength = PRECEDENCE[op]
    left_text = left.render(resolver, period)
    right_text = right.render(resolver, period)
    if left.precedence < strength or (op == "^" and left.precedence == strength):
        left_text = f"({left_text})"
    if right.precedence < strength or (right.precedence == strength and op in "-/^"):
        right_text = f"({right_text})"
    return f"{left_text}{op}{right_text}"


@dataclass(frozen=True, slots=True)
class Neg(Expr):
    operand: Expr

    def evaluate(self, resolver: Resolver, period: str | None) -> Value:
        return -number(self.operand.evaluate(resolver, period), "negation")

    def render(self, resolver: Resolver, period: str | None) -> str:
        inner = self.operand.render(resolver, period)
        return f"-{inner}" if self.operand.precedence == ATOM else f"-({inner})"

    def references(self) -> tuple[Ref, ...]:
        return self.operand.references()

"""Conditions for sparse data: ISNUMBER and AND, so a missing figure stays missing.

A peer whose P/E the documents do not give, or a loss-maker whose P/E means nothing, must drop
out of a median rather than count as zero. These nodes let a formula test for that the way
Excel and LibreOffice do.
"""

from __future__ import annotations

from dataclasses import dataclass

from builder.model.expr import NOT_AVAILABLE, Expr, Operand, Ref, Resolver, Value, lift, number
from builder.model.functions import Text, compare, if_


@dataclass(frozen=True, slots=True)
class IsNumber(Expr):
    """ISNUMBER(x): 1 for a number, 0 for text, a blank or an error marker."""

    operand: Expr

    def evaluate(self, resolver: Resolver, period: str | None) -> Value:
        value = self.operand.evaluate(resolver, period)
        return 1.0 if isinstance(value, int | float) and not isinstance(value, bool) else 0.0

    def render(self, resolver: Resolver, period: str | None) -> str:
        return f"ISNUMBER({self.operand.render(resolver, period)})"

    def references(self) -> tuple[Ref, ...]:
        return self.operand.references()


@dataclass(frozen=True, slots=True)
class AllOf(Expr):
    """AND(a, b, ...).

    Python stops at the first false argument, so ``AND(ISNUMBER(x), x>0)`` never compares a
    text with a number here. Excel evaluates every argument, but comparing text with a number
    is no error there (text sorts above numbers), so both give the same answer.
    """

    args: tuple[Expr, ...]

    def evaluate(self, resolver: Resolver, period: str | None) -> Value:
        for arg in self.args:
            if not number(arg.evaluate(resolver, period), "AND argument"):
                return 0.0
        return 1.0

    def render(self, resolver: Resolver, period: str | None) -> str:
        return "AND(" + ",".join(a.render(resolver, period) for a in self.args) + ")"

    def references(self) -> tuple[Ref, ...]:
        return tuple(r for a in self.args for r in a.references())


def is_number(operand: Operand) -> IsNumber:
    return IsNumber(lift(operand))


def all_of(*args: Expr) -> AllOf:
    return AllOf(tuple(args))


def missing() -> Text:
    """The marker of a figure that is not there: text, so MEDIAN and AVERAGE skip it."""
    return Text(NOT_AVAILABLE)


def meaningful(value: Operand) -> Expr:
    """``value`` if it is a positive number, else ``n/a``: a negative P/E is no multiple."""
    operand = lift(value)
    return if_(all_of(is_number(operand), compare(operand, ">", 0)), operand, missing())


def number_or(value: Operand, fallback: Operand) -> Expr:
    """``value`` if it is a number, else ``fallback`` (a blank override means: use the default)."""
    operand = lift(value)
    return if_(is_number(operand), operand, fallback)

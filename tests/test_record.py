"""The input records and their validation (builder.inputs.record), on a small schema of their own.

The whole assumptions schema is exercised by test_bad_input, test_properties and the builds; here
each rule is pinned on its own: every issue at once, strict numbers, keys, defaults, constraints,
record-level checks, and records that behave as frozen values.
"""

from __future__ import annotations

import datetime as dt
import pickle
from typing import Annotated, Literal

import pytest

from builder.inputs.record import Field, Invalid, Record, validate

Name = Annotated[str, Field(min_length=1, max_length=5)]


class Leg(Record):
    side: Literal["buy", "sell"]
    size: float = Field(gt=0, description="units")


class Book(Record):
    title: str = Field(min_length=1)
    opened: dt.date
    years: list[int] = Field(default_factory=list, max_length=3)
    rates: dict[int, float] = Field(default_factory=dict)
    legs: list[Leg] = Field(default_factory=list)
    tags: dict[str, Name] = Field(default_factory=dict)
    limit: float | None = None
    share: float = Field(default=0.5, ge=0, le=1)

    def check(self) -> None:
        if self.years and self.years != sorted(self.years):
            raise ValueError(f"years must increase, got {self.years}")


GOOD = {"title": "T", "opened": dt.date(2025, 1, 2), "years": [2025, 2026],
        "rates": {2025: 0.1, 2026: 1}, "legs": [{"side": "buy", "size": 2}],
        "tags": {"a": "xy"}}


def _issues(data: object) -> dict[str, str]:
    with pytest.raises(Invalid) as caught:
        validate(Book, data)
    return {".".join(map(str, i.path)): i.message for i in caught.value.issues}


def test_valid_data_becomes_records_with_numbers_as_floats_and_defaults_filled() -> None:
    book = validate(Book, GOOD)
    assert book.rates == {2025: 0.1, 2026: 1.0} and type(book.rates[2026]) is float
    assert book.legs == [Leg(side="buy", size=2.0)]
    assert book.limit is None and book.share == 0.5
    assert validate(Book, {**GOOD, "opened": "2025-01-02"}).opened == dt.date(2025, 1, 2)


def test_every_issue_is_reported_at_once_with_its_key_path() -> None:
    data = {**GOOD, "title": "", "colour": 1, "share": 2, "rates": {2025: "0.1", "y": 1},
            "legs": [{"side": "hold", "size": -1, "sise": 3}], "tags": {"a": "toolong"}}
    del data["opened"]
    assert _issues(data) == {
        "title": "expected text, got an empty string",
        "colour": "unknown key 'colour'",
        "opened": "required field is missing",
        "share": "expected a number <= 1.0, got 2.0",
        "rates.2025": "expected a number, got '0.1'",
        "rates.y": "expected a year such as 2026 as the key, got 'y'",
        "legs.0.side": "expected one of 'buy', 'sell', got 'hold'",
        "legs.0.size": "expected a number > 0.0, got -1.0",
        "legs.0.sise": "unknown key 'sise'; did you mean 'size'?",
        "tags.a": "expected at most 5 characters, got 7",
    }


@pytest.mark.parametrize("value", ["1.5", True, None, [1]])
def test_a_number_is_a_number_not_text_or_a_boolean(value: object) -> None:
    assert _issues({**GOOD, "share": value}) == {"share": f"expected a number, got {value!r}"}


@pytest.mark.parametrize("value", [float("nan"), float("inf")])
def test_a_number_is_finite(value: float) -> None:
    assert _issues({**GOOD, "limit": value}) == {
        "limit": f"expected a finite number, got {value!r}"}


def test_a_year_is_a_whole_number() -> None:
    assert _issues({**GOOD, "years": [2025.0]}) == {
        "years.0": "expected a whole number, got 2025.0"}


def test_shapes_dates_and_sizes_are_checked() -> None:
    assert _issues({**GOOD, "legs": {"side": "buy"}, "opened": "soon", "years": [1, 2, 3, 4],
                    "rates": 0.3}) == {
        "legs": "expected a list, got {'side': 'buy'}",
        "opened": "expected a date as YYYY-MM-DD, got 'soon'",
        "years": "expected at most 3 items, got 4",
        "rates": "expected a mapping, got 0.3",
    }
    assert _issues([1]) == {"": "expected a section (a mapping of keys), got [1]"}


def test_the_record_check_runs_once_its_fields_are_valid() -> None:
    assert _issues({**GOOD, "years": [2026, 2025]}) == {
        "": "years must increase, got [2026, 2025]"}
    # a field issue alone: the check does not run on a half-valid record
    assert _issues({**GOOD, "years": [2026, "x"]}) == {
        "years.1": "expected a whole number, got 'x'"}


def test_a_missing_key_is_marked_so_the_loader_points_at_its_parent() -> None:
    with pytest.raises(Invalid) as caught:
        validate(Book, {"title": "T"})
    (issue,) = caught.value.issues
    assert issue.path == ("opened",) and issue.missing


def test_records_are_frozen_values() -> None:
    book = validate(Book, GOOD)
    with pytest.raises(AttributeError):
        book.title = "U"  # type: ignore[misc]
    again = validate(Book, GOOD)
    assert book == again and hash(book) == hash(again)
    changed = book.replace(title="U")
    assert changed.title == "U" and book.title == "T" and changed != book
    assert pickle.loads(pickle.dumps(book)) == book
    assert Book(title="T", opened=dt.date(2025, 1, 1)).years == []  # a fresh default each time
    assert Book(title="T", opened=dt.date(2025, 1, 1)).years is not Book(
        title="T", opened=dt.date(2025, 1, 1)).years
    with pytest.raises(TypeError, match="has no field 'colour'"):
        Book(title="T", opened=dt.date(2025, 1, 1), colour=1)


def test_fields_carry_type_description_and_requiredness() -> None:
    fields = Leg.fields()
    assert list(fields) == ["side", "size"]
    assert fields["size"].annotation is float and fields["size"].description == "units"
    assert fields["side"].required and not Book.fields()["limit"].required

"""Point in time and missing history: a model uses only what was published by its as_of date,
says what it left out, and names every figure it needs but lacks, with both ways to supply it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from builder.cli import main
from builder.pipeline import build, compute, compute_loaded
from builder.problems import InputError

from .tiny import tiny_company

LATER = {("revenue", "1Q25"): 260.0, ("revenue_yoy", "1Q25"): 0.04}


def test_figures_published_after_as_of_are_left_out_and_listed(tmp_path: Path) -> None:
    path = tiny_company(tmp_path, figures=LATER,
                        published={("revenue", "1Q25"): "2025-07-15",
                                   ("revenue_yoy", "1Q25"): "2025-07-15"})
    loaded = compute_loaded(path)[0]
    assert not loaded.facts.has("revenue", "1Q25")
    assert loaded.left_out == (
        "revenue 1Q25 = 260 (tiny.txt:5, published 2025-07-15)",
        "revenue_yoy 1Q25 = 0.04 (tiny.txt:7, published 2025-07-15)")
    result = build(path, tmp_path / "out", memo=False)
    assert result.left_out == loaded.left_out
    with pytest.raises(InputError) as raised:  # now 1Q25 is not reported by as_of
        compute(tiny_company(tmp_path / "q", lambda d: d["timeline"].update(
            reported_periods=["1Q25"]), figures=LATER,
            published=dict.fromkeys(LATER, "2025-07-15")))
    assert ("timeline.reported_periods: 1Q25 is listed as reported, but nothing for it was "
            "published by 2025-06-30 (2 figures for it were published later)") in str(raised.value)


def test_the_build_prints_what_it_left_out(tmp_path: Path, capsys) -> None:
    path = tiny_company(tmp_path, figures=LATER,
                        published={("revenue", "1Q25"): "2025-07-15",
                                   ("revenue_yoy", "1Q25"): "2025-07-15"})
    assert main(["build", str(path), "--out", str(tmp_path / "out"), "--no-memo"]) == 0
    out = capsys.readouterr().out
    assert "left out 2 figures published after 2025-06-30" in out
    assert "revenue 1Q25 = 260 (tiny.txt:5, published 2025-07-15)" in out


def test_a_document_without_a_date_is_refused_by_name(tmp_path: Path) -> None:
    path = tiny_company(tmp_path)
    csv = tmp_path / "tiny.historicals.csv"
    csv.write_text(csv.read_text(encoding="utf-8").replace(",2025-03-31,", ",,"),
                   encoding="utf-8")
    with pytest.raises(InputError) as raised:
        compute(path)
    assert ("historicals.document_dates: figures from tiny.txt carry no publication date"
            in str(raised.value))


def test_every_missing_figure_is_named_with_both_ways_to_supply_it(tmp_path: Path) -> None:
    path = tiny_company(tmp_path, drop=[("accounts_receivable", "FY2024"), ("cash", "FY2024")])
    with pytest.raises(InputError) as raised:
        compute(path)
    text = str(raised.value)
    for metric in ("accounts_receivable FY2024", "cash FY2024"):
        assert (f"historicals: {metric} is needed for" in text), text
    assert ("add a row to tiny.historicals.csv with its document, line and quote, or an "
            "analyst estimate under historicals.estimates (metric: cash, period: FY2024, "
            "value: ..., why: ...)") in text


def test_an_analyst_estimate_fills_the_gap_and_is_marked_as_one(tmp_path: Path) -> None:
    def estimate(data: dict) -> None:
        data["historicals"]["estimates"] = [
            {"metric": "cash", "period": "FY2024", "value": 250.0,
             "why": "not in the documents; the bank statement says so"}]

    path = tiny_company(tmp_path, estimate, drop=[("cash", "FY2024")])
    model = compute(path)[1]
    item = model.items["hist_cash"]
    assert model.value("hist_cash", "FY2024") == 250.0
    assert item.estimated == frozenset({"FY2024"})
    (source,) = item.sources["FY2024"]
    assert source.document == "tiny.yaml" and source.line > 0
    assert source.quote == "analyst estimate: not in the documents; the bank statement says so"


def test_an_estimate_of_a_reported_figure_is_refused(tmp_path: Path) -> None:
    def estimate(data: dict) -> None:
        data["historicals"]["estimates"] = [
            {"metric": "cash", "period": "FY2024", "value": 250.0, "why": "a guess"}]

    with pytest.raises(InputError) as raised:
        compute(tiny_company(tmp_path, estimate))
    assert "cash FY2024 is reported (200, tiny.txt:3); an estimate only fills a gap" in \
        str(raised.value)


def test_an_estimate_of_an_unknown_metric_is_refused(tmp_path: Path) -> None:
    def estimate(data: dict) -> None:
        data["historicals"]["estimates"] = [
            {"metric": "cahs", "period": "FY2024", "value": 250.0, "why": "a typo"}]

    with pytest.raises(InputError) as raised:
        compute(tiny_company(tmp_path, estimate))
    assert "historicals.estimates.0.metric: unknown metric 'cahs'" in str(raised.value)


def _placed(date: object) -> Callable[[dict], None]:
    def edit(data: dict) -> None:
        data["market"]["shares"]["placements"] = [
            {"date": date, "proceeds_m": 50.0, "currency": "CNY", "price": 10.0}]
    return edit


def test_a_placement_after_as_of_is_refused_by_file_line_and_key(tmp_path: Path,
                                                                 capsys) -> None:
    path = tiny_company(tmp_path, _placed("2025-07"))  # as_of 2025-06-30
    with pytest.raises(InputError) as raised:
        compute(path)
    (problem,) = raised.value.problems
    assert problem.key == "market.shares.placements.0.date"
    assert problem.message == ("2025-07 is after as_of (2025-06-30): the model could not have "
                               "known it")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[problem.line - 1].strip() == "- date: 2025-07"  # type: ignore[operator]
    assert main(["build", str(path), "--out", str(tmp_path / "out"), "--no-memo"]) != 0
    err = capsys.readouterr().err
    assert f"{path}:{problem.line}: market.shares.placements.0.date: 2025-07 is after" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(("date", "message"), [
    (dt.date(2025, 7, 1), "2025-07-01 is after as_of (2025-06-30): the model could not have "
                          "known it"),
    ("2025-06", None),  # a month is known on its last day: as_of itself
    (dt.date(2025, 6, 12), None),
    ("2025-06-30", None),
])
def test_a_placement_is_known_by_its_day_or_its_months_last_day(
        date: object, message: str | None, tmp_path: Path) -> None:
    path = tiny_company(tmp_path, _placed(date))
    if message is None:
        assert compute(path)[1].value("check_master") == 0
        return
    with pytest.raises(InputError) as raised:
        compute(path)
    assert [(p.key, p.message) for p in raised.value.problems] == [
        ("market.shares.placements.0.date", message)]


def test_a_month_that_holds_as_of_asks_for_the_day(tmp_path: Path) -> None:
    def earlier(data: dict) -> None:
        _placed("2025-06")(data)
        data["as_of"] = "2025-06-29"

    with pytest.raises(InputError) as raised:
        compute(tiny_company(tmp_path, earlier))
    assert ("market.shares.placements.0.date: 2025-06 is a month, taken as known on its last "
            "day (2025-06-30), which is after as_of (2025-06-29): give the day if it was known "
            "by then") in str(raised.value)


@pytest.mark.parametrize("date", ["September 2025", "2025-13", "2025-02-30", "2025/06", 2025])
def test_a_placement_date_that_is_no_date_is_refused(date: object, tmp_path: Path) -> None:
    with pytest.raises(InputError) as raised:
        compute(tiny_company(tmp_path, _placed(date)))
    assert ("market.shares.placements.0.date: expected a date as YYYY-MM-DD or a month as "
            f"YYYY-MM, got {date!r}") in str(raised.value)

"""The generator's own promises, checked on its output without building anything, and the
word search the universe tests rely on.

Every CSV row quotes its document on the line it cites; every document has a publication date,
and only brokers' notes come after ``as_of``; reported parts add up to their parents within the
tolerance the YAML declares; made-up words are never handed out twice.
"""

from __future__ import annotations

import csv
import random
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
import yaml

from builder.universe import generate_universe
from builder.universe.words import RARE_LETTERS, Words
from tests.company_words import found_words, memo_texts, model_words, phrase_words

COUNT = 24
SEED = 3


@pytest.fixture(scope="module")
def companies(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Path, dict[str, Any]]]:
    paths = generate_universe(tmp_path_factory.mktemp("generated"), COUNT, seed=SEED)
    return [(p, yaml.safe_load(p.read_text(encoding="utf-8"))) for p in paths]


def test_every_row_quotes_its_document_on_the_line_it_cites(companies) -> None:
    for path, model in companies:
        folder = path.parent / model["historicals"]["documents"]
        lines = {d.name: d.read_text(encoding="utf-8").splitlines() for d in folder.iterdir()}
        rows = _rows(path.parent / model["historicals"]["file"])
        assert rows, path.stem
        for row in rows:
            line = lines[row["document"]][int(row["line"]) - 1]
            assert _squeeze(row["quote"]) in _squeeze(line), (path.stem, row)
            assert row["entity"] == model["company"]["entity"]


def test_documents_are_dated_and_only_brokers_publish_after_the_model(companies) -> None:
    for path, model in companies:
        dates = model["historicals"]["document_dates"]
        folder = path.parent / model["historicals"]["documents"]
        assert sorted(dates) == sorted(d.name for d in folder.iterdir()), path.stem
        for row in _rows(path.parent / model["historicals"]["file"]):
            if dates[row["document"]] > model["as_of"]:
                assert row["kind"] == "estimate", (path.stem, row)


def test_reported_parts_add_up_to_their_parents(companies) -> None:
    for path, model in companies:
        tolerance = model["historicals"]["segment_tolerance"]
        figures = {(r["metric"], r["period"]): float(r["value"])
                   for r in _rows(path.parent / model["historicals"]["file"])
                   if r["kind"] == "actual"}
        for parent, children in _families(model):
            periods = {p for m, p in figures if m == parent}
            for period in periods:
                parts = [figures.get((c, period)) for c in children]
                if None not in parts:
                    gap = abs(figures[(parent, period)] - sum(parts))  # type: ignore[arg-type]
                    assert gap <= tolerance, (path.stem, parent, period, gap)


def test_words_are_never_handed_out_twice() -> None:
    words = Words(random.Random(0))
    drawn = [words.word() for _ in range(3000)] + [words.cjk() for _ in range(300)]
    tickers = [words.ticker("letters") for _ in range(500)]
    assert len(set(drawn)) == len(drawn)
    assert len(set(tickers)) == len(tickers)
    assert all(set(t) & set(RARE_LETTERS) for t in tickers)


def test_generated_companies_share_no_words(companies) -> None:
    seen: dict[str, str] = {}
    for path, model in companies:
        for word in model_words(model):
            key = word.lower()
            assert seen.setdefault(key, path.stem) == path.stem, (word, seen[key], path.stem)


# -- the word search -----------------------------------------------------------------------

def test_a_name_gives_its_distinctive_words() -> None:
    assert phrase_words("Kingsoft Cloud Holdings Limited") == {"Kingsoft", "Cloud"}
    assert phrase_words("金山云控股有限公司") == {"金山云"}
    assert phrase_words("AI public cloud") == {"AI", "public", "cloud"}
    assert phrase_words("=1+1") == set()
    assert phrase_words("Non-AI public cloud") == {"AI", "public", "cloud"}


def test_words_match_whole_case_blind_and_capitals_exactly() -> None:
    words = {"Kingsoft", "KC", "金山云", "3896.HK"}
    assert found_words(["KINGSOFT results"], words) == ["Kingsoft"]
    assert found_words(["Kingsofts", "kc", "KCX", "3896.HKD"], words) == []
    assert found_words(["(KC)", "发布金山云公告", "at 3896.HK."], words) == ["3896.HK", "KC",
                                                                        "金山云"]


def test_html_text_is_read_as_a_reader_sees_it(tmp_path: Path) -> None:
    page = tmp_path / "memo.html"
    page.write_text("<style>.Kingsoft{}</style><p>&lt;b&gt;Merax&lt;/b&gt;</p>"
                    "<img alt='Zantex chart' src='data:image/png;base64,KC+KC/'>",
                    encoding="utf-8")
    texts = memo_texts([page])
    assert "<b>Merax</b>" in texts
    assert found_words(texts, {"Kingsoft", "Zantex", "KC"}) == ["Zantex"]


# -- helpers -------------------------------------------------------------------------------

def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _squeeze(text: str) -> str:
    return "".join(text.split())


def _families(model: dict[str, Any]) -> list[tuple[str, list[str]]]:
    """(parent metric, children's metrics) for every node with parts, total revenue first."""
    tops = model["company"].get("segments", [])
    found = defaultdict(list)
    if tops:
        found["revenue"] = [f"{s['id']}_revenue" for s in tops]
    for top in tops:
        if top.get("children"):
            found[f"{top['id']}_revenue"] = [f"{c['id']}_revenue" for c in top["children"]]
    return list(found.items())

"""Research houses are data: the sources file beside the model files, read strictly."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from builder.extract.command import run_extract
from builder.extract.companies import read_catalog
from builder.extract.directory import extract_directory
from builder.extract.houses import ResearchHouses, read_houses
from tests.extract.models import ROOT, SEEDS
from tests.extract.test_companies import NIMBUS, write

# Made-up houses, so that nothing here passes by a name the code happens to know.
SOURCES = """research_houses:
  Northwind: [北风, 北风证券]
  Southgate: [南门]
"""
NOTE = ("【北风证券】云帆二季度点评\n北风研究· 2025-08-20 09:00\n"
        "云帆2025年第二季度营收12.5亿元。预计2026年营收60.5亿元。\n")


def test_the_committed_sources_name_the_houses_of_the_seeds():
    houses, problems = read_houses([ROOT / "assumptions" / "_sources.yaml"])
    assert problems == []
    assert sorted(set(houses.houses.values())) == ["Everbright", "Guoyuan"]
    assert houses.named_in("【光大海外】金山云3Q25") == "Everbright"
    assert houses.named_in("国元香港· 2025-08-21 19:53") == "Guoyuan"
    assert houses.named_in("Guoyuan Securities") == "Guoyuan"  # a house's name names it
    assert houses.named_in("格隆汇· 2025-08-25 11:34") == ""


def test_the_first_name_in_the_text_wins_and_at_one_place_the_longest():
    houses = ResearchHouses([("北风", "Northwind"), ("北风南门", "Southgate"),
                             ("南门", "Southgate")])
    assert houses.named_in("据南门与北风") == "Southgate"
    assert houses.named_in("北风南门联合") == "Southgate"
    assert houses.named_in("北风证券") == "Northwind"


def test_forecasts_carry_the_house_the_sources_file_names(tmp_path: Path):
    write(tmp_path / "models", "nimbus.yaml", NIMBUS)
    write(tmp_path / "models", "_sources.yaml", SOURCES)
    write(tmp_path / "seeds", "note.txt", NOTE)
    figures = extract_directory(tmp_path / "seeds", read_catalog([tmp_path / "models"])).figures
    assert {(f.period, f.kind.value, f.broker) for f in figures} == {
        ("2Q25", "actual", ""), ("FY2026", "estimate", "Northwind 2025-08-20")}


def test_without_a_sources_file_the_article_is_credited_not_a_house(tmp_path: Path):
    write(tmp_path / "models", "nimbus.yaml", NIMBUS)
    write(tmp_path / "seeds", "note.txt", NOTE)
    catalog = read_catalog([tmp_path / "models"])
    assert any("no _sources.yaml beside the model files" in note for note in catalog.notes)
    (estimate,) = [f for f in extract_directory(tmp_path / "seeds", catalog).figures
                   if f.kind.value == "estimate"]
    assert estimate.broker == "北风研究 2025-08-20"  # the dateline's publisher, as printed


@pytest.mark.parametrize(("text", "expected"), [
    ("research_houses:\n  Northwind: [北风]\n  Southgate: [南门, 北风]\n",
     ["{file}:3: research_houses.Southgate.1: '北风' already names Northwind ({file}:2): a "
      "document naming it could be either"]),
    ("research_houses:\n  Northwind: [Southgate]\n  Southgate: [南门]\n",
     ["{file}:3: research_houses.Southgate: 'Southgate' already names Northwind ({file}:2): a "
      "document naming it could be either"]),
    ("research_houses:\n  Northwind: 北风\n",
     ["{file}:2: research_houses.Northwind: expected a list of the names documents use, got "
      "'北风'"]),
    ("research_houses:\n  Northwind: [北风, 3600, '']\n",
     ["{file}:2: research_houses.Northwind.1: expected a name as text, got 3600",
      "{file}:2: research_houses.Northwind.2: expected a name as text, got ''"]),
    ("research_houses:\n  2025: [北风]\n",
     ["{file}:2: research_houses.2025: expected the house's name as text, got 2025"]),
    ("research_house:\n  Northwind: [北风]\n",
     ["{file}:1: research_houses: expected a map of research house (its name in the broker "
      "column) to the names documents use for it"]),
    ("research_houses:\n  Northwind: [北风]\nhouses: []\n",
     ["{file}:3: houses: unknown key; expected research_houses"]),
    ("research_houses:\n  Northwind: [北风]\n  Northwind: [南门]\n",
     ["{file}:3: research_houses.Northwind: duplicate key 'Northwind' (first at line 2)"]),
])
def test_a_bad_sources_file_stops_extraction_with_file_line_key_message(
        tmp_path: Path, text: str, expected: list[str]):
    write(tmp_path / "assumptions", "nimbus.yaml", NIMBUS)
    sources = write(tmp_path / "assumptions", "_sources.yaml", text)
    write(tmp_path / "seeds", "note.txt", NOTE)
    stream = io.StringIO()
    out = tmp_path / "out.csv"
    assert run_extract(tmp_path / "seeds", out, stream=stream) == 1
    assert stream.getvalue().splitlines() == [line.format(file=sources) for line in expected]
    assert not out.exists()


def test_an_unreadable_sources_file_names_its_line(tmp_path: Path):
    sources = write(tmp_path / "models", "_sources.yaml", "research_houses:\n  Northwind: [北风\n")
    catalog = read_catalog([tmp_path / "models"])
    (problem,) = catalog.problems
    assert str(problem).startswith(f"{sources}:3: YAML syntax error: ")  # libyaml's words


def test_houses_of_two_folders_add_up_and_must_agree(tmp_path: Path):
    first = write(tmp_path / "a", "_sources.yaml", SOURCES)
    write(tmp_path / "b", "_sources.yaml", "research_houses:\n  Westbay: [西湾]\n")
    houses, problems = read_houses([first, tmp_path / "b" / "_sources.yaml"])
    assert problems == [] and sorted(set(houses.houses.values())) == [
        "Northwind", "Southgate", "Westbay"]
    clash = write(tmp_path / "c", "_sources.yaml", "research_houses:\n  Westbay: [南门]\n")
    _, problems = read_houses([first, clash])
    assert [str(p) for p in problems] == [
        f"{clash}:2: research_houses.Westbay.0: '南门' already names Southgate ({first}:3): a "
        "document naming it could be either"]


def test_the_seeds_need_the_sources_file_for_their_houses(tmp_path: Path):
    """Without the sources file, a house's report is credited to itself, not to the house:
    the file is what the committed CSV's broker names come from."""
    models = tmp_path / "models"
    models.mkdir()
    for name in ("kingsoft_cloud.yaml", "_macro.yaml"):
        (models / name).write_bytes((ROOT / "assumptions" / name).read_bytes())
    catalog = read_catalog([models])
    brokers = {f.broker for f in extract_directory(SEEDS, catalog).figures if f.broker}
    assert not {b for b in brokers if b.startswith(("Guoyuan", "Everbright"))}

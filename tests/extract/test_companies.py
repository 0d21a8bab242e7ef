"""Companies and segments come from the model files, never from the code."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from builder.extract.command import run_extract
from builder.extract.companies import Catalog, read_catalog
from builder.extract.directory import extract_directory
from builder.historicals.table import read_figures

# A made-up company, so nothing here can pass by a name the code happens to know.
NIMBUS = """model: Nimbus
company:
  entity: NIMBUS
  name_en: Nimbus Skyworks Ltd.
  name_zh: 云帆天工科技
  aliases: [云帆, Nimbus]
  listings:
    - {exchange: HKEX, ticker: "9999.HK", currency: HKD, instrument: ordinary, shares_per_unit: 1}
  segments:
    - id: storage
      name: Storage
      aliases: [存储业务, storage]
      children:
        - {id: cold, name: Cold storage, aliases: [冷存储]}
historicals:
  document_dates:
    note.txt: 2025-06-30
"""

ARTICLE = ("云帆发布二季度业绩\n财经快讯· 2025-08-20 09:00\n"
           "云帆2025年第二季度营收12.5亿元,同比增长20.1%。存储业务收入5.1亿元,同比增长30.2%。"
           "冷存储收入1.2亿元,占存储业务收入的23.5%。\n")


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder / name


def test_a_company_is_found_by_the_names_its_model_file_declares(tmp_path: Path):
    models = write(tmp_path / "models", "nimbus.yaml", NIMBUS).parent
    write(tmp_path / "seeds", "news.txt", ARTICLE)
    catalog = read_catalog([models])
    figures = extract_directory(tmp_path / "seeds", catalog).figures
    assert {(f.entity, f.metric, f.period, f.value) for f in figures} == {
        ("NIMBUS", "revenue", "2Q25", 1250.0), ("NIMBUS", "revenue_yoy", "2Q25", 0.201),
        ("NIMBUS", "storage_revenue", "2Q25", 510.0),
        ("NIMBUS", "storage_revenue_yoy", "2Q25", 0.302),
        ("NIMBUS", "cold_revenue", "2Q25", 120.0),
        ("NIMBUS", "cold_share_of_storage", "2Q25", 0.235)}
    assert {f.published for f in figures} == {date(2025, 8, 20)}


def test_without_a_model_file_no_entity_is_found(tmp_path: Path):
    write(tmp_path / "seeds", "news.txt", ARTICLE)
    assert extract_directory(tmp_path / "seeds", Catalog()).figures == []


def test_the_extract_command_reads_the_models_beside_the_seeds_by_default(tmp_path: Path):
    write(tmp_path / "assumptions", "nimbus.yaml", NIMBUS)
    write(tmp_path / "seeds", "news.txt", ARTICLE)
    stream = io.StringIO()
    out = tmp_path / "assumptions" / "historicals.csv"
    assert run_extract(tmp_path / "seeds", out, stream=stream) == 0
    assert "NIMBUS: 云帆天工科技, Nimbus Skyworks Ltd., 云帆, Nimbus, 9999.HK" in stream.getvalue()
    figures = read_figures(out, documents=tmp_path / "seeds", metrics=(
        "storage_revenue", "storage_revenue_yoy", "cold_revenue", "cold_share_of_storage"))
    assert len(figures) == 6


def test_document_dates_of_the_model_files_win_over_the_dateline(tmp_path: Path):
    models = write(tmp_path / "models", "nimbus.yaml", NIMBUS).parent
    write(tmp_path / "seeds", "note.txt", ARTICLE)
    figures = extract_directory(tmp_path / "seeds", read_catalog([models])).figures
    assert figures and {f.published for f in figures} == {date(2025, 6, 30)}


def test_shared_files_and_files_without_a_company_are_skipped_with_a_note(tmp_path: Path):
    folder = tmp_path / "models"
    write(folder, "_macro.yaml", "company: {entity: MACRO}\n")
    write(folder, "notes.yaml", "title: not a model\n")
    write(folder, "broken.yaml", "company: [unclosed\n")
    write(folder, "nimbus.yaml", NIMBUS)
    catalog = read_catalog([folder])
    assert [c.entity for c in catalog.companies] == ["NIMBUS"]
    assert any("notes.yaml: skipped, no company.entity" in n for n in catalog.notes)
    assert any("broken.yaml: skipped, cannot be read" in n for n in catalog.notes)
    assert not any("_macro" in n for n in catalog.notes)


def test_two_model_files_of_one_entity_add_up(tmp_path: Path):
    folder = tmp_path / "models"
    write(folder, "a.yaml", NIMBUS)
    write(folder, "b.yaml", "company:\n  entity: NIMBUS\n  aliases: [雲帆]\n  segments:\n"
                            "    - {id: storage, aliases: [存储]}\n")
    (company,) = read_catalog([folder]).companies
    assert "雲帆" in company.names and "云帆" in company.names
    (storage,) = company.segments
    assert storage.aliases == ("存储业务", "storage", "存储")
    assert [c.id for c in storage.children] == ["cold"]


def test_a_name_claimed_by_two_entities_is_a_problem(tmp_path: Path):
    folder = tmp_path / "models"
    write(folder, "a.yaml", NIMBUS)
    write(folder, "b.yaml", "company:\n  entity: OTHER\n  aliases: [云帆]\n")
    (problem,) = read_catalog([folder]).problems
    assert problem.key == "company.aliases" and problem.line == 3
    assert "'云帆' is declared for OTHER here and for NIMBUS" in problem.message


def test_two_dates_for_one_document_are_a_problem(tmp_path: Path):
    folder = tmp_path / "models"
    write(folder, "a.yaml", NIMBUS)
    write(folder, "b.yaml", "company: {entity: NIMBUS}\nhistoricals:\n  document_dates:\n"
                            "    note.txt: 2025-07-01\n")
    (problem,) = read_catalog([folder]).problems
    assert str(problem) == (f"{folder / 'b.yaml'}:4: historicals.document_dates.note.txt: "
                            f"2025-07-01 differs from 2025-06-30 at {folder / 'a.yaml'}:17")


def test_two_reporting_currencies_for_one_entity_are_a_problem(tmp_path: Path):
    """An amount a document gives without a currency is in the company's: which one?"""
    folder = tmp_path / "models"
    write(folder, "a.yaml", "company: {entity: NIMBUS, reporting_currency: CNY}\n")
    write(folder, "b.yaml", "company:\n  entity: NIMBUS\n  reporting_currency: HKD\n")
    catalog = read_catalog([folder])
    assert catalog.companies[0].currency == "CNY"
    assert [str(p) for p in catalog.problems] == [
        f"{folder / 'b.yaml'}:3: company.reporting_currency: HKD differs from CNY at "
        f"{folder / 'a.yaml'}:1, another model of NIMBUS"]


def test_bad_entries_are_ignored_with_a_note(tmp_path: Path):
    folder = tmp_path / "models"
    write(folder, "a.yaml", "company:\n  entity: NIMBUS\n  aliases: 云帆\n  segments:\n"
                            "    - {id: Storage Unit}\n")
    catalog = read_catalog([folder])
    assert catalog.companies[0].names == () and catalog.companies[0].segments == ()
    assert any("company.aliases: expected a list of names; ignored" in n for n in catalog.notes)
    assert any("company.segments.0: a segment needs an id" in n for n in catalog.notes)


def test_a_ticker_is_matched_as_a_whole_word(tmp_path: Path):
    folder = tmp_path / "models"
    write(folder, "a.yaml", "company:\n  entity: KAY\n  listings: [{ticker: KC}]\n")
    article = "快讯\n快讯· 2025-05-28 20:06\n第一季度总收入达19.7亿元\n"
    write(tmp_path / "seeds", "a.txt", "OKC" + article)
    write(tmp_path / "seeds", "b.txt", "KC" + article)
    figures = extract_directory(tmp_path / "seeds", read_catalog([folder])).figures
    assert [(f.entity, f.source.document) for f in figures] == [("KAY", "b.txt")]

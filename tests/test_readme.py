"""The README stays true: its YAML reference is the schema's; its test command is what CI runs."""

from __future__ import annotations

import csv

from builder.inputs.reference import BEGIN, END, markdown, rows
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_yaml_reference_is_generated_from_the_schema():
    section = README[README.index(BEGIN) + len(BEGIN):README.index(END)].strip()
    assert section == markdown(), "run: python -m builder.inputs.reference, paste into README"


def test_every_leaf_field_says_what_it_is():
    undocumented = [key for key, kind, text in rows() if kind.split(",")[0] != "section"
                    and not text]
    assert undocumented == []


def test_ci_runs_the_readme_test_command():
    command = ".venv/bin/python -m pytest"
    assert command in README
    assert command in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def _new_company_yaml() -> str:
    section = README[README.index("## Model a new company"):]
    return section[section.index("```yaml") + len("```yaml"):section.index("```\n", 10)]


def test_the_new_company_example_builds_and_its_first_error_is_as_documented(tmp_path, capsys):
    """The README's minimal model, with a CSV of the five figures it needs, builds; without its
    cash it fails with the message the README quotes."""
    from builder.cli import main

    seeds, models = tmp_path / "seeds", tmp_path / "assumptions"
    seeds.mkdir()
    models.mkdir()
    table = _new_company_csv()
    rows = list(csv.DictReader(table.splitlines()))
    assert [r["line"] for r in rows] == [str(n) for n in range(1, len(rows) + 1)]
    (seeds / "example.txt").write_text("".join(r["quote"] + "\n" for r in rows), encoding="utf-8")
    (models / "historicals.csv").write_text(table, encoding="utf-8")
    (models / "example.yaml").write_text(_new_company_yaml(), encoding="utf-8")
    assert main(["build", str(models / "example.yaml"), "--out", str(tmp_path / "out"),
                 "--no-memo"]) == 0

    (models / "historicals.csv").write_text(
        "".join(line + "\n" for line in table.splitlines() if ",cash," not in line),
        encoding="utf-8")
    capsys.readouterr()
    assert main(["build", str(models / "example.yaml"), "--out", str(tmp_path / "out2")]) == 1
    error = " ".join(capsys.readouterr().err.split())
    quoted = ("historicals: cash FY2024 is needed for the opening cash of the forecast, but the "
              "documents known by 2025-06-30 do not give it")
    assert quoted in error and quoted in " ".join(README.split())
    assert "example.yaml:" in error and "example.yaml: historicals:" not in error  # a line


def _new_company_csv() -> str:
    section = README[README.index("## Model a new company"):]
    start = section.index("```csv\n") + len("```csv\n")
    return section[start:section.index("```\n", start)]

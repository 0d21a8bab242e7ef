"""The README stays true: its YAML reference is the schema's; its test command is what CI runs."""

from __future__ import annotations

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
    from builder.historicals.records import Figure, Kind, Source
    from builder.historicals.table import write_figures

    seeds, models = tmp_path / "seeds", tmp_path / "assumptions"
    seeds.mkdir()
    models.mkdir()
    values = {"revenue": 1000.0, "cash": 200.0, "total_borrowings": 300.0,
              "total_equity": 700.0, "ppe": 600.0}
    lines = [f"Example Co's {metric} for FY2024 was {value:g} million." for metric, value
             in values.items()]
    (seeds / "example.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    figures = [Figure("EXCO", metric, "FY2024", value, "million", "CNY", Kind.ACTUAL, "", 1.0,
                      Source("example.txt", number, lines[number - 1]),
                      published=__import__("datetime").date(2025, 3, 31))
               for number, (metric, value) in enumerate(values.items(), start=1)]
    (models / "historicals.csv").write_text(write_figures(figures), encoding="utf-8")
    (models / "example.yaml").write_text(_new_company_yaml(), encoding="utf-8")
    assert main(["build", str(models / "example.yaml"), "--out", str(tmp_path / "out"),
                 "--no-memo"]) == 0

    (models / "historicals.csv").write_text(
        write_figures([f for f in figures if f.metric != "cash"]), encoding="utf-8")
    capsys.readouterr()
    assert main(["build", str(models / "example.yaml"), "--out", str(tmp_path / "out2")]) == 1
    error = " ".join(capsys.readouterr().err.split())
    quoted = ("historicals: cash FY2024 is needed for the opening cash of the forecast, but the "
              "documents known by 2025-06-30 do not give it")
    assert quoted in error and quoted in " ".join(README.split())

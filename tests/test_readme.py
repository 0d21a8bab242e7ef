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

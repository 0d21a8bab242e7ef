"""Rendering the memo: user text stays text, templates fail clearly, outputs are staged and
reproducible."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
import yaml

from builder import cli
from builder.memo import render
from builder.memo.render import TEMPLATES, render_memo
from builder.pipeline import build
from builder.problems import InputError
from tests.conftest import KC_YAML

HOSTILE_NAME = "<script>alert('x')</script> Cloud"
HOSTILE_THESIS = ["=cmd|' /C calc'!A0", "*bold* [link](http://evil) <img src=x onerror=alert(1)>"]


def _hostile_yaml(folder: Path) -> Path:
    path = folder / "kingsoft_cloud.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["company"]["name_en"] = HOSTILE_NAME
    data["memo"]["thesis"] = HOSTILE_THESIS
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_user_text_never_becomes_markup(kc_copy, tmp_path):
    result = build(_hostile_yaml(kc_copy), tmp_path)
    html = result.memo.html.read_text(encoding="utf-8")
    markdown = result.memo.markdown.read_text(encoding="utf-8")

    assert "<script" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Cloud" in html
    assert "<li>=cmd|&#39; /C calc&#39;!A0</li>" in html
    assert r"\<script\>alert('x')\</script\> Cloud" in markdown
    assert r"- \=cmd\|' /C calc'\!A0" in markdown
    assert r"\*bold\* \[link\](http://evil) \<img src=x onerror=alert(1)\>" in markdown
    assert re.search(r"(?<!\\)<", markdown) is None  # no unescaped "<" anywhere


def _broken_templates(tmp_path: Path) -> Path:
    folder = tmp_path / "templates"
    shutil.copytree(TEMPLATES, folder)
    page = folder / "memo.html.j2"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "<h2>Key risks</h2>", "<h2>Key risks {{ memo.no_such_field }}</h2>"), encoding="utf-8")
    return folder


def test_an_undefined_variable_names_the_template_line_and_variable(kc_build, tmp_path):
    folder = _broken_templates(tmp_path)
    with pytest.raises(InputError) as raised:
        render_memo(kc_build.memo_context, "kingsoft_cloud", folder)
    (problem,) = raised.value.problems
    assert problem.file == str(folder / "memo.html.j2")
    assert problem.line == _line_of(folder / "memo.html.j2", "no_such_field")
    assert "no_such_field" in problem.message and "undefined" in problem.message


def test_a_template_edited_between_builds_of_one_process_is_read_again(kc_build, tmp_path):
    """Environments are kept per process (compiled templates are reused): an edit to a
    template file must still show in the next memo, as in ``build --watch``."""
    folder = tmp_path / "templates"
    shutil.copytree(TEMPLATES, folder)
    before = render_memo(kc_build.memo_context, "kingsoft_cloud", folder)
    page = folder / "memo.md.j2"
    page.write_text(page.read_text(encoding="utf-8") + "\nEdited after the first render.\n",
                    encoding="utf-8")
    os.utime(page, ns=(page.stat().st_atime_ns, page.stat().st_mtime_ns + 1_000_000_000))
    after = render_memo(kc_build.memo_context, "kingsoft_cloud", folder)
    assert "Edited after the first render." not in before.markdown
    assert "Edited after the first render." in after.markdown


def _line_of(path: Path, text: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if text in line)


def test_a_failed_memo_leaves_the_previous_workbook_and_memo(kc_copy, tmp_path, monkeypatch,
                                                             capsys):
    out = tmp_path / "out"
    yaml_path = kc_copy / "kingsoft_cloud.yaml"
    build(yaml_path, out)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert len(before) >= 5  # workbook, Markdown, HTML, the charts

    # Change an input so a successful build would rewrite every file, then break a template.
    text = yaml_path.read_text(encoding="utf-8").replace("tax_rate: 0.15", "tax_rate: 0.2")
    yaml_path.write_text(text, encoding="utf-8")
    monkeypatch.setattr(render, "TEMPLATES", _broken_templates(tmp_path))
    code = cli.main(["build", str(yaml_path), "--out", str(out)])

    captured = capsys.readouterr()
    assert code == 1
    assert "memo.html.j2:" in captured.err and "no_such_field" in captured.err
    assert "Traceback" not in captured.err
    after = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before  # same files, same bytes, no temporary leftovers


def test_same_inputs_give_the_same_bytes(tmp_path):
    first = build(KC_YAML, tmp_path / "a")
    second = build(KC_YAML, tmp_path / "b")
    names = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*")
                   if p.is_file())
    assert len(names) >= 5
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
    assert first.memo_context == second.memo_context

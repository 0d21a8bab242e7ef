"""Shared inputs: a model includes `_macro.yaml`; its keys merge under the model's own, and
an error inside it names that file and line."""

from __future__ import annotations

import yaml

from builder.cli import main
from builder.inputs.loader import load_assumptions


def _model_without_tax_rate(folder):
    path = folder / "kingsoft_cloud.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    del data["tax"]["rate"]
    assert data["include"] == ["_macro.yaml"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _add_to_macro(folder, text: str) -> int:
    """Append ``text`` to the shared file; return the line it starts on."""
    macro = folder / "_macro.yaml"
    existing = macro.read_text(encoding="utf-8")
    macro.write_text(existing + text, encoding="utf-8")
    return existing.count("\n") + 1


def test_included_values_fill_the_model_and_the_model_wins(kc_copy):
    path = _model_without_tax_rate(kc_copy)
    _add_to_macro(kc_copy, "tax:\n  rate: 0.2\n")
    assert load_assumptions(path).tax.rate == 0.2

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["tax"]["rate"] = 0.1
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert load_assumptions(path).tax.rate == 0.1


def test_an_error_in_the_included_file_names_it(kc_copy, tmp_path, capsys):
    path = _model_without_tax_rate(kc_copy)
    line = _add_to_macro(kc_copy, "tax:\n  rate: high\n") + 1

    assert main(["build", str(path), "--out", str(tmp_path)]) == 1

    error = capsys.readouterr().err
    assert f"{kc_copy / '_macro.yaml'}:{line}: tax.rate: expected a number, got 'high'" in error

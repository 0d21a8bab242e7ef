"""run_check: what `finmodel check` prints and the exit codes it returns."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.check import run_check
from builder.check.command import MAX_LISTED, choose_engine

from .conftest import INPUTS, ModelWriter, compute_model, shell_script


def test_ok_line(model_writer: ModelWriter, capsys: pytest.CaptureFixture[str]) -> None:
    path = model_writer("cmd-good.xlsx")
    assert run_check([path], engine="formulas") == 0
    out = capsys.readouterr().out
    assert out.startswith(f"OK {path}: 32 formulas recomputed, 0 mismatches (formulas, ")
    assert out.rstrip().endswith(" s)")


def test_mismatches_listed_then_counted(
    model_writer: ModelWriter, capsys: pytest.CaptureFixture[str]
) -> None:
    wrong = {cell: -1.0 for cell in compute_model(INPUTS)}  # 32 formula cells, all wrong
    good = model_writer("cmd-good-2.xlsx")
    paths = [
        model_writer("cmd-wrong-1.xlsx", cached=wrong),
        model_writer("cmd-wrong-2.xlsx", cached=wrong),
    ]
    assert run_check([good, *paths], engine="formulas") == 1
    out = capsys.readouterr().out
    assert f"FAIL {paths[0]}: 32 formulas recomputed, 32 mismatches (formulas, " in out
    assert "  Forecast!B2: cached -1, recomputed 0.1\n" in out
    assert out.count("\n  ") == 2 * 32
    assert MAX_LISTED > 32


def test_unreadable_file_exits_2_after_checking_the_others(
    model_writer: ModelWriter, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.xlsx"
    broken.write_text("not a workbook")
    good = model_writer("cmd-good-3.xlsx")
    assert run_check([tmp_path / "absent.xlsx", broken, good]) == 2
    captured = capsys.readouterr()
    assert f"ERROR {tmp_path / 'absent.xlsx'}: no such file" in captured.err
    assert f"ERROR {broken}: not a readable xlsx workbook" in captured.err
    assert "Traceback" not in captured.err
    assert f"OK {good}" in captured.out


def test_auto_is_libreoffice_where_installed_else_formulas(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = shell_script(tmp_path / "soffice", "")
    monkeypatch.setenv("FINMODEL_SOFFICE", str(fake))
    assert choose_engine("auto") == "libreoffice"
    assert choose_engine("formulas") == "formulas"
    monkeypatch.setenv("FINMODEL_SOFFICE", str(tmp_path / "absent"))
    assert choose_engine("auto") == "formulas"
    assert choose_engine("libreoffice") == "libreoffice"  # asked for: its absence is reported


def test_unknown_engine(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_check([Path("x.xlsx")], engine="excel") == 2
    assert "unknown engine 'excel'" in capsys.readouterr().err


def test_long_lists_are_cut(
    model_writer: ModelWriter, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("builder.check.command.MAX_LISTED", 5)
    wrong = {cell: -1.0 for cell in compute_model(INPUTS)}
    assert run_check([model_writer("cmd-many.xlsx", cached=wrong)]) == 1
    out = capsys.readouterr().out
    assert out.count("\n  ") == 6
    assert out.rstrip().endswith("  ... and 27 more")


@pytest.mark.libreoffice
@pytest.mark.usefixtures("soffice")
def test_libreoffice_engine(model_writer: ModelWriter, capsys: pytest.CaptureFixture[str]) -> None:
    good = model_writer("cmd-lo-good.xlsx")
    div0 = model_writer("cmd-lo-div0.xlsx", with_div0=True)
    assert run_check([good, div0], engine="libreoffice") == 1
    out = capsys.readouterr().out
    assert f"OK {good}: 32 formulas recomputed, 0 mismatches (libreoffice, " in out
    assert "  Valuation!B14: cached 0, recomputed #DIV/0! (error value)" in out


def test_the_command_line_offers_exactly_the_engines_there_are() -> None:
    """cli spells the engine names itself (importing the check package would load openpyxl on
    every command): they must stay the same."""
    from builder import cli
    from builder.check.command import AUTO, ENGINES

    assert set(cli.ENGINES) == {AUTO, *ENGINES}

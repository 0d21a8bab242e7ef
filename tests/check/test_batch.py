"""Many workbooks through one LibreOffice per worker; a dying or hanging office is reported
per workbook, and a poisoned cached value is caught by every engine offered."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from builder.check import CellId, RecalcError, read_cached, run_check
from builder.check.command import ENGINES
from builder.check.libreoffice import convert_many

from .conftest import INPUTS, ModelWriter, compute_model, shell_script


def fake_soffice(tmp_path: Path, body: str) -> Path:
    """A stand-in soffice: a shell script that converts by copying, then misbehaves as told.
    Arguments: ... --outdir DIR FILE...; it copies each FILE to DIR like a conversion. FILE is
    the staged copy, byte for byte the test's workbook (these have nothing a lean copy drops):
    ``cmp`` tells which it is."""
    return shell_script(
        tmp_path / "fake-soffice",
        'while [ "$1" != "--outdir" ]; do shift; done; out=$2; shift 2; mkdir -p "$out"\n'
        "n=0\n"
        'for f in "$@"; do n=$((n+1))\n'
        f"{body}\n"
        '  echo "convert $f -> $out/$(basename $f) using filter : x"\n'
        '  cp "$f" "$out/$(basename $f)"\n'
        "done\n",
    )


@pytest.mark.usefixtures("conversion_only")
def test_a_hanging_office_is_killed_and_the_rest_still_checked(
    model_writer: ModelWriter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The second workbook hangs the office (every time): it alone is reported; the third
    goes to a new process."""
    paths = [model_writer(f"hang-{i}.xlsx", inputs={**INPUTS, "B2": 1000.0 + i}) for i in range(3)]
    monkeypatch.setenv("FINMODEL_SOFFICE", str(fake_soffice(
        tmp_path, f'  if cmp -s "$f" "{paths[1]}"; then sleep 30; fi')))  # fmt: skip
    monkeypatch.setattr("builder.check.libreoffice.STARTUP_SECONDS", 0.0)
    outcomes = convert_many(paths, tmp_path / "work", timeout=1.0)
    hung = outcomes[paths[1].resolve()]
    assert isinstance(hung, RecalcError)
    assert str(hung) == (f"{paths[1].resolve()}: LibreOffice stopped responding on it"
                         " (no result in 1 s); killed it")  # fmt: skip
    for index in (0, 2):
        output = outcomes[paths[index].resolve()]
        assert isinstance(output, Path)
        assert output.read_bytes() == paths[index].read_bytes()


@pytest.mark.usefixtures("conversion_only")
def test_a_dying_office_is_reported_with_its_exit_code(
    model_writer: ModelWriter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = [model_writer(f"die-{i}.xlsx", inputs={**INPUTS, "B2": 1000.0 + i}) for i in range(3)]
    crash = f'  if cmp -s "$f" "{paths[0]}"; then echo boom >&2; exit 139; fi'
    monkeypatch.setenv("FINMODEL_SOFFICE", str(fake_soffice(tmp_path, crash)))
    outcomes = convert_many(paths, tmp_path / "work")
    died = outcomes[paths[0].resolve()]
    assert isinstance(died, RecalcError)
    assert "LibreOffice died on it (exit code 139): boom" in str(died)
    assert all(isinstance(outcomes[p.resolve()], Path) for p in paths[1:])


@pytest.mark.libreoffice
@pytest.mark.usefixtures("soffice")
def test_one_conversion_per_worker_for_many_workbooks(
    model_writer: ModelWriter, tmp_path: Path
) -> None:
    paths = [model_writer(f"many-{i}.xlsx") for i in range(5)]
    outcomes = convert_many(paths, tmp_path, jobs=2)
    outputs = [outcomes[p.resolve()] for p in paths]
    assert all(isinstance(o, Path) for o in outputs)
    workers = {o.parent.parent.parent.name for o in outputs}  # type: ignore[union-attr]
    assert workers == {"worker0", "worker1"}
    batches = {o.parent.parent for o in outputs}  # type: ignore[union-attr]
    assert len(batches) == 2  # one soffice run each


TRANSPORTS = {"formulas": [""], "libreoffice": ["office", "conversion"]}


@pytest.mark.parametrize(("engine", "transport"),
                         [(e, t) for e in ENGINES for t in TRANSPORTS[e]])  # fmt: skip
def test_every_engine_catches_a_poisoned_cached_value(
    engine: str, transport: str, model_writer: ModelWriter, request: pytest.FixtureRequest,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    """An engine that echoed cached values back would pass a poisoned workbook: each must not,
    LibreOffice neither as a running office nor through conversion."""
    if engine == "libreoffice":
        request.getfixturevalue("uno_python" if transport == "office" else "conversion_only")
        request.getfixturevalue("soffice")
    poisoned = CellId("Valuation", "B7")
    truth = compute_model(INPUTS)[poisoned]
    good = model_writer(f"poison-good-{engine}{transport}.xlsx")
    path = model_writer(f"poisoned-{engine}{transport}.xlsx", cached={poisoned: 123.0})
    assert read_cached(path).values[poisoned] == 123.0
    assert run_check([good, path], engine=engine) == 1
    out = capsys.readouterr().out
    assert f"OK {good}: 32 formulas recomputed, 0 mismatches ({engine}, " in out
    assert f"FAIL {path}: 32 formulas recomputed, 1 mismatches ({engine}, " in out
    shown = re.search(r"\n  Valuation!B7: cached 123, recomputed (\S+)\n", out)
    assert shown is not None, out
    assert float(shown.group(1)) == pytest.approx(truth, rel=1e-12)

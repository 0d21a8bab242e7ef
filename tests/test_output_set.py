"""The output set is replaced as a whole or not at all.

A failure injected at every file-system step of publishing (each rename, link, removal, folder),
and a ``kill -9`` at every such step (in a forked child), must leave the visible set exactly the
old one or exactly the new one; the next build must then publish cleanly and leave no stale set,
temporary link or file of its own behind, touching nothing of another model or of the user.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import signal
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from builder import output_links
from builder.output import OUTPUT_SUFFIXES, open_outputs
from builder.problems import InputError

STEM = "model"
SET_A = {"model.xlsx": b"A workbook", "model.memo.md": b"A memo",
         "model.memo.html": b"A html", "model.memo_files/revenue.png": b"A revenue",
         "model.memo_files/margins.png": b"A margins"}
SET_B = {"model.xlsx": b"B workbook", "model.memo.md": b"B memo",
         "model.memo.html": b"B html", "model.memo_files/revenue.png": b"B revenue",
         "model.memo_files/valuation.png": b"B valuation", "model.memo.pdf": b"B pdf"}
SET_C = {"model.xlsx": b"C workbook"}


def publish(out: Path, files: dict[str, bytes], stem: str = STEM) -> None:
    with open_outputs(out, stem) as outputs:
        for name, content in files.items():
            outputs.write_bytes(name, content, name)


def visible(out: Path, stem: str = STEM) -> dict[str, bytes]:
    """What an analyst sees of the model's outputs, following links; a dangling link is absent."""
    seen: dict[str, bytes] = {}
    for name in (stem + suffix for suffix in OUTPUT_SUFFIXES):
        path = out / name
        if path.is_dir():
            seen.update({f"{name}/{p.name}": p.read_bytes() for p in sorted(path.iterdir())
                         if not p.name.startswith(".")})  # an old version's temporary files
        elif path.is_file():
            seen[name] = path.read_bytes()
    return seen


def tree(folder: Path) -> dict[str, object]:
    """Every entry under ``folder``: link targets, file bytes, folders (nothing followed)."""
    entries: dict[str, object] = {}
    for root, dirs, files in os.walk(folder):
        for name in dirs + files:
            path = Path(root) / name
            key = str(path.relative_to(folder))
            if path.is_symlink():
                entries[key] = ("link", os.readlink(path))
            elif path.is_dir():
                entries[key] = "folder"
            elif path.is_file():
                entries[key] = path.read_bytes()
            else:
                entries[key] = "special"  # a FIFO is not read
    return entries


def assert_clean(out: Path, stem: str = STEM) -> None:
    """Only the lock, the pointer and the published set in the model's own folder."""
    home = output_links.home_of(out, stem)
    current = os.readlink(home / "current")
    assert sorted(os.listdir(home)) == sorted(["lock", "current", current])


MUTATIONS = ("replace", "rename", "symlink", "link", "unlink", "mkdir", "rmdir")


@contextlib.contextmanager
def fault_at(step: int, action: Callable[[], None]) -> Iterator[list[str]]:
    """Run ``action`` instead of the ``step``-th file-system mutation (1-based); yield the
    names of the mutations seen, to count the steps of a run."""
    seen: list[str] = []
    originals = {name: getattr(os, name) for name in MUTATIONS}
    original_rmtree, original_exchange = shutil.rmtree, output_links._exchange

    def wrap(name: str, function: Callable) -> Callable:
        def step(*args, **kwargs):
            seen.append(name)
            if len(seen) == step_number:
                action()
            return function(*args, **kwargs)
        return step

    step_number = step
    try:
        for name, function in originals.items():
            setattr(os, name, wrap(name, function))
        shutil.rmtree = wrap("rmtree", original_rmtree)
        output_links._exchange = wrap("exchange", original_exchange)
        yield seen
    finally:
        for name, function in originals.items():
            setattr(os, name, function)
        shutil.rmtree, output_links._exchange = original_rmtree, original_exchange


def _fail() -> None:
    raise OSError(errno.EIO, "injected failure")


def _steps(prepare: Callable[[Path], None], files: dict[str, bytes], tmp_path: Path) -> int:
    out = tmp_path / "count"
    prepare(out)
    with fault_at(0, _fail) as seen:
        publish(out, files)
    shutil.rmtree(out)
    return len(seen)


def _from_a(out: Path) -> None:
    publish(out, SET_A)


def _legacy(out: Path) -> None:
    """What finmodel wrote before output sets: plain files, a chart folder, temporary files."""
    (out / "model.memo_files").mkdir(parents=True)
    for name, content in SET_A.items():
        (out / name).write_bytes(content)
    (out / ".model.xlsx.abcd1234.tmp").write_bytes(b"left by a killed build")
    (out / "model.memo_files" / ".revenue.png.abcd1234.tmp").write_bytes(b"left too")
    (out / "other.xlsx").write_bytes(b"another model")
    (out / ".other.xlsx.abcd1234.tmp").write_bytes(b"another model's")
    (out / "notes.txt").write_bytes(b"the analyst's")


@pytest.mark.parametrize("prepare", [_from_a, _legacy], ids=["from a set", "from plain files"])
def test_a_failure_at_any_step_leaves_the_old_set_or_the_new(prepare, tmp_path):
    steps = _steps(prepare, SET_B, tmp_path)
    assert steps >= 8
    for step in range(1, steps + 1):
        out = tmp_path / f"step{step}"
        prepare(out)
        others = {k: v for k, v in tree(out).items() if not k.startswith((".finmodel", "model"))}
        try:
            with fault_at(step, _fail):
                publish(out, SET_B)
        except InputError as error:
            assert "injected failure" in str(error) and "previous outputs are unchanged" in str(
                error)
        assert visible(out) in (SET_A, SET_B), f"step {step}"
        publish(out, SET_C)  # the next build publishes and tidies
        assert visible(out) == SET_C
        assert_clean(out)
        assert not (out / ".model.xlsx.abcd1234.tmp").exists()
        kept = {k: v for k, v in tree(out).items() if not k.startswith((".finmodel", "model"))}
        assert kept == {k: v for k, v in others.items() if k != ".model.xlsx.abcd1234.tmp"}


def _kill() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


@pytest.mark.parametrize("prepare", [_from_a, _legacy], ids=["from a set", "from plain files"])
def test_kill_9_at_any_step_leaves_the_old_set_or_the_new(prepare, tmp_path):
    steps = _steps(prepare, SET_B, tmp_path)
    for step in range(1, steps + 1):
        out = tmp_path / f"step{step}"
        prepare(out)
        child = os.fork()
        if child == 0:  # the build that dies
            try:
                with fault_at(step, _kill):
                    publish(out, SET_B)
            finally:
                os._exit(0)
        _, status = os.waitpid(child, 0)
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, f"step {step}"
        assert visible(out) in (SET_A, SET_B), f"step {step}"
        publish(out, SET_C)
        assert visible(out) == SET_C
        assert_clean(out)


def test_a_set_replaces_the_whole_previous_one(tmp_path):
    publish(tmp_path, SET_A)
    publish(tmp_path, SET_B)
    assert visible(tmp_path) == SET_B
    publish(tmp_path, SET_C)  # the memo, its charts and the PDF go with the set they belong to
    assert visible(tmp_path) == SET_C
    assert sorted(p.name for p in tmp_path.iterdir()) == [".finmodel", "model.xlsx"]
    assert_clean(tmp_path)


def test_a_failed_block_discards_the_new_set(tmp_path):
    publish(tmp_path, SET_A)
    before = tree(tmp_path)
    with pytest.raises(ValueError), open_outputs(tmp_path, STEM) as outputs:
        outputs.write_bytes("model.xlsx", b"half", "the workbook")
        raise ValueError("the memo failed")
    assert tree(tmp_path) == before


def test_a_disk_full_while_writing_is_one_message_naming_the_file(tmp_path):
    publish(tmp_path, SET_A)
    before = tree(tmp_path)

    def full(path: Path) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    with pytest.raises(InputError) as raised, open_outputs(tmp_path, STEM) as outputs:
        outputs.write("model.xlsx", full, "the workbook")
    assert str(raised.value) == (f"{tmp_path / 'model.xlsx'}: cannot write the workbook: the "
                                 "disk is full (no space left on the device); the previous "
                                 "outputs are unchanged")
    assert tree(tmp_path) == before


def test_stale_sets_of_a_killed_build_go_with_the_next_build_of_that_model_only(tmp_path):
    publish(tmp_path, SET_A)
    publish(tmp_path, SET_A, stem="other")
    home, other = output_links.home_of(tmp_path, STEM), output_links.home_of(tmp_path, "other")
    for folder in (home, other):  # what kill -9 leaves: a half-written set, temporary links
        (folder / "set-99").mkdir()
        (folder / "set-99" / "model.xlsx").write_bytes(b"half")
        os.symlink("set-99", folder / "current.new")
    (tmp_path / "model.memo.pdf").symlink_to(output_links.link_text(home, "model.memo.pdf"))
    other_before = tree(other)

    publish(tmp_path, SET_C)

    assert_clean(tmp_path)
    assert not os.path.lexists(tmp_path / "model.memo.pdf")  # a link to nothing, of ours
    assert tree(other) == other_before


@pytest.mark.parametrize(("name", "make", "message"), [
    ("model.xlsx", Path.mkdir, "a folder stands where this output must go"),
    ("model.memo_files", Path.touch, "a file stands where the memo's chart folder must go"),
])
def test_a_misplaced_entry_is_refused_before_anything_changes(tmp_path, name, make, message):
    publish(tmp_path, SET_C)
    if name == "model.xlsx":
        (tmp_path / name).unlink()
    make(tmp_path / name)
    before = tree(tmp_path)
    with pytest.raises(InputError) as raised:
        publish(tmp_path, SET_A)
    assert str(raised.value).startswith(f"{tmp_path / name}: {message}; move or rename it")
    assert tree(tmp_path) == before


def test_a_chart_folder_holding_the_analysts_files_is_not_taken_over(tmp_path):
    (tmp_path / "model.memo_files").mkdir()
    (tmp_path / "model.memo_files" / "my notes.docx").write_bytes(b"mine")
    with pytest.raises(InputError) as raised:
        publish(tmp_path, SET_A)
    assert "my notes.docx: the memo's chart folder holds this, which finmodel did not write" in \
        str(raised.value)
    assert (tmp_path / "model.memo_files" / "my notes.docx").read_bytes() == b"mine"


def test_without_symbolic_links_the_files_are_renamed_into_place(tmp_path, monkeypatch):
    def refused(*args, **kwargs):
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "symlink", refused)
    publish(tmp_path, SET_A)
    publish(tmp_path, SET_B)
    assert visible(tmp_path) == SET_B
    assert not any(p.is_symlink() for p in tmp_path.rglob("*"))
    assert sorted(os.listdir(output_links.home_of(tmp_path, STEM))) == ["lock"]


def test_without_links_a_workbook_held_open_elsewhere_is_a_clear_message(tmp_path, monkeypatch):
    def refused(*args, **kwargs):
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "symlink", refused)
    publish(tmp_path, SET_A)
    before = visible(tmp_path)
    real_replace = os.replace

    def locked(source, target):  # what Windows does while Excel holds the file open
        if str(target).endswith(".xlsx"):
            raise PermissionError(13, "Permission denied", str(target))
        return real_replace(source, target)

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(InputError) as raised:
        publish(tmp_path, SET_B)
    assert str(raised.value) == (f"{tmp_path / 'model.xlsx'}: cannot replace the file: it is "
                                 "open in another program or read-only; close it and build again")
    assert visible(tmp_path) == before


def test_with_links_a_workbook_held_open_does_not_stop_the_build(tmp_path, monkeypatch):
    publish(tmp_path, SET_A)
    real_rmtree = shutil.rmtree

    def held(path, *args, **kwargs):  # Windows cannot delete a file another program holds
        if "set-1" in str(path):
            raise PermissionError(13, "Permission denied", str(path))
        return real_rmtree(path, *args, **kwargs)

    monkeypatch.setattr(shutil, "rmtree", held)
    publish(tmp_path, SET_B)
    assert visible(tmp_path) == SET_B
    monkeypatch.setattr(shutil, "rmtree", real_rmtree)
    publish(tmp_path, SET_C)
    assert_clean(tmp_path)


# A real build, killed while it writes: the harness slows each file-system step of the output
# stage (so that a kill lands inside it) and says when writing starts; nothing else changes.
SLOW_BUILD = """
import os, shutil, sys, time
import builder.output as output
steps = ("replace", "rename", "symlink", "link", "unlink", "mkdir")
def slow(function):
    def step(*args, **kwargs):
        time.sleep(0.01)
        return function(*args, **kwargs)
    return step
real_open = output.open_outputs
def announced(*args, **kwargs):
    print("writing", flush=True)
    for name in steps:
        setattr(os, name, slow(getattr(os, name)))
    shutil.rmtree = slow(shutil.rmtree)
    return real_open(*args, **kwargs)
output.open_outputs = announced
import builder.pipeline
builder.pipeline.open_outputs = announced
from builder.cli import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.slow
def test_a_real_build_killed_while_writing_leaves_a_whole_set(kc_copy, tmp_path):
    import random
    import subprocess
    import sys
    import time

    from builder.pipeline import build

    yaml_path = kc_copy / "kingsoft_cloud.yaml"
    text_a = yaml_path.read_text(encoding="utf-8")
    text_b = text_a.replace("tax_rate: 0.15", "tax_rate: 0.2", 1)
    stem = yaml_path.stem
    references = []
    for text, folder in ((text_a, "ref_a"), (text_b, "ref_b")):
        yaml_path.write_text(text, encoding="utf-8")
        build(yaml_path, tmp_path / folder)
        references.append(visible(tmp_path / folder, stem))
    assert references[0] != references[1] and len(references[0]) >= 5
    out = tmp_path / "out"
    build(yaml_path, out)  # B is there; the killed builds write A, B, A...
    rng = random.Random(12)
    outcomes = []
    for round_number in range(4):
        yaml_path.write_text(text_a if round_number % 2 == 0 else text_b, encoding="utf-8")
        process = subprocess.Popen(
            [sys.executable, "-c", SLOW_BUILD, "build", str(yaml_path), "--out", str(out)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "writing"
        time.sleep(rng.uniform(0.0, 0.4))
        process.kill()
        process.wait()
        outcomes.append(process.returncode)
        assert visible(out, stem) in references, f"round {round_number}"
    assert -signal.SIGKILL in outcomes  # the kills landed while the builds were running
    build(yaml_path, out)
    assert visible(out, stem) == references[1]
    assert_clean(out, stem)


# Inside a private mount namespace (so nothing outlives the test): a tmpfs just big enough for
# one output set. The first build fits; the second fills the disk while writing.
FULL_DISK = """
import json, subprocess, sys
from pathlib import Path
from builder.cli import main
from tests.test_output_set import visible
yaml_path, out, text_b = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]).read_text()
read_only = Path(sys.argv[4])
text_a = yaml_path.read_text(encoding="utf-8")
first = main(["build", str(yaml_path), "--out", str(out)])
before = visible(out, yaml_path.stem)
yaml_path.write_text(text_b, encoding="utf-8")
second = main(["build", str(yaml_path), "--out", str(out)])
after = visible(out, yaml_path.stem)
home = out / ".finmodel" / (yaml_path.stem + ".outputs")
# The same model on a file system remounted read-only after its first build.
yaml_path.write_text(text_a, encoding="utf-8")
writable = main(["build", str(yaml_path), "--out", str(read_only)])
kept = visible(read_only, yaml_path.stem)
subprocess.run(["mount", "-o", "remount,ro", str(read_only)], check=True)
yaml_path.write_text(text_b, encoding="utf-8")
refused = main(["build", str(yaml_path), "--out", str(read_only)])
print(json.dumps({"first": first, "second": second, "unchanged": before == after,
                  "files": len(after), "home": sorted(p.name for p in home.iterdir()),
                  "writable": writable, "refused": refused,
                  "read_only_unchanged": kept == visible(read_only, yaml_path.stem)}))
"""


@pytest.mark.slow
def test_a_full_or_read_only_disk_keeps_the_previous_set(kc_copy, tmp_path):
    import json
    import shlex
    import subprocess
    import sys

    from builder.pipeline import build
    from tests.conftest import ROOT

    unshare = shutil.which("unshare")
    if unshare is None or subprocess.run([unshare, "-m", "true"], capture_output=True).returncode:
        pytest.skip("needs a private mount namespace (unshare -m, as root) for a small tmpfs")
    yaml_path = kc_copy / "kingsoft_cloud.yaml"
    build(yaml_path, tmp_path / "measure")
    size = sum(-(-p.stat().st_size // 4096) * 4096 for p in (tmp_path / "measure").rglob("*")
               if p.is_file() and not p.is_symlink())
    out, read_only = tmp_path / "small_disk", tmp_path / "read_only"
    out.mkdir()
    read_only.mkdir()
    text_b = tmp_path / "b.yaml.txt"
    text_b.write_text(yaml_path.read_text(encoding="utf-8").replace("tax_rate: 0.15",
                                                                    "tax_rate: 0.2", 1))
    script = tmp_path / "full_disk.py"
    script.write_text(FULL_DISK)
    mount = ["mount", "-t", "tmpfs", "-o", f"size={size + 64 * 1024}", "tmpfs", str(out)]
    mount_other = ["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(read_only)]
    run = [sys.executable, str(script), str(yaml_path), str(out), str(text_b), str(read_only)]
    command = f"{shlex.join(mount)} && {shlex.join(mount_other)} && exec {shlex.join(run)}"
    done = subprocess.run([unshare, "-m", "sh", "-c", command], capture_output=True, text=True,
                          cwd=ROOT, timeout=300, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["first"] == 0 and result["files"] >= 5
    assert result["second"] == 1
    assert "cannot write" in done.stderr and "the disk is full (no space left on the device); " \
        "the previous outputs are unchanged" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr
    assert result["unchanged"] is True
    assert result["home"] == ["current", "lock", "set-1"]
    assert result["writable"] == 0 and result["refused"] == 1
    assert f"error: {read_only}: cannot prepare the output folder: the file system is " \
        "read-only; the previous outputs are unchanged" in done.stderr, done.stderr
    assert result["read_only_unchanged"] is True


def test_a_writers_own_problem_is_not_retold_as_a_write_failure(tmp_path):
    from builder.problems import Problem

    def printer(path: Path) -> None:  # as print_pdf reports a printer that timed out
        try:
            raise OSError(errno.ETIMEDOUT, "timed out")
        except OSError:
            raise InputError([Problem(str(path), "printing the PDF failed: timed out")]) \
                from None

    with pytest.raises(InputError) as raised, open_outputs(tmp_path, STEM) as outputs:
        outputs.write("model.memo.pdf", printer, "the PDF memo")
    assert str(raised.value).endswith("model.memo.pdf: printing the PDF failed: timed out")

"""Output paths: nothing we write replaces an input, the package's files, a device or a
folder; a FIFO or device is written as a stream; every mistake is one line and exit 2,
checked before any work."""

import errno
import json
import os
import stat
import threading
from pathlib import Path

import pytest
from helpers import DATA
from typer.testing import CliRunner

from intmk_graph import outputs
from intmk_graph.cli import app
from intmk_graph.pipeline import default_inputs

runner = CliRunner()
BUNDLED = default_inputs()[0]  # the package's own copy


def one_line_error(args):
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    (line,) = [l for l in result.output.splitlines() if l.strip()]
    assert line.startswith("error: ")
    return line


@pytest.fixture()
def document(tmp_path):
    """A user's own document, in a folder of their own."""
    path = tmp_path / "docs" / "bn-2014.txt"
    path.parent.mkdir()
    path.write_bytes((DATA / "years" / "bn-2014-wernigerode.txt").read_bytes())
    return path


def test_a_page_never_replaces_the_bundled_document(store_2025):
    before = BUNDLED.read_bytes()
    line = one_line_error(["visualise", "coalitions", "--out", str(store_2025), "--out-file", str(BUNDLED)])
    assert "is inside intmk-graph's own files" in line
    assert BUNDLED.read_bytes() == before


def test_an_output_never_replaces_an_input(document, tmp_path):
    before = document.read_bytes()
    assert "is an input of this command" in one_line_error(
        ["export", str(document), "--format", "nt", "--out", str(document)])
    link = tmp_path / "link.nt"
    link.symlink_to(document)  # resolved before any work: a link to the input is the input
    assert "is an input of this command" in one_line_error(
        ["export", str(document), "--format", "nt", "--out", str(link)])
    assert document.read_bytes() == before


def test_a_build_never_replaces_an_input_in_its_store_folder(tmp_path):
    out = tmp_path / "out"
    (out / "store").mkdir(parents=True)
    inside = out / "store" / "bn-2014.txt"
    inside.write_bytes((DATA / "years" / "bn-2014-wernigerode.txt").read_bytes())
    line = one_line_error(["build", str(inside), "--out", str(out), "--force"])
    assert "is an input of this command" in line and line.startswith(f"error: {out / 'store'}:")
    assert inside.is_file()


def test_a_folder_that_is_not_a_store_is_not_replaced(tmp_path):
    (tmp_path / "store").mkdir()
    (tmp_path / "store" / "notes.txt").write_text("mine")
    line = one_line_error(["build", "-q", "--out", str(tmp_path)])
    assert line == f"error: {tmp_path / 'store'}: is not an Oxigraph store, and a build replaces store/ whole (--force replaces it)"
    assert (tmp_path / "store" / "notes.txt").read_text() == "mine"
    # a store of ours is replaced, again and again
    assert runner.invoke(app, ["build", "-q", "--out", str(tmp_path), "--force"]).exit_code == 0
    assert runner.invoke(app, ["build", "-q", "--out", str(tmp_path)]).exit_code == 0
    assert (tmp_path / "store" / "CURRENT").is_file()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary left


def test_a_fifo_is_written_as_a_stream_and_stays_a_fifo(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    result = runner.invoke(app, ["export", "--format", "nt", "--out", str(fifo)])
    reader.join(10)
    assert result.exit_code == 0, result.output
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert b"<https://w3id.org/intmk-graph/data/conference/20/top/6.5>" in got[0]


def test_a_full_device_is_one_line_and_stays_a_device():
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full")
    line = one_line_error(["export", "--format", "nt", "--out", "/dev/full"])
    assert line == "error: /dev/full: cannot be written: the disk is full (No space left on device)"
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_dash_is_standard_output(store_2025):
    result = runner.invoke(app, ["visualise", "coalitions", "--out", str(store_2025), "--out-file", "-"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("<!DOCTYPE html>") and "wrote" not in result.stdout
    assert "standard output holds one file" in one_line_error(
        ["visualise", "matrix", "--out", str(store_2025), "--out-file", "-"])


def test_outputs_of_another_kind_need_force(tmp_path, store_2025):
    a_file = tmp_path / "out"
    a_file.write_text("x")
    assert one_line_error(["build", "-q", "--out", str(a_file)]) == (
        f"error: {a_file}: is a file; --out names a folder (--force replaces the file)")
    assert runner.invoke(app, ["build", "-q", "--out", str(a_file), "--force"]).exit_code == 0
    assert (a_file / "graph.ttl").is_file()

    folder = tmp_path / "page.html"
    folder.mkdir()
    args = ["visualise", "coalitions", "--out", str(store_2025), "--out-file", str(folder)]
    assert "is a folder; --out-file names a file" in one_line_error(args)
    assert runner.invoke(app, [*args, "--force"]).exit_code == 0  # an empty folder only
    assert folder.is_file()
    full = tmp_path / "full.html"
    (full / "x").mkdir(parents=True)
    assert "is a folder" in one_line_error(["visualise", "coalitions", "--out", str(store_2025), "--out-file",
                                            str(full), "--force"])


@pytest.mark.parametrize("kind, name, message", [
    ("coalitions", "x.json", "does not end in .html or .htm, as a page file does; name it so, or give --force"),
    ("matrix", "x.json", "does not end in .png or .svg, as a figure file does; name it so, or give --force"),
])
def test_a_page_or_figure_suffix_that_does_not_fit_is_an_error(tmp_path, store_2025, kind, name, message):
    target = tmp_path / name
    args = ["visualise", kind, "--out", str(store_2025), "--out-file", str(target)]
    assert one_line_error(args) == f"error: {target}: {message}"
    assert not list(tmp_path.iterdir())
    assert runner.invoke(app, [*args, "--force"]).exit_code == 0


def test_an_existing_file_of_another_kind_is_not_replaced(tmp_path, store_2025):
    notes = tmp_path / "notes.txt"
    notes.write_text("mine")
    args = ["visualise", "coalitions", "--out", str(store_2025), "--out-file", str(notes)]
    assert "exists and is not a page file (.html or .htm); --force replaces it" in one_line_error(args)
    assert notes.read_text() == "mine"


def test_a_parent_that_is_a_file(document):
    line = one_line_error(["build", "-q", str(document), "--out", str(document / "sub")])
    assert line == f"error: {document / 'sub'}: cannot be made: {document} is a file, not a folder"


def test_a_place_that_cannot_be_made():
    line = one_line_error(["build", "-q", "--out", "/proc/intmk-graph-out"])
    assert line.startswith("error: /proc/intmk-graph-out: cannot be written (/proc takes no new files")


@pytest.mark.parametrize("code, reason", [
    (errno.EACCES, "no permission"),
    (errno.EROFS, "the place is read-only"),
])
def test_no_permission_and_read_only_places(tmp_path, monkeypatch, code, reason):
    def refuse(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(outputs.tempfile, "mkstemp", refuse)  # what root and a read-only mount would say
    line = one_line_error(["build", "-q", "--out", str(tmp_path / "out")])
    assert line == (f"error: {tmp_path / 'out'}: cannot be written: {reason} "
                    f"({tmp_path} takes no new files: {os.strerror(code)})")


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere: the case above simulates it")
def test_no_permission_for_real(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    line = one_line_error(["build", "-q", "--out", str(locked / "out")])
    assert line.startswith(f"error: {locked / 'out'}: cannot be written: no permission")


def test_a_full_disk_while_writing_leaves_the_previous_output_whole(tmp_path, monkeypatch):
    assert runner.invoke(app, ["build", "-q", "--out", str(tmp_path)]).exit_code == 0
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
    real = os.fdopen

    class Full:
        def __init__(self, fh):
            self.fh = fh

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.fh.close()

        def writelines(self, chunks):
            self.fh.write(next(iter(chunks))[:100])
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(outputs.os, "fdopen", lambda fd, mode: Full(real(fd, mode)))
    line = one_line_error(["build", "-q", "--out", str(tmp_path)])
    assert line == f"error: {tmp_path / 'graph.ttl'}: cannot be written: the disk is full (No space left on device)"
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()} == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]
    assert json.loads((tmp_path / "resolutions.json").read_text())[0]["id"] == "1.1"

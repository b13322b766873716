"""Bad input: one line naming file, line and what was expected; exit 2; no traceback."""

import subprocess
import sys

import pytest
from typer.testing import CliRunner

from intmk_graph.cli import app

runner = CliRunner()

GOOD_HEAD = "TOP 1.1\n\nTitel\n\nAntragsteller: Berlin\n\nDie IntMK hat einstimmig beschlossen:\n\nText. 1\n"


def run(path):
    result = runner.invoke(app, ["resolutions", str(path)])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    lines = [l for l in result.output.splitlines() if l.strip()]
    assert len(lines) == 1, result.output
    return lines[0]


def test_missing_file(tmp_path):
    line = run(tmp_path / "nope.txt")
    assert "nope.txt: file not found" in line


def test_empty_file(tmp_path):
    (tmp_path / "empty.txt").write_text("  \n\n")
    assert "empty.txt:1: file is empty" in run(tmp_path / "empty.txt")


def test_not_utf8(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes(("TOP 1.1\nTitel\nAntragsteller: Th\u00fcringen\n").encode("latin-1"))
    line = run(path)
    assert "latin1.txt:3: not valid UTF-8 (byte 0xfc at column 18)" in line


def test_no_resolutions(tmp_path):
    path = tmp_path / "prose.txt"
    path.write_text("Ein Brief\nohne Tagesordnung.\n")
    assert "prose.txt:1: no resolutions found; expected agenda items starting with 'TOP <id>'" in run(path)


def test_sponsor_that_is_not_a_land(tmp_path):
    path = tmp_path / "x.txt"
    path.write_text(GOOD_HEAD.replace("Berlin", "Berlin, Bavaria"))
    line = run(path)
    assert "x.txt:5: 'Bavaria' in 'Antragsteller' is not a German Land; expected one of" in line


def test_wrapped_sponsor_error_names_the_right_line(tmp_path):
    path = tmp_path / "x.txt"
    path.write_text(GOOD_HEAD.replace("Antragsteller: Berlin", "Antragsteller: Berlin,\nWien"))
    assert "x.txt:6: 'Wien'" in run(path)


def test_duplicate_id(tmp_path):
    path = tmp_path / "dup.txt"
    path.write_text(GOOD_HEAD + GOOD_HEAD)
    assert "dup.txt:10: TOP 1.1 appears twice (first at line 1)" in run(path)


def test_item_cut_off_after_header(tmp_path):
    path = tmp_path / "cut.txt"
    path.write_text(GOOD_HEAD + "\nTOP 1.2\n\n")
    assert "cut.txt:11: TOP 1.2 ends right after its header" in run(path)


def test_item_cut_off_after_decision(tmp_path):
    path = tmp_path / "cut.txt"
    path.write_text(GOOD_HEAD + "TOP 1.2\nTitel\nAntragsteller: Berlin\nDie IntMK hat einstimmig beschlossen:\n")
    assert "cut.txt:13: TOP 1.2 stops before its text" in run(path)


@pytest.mark.parametrize("command", ["build", "resolutions"])
def test_real_process_prints_no_traceback(tmp_path, command):
    proc = subprocess.run(
        [sys.executable, "-m", "intmk_graph.cli", command, str(tmp_path / "missing.txt")],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.strip().endswith("missing.txt: file not found; expected a text file extracted from an IntMK PDF")
    assert "Traceback" not in proc.stderr

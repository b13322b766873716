"""The command line, in-process with CliRunner."""

import csv
import io
import json

import pytest
from helpers import DATA, ROOT
from typer.main import get_command
from typer.testing import CliRunner

from intmk_graph.cli import app

runner = CliRunner()
README = (ROOT / "README.md").read_text()


def test_build_writes_outputs_and_summary(tmp_path):
    result = runner.invoke(app, ["build", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "27 resolutions" in result.output
    assert {p.name for p in tmp_path.iterdir()} == {"graph.ttl", "graph.trig", "resolutions.json", "store"}
    records = json.loads((tmp_path / "resolutions.json").read_text())
    assert [r["id"] for r in records][:3] == ["1.1", "A", "1.2"]


def test_resolutions_json_records():
    result = runner.invoke(app, ["resolutions", "--format", "json"])
    assert result.exit_code == 0
    records = {r["id"]: r for r in json.loads(result.stdout)}
    assert len(records) == 27
    r = records["6.5"]
    assert r["conference"] == "20"
    assert r["sponsors"] == ["Berlin", "Hamburg", "Sachsen-Anhalt"]
    assert (r["decision"], r["votes"], r["paragraphs"], r["lead_motion"]) == ("majority", None, 2, False)
    assert r["source"] == {"file": "intmk-20-2025-goettingen.txt", "first_line": 1954, "last_line": 1992,
                           "first_page": None, "last_page": None}
    assert records["A"]["sponsors"] == [] and records["A"]["decision"] is None
    assert records["4.9"]["protocol_notes"][0]["by"] == ["Bayern"]
    assert records["4.9"]["protocol_notes"][0]["paragraph"] == 7
    assert records["2.1.a"]["lead_motion"] is True


def test_resolutions_csv_flattens_lists():
    result = runner.invoke(app, ["resolutions", "--format", "csv"])
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(result.stdout))}
    assert rows["6.5"]["sponsors"] == "Berlin; Hamburg; Sachsen-Anhalt"
    assert rows["2.1.b"]["protocol_notes"].startswith("Bayern und Thüringen: Auch aus Sicht Bayerns")
    assert rows["4.9"]["protocol_notes"].startswith("Bayern zu Ziffer 7: Zwar bedingen")
    assert rows["6.5"]["source_first_line"] == "1954"


def test_resolutions_table():
    result = runner.invoke(app, ["resolutions"])
    assert result.exit_code == 0
    assert "BE HH ST" in result.output and "all 16" in result.output


def commands():
    group = get_command(app)
    return sorted(group.commands)


@pytest.mark.parametrize("name", commands())
def test_every_command_has_help_and_is_documented(name):
    group = get_command(app)
    command = group.commands[name]
    assert command.help and len(command.help) > 20
    result = runner.invoke(app, [name, "--help"])
    assert result.exit_code == 0
    assert f"Example: intmk-graph {name}" in " ".join(result.output.split()), "no example in --help"
    assert f"intmk-graph {name}" in README, f"README does not document `intmk-graph {name}`"


@pytest.mark.parametrize("args, message", [
    (["visualise", "coalitions", "--out", "coalitions.html"],
     "coalitions.html: looks like a file, but --out names the output folder; use --out-file for the page"),
    (["visualise", "coalitions", "--out-file", "{dir}"], "{dir}: is a folder; --out-file names a file (--force replaces an empty folder)"),
    (["build", "--out", "{file}"], "{file}: is a file; --out names a folder (--force replaces the file)"),
    (["export", "--format", "ttl", "--out", "{dir}"], "{dir}: is a folder; --out names a file (--force replaces an empty folder)"),
])
def test_output_path_mistakes_are_one_line_errors(tmp_path, args, message):
    folder, file = tmp_path / "folder", tmp_path / "a.txt"
    folder.mkdir()
    file.write_text("x")
    fill = {"dir": str(folder), "file": str(file)}
    result = runner.invoke(app, [a.format(**fill) for a in args])
    assert result.exit_code == 2
    (line,) = [l for l in result.output.splitlines() if l.strip()]
    assert line == "error: " + message.format(**fill)
    assert not (tmp_path / "coalitions.html").exists()


def test_python_m_runs_the_cli():
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-m", "intmk_graph", "--version"], capture_output=True, text=True)
    assert (proc.returncode, proc.stdout.strip()) == (0, "intmk-graph 0.1.0")


def test_progress_is_reported_per_document_and_hidden_off_a_terminal(tmp_path):
    from intmk_graph.pipeline import build

    years = sorted((DATA / "years").glob("bn-*.txt"))
    seen = []
    build(years, progress=lambda path, done, total: seen.append((path.name, done, total)))
    assert seen == [(p.name, i, len(years)) for i, p in enumerate(years, start=1)]
    result = runner.invoke(app, ["build", *map(str, years), "--out", str(tmp_path)])
    assert result.exit_code == 0 and "reading" not in result.output  # not a terminal: no bar
    assert runner.invoke(app, ["build", *map(str, years), "--out", str(tmp_path), "--quiet"]).exit_code == 0

"""Answers that say something: a misspelt name gets "did you mean", an empty result a
"nothing found" line (and CSV its header), a document without resolutions a warning,
and every table fits 80 columns without cutting a value to "…"."""

import csv
import io
import json
from dataclasses import asdict

import pytest
from helpers import ROOT
from typer.testing import CliRunner

from intmk_graph import cli
from intmk_graph.cli import app
from intmk_graph.publish import records

runner = CliRunner()


def error_line(args):
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    (line,) = [l for l in result.output.splitlines() if l.strip()]
    return line


def test_a_misspelt_saved_query_gets_did_you_mean(store_2025):
    assert error_line(["query", "sponsored-byy", "--out", str(store_2025)]) == (
        "error: no saved query 'sponsored-byy'; did you mean 'sponsored-by'?; 'intmk-graph queries' lists them")


def test_a_repeated_parameter_is_an_error(store_2025):
    assert error_line(["query", "sponsored-by", "-p", "land=BY", "-p", "land=BE", "--out", str(store_2025)]) == (
        "error: --param land is given twice ('BY' and 'BE'); expected each parameter once")


def test_query_out_without_a_build_names_the_build_command(tmp_path):
    assert error_line(["query", "laws-ranked", "--out", str(tmp_path)]) == (
        f"error: {tmp_path}: no build here; run 'intmk-graph build --out {tmp_path}' first")
    assert not list(tmp_path.iterdir())  # nothing built behind the user's back


@pytest.mark.parametrize("args, said, header", [
    (["history", "--law", "§ 60c AufenthG"], "nothing found: no conference has anything for --law § 60c AufenthG",
     "conference,year,resolutions,tops"),
    (["cites", "§ 60c AufenthG"], "nothing found: no resolution cites § 60c AufenthG",
     "conference,resolution,title,text,line,source_line"),
    (["dissent", "--land", "Bremen"], "nothing found: no protocol note of Bremen",
     ",".join(records.DISSENT_COLUMNS)),
    (["demands", "--to", "Bundesrat", "--about", "MBE"], "nothing found: no demand to Bundesrat about MBE",
     ",".join(records.DEMAND_COLUMNS)),
    (["query", "SELECT ?s WHERE { ?s a <urn:nothing> }"], "nothing found: the query gave no results", "s"),
])
def test_every_empty_result_says_so_and_csv_keeps_its_header(store_2025, args, said, header):
    table = runner.invoke(app, [*args, "--out", str(store_2025)])
    assert table.exit_code == 0, table.output
    assert said in table.stderr and table.stdout == ""
    as_csv = runner.invoke(app, [*args, "--out", str(store_2025), "--format", "csv"])
    assert as_csv.stdout.strip() == header
    assert said in as_csv.stderr


def test_a_document_without_resolutions_is_a_warning_and_fails_check(tmp_path):
    path = tmp_path / "headers-only.txt"
    path.write_text("TOP 1.1\nTitel\n\nTOP 1.2\nNoch ein Titel\n", encoding="utf-8")
    result = runner.invoke(app, ["resolutions", str(path), "--format", "csv"])
    assert result.exit_code == 0
    assert result.stdout.strip() == ",".join(records.RESOLUTION_COLUMNS)
    assert (f"warning: {path}:1: 2 agenda item(s) (TOP 1.1, 1.2) but not one resolution text: nothing to build a "
            "graph of; expected items with sponsors, a decision or a text after their title") in result.stderr
    assert "nothing found: no resolution in these documents" in result.stderr
    checked = runner.invoke(app, ["check", str(path)])
    assert checked.exit_code == 1
    assert "no resolution was read" in checked.stdout


def test_the_csv_columns_are_those_of_the_records(collection_2025, store_2025):
    from intmk_graph.query.reports import demands, dissent
    from intmk_graph.query.store import open_store

    resolution = records.resolution_records([collection_2025])[0]
    assert tuple(records.flat_record(resolution)) == records.RESOLUTION_COLUMNS
    conference = records.conference_record(collection_2025)
    assert tuple(records.flat_conference(conference)) == records.CONFERENCE_COLUMNS
    dataset = open_store("oxigraph", store_2025)
    try:
        assert tuple(records.flat_record(asdict(dissent(dataset)[0]))) == records.DISSENT_COLUMNS
        assert tuple(records.flat_record(asdict(demands(dataset)[0]))) == records.DEMAND_COLUMNS
    finally:
        dataset.close()


LISTINGS = [["resolutions"], ["conferences"], ["dissent"], ["demands"], ["cites", "AufenthG"],
            ["history", "--land", "BY"], ["coalitions"], ["coalitions", "--by-conference"], ["queries"],
            ["query", "laws-ranked"], ["evaluate", "tests/data/expected-2025.toml"], ["build", "-q"]]


@pytest.mark.parametrize("args", LISTINGS, ids=lambda a: " ".join(a))
def test_every_table_fits_80_columns_without_cutting(store_2025, tmp_path, monkeypatch, args):
    monkeypatch.setattr(cli.console, "width", 80)
    monkeypatch.chdir(ROOT)
    reads_files = args[0] in ("resolutions", "conferences", "queries", "evaluate")  # no --out
    out = [] if reads_files else ["--out", str(tmp_path if args[0] == "build" else store_2025)]
    result = runner.invoke(app, [*args, *out])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines and max(len(l) for l in lines) <= 80
    assert "…" not in result.stdout


def test_the_conferences_table_shows_whole_values(monkeypatch):
    monkeypatch.setattr(cli.console, "width", 80)
    result = runner.invoke(app, ["conferences"])
    for value in ("intmk-20-2025-goettingen.txt", "Hauptkonferenz", "2025-04-23 – 2025-04-24", "Göttingen",
                  "beschluesse 0.90"):
        assert value in result.stdout


def test_json_of_an_empty_result_is_an_empty_list(store_2025):
    result = runner.invoke(app, ["cites", "§ 60c AufenthG", "--out", str(store_2025), "--format", "json"])
    assert json.loads(result.stdout) == []
    rows = list(csv.reader(io.StringIO(runner.invoke(app, ["cites", "§ 60c AufenthG", "--out", str(store_2025),
                                                           "--format", "csv"]).stdout)))
    assert rows == [["conference", "resolution", "title", "text", "line", "source_line"]]

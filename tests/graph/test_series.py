"""Three years that refer to each other and make demands again (tests/data/series/),
with the 2025 collection: every link exact, the same graph in any order of loading, and
the same IRIs for a year that is not loaded."""

from __future__ import annotations

import json
from datetime import date

import pytest
from helpers import BUNDLED, DATA
from rdflib import RDF, URIRef
from rdflib.compare import to_isomorphic
from typer.testing import CliRunner

from intmk_graph.cli import app
from intmk_graph.extract import calendar
from intmk_graph.graph.validation import validate_graph
from intmk_graph.namespaces import INTMK
from intmk_graph.pipeline import build
from intmk_graph.publish.exports import union_graph

SERIES = sorted((DATA / "series").glob("*.txt"))
BASE = "https://w3id.org/intmk-graph/"
runner = CliRunner()


def short(node) -> str:
    return str(node).removeprefix(BASE)


def refers(graph) -> set[tuple[str, str]]:
    return {(short(s), short(o)) for s, o in graph.subject_objects(INTMK.refersTo)}


def repeats(graph) -> dict[str, tuple[str, str, float]]:
    return {
        short(graph.value(link, INTMK.repeatingDemand)): (
            short(graph.value(link, INTMK.repeatedDemand)), str(graph.value(link, INTMK.foundBy)),
            float(graph.value(link, INTMK.similarity)))
        for link in graph.subjects(RDF.type, INTMK.Repetition)
    }


@pytest.fixture(scope="module")
def series():
    return union_graph(build(SERIES).dataset)


def test_references_across_the_years(series):
    assert refers(series) == {
        # a TOP of another conference is a node of its own, under that meeting
        ("data/conference/16/top/3.1", "id/meeting/ASMK/97"),
        ("data/conference/16/top/3.1", "id/meeting/ASMK/97/top/5.4"),
        # "bekräftigt ihren Beschluss der 16. IntMK zu TOP 2.1"
        ("data/conference/17/top/1.1", "data/conference/16"),
        ("data/conference/17/top/1.1", "data/conference/16/top/2.1"),
        # "ihren Beschluss vom 10./11. Juni 2021 (TOP 3.1)": the 16th met then
        ("data/conference/17/top/2.1", "data/conference/16"),
        ("data/conference/17/top/2.1", "data/conference/16/top/3.1"),
        # "Beschluss der JFMK vom 12./13. Mai 2021 zu TOP 3.2": its first day
        ("data/conference/17/top/2.1", "id/meeting/JFMK/2021-05-12"),
        ("data/conference/17/top/2.1", "id/meeting/JFMK/2021-05-12/top/3.2"),
        ("data/conference/18/top/4.2", "data/conference/17"),
        ("data/conference/18/top/4.2", "data/conference/17/top/1.2"),
        # a special session no calendar knows: a meeting known by its date
        ("data/conference/18/top/4.2", "id/meeting/IntMK/2022-12-09-sonderkonferenz"),
        ("data/conference/18/top/4.2", "id/meeting/IntMK/2022-12-09-sonderkonferenz/top/1"),
    }
    item = URIRef(BASE + "id/meeting/ASMK/97/top/5.4")
    assert (item, RDF.type, INTMK.MeetingItem) in series
    assert series.value(item, INTMK.itemOf) == URIRef(BASE + "id/meeting/ASMK/97")
    sonder = URIRef(BASE + "id/meeting/IntMK/2022-12-09-sonderkonferenz")
    assert series.value(sonder, INTMK.meetingDate).toPython() == date(2022, 12, 9)
    assert validate_graph(series).conforms


def test_demands_made_again_explicitly_and_in_other_words(series):
    assert repeats(series) == {
        # "Der Bund wird erneut aufgefordert": says so (16's adds a clause on the providers)
        "data/conference/17/top/1.1/demand/1": ("data/conference/16/top/2.1/demand/1", "explicit", 85.3),
        # "fordert den Bund auf ... MBE" against "bittet die Bundesregierung ... MBE", reordered
        "data/conference/17/top/1.2/demand/1": ("data/conference/16/top/2.2/demand/1", "similar", 100.0),
        # "fordert den Bund weiterhin auf": as close to the 16th's as to the 17th's, so the
        # latest, and the three years form a chain
        "data/conference/18/top/4.1/demand/1": ("data/conference/17/top/1.1/demand/1", "explicit", 100.0),
    }
    # 18/4.2 asks the Bundesregierung about something else: no link.


def test_a_long_omnibus_demand_does_not_repeat_every_short_one():
    """2025's TOP 2.1.a expects the Bund to offer seven programmes, the MBE among them;
    it contains the 17th's MBE demand word for word but does not make it again."""
    graph = union_graph(build([*SERIES, BUNDLED]).dataset)
    assert {k for k in repeats(graph) if k.startswith("data/conference/20/")} == set()


def test_any_order_of_loading_gives_the_same_graph():
    docs = [*SERIES, BUNDLED]
    forward = union_graph(build(docs).dataset)
    backward = union_graph(build(list(reversed(docs))).dataset)
    shuffled = union_graph(build([docs[2], docs[0], docs[3], docs[1]]).dataset)
    assert to_isomorphic(forward) == to_isomorphic(backward) == to_isomorphic(shuffled)


def test_a_year_not_loaded_keeps_its_iris(monkeypatch):
    """The 17th alone: numbered references give the 16th's IRIs as before; the dated one
    does once the calendar knows the 16th, without its minutes."""
    alone = refers(union_graph(build([SERIES[2]]).dataset))
    assert ("data/conference/17/top/1.1", "data/conference/16/top/2.1") in alone
    assert ("data/conference/17/top/2.1", "id/meeting/IntMK/2021-06-10") in alone
    monkeypatch.setattr(calendar, "_listed", lambda: (
        calendar.Meeting(16, "Hauptkonferenz", date(2021, 6, 10), date(2021, 6, 11)),))
    known = refers(union_graph(build([SERIES[2]]).dataset))
    assert ("data/conference/17/top/2.1", "data/conference/16/top/3.1") in known
    together = refers(union_graph(build(SERIES).dataset))
    assert {r for r in known if r[0].startswith("data/conference/17/")} == {
        r for r in together if r[0].startswith("data/conference/17/")}


def test_the_shipped_calendar_knows_the_bundled_conference():
    assert calendar.Calendar.of([]).on(date(2025, 4, 24)) == calendar.Meeting(
        20, "Hauptkonferenz", date(2025, 4, 23), date(2025, 4, 24))
    assert calendar.Calendar.of([]).on(date(2025, 4, 24), "Sonderkonferenz") is None


def test_history_of_a_programme_over_the_series(tmp_path):
    assert runner.invoke(app, ["build", *map(str, [*SERIES, BUNDLED]), "--out", str(tmp_path)]).exit_code == 0
    result = runner.invoke(app, ["history", "--programme", "Integrationskurse", "--format", "json", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [(r["conference"], r["year"], r["tops"]) for r in rows][:3] == [
        ("16", 2021, ["2.1"]), ("17", 2022, ["1.1"]), ("18", 2023, ["4.1"])]
    assert rows[3]["conference"] == "20"
    result = runner.invoke(app, ["history", "--demand", BASE + "data/conference/18/top/4.1/demand/1",
                                 "--format", "json", "--out", str(tmp_path)])
    assert [(r["conference"], r["tops"]) for r in json.loads(result.stdout)] == [
        ("16", ["2.1"]), ("17", ["1.1"]), ("18", ["4.1"])]


def test_records_show_a_dated_reference_with_its_conference():
    from intmk_graph.pipeline import parse_all
    from intmk_graph.publish.records import resolution_records

    records = {(int(r["conference"]), r["id"]): r for r in resolution_records(parse_all(SERIES))}
    assert [(x["conference"], x["number"], x["kind"], x["date"], x["top"]) for x in records[(17, "2.1")]["references"]] == [
        ("IntMK", 16, None, "2021-06-10", "3.1"), ("JFMK", None, None, "2021-05-12", "3.2")]
    assert [(x["number"], x["kind"], x["date"]) for x in records[(18, "4.2")]["references"]] == [
        (17, None, None), (None, "Sonderkonferenz", "2022-12-09")]


def test_a_special_session_named_by_its_date_is_found_when_read(tmp_path):
    """'TOP 1 der Sonder-IntMK vom 12.11.2015' names the special session of the 10th IntMK
    (tests/data/years/sonder-2015-numeric.txt); read together, the reference is linked to
    that session's TOP 1, not to the 10th main conference."""
    later = tmp_path / "intmk-11-2016.txt"
    later.write_text("Beschlussniederschrift\n11. Integrationsministerkonferenz\nam 3. und 4. Juni 2016 in Erfurt\n"
                     "Vorsitz: Thüringen\n\nTOP 2.1 Integrationskurse\nAntragsteller: Thüringen\n"
                     "Abstimmungsergebnis: einstimmig\nBeschluss:\nDie IntMK erinnert an TOP 1 der Sonder-IntMK vom "
                     "12.11.2015 und bittet den Bund, die Integrationskurse zu öffnen.\n", encoding="utf-8")
    special = DATA / "years" / "sonder-2015-numeric.txt"
    alone = refers(union_graph(build([later]).dataset))
    assert ("data/conference/11/top/2.1", "id/meeting/IntMK/2015-11-12-sonderkonferenz/top/1") in alone
    together = refers(union_graph(build([special, later]).dataset))
    assert {o for s, o in together if s == "data/conference/11/top/2.1"} == {
        "data/conference/10-sonderkonferenz", "data/conference/10-sonderkonferenz/top/1"}

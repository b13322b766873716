"""Layouts of other years, on small documents written for the tests (see data/README.md)."""

from datetime import date

from helpers import DATA

from intmk_graph.model import Decision, Votes
from intmk_graph.pipeline import parse


def test_table_of_contents_and_one_line_headers():
    c = parse(DATA / "format-toc-oneline.txt")
    assert [r.id for r in c.resolutions] == ["1.1", "2.9b", "A3", "4"]  # TOC not counted
    conf = c.conference
    assert (conf.number, conf.kind, conf.place, conf.chair.key) == (18, "Hauptkonferenz", "Berlin", "Berlin")
    assert (conf.start, conf.end) == (date(2023, 4, 27), date(2023, 4, 28))
    assert c.reports == ()
    assert c.line_roles.count("toc") == 5
    assert c.furniture["page_number"] == 3


def test_variant_header_lines():
    r = {r.id: r for r in parse(DATA / "format-toc-oneline.txt").resolutions}
    assert r["1.1"].title.text == "Genehmigung der Tagesordnung"
    assert r["1.1"].decision is Decision.UNANIMOUS
    assert r["1.1"].paragraphs[0].text.text == "Die Tagesordnung wird genehmigt."
    assert len(r["2.9b"].sponsor_names) == 13  # "Alle Länder außer Bayern, Hessen und Saarland"
    assert r["2.9b"].votes == Votes(13, 1, 2)
    assert r["2.9b"].decision is Decision.MAJORITY  # counts with a no vote
    assert [p.number for p in r["2.9b"].paragraphs] == [1, 2]
    assert r["2.9b"].paragraphs[0].text.text == (
        "Die IntMK fordert den Bund auf, die Einbürgerung zu erleichtern und Verfahren zu digitalisieren."
    )
    assert r["A3"].title.text == "Bericht des Bundesamtes für Migration und Flüchtlinge"
    assert (r["A3"].sponsor_names, r["A3"].decision) == ((), None)
    assert r["4"].sponsor_names == ("Bremen", "Nordrhein-Westfalen", "Saarland")
    assert (r["4"].decision, r["4"].votes) == (Decision.MAJORITY, Votes(10, 3, 3))


def test_protokollerklaerung_and_no_line_numbers():
    r = {r.id: r for r in parse(DATA / "format-toc-oneline.txt").resolutions}
    (note,) = r["2.9b"].protocol_notes
    assert (note.by_names, note.paragraph, note.text.text) == (("Bayern",), 2, "Bayern lehnt eine Berichtspflicht ab.")
    (joint,) = r["4"].protocol_notes
    assert joint.by_names == ("Bayern", "Sachsen")
    # "Ziffer 1" ends a line but is text: one lone "line number" is not a numbering.
    text = r["4"].paragraphs[0].text
    assert text.text.startswith("Die Länder verweisen auf Ziffer 1 des Beschlusses der 17. IntMK")
    assert text.official_lines is None


def test_special_conference_and_alternative_labels():
    c = parse(DATA / "format-sonder.txt")
    conf = c.conference
    assert (conf.number, conf.kind, conf.place) == (3, "Sonderkonferenz", "Hannover")
    assert (conf.start, conf.end) == (date(2022, 11, 30), date(2022, 12, 1))
    first, second = c.resolutions
    assert first.title.text == "Aufnahme von Geflüchteten aus der Ukraine"
    assert first.sponsor_names == ("Niedersachsen", "Mecklenburg-Vorpommern")
    assert (first.decision, first.votes) == (Decision.UNANIMOUS, Votes(16, 0, 0))
    assert second.lead_motion and second.title.text == "Gemeinsam handeln"
    assert second.sponsor_names == ("Nordrhein-Westfalen", "Bayern")
    assert [p.number for p in second.paragraphs] == [1, 2]

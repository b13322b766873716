"""Other years' minutes, in the forms they have taken (tests/data/years/, see the README
there): exact facts per document, for the conference, the agenda, the resolutions and
the warnings."""

import json
from datetime import date

import pytest
from helpers import BUNDLED, DATA
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF
from typer.testing import CliRunner

from intmk_graph.cli import app
from intmk_graph.graph.validation import validate_graph
from intmk_graph.model import Decision, Procedure, Votes
from intmk_graph.namespaces import INTMK
from intmk_graph.pipeline import build, parse
from intmk_graph.publish.exports import union_graph

YEARS = DATA / "years"
DOCS = sorted(YEARS.glob("*.txt"))
DATA = "https://w3id.org/intmk-graph/data/"
runner = CliRunner()
ALL_LAENDER = ("Baden-Württemberg", "Bayern", "Berlin", "Brandenburg", "Bremen", "Hamburg", "Hessen",
               "Mecklenburg-Vorpommern", "Niedersachsen", "Nordrhein-Westfalen", "Rheinland-Pfalz", "Saarland",
               "Sachsen", "Sachsen-Anhalt", "Schleswig-Holstein", "Thüringen")


def read(name):
    return parse(YEARS / name)


def by_id(collection):
    return {r.key: r for r in collection.resolutions}


# ----------------------------------------------------------------- the conference

CONFERENCES = {
    # file: (number, kind, start, end, place, chair, procedure, decided)
    "bn-2014-wernigerode.txt": (9, "Hauptkonferenz", date(2014, 5, 7), date(2014, 5, 8), "Wernigerode",
                                "Sachsen-Anhalt", Procedure.MEETING, None),
    "ep-2016-erfurt.txt": (11, "Hauptkonferenz", date(2016, 6, 3), date(2016, 6, 4), "Erfurt", "Thüringen",
                           Procedure.MEETING, None),
    "bn-2017-friedrichshafen.txt": (12, "Hauptkonferenz", date(2017, 3, 16), date(2017, 3, 17), "Friedrichshafen",
                                    "Baden-Württemberg", Procedure.MEETING, None),
    "no-titlepage-2018.txt": (13, "Hauptkonferenz", None, None, None, None, Procedure.MEETING, None),
    "toc-only-2019.txt": (14, "Hauptkonferenz", date(2019, 4, 12), date(2019, 4, 12), "Berlin", "Berlin",
                          Procedure.MEETING, None),
    "umlauf-2020.txt": (15, "Hauptkonferenz", None, None, None, "Brandenburg", Procedure.WRITTEN, date(2020, 5, 15)),
    "beschluesse-2021-video.txt": (16, "Hauptkonferenz", date(2021, 4, 29), date(2021, 4, 29), None, "Bremen",
                                   Procedure.VIDEO, None),
    "bn-2019-tables.txt": (14, "Hauptkonferenz", date(2019, 4, 12), date(2019, 4, 12), "Berlin", "Berlin",
                           Procedure.MEETING, None),
    "bn-2024-mainz.txt": (19, "Hauptkonferenz", date(2024, 4, 18), date(2024, 4, 19), "Mainz", "Rheinland-Pfalz",
                          Procedure.MEETING, None),
    "ep-2022-numbered.txt": (17, "Hauptkonferenz", date(2022, 4, 28), date(2022, 4, 29), "Hamburg", "Hamburg",
                             Procedure.MEETING, None),
    "bn-2013-bare-ids.txt": (8, "Hauptkonferenz", date(2013, 3, 20), date(2013, 3, 21), "Dresden", "Sachsen",
                             Procedure.MEETING, None),
    # the chair only as persons: the Land from the place of the main conference
    "ep-2018-nuernberg.txt": (13, "Hauptkonferenz", date(2018, 3, 15), date(2018, 3, 16), "Nürnberg", "Bayern",
                              Procedure.MEETING, None),
    "bn-2021-videokonferenz.txt": (16, "Hauptkonferenz", date(2021, 4, 29), date(2021, 4, 29), None, "Bremen",
                                   Procedure.VIDEO, None),
    "sonder-2015-numeric.txt": (10, "Sonderkonferenz", date(2015, 11, 12), date(2015, 11, 12), "Berlin",
                                "Schleswig-Holstein", Procedure.MEETING, None),
}

LAYOUTS = {
    "bn-2014-wernigerode.txt": "beschlussniederschrift",
    "ep-2016-erfurt.txt": "ergebnisprotokoll",
    "bn-2017-friedrichshafen.txt": "beschlussniederschrift",
    "no-titlepage-2018.txt": "beschlussniederschrift",
    "toc-only-2019.txt": "beschlussniederschrift",
    "umlauf-2020.txt": "umlaufverfahren",
    "beschluesse-2021-video.txt": "beschluesse",
    "sonder-2015-numeric.txt": "ergebnisprotokoll",
    "bn-2013-bare-ids.txt": "beschlussniederschrift",
    "ep-2018-nuernberg.txt": "ergebnisprotokoll",
    "bn-2021-videokonferenz.txt": "beschlussniederschrift",
    "ep-2022-numbered.txt": "ergebnisprotokoll",
    "bn-2024-mainz.txt": "beschlussniederschrift",
    "bn-2019-tables.txt": "beschlussniederschrift",
}

WARNINGS = {
    "no-titlepage-2018.txt": [
        (10, "'Bavaria' in 'Antragsteller' is not a German Land"),
        (13, "the last item, TOP 6.2, ends mid-sentence and looks truncated"),
    ],
    "toc-only-2019.txt": [(None, "no resolution texts: the document has a title page or a table of contents only")],
}


def test_every_document_is_covered():
    assert {d.name for d in DOCS} == set(CONFERENCES) == set(LAYOUTS)


@pytest.mark.parametrize("name", sorted(CONFERENCES))
def test_conference(name):
    c = read(name).conference
    chair = c.chair.key if c.chair else None
    assert (c.number, c.kind, c.start, c.end, c.place, chair, c.procedure, c.decided) == CONFERENCES[name]


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_layout_family_detected(name):
    layout = read(name).layout
    assert layout.family == LAYOUTS[name]
    assert 0 < layout.confidence <= 1 and not layout.forced


@pytest.mark.parametrize("name", sorted(CONFERENCES))
def test_warnings_exactly(name):
    found = [(w.line, w.message.split("; expected")[0]) for w in read(name).warnings]
    assert found == WARNINGS.get(name, [])


@pytest.mark.parametrize("name", sorted(CONFERENCES))
def test_every_line_has_a_role(name):
    c = read(name)
    assert len(c.line_roles) == c.line_count
    assert "unaccounted" not in c.line_roles and "reported" not in c.line_roles


def test_chair_given_as_a_person_with_ministry_and_address():
    c = read("bn-2014-wernigerode.txt")
    # "Vorsitz: Ministerin Dr. Angela Kolb / Ministerium ... / des Landes Sachsen-Anhalt / ... Magdeburg"
    assert c.conference.chair.key == "Sachsen-Anhalt"
    assert [c.line_roles[n - 1] for n in (14, 15, 16, 17)] == ["title_page"] * 4


def test_running_header_broken_by_a_stray_space_is_furniture():
    c = read("bn-2014-wernigerode.txt")
    assert c.line_roles[34 - 1] == "meeting_header"  # "9. Integrationsminister konferenz am 7./8. Mai 2014 ..."
    c = read("ep-2016-erfurt.txt")
    assert c.line_roles.count("running_header") == 3  # "11. IntMK 2016 – Ergebnis protokoll"


# ----------------------------------------------------------------- the agenda

def test_table_of_contents_as_a_table():
    agenda = read("bn-2014-wernigerode.txt").agenda
    assert [(e.id, e.title, e.page, e.heading) for e in agenda] == [
        ("1", "Regularien", None, True),
        ("1.1", "Genehmigung der Tagesordnung", 2, False),
        ("2", "Integration und Teilhabe", None, True),
        ("2.1", "Sprachförderung für Asylbewerberinnen und Asylbewerber verbessern und Integrationskurse öffnen",
         3, False),
        ("2.2", "Anerkennung ausländischer Berufsqualifikationen", 4, False),
        ("3", "Staatsangehörigkeit", None, True),
        ("3.1", "Optionspflicht abschaffen", 5, False),
    ]


def test_table_of_contents_with_id_and_title_on_separate_lines():
    agenda = read("ep-2016-erfurt.txt").agenda
    assert [(e.id, e.title, e.page) for e in agenda] == [
        ("1.1", "Genehmigung der Tagesordnung", 2),
        ("2.1", "Integration von Geflüchteten in den Arbeitsmarkt", 2),
        ("2.2", "Wohnsitzauflage nach § 12a AufenthG", 3),
        ("5", "Verschiedenes", 3),
    ]


def test_title_page_and_contents_only():
    c = read("toc-only-2019.txt")
    assert c.resolutions == ()
    assert [(e.id, e.page, e.heading) for e in c.agenda] == [
        ("1", None, True), ("1.1", 3, False), ("2", None, True), ("2.1", 4, False), ("2.2", 6, False),
        ("3", None, False), ("A", 8, False),
    ]
    assert c.agenda[3].title == "Teilhabe von Menschen mit Migrationsgeschichte in Verwaltung und öffentlichem Dienst stärken"
    assert c.agenda[6].title == "Bericht der Beauftragten der Bundesregierung für Migration, Flüchtlinge und Integration"


def test_agenda_items_without_text_are_in_the_graph():
    graph = union_graph(build([YEARS / "toc-only-2019.txt", YEARS / "ep-2016-erfurt.txt"]).dataset)
    item = URIRef(DATA + "conference/14/top/2.1")
    assert graph.value(item, RDF.type) == INTMK.AgendaItem
    assert graph.value(item, INTMK.onAgendaOf) == URIRef(DATA + "conference/14")
    assert graph.value(item, INTMK.tocPage) == Literal(4)
    assert graph.value(URIRef(DATA + "conference/14/top/2"), INTMK.isGroupHeading) == Literal(True)
    assert len(set(graph.subjects(RDF.type, INTMK.AgendaItem))) == 8  # 7 of 2019 and TOP 5 of 2016
    # 2016's TOP 2.2 was printed: a resolution, with its page from the contents
    printed = URIRef(DATA + "conference/11/top/2.2")
    assert graph.value(printed, RDF.type) == INTMK.Resolution
    assert graph.value(printed, INTMK.tocPage) == Literal(3)
    assert str(graph.value(URIRef(DATA + "conference/11/top/5"), DCTERMS.title)) == "Verschiedenes"


# ----------------------------------------------------------------- the resolutions

def test_beschlussniederschrift_2014():
    r = by_id(read("bn-2014-wernigerode.txt"))
    assert list(r) == ["1.1", "2.1", "2.2", "3.1"]
    two = r["2.1"]
    assert two.title.text == "Sprachförderung für Asylbewerberinnen und Asylbewerber verbessern und Integrationskurse öffnen"
    assert two.sponsor_names == ("Berlin", "Bremen", "Hamburg", "Rheinland-Pfalz", "Schleswig-Holstein")
    assert (two.decision, two.votes) == (Decision.MAJORITY, Votes(13, 1, 2))
    assert [p.number for p in two.paragraphs] == [1, 2]
    # a line-break hyphen left inside the line by extraction is joined
    assert "die Integrationskurse nach § 44 AufenthG" in two.paragraphs[0].text.text
    (note,) = two.protocol_notes
    assert (note.by_names, note.paragraph) == (("Bayern",), 1)
    assert len(r["2.2"].sponsor_names) == 16 and "die Verfahren zu beschleunigen" in r["2.2"].paragraphs[0].text.text
    assert r["3.1"].protocol_notes[0].by_names == ("Bayern", "Hessen")


def test_ergebnisprotokoll_2016():
    c = read("ep-2016-erfurt.txt")
    r = by_id(c)
    assert list(r) == ["1.1", "2.1", "2.2"]
    # "Antragsteller: Vorsitzland, Niedersachsen": the chair is Thüringen
    assert r["2.1"].sponsor_names == ("Thüringen", "Niedersachsen")
    assert r["2.1"].decision is Decision.UNANIMOUS and r["2.2"].decision is Decision.MAJORITY
    # the text runs on over a page break with its running header and page number
    assert r["2.1"].paragraphs[0].text.text.endswith("zu unterstützen. Sie erwartet vom Bund, die Integrationskurse "
                                                     "und die berufsbezogene Sprachförderung miteinander zu verzahnen.")
    assert r["2.2"].protocol_notes[0].by_names == ("Bremen",)
    assert [c.section for c in c.content["2.2"].citations] == ["12a", "12a"]


def test_counted_vote_of_2017():
    r = by_id(read("bn-2017-friedrichshafen.txt"))
    law = r["3.1"]
    assert law.title.text == "Einwanderungsgesetz"
    # sponsors given as ISO codes
    assert law.sponsor_names == ("Baden-Württemberg", "Berlin", "Bremen", "Hamburg", "Niedersachsen", "Rheinland-Pfalz",
                            "Schleswig-Holstein", "Thüringen")
    assert (law.decision, law.votes) == (Decision.MAJORITY, Votes(13, 1, 2))
    assert [n.by_names for n in law.protocol_notes] == [("Bayern",), ("Hessen", "Saarland")]
    # the text begins on the "Beschluss:" line itself
    assert r["3.2"].paragraphs[0].text.text.startswith("Die IntMK beauftragt die Arbeitsgruppe")


def test_written_procedure_2020():
    r = by_id(read("umlauf-2020.txt"))
    assert [(k, x.decision) for k, x in r.items()] == [("2.1", Decision.UNANIMOUS), ("2.2", Decision.MAJORITY)]
    assert r["2.1"].sponsor_names == ("Brandenburg", "Berlin")


def test_video_conference_2021_with_line_numbers():
    c = read("beschluesse-2021-video.txt")
    r = by_id(c)
    assert list(r) == ["1.1", "4.1"]
    item = r["4.1"]
    assert item.sponsor_names == ("Berlin", "Hamburg", "Mecklenburg-Vorpommern")
    # "TOP 4.1 der 15. IntMK" at the start of a text line is a reference, not a header
    assert [p.number for p in item.paragraphs] == [1, 2]
    assert item.paragraphs[1].text.text == ("Sie erinnert an ihren Beschluss zu TOP 4.1 der 15. IntMK und fordert "
                                            "den Bund auf, die Kosten zu tragen.")
    assert item.paragraphs[1].text.official_lines == (3, 4)
    assert (item.protocol_notes[0].by_names, item.protocol_notes[0].paragraph) == (("Bayern",), 2)
    assert [(x.body.key, x.number, x.top) for x in c.content["4.1"].references] == [("IntMK", 15, "4.1")]
    graph = union_graph(build([YEARS / "beschluesse-2021-video.txt"]).dataset)
    refers = set(graph.objects(URIRef(DATA + "conference/16/top/4.1"), INTMK.refersTo))
    assert refers == {URIRef(DATA + "conference/15"), URIRef(DATA + "conference/15/top/4.1")}


def test_special_session_with_the_vote_after_the_text():
    c = read("sonder-2015-numeric.txt")
    assert [(e.id, e.title, e.page) for e in c.agenda] == [
        ("1", "Aufnahme und Integration von Flüchtlingen", 1), ("2", "Verschiedenes", 2)]
    (r,) = c.resolutions
    # "Tagesordnungspunkt 1:", "Schleswig-Holstein (federführend), Bayern*, Saarland"
    assert (r.id, r.sponsor_names) == ("1", ("Schleswig-Holstein", "Bayern", "Saarland"))
    # "Abstimmungsergebnis: 15:0:1" below the text is the vote, not text
    assert (r.decision, r.votes) == (Decision.MAJORITY, Votes(15, 0, 1))
    assert r.paragraphs[0].text.text.endswith("mit guter Bleibeperspektive zu öffnen.")
    # "Protokollnotiz von Sachsen zu TOP 1:", and the footnote under it is not its text
    assert [(n.by_names, n.text.text) for n in r.protocol_notes] == [
        (("Sachsen",), "Sachsen hält eine Prüfung des Bedarfs für erforderlich.")]
    assert [(f.mark, f.text.text) for f in r.footnotes] == [("*", "Bayern hat sich dem Antrag in der Sitzung angeschlossen.")]


def test_ergebnisprotokoll_2018_as_extracted_with_a_blank_after_every_line():
    """The 13th IntMK's minutes (Nürnberg, 2018) in the form of the published copy: the
    chair as two persons, a running header of two lines, contents whose header row,
    ids, titles and pages come out on lines of their own, "Leitantrag:" before a title,
    "Bayern gibt folgende Protokollerklärung ab:"."""
    c = read("ep-2018-nuernberg.txt")
    assert c.conference.chair_from == "place"
    assert [(e.id, e.title, e.page, e.heading) for e in c.agenda] == [
        ("1", "Leitantrag: Integration – Zusammenhalt durch Orientierung", 3, False),
        ("2", "Integration / Zusammenhalt", None, True),
        ("2.1", "Leistungen und Beiträge von Migrantinnen und Migranten erforschen und angemessen kommunizieren", 3,
         False),
        ("2.2", "Beratungsangebote für ältere Migrantinnen und Migranten überprüfen", 4, False),
        ("2.3", "Qualifizierung und Etablierung niedrigschwelliger Sprachmittlung; Übernahme der Kosten durch den Bund",
         4, False),
        ("2.9b", "Ausbau der niederschwelligen Frauenkurse des BAMF", 5, False),
    ]
    r = by_id(c)
    assert [(k, x.title.text, x.lead_motion, x.sponsor_names, x.decision, x.votes) for k, x in r.items()] == [
        ("1", "Integration – Zusammenhalt durch Orientierung", True, ("Bayern",), Decision.MAJORITY, Votes(13, 1, 2)),
        ("2.1", "Leistungen und Beiträge von Migrantinnen und Migranten erforschen und angemessen kommunizieren", False,
         ("Nordrhein-Westfalen", "Berlin"), Decision.UNANIMOUS, None),
        ("2.2", "Beratungsangebote für ältere Migrantinnen und Migranten überprüfen", False, ("Hessen",),
         Decision.UNANIMOUS, None),
        ("2.3", "Qualifizierung und Etablierung niedrigschwelliger Sprachmittlung; Übernahme der Kosten durch den Bund",
         False, ("Hamburg", "Bremen"), Decision.MAJORITY, Votes(15, 0, 1)),
        ("2.9b", "Ausbau der niederschwelligen Frauenkurse des BAMF", False, ALL_LAENDER, Decision.UNANIMOUS, None),
    ]
    # the second line of the running header is not text
    assert r["2.1"].paragraphs[0].text.text == ("Die IntMK bittet den Bund, die Leistungen von Migrantinnen und "
                                                "Migranten erforschen zu lassen.")
    assert [(n.by_names, n.text.text) for n in r["2.3"].protocol_notes] == [
        (("Bayern",), "Bayern sieht keine Zuständigkeit des Bundes.")]
    assert r["2.3"].paragraphs[-1].text.text.endswith("die Kosten der Sprachmittlung zu übernehmen.")
    assert r["1"].protocol_notes[0].by_names == ("Berlin",)
    # "eine Integration, die fördert und fordert.": the verb last, no demand
    assert c.content["1"].demands == ()
    # the pages of the contents on lines of their own are not page numbers
    assert c.line_roles.count("page_number") == 4


def test_contents_table_whose_titles_wrap_around_the_id():
    """The 16th IntMK (2021, by video) in the form of the published copy: contents as a
    table where a wrapped title's first line stands above its id and page, the lead
    motion titled only "Leitantrag", an item printed without its title."""
    c = read("bn-2021-videokonferenz.txt")
    assert [(e.id, e.title, e.page, e.heading) for e in c.agenda] == [
        ("A", "Berichte der AGs", None, True),
        ("A3", "6. Bericht zum Integrationsmonitoring der Länder", 3, False),
        ("1", "Leitantrag", 3, False),
        ("2", "Integration und Zusammenhalt, gesellschaftliche Teilhabe", None, True),
        ("2.2", "Pandemiebezogene Kommunikation im Gesundheitswesen für Menschen mit Migrationsgeschichte", 4, False),
        ("2.3", "Stärkung der strategischen Integrationsarbeit in ländlichen Räumen", 4, False),
        ("2.5", "EU-Zuwanderung – Bilanz bisheriger Initiativen und weiteres Vorgehen – Einrichtung einer "
                "Bund-Länder-Arbeitsgruppe", 5, False),
        ("2.6", "Ius-soli-Erwerb nicht erschweren, sondern erleichtern", 5, False),
    ]
    r = by_id(c)
    assert [(k, x.title.text, x.lead_motion, x.sponsor_names, x.votes) for k, x in r.items()] == [
        ("A3", "6. Bericht zum Integrationsmonitoring der Länder", False, (), None),
        ("1", "", True, ("Bremen",), Votes(14, 0, 2)),
        ("2.2", "Pandemiebezogene Kommunikation im Gesundheitswesen für Menschen mit Migrationsgeschichte", False,
         ("Berlin", "Bremen", "Hamburg"), None),
        ("2.3", "Stärkung der strategischen Integrationsarbeit in ländlichen Räumen", False,
         ("Mecklenburg-Vorpommern", "Niedersachsen"), None),
        # printed without a title: the contents give it
        ("2.5", "EU-Zuwanderung – Bilanz bisheriger Initiativen und weiteres Vorgehen – Einrichtung einer "
                "Bund-Länder-Arbeitsgruppe", False, ("Rheinland-Pfalz", "Saarland"), None),
        ("2.6", "Ius-soli-Erwerb nicht erschweren, sondern erleichtern", False,
         ("Berlin", "Bremen", "Hamburg", "Thüringen"), Votes(10, 3, 3)),
    ]
    assert r["1"].protocol_notes[0].by_names == ("Bayern",)
    assert [(n.by_names, n.text.text) for n in r["2.6"].protocol_notes] == [
        (("Bayern", "Hessen", "Sachsen"), "Die Länder halten die geltende Regelung für ausreichend.")]
    assert [c.section for c in c.content["2.6"].citations] == ["4"]
    graph = union_graph(build([YEARS / "bn-2021-videokonferenz.txt"]).dataset)
    lead = URIRef(DATA + "conference/16/top/1")
    assert graph.value(lead, DCTERMS.title) is None and graph.value(lead, INTMK.isLeadMotion) == Literal(True)
    assert validate_graph(graph).conforms


def test_vote_table_footnotes_and_an_annex_table():
    c = read("bn-2019-tables.txt")
    two, annex = c.resolutions
    # "Abstimmungsergebnis:" over "Ja Nein Enthaltung" over "14 1 1"
    assert (two.decision, two.votes) == (Decision.MAJORITY, Votes(14, 1, 1))
    assert [p.number for p in two.paragraphs] == [1, 2, 3]
    # the footnotes at the foot of the page are out of the text, which runs on over the break
    assert two.paragraphs[1].text.text == ("Sie bittet die Bundesregierung, im Bundesdienst nach dem Vorbild der "
                                           "Länder eine Erhebung durchzuführen² und die Ergebnisse zu veröffentlichen.")
    assert [(f.mark, f.text.text) for f in two.footnotes] == [
        ("¹", "Vgl. den Beschluss der 13. IntMK zu TOP 2.1."),
        ("²", "Auf freiwilliger Grundlage, wie es § 4 Abs. 1 IntV für die Integrationskurse vorsieht."),
    ]
    assert [n.paragraph for n in two.protocol_notes] == [2]
    # what footnotes cite and refer to is read, placed in the footnote
    content = c.content["2.1"]
    assert [(x.law.key, x.section, x.place.part, x.place.index) for x in content.citations] == [("IntV", "4", "footnote", 2)]
    assert [(x.number, x.top, x.place.part) for x in content.references] == [(13, "2.1", "footnote")]
    # an annex table is the item's text; its source line ends it as a full stop would
    assert annex.paragraphs[0].text.text.startswith("Die IntMK nimmt den Bericht")
    assert "Anlage: Teilnehmende an Integrationskursen nach Ländern Land Teilnehmende 2017" in annex.paragraphs[0].text.text
    graph = union_graph(build([YEARS / "bn-2019-tables.txt"]).dataset)
    note = URIRef(DATA + "conference/14/top/2.1/footnote/2")
    assert set(graph.objects(URIRef(DATA + "conference/14/top/2.1"), INTMK.hasFootnote)) == {
        URIRef(DATA + "conference/14/top/2.1/footnote/1"), note}
    assert (graph.value(note, RDF.type), str(graph.value(note, INTMK.footnoteMark))) == (INTMK.Footnote, "²")
    # in it: the citation of § 4 IntV and the mention of the Integrationskurse
    assert {graph.value(s, RDF.type) for s in graph.subjects(INTMK.inParagraph, note)} == {
        INTMK.Citation, INTMK.Mention}
    assert validate_graph(graph).conforms


def test_items_headed_by_their_bare_id():
    c = read("bn-2013-bare-ids.txt")
    assert [(e.id, e.page) for e in c.agenda] == [("1.1", 2), ("2.1", 3)]
    r = by_id(c)
    assert [(k, x.title.text, len(x.sponsor_names)) for k, x in r.items()] == [
        ("1.1", "Genehmigung der Tagesordnung", 1), ("2.1", "Arbeitsmarktintegration", 16)]
    # "2.5 Mio. Euro ..." starting a text line is text, not an item
    assert r["2.1"].paragraphs[0].text.text == "Die IntMK bittet den Bund, zusätzlich 2.5 Mio. Euro bereitzustellen."


def test_items_headed_by_a_plain_number():
    r = by_id(read("ep-2022-numbered.txt"))
    assert [(k, x.title.text, x.sponsor_names, x.decision) for k, x in r.items()] == [
        ("1", "Genehmigung der Tagesordnung", (), Decision.UNANIMOUS),
        ("2", "Integrationskurse stärken", ("Berlin", "Bremen"), Decision.MAJORITY),
        ("3", "Verschiedenes", (), None),
    ]
    # its Ziffern "1. Die IntMK bittet ..." stay Ziffern, and the vote below them is read
    assert ([p.number for p in r["2"].paragraphs], r["2"].votes) == ([1, 2], Votes(14, 2, 0))


def test_unknown_sponsor_is_left_out_and_the_rest_kept():
    r = by_id(read("no-titlepage-2018.txt"))
    assert r["6.2"].sponsor_names == ("Rheinland-Pfalz",)
    assert r["6.1"].sponsor_names == ("Hessen", "Saarland")


# ----------------------------------------------------------------- commands and graph

def test_conferences_json_for_all_documents():
    result = runner.invoke(app, ["conferences", *map(str, DOCS), "--format", "json"])
    assert result.exit_code == 0, result.output
    records = {r["file"]: r for r in json.loads(result.stdout)}
    assert set(records) == {d.name for d in DOCS}
    umlauf = records["umlauf-2020.txt"]
    assert (umlauf["number"], umlauf["start"], umlauf["place"], umlauf["chair"], umlauf["procedure"],
            umlauf["decided"]) == ("15", None, None, "Brandenburg", "written procedure", "2020-05-15")
    bn = records["bn-2014-wernigerode.txt"]
    assert (bn["start"], bn["end"], bn["resolutions"], len(bn["agenda"])) == ("2014-05-07", "2014-05-08", 4, 7)
    assert bn["agenda"][1] == {"id": "1.1", "title": "Genehmigung der Tagesordnung", "page": 2}
    assert bn["layout"]["family"] == "beschlussniederschrift"
    lines = bn["lines"]
    assert lines["reported"] == 0 and sum(lines.values()) == 82
    assert records["no-titlepage-2018.txt"]["warnings"][0]["line"] == 10


def test_check_exit_codes(tmp_path):
    clean = runner.invoke(app, ["check", str(YEARS / "bn-2014-wernigerode.txt")])
    assert clean.exit_code == 0, clean.output
    assert "layout beschlussniederschrift" in clean.output and "0 reported" in clean.output
    warned = runner.invoke(app, ["check", str(YEARS / "no-titlepage-2018.txt")])
    assert warned.exit_code == 1
    assert "no-titlepage-2018.txt:10: 'Bavaria' in 'Antragsteller' is not a German Land" in warned.output
    prose = tmp_path / "prose.txt"
    prose.write_text("Ein Brief\nohne Tagesordnung.\n")
    assert runner.invoke(app, ["check", str(prose)]).exit_code == 2


def test_check_shows_lines_not_understood_in_context(tmp_path):
    doc = tmp_path / "x.txt"
    doc.write_text((YEARS / "bn-2017-friedrichshafen.txt").read_text().replace(
        "Vorsitz:", "Ein Grußwort des Vorsitzes\nVorsitz:"))
    result = runner.invoke(app, ["check", str(doc)])
    assert result.exit_code == 1
    assert "not understood, line 5:" in result.output
    assert ">     5 | Ein Grußwort des Vorsitzes" in result.output


def test_layout_can_be_forced():
    c = parse(YEARS / "ep-2016-erfurt.txt", layout="beschlussniederschrift")
    assert (c.layout.family, c.layout.confidence, c.layout.forced) == ("beschlussniederschrift", 1.0, True)
    assert len(c.resolutions) == 3
    result = runner.invoke(app, ["conferences", str(YEARS / "ep-2016-erfurt.txt"), "--layout", "nope"])
    assert result.exit_code == 2 and "unknown layout 'nope'" in result.output


def test_all_years_in_one_graph_conform_to_the_shapes():
    result = build(DOCS)
    assert validate_graph(union_graph(result.dataset)).conforms
    assert sum(len(c.resolutions) for c in result.collections) == 37


def test_a_conference_published_in_parts(tmp_path):
    """The contents in one file, the resolutions in another: one conference."""
    part = tmp_path / "intmk-14-beschluesse.txt"
    part.write_text("14. Integrationsministerkonferenz 2019\n"
                    "TOP 2.1 Teilhabe von Menschen mit Migrationsgeschichte in Verwaltung und öffentlichem Dienst stärken\n"
                    "Antragsteller: Berlin, Hamburg\nAbstimmungsergebnis: einstimmig\nBeschluss:\n"
                    "Die IntMK bittet die Länder, die interkulturelle Öffnung der Verwaltung fortzusetzen.\n")
    result = build([YEARS / "toc-only-2019.txt", part])
    graph = union_graph(result.dataset)
    top = URIRef(DATA + "conference/14/top/2.1")
    assert INTMK.Resolution in set(graph.objects(top, RDF.type))
    assert graph.value(top, INTMK.tocPage) == Literal(4)
    assert validate_graph(graph).conforms
    again = tmp_path / "again.txt"
    again.write_text(part.read_text())
    result = runner.invoke(app, ["build", str(part), str(again), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "prints TOP 2.1 again; expected one file per conference" in result.output


def test_history_over_the_years(tmp_path):
    """One thing over several years' minutes and the 2025 collection in one store."""
    docs = [YEARS / "bn-2014-wernigerode.txt", YEARS / "ep-2016-erfurt.txt", YEARS / "bn-2017-friedrichshafen.txt",
            BUNDLED]
    assert runner.invoke(app, ["build", *map(str, docs), "--out", str(tmp_path)]).exit_code == 0

    def history(*args):
        result = runner.invoke(app, ["history", *args, "--format", "json", "--out", str(tmp_path)])
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    assert [(y["conference"], y["year"], y["tops"]) for y in history("--law", "aufenthg")] == [
        ("9", 2014, ["2.1"]), ("11", 2016, ["2.2"]), ("12", 2017, ["3.1"]),
        ("20", 2025, ["2.1.b", "4.8", "6.5", "6.6", "7.4"])]
    assert [(y["conference"], y["tops"]) for y in history("--law", "§ 12a AufenthG")] == [("11", ["2.2"])]
    bavaria = {y["conference"]: (y["resolutions"], y["sponsorships"], y["notes"]) for y in history("--land", "BY")}
    assert bavaria == {"9": (3, 1, 2), "11": (1, 1, 0), "12": (2, 1, 1), "20": (8, 6, 3)}
    assert [(y["conference"], y["resolutions"], y["demands"]) for y in history("--to", "Bund")] == [
        ("9", 2, 2), ("11", 2, 2), ("20", 14, 37)]
    result = runner.invoke(app, ["history", "--law", "AufenthG", "--land", "BY", "--out", str(tmp_path)])
    assert result.exit_code == 2 and "expected exactly one of --law, --programme, --to, --land or --demand" in result.output

    # coalitions conference by conference, and how stable each Land's partners are
    result = runner.invoke(app, ["coalitions", "--by-conference", "--format", "json", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [(c["conference"], c["year"]) for c in data["conferences"]] == [("9", 2014), ("11", 2016), ("12", 2017), ("20", 2025)]
    erfurt = data["conferences"][1]
    assert erfurt["communities"] == [["Bayern", "Sachsen"], ["Niedersachsen", "Thüringen"]]
    assert [(p["a"], p["b"], p["count"]) for p in erfurt["pairs"]] == [("Bayern", "Sachsen", 1), ("Niedersachsen", "Thüringen", 1)]
    stability = {s["land"]: s for s in data["stability"]}
    assert stability["Bayern"]["conferences"] == 4 and 0 <= stability["Bayern"]["stability"] <= 1


def test_demands_made_again_are_linked_to_the_earlier_ones():
    """2025 against the 2024 test document: one repeat by its own words, one by similar
    text to the same addressee about the same programme, and none for a merely related
    demand ("Weiterhin wird der Bund gebeten ..." starts a sentence: "furthermore")."""
    bundled = BUNDLED
    graph = union_graph(build([YEARS / "bn-2024-mainz.txt", bundled]).dataset)
    found = {}
    for link in graph.subjects(RDF.type, INTMK.Repetition):
        later = str(graph.value(link, INTMK.repeatingDemand)).removeprefix(DATA + "conference/")
        earlier = str(graph.value(link, INTMK.repeatedDemand)).removeprefix(DATA + "conference/")
        found[later] = (earlier, str(graph.value(link, INTMK.foundBy)), float(graph.value(link, INTMK.similarity)))
    assert found == {
        "20/top/4.9/demand/4": ("19/top/4.9/demand/1", "explicit", 88.7),  # "wird weiterhin aufgefordert"
        "20/top/4.5/demand/1": ("19/top/4.5/demand/1", "similar", 70.2),  # Bundesregierung ~ Bund, both on the MBE
    }
    assert (URIRef(DATA + "conference/20/top/4.5/demand/1"), INTMK.repeats,
            URIRef(DATA + "conference/19/top/4.5/demand/1")) in graph
    assert validate_graph(graph).conforms


def test_history_of_a_demand_follows_its_repeats(tmp_path):
    bundled = BUNDLED
    assert runner.invoke(app, ["build", str(YEARS / "bn-2024-mainz.txt"), str(bundled), "--out", str(tmp_path)]).exit_code == 0
    for start in ("20/top/4.9/demand/4", "19/top/4.9/demand/1"):  # from either end of the chain
        result = runner.invoke(app, ["history", "--demand", DATA + "conference/" + start, "--format", "json",
                                     "--out", str(tmp_path)])
        assert result.exit_code == 0, result.output
        assert [(y["conference"], y["year"], y["tops"], y["demands"]) for y in json.loads(result.stdout)] == [
            ("19", 2024, ["4.9"], 1), ("20", 2025, ["4.9"], 1)]

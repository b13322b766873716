"""The reader's steps one at a time: the title page, the contents, one item. Each case
is a form seen in published minutes (see tests/data/README.md)."""

from datetime import date

import pytest

from intmk_graph.model import Decision, Procedure, Votes
from intmk_graph.read.agenda import read_agenda
from intmk_graph.read.diagnostics import Notes
from intmk_graph.read.items import Block, ItemReader
from intmk_graph.read.layout import CONTENT, classify
from intmk_graph.read.profiles import detect, profile
from intmk_graph.read.sources import SourceLine
from intmk_graph.read.titlepage import HEADER_KINDS, read_conference

RULES = profile("common")


def lines_of(text: str):
    return classify([SourceLine(i, t) for i, t in enumerate(text.split("\n"), start=1)], RULES)


def conference(text: str):
    notes = Notes("t.txt")
    lines = lines_of(text)
    front = [l for l in lines if l.kind in (CONTENT, "blank")]
    headers = [l for l in lines if l.kind in HEADER_KINDS]
    return read_conference(front, headers, RULES, notes), notes


@pytest.mark.parametrize(
    "title_page, expected",
    [
        ("Vorsitz: Niedersachsen", "Niedersachsen"),
        ("Vorsitz: Land Berlin", "Berlin"),
        ("Vorsitzland: Freistaat Bayern", "Bayern"),
        ("Vorsitz: Ministerin für Soziales, Gesundheit, Integration und Verbraucherschutz\ndes Landes Brandenburg",
         "Brandenburg"),
        ("Vorsitz:\nSenatorin Elke Breitenbach\nSenatsverwaltung für Integration, Arbeit und Soziales\n"
         "Oranienstraße 106, 10969 Berlin", "Berlin"),
        ("Vorsitz: Staatsministerin Petra Köpping\nSächsisches Staatsministerium für Soziales", "Sachsen"),
        ("Vorsitz: Niedersächsisches Ministerium für Soziales, Gesundheit und Gleichstellung", "Niedersachsen"),
        ("Vorsitz: Ministerin Anne Spiegel\nMinisterium für Familie, Frauen, Jugend, Integration und "
         "Verbraucherschutz\nKaiser-Friedrich-Straße 5a\n55116 Mainz", "Rheinland-Pfalz"),
        ("Vorsitz: Senator für Soziales der Freien und Hansestadt Hamburg", "Hamburg"),
        ("Vorsitz: Minister für Soziales, Integration und Gleichstellung des Landes Sachsen-Anhalt", "Sachsen-Anhalt"),
        ("unter Vorsitz des Freistaates Thüringen", "Thüringen"),
    ],
)
def test_chair_in_its_forms(title_page, expected):
    conf, notes = conference("Beschlussniederschrift\n14. Integrationsministerkonferenz\n" + title_page)
    assert conf.chair.key == expected
    assert conf.chair.iri.startswith("https://w3id.org/intmk-graph/id/land-")
    assert notes.warnings == []


def test_a_main_conference_without_its_chair_has_the_land_it_met_in():
    """The chair Land hosts the main conference: Göttingen is in Niedersachsen (GeoNames)."""
    conf, notes = conference("20. Integrationsministerkonferenz 2025\n"
                             "Hauptkonferenz am 23. – 24. April 2025 in Göttingen")
    assert (conf.place, conf.chair.key, conf.chair_from) == ("Göttingen", "Niedersachsen", "place")
    assert notes.warnings == []


def test_a_stated_chair_wins_over_the_place():
    conf, _ = conference("20. Integrationsministerkonferenz 2025\nHauptkonferenz am 23. – 24. April 2025 in "
                         "Göttingen\nVorsitz: Freie und Hansestadt Hamburg")
    assert (conf.chair.key, conf.chair_from) == ("Hamburg", "title page")


def test_a_special_conference_is_not_given_the_land_it_met_in():
    conf, _ = conference("10. Sonderkonferenz der Integrationsministerkonferenz\nam 12. November 2015 in Berlin")
    assert conf.place == "Berlin" and conf.chair is None


def test_chair_without_a_land_is_a_warning():
    conf, notes = conference("14. Integrationsministerkonferenz\nVorsitz: Frau Dr. Müller")
    assert conf.chair is None
    assert [w.line for w in notes.warnings] == [2]
    assert notes.warnings[0].message.startswith("no Land found in the chair 'Frau Dr. Müller'")


@pytest.mark.parametrize(
    "title_page, number, kind, start, end, place, procedure",
    [
        ("20. Integrationsministerkonferenz 2025\nHauptkonferenz am 23. – 24. April 2025 in Göttingen",
         20, "Hauptkonferenz", date(2025, 4, 23), date(2025, 4, 24), "Göttingen", Procedure.MEETING),
        ("Hauptkonferenz der 14. Integrationsministerkonferenz\nam 12. April 2019\nin Berlin",
         14, "Hauptkonferenz", date(2019, 4, 12), date(2019, 4, 12), "Berlin", Procedure.MEETING),
        ("9. Konferenz der für Integration zuständigen\nMinisterinnen und Minister / Senatorinnen und Senatoren\n"
         "der Länder\nam 7./ 8. Mai 2014 in Frankfurt am Main",
         9, "Hauptkonferenz", date(2014, 5, 7), date(2014, 5, 8), "Frankfurt am Main", Procedure.MEETING),
        ("Sonderkonferenz der 17. Integrationsministerkonferenz\nam 30. November – 1. Dezember 2022 in Halle (Saale)",
         17, "Sonderkonferenz", date(2022, 11, 30), date(2022, 12, 1), "Halle (Saale)", Procedure.MEETING),
        ("16. Integrationsministerkonferenz\nam 21. Mai 2021 als Videokonferenz",
         16, "Hauptkonferenz", date(2021, 5, 21), date(2021, 5, 21), None, Procedure.VIDEO),
        ("Beschlüsse der 18. Integrationsministerkonferenz\nMagdeburg, 27. April 2023",
         18, "Hauptkonferenz", date(2023, 4, 27), date(2023, 4, 27), "Magdeburg", Procedure.MEETING),
        ("Ergebnisprotokoll\nder 12. IntMK\nvom 16.–17.03.2017\nin Friedrichshafen",
         12, "Hauptkonferenz", date(2017, 3, 16), date(2017, 3, 17), "Friedrichshafen", Procedure.MEETING),
    ],
)
def test_conference_in_its_forms(title_page, number, kind, start, end, place, procedure):
    conf, notes = conference(title_page)
    assert (conf.number, conf.kind, conf.start, conf.end, conf.place, conf.procedure) == (
        number, kind, start, end, place, procedure)
    assert notes.reports == []


def test_written_procedure_has_a_date_of_decision_and_no_meeting():
    conf, _ = conference("15. Integrationsministerkonferenz\nBeschlüsse im Umlaufverfahren\n"
                         "abgeschlossen am 15. Mai 2020")
    assert (conf.start, conf.end, conf.place, conf.procedure, conf.decided) == (
        None, None, None, Procedure.WRITTEN, date(2020, 5, 15))


@pytest.mark.parametrize(
    "toc, expected",
    [
        ("Inhaltsverzeichnis\nTOP 2.1 Einbürgerung erleichtern ........ 3\nTOP 2.2 Wohnen ........ 4",
         [("2.1", "Einbürgerung erleichtern", 3), ("2.2", "Wohnen", 4)]),
        ("TOP Titel Seite\n1 Regularien\n1.1 Tagesordnung 2\n2.1 Ein langer Titel, der\nsich fortsetzt 3",
         [("1", "Regularien", None), ("1.1", "Tagesordnung", 2), ("2.1", "Ein langer Titel, der sich fortsetzt", 3)]),
        ("Inhalt\nTOP 1.1\nGenehmigung der Tagesordnung …… 2\nTOP A3\nBericht des Bundes S. 9",
         [("1.1", "Genehmigung der Tagesordnung", 2), ("A3", "Bericht des Bundes", 9)]),
        ("Tagesordnung\n1. Aufnahme von Flüchtlingen 1\n2. Verschiedenes 2",
         [("1", "Aufnahme von Flüchtlingen", 1), ("2", "Verschiedenes", 2)]),
    ],
)
def test_contents_in_their_forms(toc, expected):
    agenda = read_agenda(lines_of(toc), RULES, Notes("t.txt"))
    assert [(e.id, e.title, e.page) for e in agenda] == expected


def item(text: str, chair=None):
    lines = lines_of(text)
    notes = Notes("t.txt")
    reader = ItemReader(RULES, notes, chair)
    header = lines[0]
    m = RULES.match("item_header", header.text)
    return reader.read(Block(header, m["id"], m["rest"], lines[1:]), 1), notes


@pytest.mark.parametrize(
    "zone, decision, votes",
    [
        ("Die IntMK hat einstimmig beschlossen:", Decision.UNANIMOUS, None),
        ("Die IntMK hat mehrheitlich (13:1:2) beschlossen:", Decision.MAJORITY, Votes(13, 1, 2)),
        ("Abstimmungsergebnis: einstimmig\nBeschluss:", Decision.UNANIMOUS, None),
        ("Abstimmungsergebnis: 16:0:0\nBeschluss:", Decision.UNANIMOUS, Votes(16, 0, 0)),
        ("Abstimmungsergebnis: Ja: 12, Nein: 2, Enthaltungen: 2\nBeschluss:", Decision.MAJORITY, Votes(12, 2, 2)),
        ("Abstimmungsergebnis: Ja-Stimmen: 13, Nein-Stimmen: 1, Enthaltungen: 2\nBeschluss:", Decision.MAJORITY,
         Votes(13, 1, 2)),
        ("Abstimmungsergebnis: 14 Ja, 0 Nein, 2 Enthaltungen\nBeschluss:", Decision.MAJORITY, Votes(14, 0, 2)),
        ("Die IntMK fasst mehrheitlich folgenden Beschluss:", Decision.MAJORITY, None),
        ("Beschluss (einstimmig):", Decision.UNANIMOUS, None),
        ("Beschlussfassung: mehrheitlich", Decision.MAJORITY, None),
        ("Die Ministerinnen und Minister der Länder haben einstimmig beschlossen:", Decision.UNANIMOUS, None),
    ],
)
def test_decision_in_its_forms(zone, decision, votes):
    r, notes = item(f"TOP 2.1 Titel\nAntragsteller: Berlin\n{zone}\nDie IntMK bittet den Bund, zu handeln.")
    assert (r.decision, r.votes) == (decision, votes)
    assert [p.text.text for p in r.paragraphs] == ["Die IntMK bittet den Bund, zu handeln."]
    assert notes.warnings == []


@pytest.mark.parametrize(
    "sponsors, expected",
    [
        ("Alle Länder", 16),
        ("alle Länder außer Bayern", 15),
        ("BE, HB, HH", ("Berlin", "Bremen", "Hamburg")),
        ("Berlin (federführend), Bremen", ("Berlin", "Bremen")),
        ("Vorsitzland, Hessen", ("Niedersachsen", "Hessen")),
        ("Nordrhein-\nWestfalen und Saarland", ("Nordrhein-Westfalen", "Saarland")),
        ("Freistaat Sachsen / Land Brandenburg", ("Sachsen", "Brandenburg")),
    ],
)
def test_sponsors_in_their_forms(sponsors, expected):
    r, notes = item(f"TOP 2.1 Titel\nAntragsteller: {sponsors}\nBeschluss:\nText.", chair="Niedersachsen")
    assert (len(r.sponsor_names) if isinstance(expected, int) else r.sponsor_names) == expected
    if expected == 15:
        assert "Bayern" not in r.sponsor_names
    assert notes.warnings == []


@pytest.mark.parametrize(
    "heading, by, paragraph",
    [
        ("Protokollnotiz von Bayern:", ("Bayern",), None),
        ("Protokollnotiz von Bayern zu Ziffer 7:", ("Bayern",), 7),
        ("Protokollerklärung des Landes Hessen:", ("Hessen",), None),
        ("Protokollerklärung der Länder Bayern und Sachsen:", ("Bayern", "Sachsen"), None),
        ("Protokollnotiz BY, SN:", ("Bayern", "Sachsen"), None),
        ("Protokollnotiz (Thüringen):", ("Thüringen",), None),
        ("Protokollnotiz von Sachsen zu TOP 2.1:", ("Sachsen",), None),
    ],
)
def test_protocol_notes_in_their_forms(heading, by, paragraph):
    r, notes = item(f"TOP 2.1 Titel\nAntragsteller: Berlin\nBeschluss:\n1. Erstens.\n{heading}\nEin Einwand.")
    (note,) = r.protocol_notes
    assert (note.by_names, note.paragraph, note.text.text) == (by, paragraph, "Ein Einwand.")
    assert notes.warnings == []


def test_detection_names_the_family_by_its_cues():
    assert detect(["Beschlussniederschrift", "Abstimmungsergebnis: einstimmig", "Beschluss:"]).family == "beschlussniederschrift"
    assert detect(["Ergebnisprotokoll", "Die IntMK fasst einstimmig folgenden Beschluss:"]).family == "ergebnisprotokoll"
    # title pages set in capitals
    assert detect(["BESCHLUSSNIEDERSCHRIFT", "Abstimmungsergebnis: einstimmig"]).family == "beschlussniederschrift"
    toc = read_agenda(lines_of("TAGESORDNUNG\nTOP 1.1 Genehmigung der Tagesordnung ..... 2"), RULES, Notes("t.txt"))
    assert [(e.id, e.page) for e in toc] == [("1.1", 2)]
    unknown = detect(["Ein Brief"])
    assert (unknown.family, unknown.confidence) == ("unknown", 0.0)

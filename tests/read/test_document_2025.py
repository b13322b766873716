"""Facts of the real 2025 Göttingen collection, read by the parser."""

from datetime import date

import pytest

from intmk_graph.model import Decision

ALL = (
    "Baden-Württemberg Bayern Berlin Brandenburg Bremen Hamburg Hessen Mecklenburg-Vorpommern "
    "Niedersachsen Nordrhein-Westfalen Rheinland-Pfalz Saarland Sachsen Sachsen-Anhalt "
    "Schleswig-Holstein Thüringen"
).split()

ORDER = (
    "1.1 A 1.2 1.3 2.1.a 2.1.b 3.1 4.1 4.2 4.3 4.5 4.7 4.8 4.9 5.1 5.2 "
    "6.1 6.3 6.4 6.5 6.6 7.1 7.2 7.4 7.5 7.6 7.7"
).split()

SPONSORS = {
    "1.1": ["Niedersachsen"],
    "A": [],
    "1.2": ["Brandenburg", "Hamburg", "Hessen"],
    "1.3": ["Niedersachsen"],
    "2.1.a": ALL,
    "2.1.b": ["Niedersachsen"],
    "3.1": ALL,
    "4.1": ["Berlin", "Brandenburg"],
    "4.2": ["Berlin", "Bremen", "Hamburg", "Hessen", "Mecklenburg-Vorpommern", "Niedersachsen",
            "Nordrhein-Westfalen", "Rheinland-Pfalz", "Schleswig-Holstein"],
    "4.3": ["Baden-Württemberg", "Berlin", "Hessen", "Niedersachsen", "Nordrhein-Westfalen",
            "Rheinland-Pfalz", "Saarland", "Sachsen", "Sachsen-Anhalt"],
    "4.5": ALL,
    "4.7": ["Baden-Württemberg", "Bayern", "Bremen", "Niedersachsen", "Nordrhein-Westfalen",
            "Rheinland-Pfalz"],
    "4.8": ["Baden-Württemberg", "Nordrhein-Westfalen", "Rheinland-Pfalz", "Schleswig-Holstein"],
    "4.9": ["Baden-Württemberg", "Hessen", "Nordrhein-Westfalen", "Rheinland-Pfalz",
            "Sachsen-Anhalt", "Thüringen"],
    "5.1": ["Baden-Württemberg", "Berlin", "Bremen", "Hamburg", "Schleswig-Holstein", "Thüringen"],
    "5.2": ALL,
    "6.1": ["Berlin", "Bremen"],
    "6.3": ["Berlin", "Niedersachsen", "Nordrhein-Westfalen"],
    "6.4": ["Berlin", "Brandenburg", "Hamburg", "Mecklenburg-Vorpommern", "Nordrhein-Westfalen",
            "Rheinland-Pfalz", "Sachsen-Anhalt", "Schleswig-Holstein", "Thüringen"],
    "6.5": ["Berlin", "Hamburg", "Sachsen-Anhalt"],
    "6.6": ["Berlin", "Mecklenburg-Vorpommern", "Sachsen-Anhalt"],
    "7.1": ["Berlin", "Bremen", "Hessen", "Mecklenburg-Vorpommern", "Niedersachsen",
            "Rheinland-Pfalz", "Saarland", "Sachsen-Anhalt"],
    "7.2": ALL,
    "7.4": ["Bremen", "Mecklenburg-Vorpommern", "Schleswig-Holstein"],
    "7.5": ["Hamburg", "Niedersachsen", "Saarland", "Sachsen-Anhalt"],
    "7.6": ["Hamburg", "Mecklenburg-Vorpommern", "Niedersachsen", "Sachsen-Anhalt"],
    "7.7": ["Hamburg", "Niedersachsen", "Saarland"],
}

MAJORITY = {"2.1.b", "4.2", "4.3", "4.8", "6.3", "6.4", "6.5", "6.6", "7.1", "7.4", "7.5"}

# TOP A has no Ziffern: its "1. des Beauftragten …, 2. des Bundesministeriums …" is a list
# inside one sentence ("nehmen die Berichte des Bundes, insbesondere … zur Kenntnis").
PARAGRAPHS = {
    "1.1": 0, "A": 0, "1.2": 0, "1.3": 0, "2.1.a": 0, "2.1.b": 0, "3.1": 7, "4.1": 2, "4.2": 0,
    "4.3": 10, "4.5": 4, "4.7": 3, "4.8": 2, "4.9": 7, "5.1": 6, "5.2": 6, "6.1": 5, "6.3": 0,
    "6.4": 2, "6.5": 2, "6.6": 4, "7.1": 5, "7.2": 8, "7.4": 0, "7.5": 2, "7.6": 5, "7.7": 5,
}


def test_all_27_resolutions_in_document_order(collection_2025):
    assert [r.id for r in collection_2025.resolutions] == ORDER
    assert [r.position for r in collection_2025.resolutions] == list(range(1, 28))


def test_conference_comes_from_the_page_headers(collection_2025):
    conf = collection_2025.conference
    assert (conf.number, conf.kind, conf.place) == (20, "Hauptkonferenz", "Göttingen")
    assert (conf.start, conf.end) == (date(2025, 4, 23), date(2025, 4, 24))
    # The document does not state its chair: the Land it met in hosts it (the gazetteer).
    assert (conf.chair.key, conf.chair_from) == ("Niedersachsen", "place")


@pytest.mark.parametrize("top", ORDER)
def test_sponsors_are_exact(resolutions_2025, top):
    assert list(resolutions_2025[top].sponsor_names) == SPONSORS[top]


@pytest.mark.parametrize("top", ORDER)
def test_decision(resolutions_2025, top):
    r = resolutions_2025[top]
    if top == "A":
        assert r.decision is None
    else:
        expected = Decision.MAJORITY if top in MAJORITY else Decision.UNANIMOUS
        assert r.decision is expected
    assert r.votes is None  # 2025 prints no counts


@pytest.mark.parametrize("top", ORDER)
def test_paragraph_counts(resolutions_2025, top):
    r = resolutions_2025[top]
    assert len(r.numbered_paragraphs) == PARAGRAPHS[top]
    assert [p.number for p in r.numbered_paragraphs] == list(range(1, PARAGRAPHS[top] + 1))


def test_all_five_protocol_notes(collection_2025):
    notes = [(r.id, n.by_names, n.paragraph) for r in collection_2025.resolutions for n in r.protocol_notes]
    assert notes == [
        ("2.1.b", ("Bayern", "Thüringen"), None),
        ("3.1", ("Brandenburg",), None),
        ("4.9", ("Bayern",), 7),
        ("5.2", ("Bayern",), 6),
        ("7.4", ("Baden-Württemberg",), None),
    ]


def test_protocol_note_text_and_lines(resolutions_2025):
    (note,) = resolutions_2025["4.9"].protocol_notes
    assert note.text.text.startswith("Zwar bedingen eine erfolgreiche psychiatrische Diagnostik")
    assert note.text.text.endswith("nicht hingegen durch die in der GKV Versicherten und die Arbeitgeber.")
    assert note.text.official_lines == (28, 35)
    assert note.source_line == 1579
    (bw,) = resolutions_2025["7.4"].protocol_notes
    assert bw.text.text.endswith("Abkehr von dem One-Stop Government Verfahren ab.")


@pytest.mark.parametrize(
    "top, title",
    [
        ("1.2", "Bericht der LAG „Menschen mit Migrationsgeschichte im öffentlichen Dienst nachhaltig fördern“"),
        ("4.1", "Einfacherer Zugang zu psychotherapeutischen Behandlungen und anderen therapeutischen "
                "Maßnahmen für traumatisierte oder psychisch erkrankte Personen im Grundleistungsbezug "
                "nach § 3 AsylbLG"),
        ("4.5", "Migrationsberatung für Erwachsene (MBE) bedarfsgerecht finanzieren"),
        ("4.7", "An Jahrestage der Anwerbeabkommen erinnern / Lebensleistungen würdigen"),
        ("5.1", "Digitalisierung von Verwaltungsprozessen als Chance – das Ankommen von zugewanderten "
                "Menschen verbessern und zugleich die (digitale) Teilhabe sicherstellen"),
        ("6.1", "Ausländerbehörden entlasten - Integration ermöglichen"),
        ("6.6", "Wechsel von Geflüchteten aus der Ukraine aus dem § 24 AufenthG in alternative Aufenthaltstitel"),
        ("7.5", "Die Arbeitsmarktchancen von Zugewanderten mit non-formalen und informell erworbenen "
                "Kompetenzen durch die Erstellung möglichst frühzeitiger Kompetenzprofile beschleunigen"),
        ("7.7", "Perspektiven der beruflichen Kompetenz- und Qualifikationsfeststellung"),
    ],
)
def test_repaired_titles(resolutions_2025, top, title):
    assert resolutions_2025[top].title.text == title


def test_lead_motion_and_subtitle(resolutions_2025):
    assert [t for t, r in resolutions_2025.items() if r.lead_motion] == ["2.1.a"]
    r = resolutions_2025["2.1.b"]
    assert r.title.text == "Erfolgreiche Integrationspolitik erfordert Weitsicht und konsequentes Handeln"
    assert r.subtitle.text == "Göttinger Erklärung zur 20. Integrationsministerkonferenz"


def test_paragraph_text_lines_and_repairs(resolutions_2025):
    first, second = resolutions_2025["6.5"].numbered_paragraphs
    assert first.text.official_lines == (1, 5)
    assert "Chancen-Aufenthaltsrecht gemäß § 104c AufenthG nach dem 31.12.2025" in first.text.text
    assert second.text.official_lines == (6, 16)
    assert "§ 25b AufenthG so steuern" in second.text.text  # "Auf-" + "enthG" joined
    assert "der §§ 25a bzw. 25b AufenthG bereits" in second.text.text  # "§§ 9" was a line number
    assert second.text.source_lines == (1972, 1992)


def test_glued_and_leading_line_numbers(resolutions_2025):
    lead = resolutions_2025["2.1.a"].paragraphs[0].text.text
    assert lead.startswith("Zur 20. Integrationsministerkonferenz unterstreichen die für Integration "
                           "zuständigen Ministerinnen und Minister")  # "Ministe-1"
    assert "Institut für Arbeitsmarkt- und Berufsforschung (IAB)" in lead
    assert "Aus- und Weiterbildung" in lead
    decl = resolutions_2025["2.1.b"].paragraphs[0].text.text
    assert "Integrationsmaßnahmen von Anfang an Die im Aufenthaltsgesetz" in decl  # "fang an42"
    assert "Sie bieten als Grundangebot eine wesentliche" in decl  # "Grundangebot45"
    # Leading line number: "21 gierung, sich daran solidarisch zu beteiligen."
    assert resolutions_2025["7.4"].paragraphs[0].text.text.endswith(
        "Die IntMK bittet die Bundesregierung, sich daran solidarisch zu beteiligen."
    )
    # "von 1" / "1955 würdigen": the year is text, the 1 a line number.
    first = resolutions_2025["4.7"].numbered_paragraphs[0].text
    assert "Anwerbeabkommens von 1955 würdigen" in first.text
    assert first.official_lines == (1, 5)
    # "2025 vom Juli 2024" starts a numbered line (16) with a year.
    mbe = resolutions_2025["4.5"].numbered_paragraphs[1].text.text
    assert "Regierungsentwurf des Bundeshaushalts für 2025 vom Juli 2024 enthalten" in mbe


def test_real_hyphens_are_kept(resolutions_2025):
    assert "Berufsbildungsvalidierungs- und -digitalisierungsgesetz (BVaDiG)" in (
        resolutions_2025["7.5"].numbered_paragraphs[0].text.text
    )
    assert "Bund-Länder-AG" in resolutions_2025["4.3"].numbered_paragraphs[9].text.text


def test_editorial_slips_are_kept_as_printed(resolutions_2025):
    assert "Die IntMK fordert die Bunderegierung auf" in resolutions_2025["6.3"].paragraphs[0].text.text
    assert "beschleunigt werden, damit. Bescheidprüfung" in resolutions_2025["2.1.a"].paragraphs[0].text.text


def test_every_line_is_used_or_furniture(collection_2025):
    """Nothing is lost: each line has a role, and every 'text' line is in some cleaned text."""
    roles = collection_2025.line_roles
    assert len(roles) == collection_2025.line_count == 2490  # the file ends in a line " "
    assert "unaccounted" not in roles and "reported" not in roles
    assert collection_2025.reports == ()
    in_spans = {
        span.source_line
        for r in collection_2025.resolutions
        for text in [*(p.text for p in r.paragraphs), *(n.text for n in r.protocol_notes)]
        for span in text.spans
    }
    text_lines = {i for i, role in enumerate(roles, start=1) if role == "text"}
    assert text_lines == in_spans
    assert roles.count("header") == 27 and roles.count("note") == 5
    assert roles.count("decision") == 26  # every TOP but A
    assert {roles[i - 1] for i in (122, 123, 267)} == {"link"}
    assert roles[1405 - 1] == "page_number"  # "Seite 2 von 2" in TOP 4.5

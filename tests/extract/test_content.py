"""What the resolutions say: citations, bodies, programmes, demands, dates, amounts,
references - facts of the 2025 document, grammar beyond it, and the measured
quality against the hand annotation in tests/data/expected-2025.toml."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from helpers import DATA
from rdflib import URIRef
from rdflib.namespace import RDF

from intmk_graph.extract.demands import read_demands, sentences
from intmk_graph.extract.evaluation import citation_key, evaluate, load_expectations
from intmk_graph.extract.mentions import amounts, dates, references
from intmk_graph.namespaces import ELI, ID, INTMK, SCHEMA
from intmk_graph.publish.exports import union_graph
from intmk_graph.publish.records import resolution_records
from intmk_graph.vocab import ontology_file
from intmk_graph.vocab.citations import CitationReader
from intmk_graph.vocab.lexicon import Lexicon, laws
from intmk_graph.vocab.triples import Triples

TOP = "https://w3id.org/intmk-graph/data/conference/20/top/"


def keys(refs) -> tuple[str, ...]:
    return tuple(r.key for r in refs)


def cite(text: str) -> list[tuple]:
    return [
        (f.law, f.section, f.parts.get("subsection"), f.parts.get("number"), text[f.start : f.end].strip())
        for f in CitationReader().read(text)
    ]


# ------------------------------------------------------------------ citation grammar


@pytest.mark.parametrize(
    "text, expected",
    [
        ("nach § 24 Abs. 1 AufenthG gewährt", [("AufenthG", "24", "1", None, "§ 24 Abs. 1 AufenthG")]),
        ("§ 32 Abs. 2 Nr. 5 BeschV statt", [("BeschV", "32", "2", "5", "§ 32 Abs. 2 Nr. 5 BeschV")]),
        ("der §§ 25a bzw. 25b AufenthG", [("AufenthG", "25a", None, None, "§§ 25a bzw. 25b AufenthG"),
                                         ("AufenthG", "25b", None, None, "§§ 25a bzw. 25b AufenthG")]),
        ("§§ 18a bis 18c AufenthG", [("AufenthG", s, None, None, "§§ 18a bis 18c AufenthG") for s in ("18a", "18b", "18c")]),
        ("§§ 3 bis 5 des Asylbewerberleistungsgesetzes",
         [("AsylbLG", s, None, None, "§§ 3 bis 5 des Asylbewerberleistungsgesetzes") for s in "345"]),
        ("§ 25a AufenthG oder § 25b AufenthG", [("AufenthG", "25a", None, None, "§ 25a AufenthG"),
                                                ("AufenthG", "25b", None, None, "§ 25b AufenthG")]),
        ("§ 3 AsylbLG und § 9 BeschV", [("AsylbLG", "3", None, None, "§ 3 AsylbLG"), ("BeschV", "9", None, None, "§ 9 BeschV")]),
        ("Art. 50 GG", [("GG", "50", None, None, "Art. 50 GG")]),
        ("Instrumentarien des Asyl- und Aufenthaltsgesetzes", [("AsylG", None, None, None, "Asyl-"),
                                                              ("AufenthG", None, None, None, "Aufenthaltsgesetzes")]),
        ("Sozialgesetzbuches normiert und das Staatsangehörigkeitsrecht", []),
        ("wie in § 7 geregelt", []),  # no law named: not a citation of some law
    ],
)
def test_citation_grammar(text, expected):
    assert cite(text) == expected


def test_ff_and_in_conjunction_with_are_kept():
    found = CitationReader().read("§ 60c i. V. m. § 60a AufenthG sowie § 5 ff. StAG")
    by_section = {f.section: f for f in found}
    assert by_section["60c"].law == "AufenthG"  # takes the law of its partner
    assert by_section["60c"].in_conjunction_with == by_section["60a"].group
    assert by_section["5"].following and by_section["5"].law == "StAG"


def test_a_law_added_to_the_vocabulary_is_recognised_without_code(tmp_path):
    added = tmp_path / "laws.ttl"
    added.write_text(ontology_file("laws.ttl").read_text(encoding="utf-8") + """
id:law-WoGG a intmk:Law ; skos:inScheme id:laws ; skos:notation "WoGG" ; skos:prefLabel "Wohngeldgesetz"@de .
""", encoding="utf-8")
    reader = CitationReader(Lexicon(Triples.parse(added), "law-"))
    assert [(f.law, f.section) for f in reader.read("nach § 7 des Wohngeldgesetzes")] == [("WoGG", "7")]
    assert laws().resolve("Wohngeldgesetz") is None  # the shipped vocabulary is untouched


# ------------------------------------------------------------- facts of the 2025 text


def content(collection, rid):
    return collection.content[rid]


def test_top_6_5_cites_104c_and_the_pair_25a_25b(collection_2025):
    keys = [citation_key(c) for c in content(collection_2025, "6.5").citations]
    assert keys == ["p1: AufenthG § 104c"] + ["p2: AufenthG § 25a", "p2: AufenthG § 25b"] * 3
    first = content(collection_2025, "6.5").citations[0]
    assert (first.text, first.place.official_line, first.place.source_line) == ("§ 104c AufenthG", 3, 1966)


def test_top_6_1_cites_beschv_down_to_the_number(collection_2025):
    c = content(collection_2025, "6.1").citations[0]
    assert (c.law.key, c.section, c.subsection, c.number, c.place.official_line) == ("BeschV", "32", "2", "5", 18)
    # the model holds the reference, so no later stage looks the law up again
    assert (c.law.iri, c.law.abbr, c.law.portal) == (str(ID["law-BeschV"]), "BeschV", "beschv_2013")


def test_title_citations_and_laws_without_section(collection_2025):
    assert citation_key(content(collection_2025, "4.1").citations[0]) == "title: AsylbLG § 3"
    assert [citation_key(c) for c in content(collection_2025, "4.8").citations] == ["p1: AsylG", "p1: AufenthG"]


def test_demands_name_addressee_paragraph_and_concerns(collection_2025):
    demands = content(collection_2025, "7.2").demands
    assert [(d.place.index, d.verb, keys(d.addressees)) for d in demands] == [
        (4, "auffordern", ("Bund",)),
        (5, "appellieren", ("Bund",)),
        (6, "auffordern", ("BA", "KommunaleTraeger")),
        (8, "auffordern", ("Bund",)),
    ]
    assert keys(demands[0].concerns) == ("IntV",)
    mbe = content(collection_2025, "4.5").demands[0]
    assert (keys(mbe.addressees), keys(mbe.concerns)) == (("Bundesregierung",), ("MBE",))
    assert mbe.addressees[0].iri == str(ID["body-Bundesregierung"])


def test_history_is_not_a_demand_and_beauftragt_is_a_mandate(collection_2025):
    texts = [d.text for d in content(collection_2025, "2.1.b").demands]
    assert not any("forderte" in t or "wurde der SVR" in t for t in texts)
    mandates = [(d.place.index, keys(d.addressees)) for d in content(collection_2025, "3.1").demands if d.kind == "mandate"]
    assert mandates == [(5, ("LAG",)), (6, ("Hessen",)), (6, ("Hessen",))]


def test_sentences_do_not_break_at_ordinals_or_abbreviations():
    text = "Sie weisen auf die 19. IntMK hin, z. B. bzgl. der u.a. genannten Kurse. Der Bund wird gebeten."
    assert [s.text for s in sentences(text)] == [
        "Sie weisen auf die 19. IntMK hin, z. B. bzgl. der u.a. genannten Kurse.",
        "Der Bund wird gebeten.",
    ]
    assert [d.addressees for d in read_demands(text)] == [("Bund",)]


def test_dates_amounts_and_references():
    assert [v for _, v in dates("vom 10.05.2023, am 4. März 2026 und vom Juli 2024")] == [
        date(2023, 5, 10), date(2026, 3, 4), (2024, 7)]
    assert [(v, c) for _, v, c in amounts("77,5 Mio. Euro, 0,5 Mrd. Euro, ca. 480.000 EUR")] == [
        (Decimal("77500000"), "EUR"), (Decimal("500000000"), "EUR"), (Decimal("480000"), "EUR")]
    assert [(f.body, f.number, f.top) for f in references(
        "den Beschluss der 17. IntMK zu TOP 2.3, der 18. IntMK (TOP 3.1) und TOP 4.1 der 15. IntMK")] == [
        ("IntMK", 17, "2.3"), ("IntMK", 18, "3.1"), ("IntMK", 15, "4.1")]
    refs = references("dem Beschluss der 101. ASMK unter TOP 6.2 und dem MPK-Beschluss vom 10. Mai 2023 sowie vom 6. November 2023")
    assert [(f.body, f.number, f.date, f.top) for f in refs] == [
        ("ASMK", 101, None, "6.2"), ("MPK", None, date(2023, 5, 10), None), ("MPK", None, date(2023, 11, 6), None)]


def test_references_by_date_and_to_special_sessions():
    """The IntMK's own resolutions named by their date (a range gives its first day), its
    special sessions by number or date, and another conference's dated TOP."""
    text = ("(vgl. Beschluss vom 5./6. Mai 2015), TOP 2.1 der Sonder-IntMK vom 12.11.2015, die Sondersitzung "
            "der 10. IntMK, den Beschluss der IntMK vom 5. und 6. Mai 2015 (TOP 3.1), den Beschluss der JFMK "
            "vom 22.05.2014 zu TOP 7.1 und ihre Beschlusslage vom 23. – 24. April 2025 zu TOP 4.5")
    assert [(f.body, f.number, f.date, f.top, f.kind, text[f.span.start:f.span.end]) for f in references(text)] == [
        ("IntMK", None, date(2015, 5, 5), None, None, "Beschluss vom 5./6. Mai 2015"),
        ("IntMK", None, date(2015, 11, 12), "2.1", "Sonderkonferenz", "TOP 2.1 der Sonder-IntMK vom 12.11.2015"),
        ("IntMK", 10, None, None, "Sonderkonferenz", "Sondersitzung der 10. IntMK"),
        ("IntMK", None, date(2015, 5, 5), "3.1", None, "Beschluss der IntMK vom 5. und 6. Mai 2015 (TOP 3.1)"),
        ("JFMK", None, date(2014, 5, 22), "7.1", None, "JFMK vom 22.05.2014 zu TOP 7.1"),
        ("IntMK", None, date(2025, 4, 23), "4.5", None, "Beschlusslage vom 23. – 24. April 2025 zu TOP 4.5"),
    ]
    # Another conference's resolution is not the IntMK's, nor is a cabinet decision.
    assert [f.body for f in references("den MPK-Beschluss vom 10.05.2023 und den Kabinettsbeschluss vom 3.4.2024")] == ["MPK"]


def test_the_own_conference_is_not_a_reference(collection_2025):
    assert content(collection_2025, "2.1.a").references == ()
    assert [(r.body.key, r.number) for r in content(collection_2025, "1.3").references] == [("IntMK", 19)]


# ------------------------------------------------------------------- graph, records


def test_sections_are_parts_of_their_law_with_portal_links(built_2025):
    g = union_graph(built_2025.dataset)
    section = URIRef(str(ID["law-AufenthG"]) + "/para/104c")
    assert (URIRef(TOP + "6.5"), ELI.cites, section) in g
    assert (section, ELI.is_part_of, ID["law-AufenthG"]) in g
    assert (section, SCHEMA.url, None) in g
    url = str(next(g.objects(section, SCHEMA.url)))
    assert url == "https://www.gesetze-im-internet.de/aufenthg_2004/__104c.html"
    # A law without a portal folder gets no link.
    assert not list(g.objects(URIRef(str(ID["law-BVaDiG"])), SCHEMA.url))


def test_every_demand_records_where_it_was_read(built_2025):
    g = union_graph(built_2025.dataset)
    demand = URIRef(TOP + "6.4/demand/1")
    assert (demand, RDF.type, INTMK.Demand) in g
    assert (demand, INTMK.addressee, ID["body-Bund"]) in g
    assert (demand, INTMK.inParagraph, URIRef(TOP + "6.4/p/1")) in g
    assert g.value(demand, INTMK.lineNumber).toPython() == 1
    assert (demand, INTMK.concerns, ID["programme-AVB"]) in g


def test_records_carry_the_content_keys(collection_2025):
    records = {r["id"]: r for r in resolution_records([collection_2025])}
    laws_6_6 = records["6.6"]["laws"]
    assert laws_6_6[1] == {
        "law": "AufenthG", "section": "24", "subsection": "1", "sentence": None, "number": None,
        "letter": None, "article": False, "following": False, "proposed": False,
        "text": "§ 24 Abs. 1 AufenthG", "line": 5,
        "where": {"part": "paragraph", "paragraph": 1, "line": 5, "source_line": 2011},
    }
    assert {"id": "MBE", "label": "Migrationsberatung für Erwachsene", "abbr": "MBE"} in records["4.5"]["programmes"]
    assert [l["proposed"] for l in records["4.3"]["laws"]] == [True, False, False]
    assert records["4.5"]["amounts"] == [{"value": 77500000, "currency": "EUR", "text": "77,5 Mio. Euro", "line": 15}]
    assert {"date": "2024-07", "precision": "month", "text": "Juli 2024", "line": 16} in records["4.5"]["dates"]
    assert records["7.7"]["references"][0]["top"] == "6.2"


# ------------------------------------------------------------------ measured quality


@pytest.fixture(scope="module")
def quality(collection_2025):
    return evaluate(collection_2025, load_expectations(DATA / "expected-2025.toml"))


def test_the_annotation_covers_every_resolution(collection_2025):
    assert set(load_expectations(DATA / "expected-2025.toml")) == {r.id for r in collection_2025.resolutions}


def test_law_citations_are_exact(quality):
    for category in ("sections", "citations"):
        s = quality.scores[category]
        assert (s.precision, s.recall) == (1.0, 1.0), (category, quality.missed, quality.spurious)
    assert quality.scores["sections"].expected == 16


@pytest.mark.parametrize("category, annotated", [("bodies", 77), ("programmes", 53), ("demands", 66)])
def test_quality_at_the_measured_figures(quality, category, annotated):
    """The reader scores 1.000 on every annotated kind of 2025; any miss is a regression."""
    s = quality.scores[category]
    assert s.expected == annotated
    assert (s.precision, s.recall) == (1.0, 1.0), [m for m in quality.missed + quality.spurious if m[0] == category]

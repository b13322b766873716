"""The reader's self-checks: each fires on its planted defect, at the defect's line,
and stays quiet on every clean test document."""

from __future__ import annotations

import pytest
from helpers import BUNDLED, DATA

from intmk_graph.pipeline import parse

CLEAN = sorted([*DATA.glob("years/*.txt"), *DATA.glob("series/*.txt"), *DATA.glob("format-*.txt"), BUNDLED])
STOPPED = "official line numbers stop"


def planted(tmp_path, old: str, new: str):
    """The bundled document with one line's text replaced (``new`` may join lines)."""
    text = BUNDLED.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path = tmp_path / "planted.txt"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return parse(path)


def test_a_line_number_left_inside_the_text_is_named(tmp_path):
    # Two lines run together, as a PDF producer's text extraction can give them: the
    # line number 136 is now inside a line, and the numbering of TOP 2.1.b breaks there.
    read = planted(tmp_path, "Kommunen. 136 \n\nDie IntMK wird ihren Beitrag auch weiterhin leisten. 137 \n",
                   "Kommunen. 136 Die IntMK wird ihren Beitrag auch weiterhin leisten. 137\n\n")
    (warning,) = [w for w in read.warnings if STOPPED in w.message]
    assert warning.line == 775
    assert warning.message.startswith("TOP 2.1.b: the official line numbers stop after line 135")


@pytest.mark.parametrize("path", CLEAN, ids=lambda p: p.name)
def test_a_clean_document_passes_the_line_number_check(path):
    assert [w for w in parse(path).warnings if STOPPED in w.message] == []


ERFURT = DATA / "years" / "ep-2016-erfurt.txt"
LISTED = "table of contents"


def planted_in(tmp_path, source, old: str, new: str):
    text = source.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path = tmp_path / source.name
    path.write_text(text.replace(old, new), encoding="utf-8")
    return parse(path)


def test_an_item_missing_from_the_table_of_contents_is_named(tmp_path):
    # The entry of TOP 2.2 (lines 17-18) is lost; its item (line 39, then 37) is still there.
    read = planted_in(tmp_path, ERFURT, "TOP 2.2\nWohnsitzauflage nach § 12a AufenthG ....................................... 3\n", "")
    found = [(w.line, w.message.split(";")[0]) for w in read.warnings if LISTED in w.message]
    assert found == [(37, "TOP 2.2 is not in the table of contents")]


def test_an_entry_whose_item_is_lost_is_named(tmp_path):
    # The header of TOP 2.2 is not read (a page lost, a header the reader missed).
    read = planted_in(tmp_path, ERFURT, "TOP 2.2: Wohnsitzauflage nach § 12a AufenthG\n",
                      "Wohnsitzauflage nach § 12a AufenthG\n")
    found = [(w.line, w.message.split(";")[0]) for w in read.warnings if LISTED in w.message]
    assert found == [(17, "TOP 2.2 is in the table of contents but not in the text")]


@pytest.mark.parametrize("path", CLEAN, ids=lambda p: p.name)
def test_a_clean_document_agrees_with_its_table_of_contents(path):
    assert [w.message for w in parse(path).warnings if LISTED in w.message and "only" not in w.message] == []


# ----------------------------------------------------------------- confidence

def test_a_clean_reading_has_full_confidence():
    trust = parse(BUNDLED).confidence()
    assert (trust.document, trust.pages, trust.weakest()) == (1.0, (), [])


def test_the_weakest_page_is_the_one_whose_checks_failed(tmp_path):
    """A PDF whose numbering breaks on one page: that page, and only it, loses trust, and
    check names it; the document's figure falls by less (one page of some forty)."""
    import json

    from pdfdocs import Numbers, lines_of, make_pdf
    from typer.testing import CliRunner

    from intmk_graph.cli import app

    lines = lines_of(BUNDLED)
    numbered = [line for line in lines if line.official is not None]
    numbered[200].official += 1  # a skip, on page 9
    path = make_pdf(lines, tmp_path / "broken.pdf", ["20. Integrationsministerkonferenz 2025"], numbers=Numbers())
    trust = parse(path).confidence()
    assert trust.weakest() == [(9, 0.64)]  # two warnings: the skip and the number that repeats after it
    assert 0.95 < trust.document < 1
    result = CliRunner().invoke(app, ["check", str(path)])
    assert result.exit_code == 1 and "weakest pages: 9 (0.64)" in result.output
    report = json.loads(CliRunner().invoke(app, ["check", str(path), "--format", "json"]).stdout)[0]
    assert report["confidence"]["pages"][0] == {"page": 9, "confidence": 0.64}
    pages = report["confidence"]["pages"]
    assert sorted(p["page"] for p in pages) == list(range(1, len(pages) + 1))  # every page has its figure
    assert report["warnings"][0]["message"].startswith("page 9:")


def test_the_confidence_is_in_the_graph(built_2025):
    from rdflib import Literal, Namespace
    from rdflib.namespace import XSD

    from intmk_graph.publish.exports import union_graph

    intmk = Namespace("https://w3id.org/intmk-graph/ontology#")
    values = set(union_graph(built_2025.dataset).objects(None, intmk.readingConfidence))
    assert values == {Literal("1.000", datatype=XSD.decimal)}


@pytest.mark.parametrize("path", CLEAN, ids=lambda p: p.name)
def test_a_document_read_without_warnings_is_fully_trusted(path):
    read = parse(path)
    assert (read.confidence().document == 1.0) == (not read.warnings and not read.reports)


# ----------------------------------------------------------------- page numbers

PAGE_BREAK = "page number"
WERNIGERODE = DATA / "years" / "bn-2014-wernigerode.txt"


def test_a_lost_page_is_named_by_the_page_numbers(tmp_path):
    # The footer "- 3 -" is gone (its page lost, or the footer not read): 2, then 4.
    read = planted_in(tmp_path, WERNIGERODE, "                                     - 3 -\n", "\n")
    found = [(w.line, w.message) for w in read.warnings if PAGE_BREAK in w.message]
    assert found == [(60, "page number 4 follows 2; expected 3 (a page lost, doubled or out of order?)")]


def test_a_pdf_page_printing_the_wrong_number_is_named(tmp_path):
    from pdfdocs import lines_of, make_pdf

    path = make_pdf(lines_of(BUNDLED), tmp_path / "pages.pdf", ["20. Integrationsministerkonferenz 2025"],
                    footer=lambda page, pages: f"Seite {page if page != 7 else 8} von {pages}")
    read = parse(path)
    found = [(read.page_of(w.line), w.message.split(";")[0]) for w in read.warnings if PAGE_BREAK in w.message]
    assert found == [(7, "page number 8 follows 6"), (8, "page number 8 follows 8")]
    assert [page for page, _ in read.confidence().weakest()] == [7, 8]


def test_parts_paginated_on_their_own_are_no_break():
    """The bundled collection numbers each annex from 1 again ("Seite 2 von 6", then
    "Seite 2 von 2"): a new part, not a lost page."""
    assert [w for w in parse(BUNDLED).warnings if PAGE_BREAK in w.message or "page count" in w.message] == []


@pytest.mark.parametrize("path", CLEAN, ids=lambda p: p.name)
def test_a_clean_document_has_its_page_numbers_in_order(path):
    assert [w.message for w in parse(path).warnings if PAGE_BREAK in w.message or "page count" in w.message] == []


# --- votes and sponsors: the counts fit the decision, the 16 and the sponsors ---------

SPONSORS_65 = "Antragsteller: Berlin, Hamburg, Sachsen-Anhalt \n\nDie IntMK hat mehrheitlich beschlossen: "
COUNTS = ("add up to", "unanimously, but", "by majority, but", "no more votes for", "sponsors, but", "named twice")


def counts_warnings(read):
    return [(w.line, w.message.split(";")[0]) for w in read.warnings if any(k in w.message for k in COUNTS)]


@pytest.mark.parametrize(("planted_as", "found"), [
    ("Antragsteller: Berlin, Hamburg, Sachsen-Anhalt \n\nDie IntMK hat mit 14:2:1 mehrheitlich beschlossen: ",
     "TOP 6.5: the votes 14:2:1 add up to 17"),
    ("Antragsteller: Berlin, Hamburg, Sachsen-Anhalt \n\nDie IntMK hat mit 13:1:2 einstimmig beschlossen: ",
     "TOP 6.5: adopted unanimously, but 13:1:2 counts 1 against"),
    ("Antragsteller: Berlin, Hamburg, Sachsen-Anhalt \n\nDie IntMK hat mit 16:0:0 mehrheitlich beschlossen: ",
     "TOP 6.5: adopted by majority, but 16:0:0 counts no vote against or abstention"),
    ("Antragsteller: Berlin, Hamburg, Sachsen-Anhalt \n\nDie IntMK hat mit 6:7:3 mehrheitlich beschlossen: ",
     "TOP 6.5: adopted with 6:7:3, no more votes for than against"),
    ("Antragsteller: Alle Länder \n\nDie IntMK hat mit 12:3:1 mehrheitlich beschlossen: ",
     "TOP 6.5: 16 sponsors, but only 12 votes for"),
])
def test_counts_that_do_not_fit_are_named_at_their_line(tmp_path, planted_as, found):
    read = planted(tmp_path, SPONSORS_65, planted_as)
    assert counts_warnings(read) == [(1960, found)]


def test_a_land_named_twice_among_the_sponsors_is_named(tmp_path):
    read = planted(tmp_path, SPONSORS_65, SPONSORS_65.replace("Hamburg, Sachsen-Anhalt", "Hamburg, Berlin"))
    assert counts_warnings(read) == [(1958, "'Berlin' in 'Antragsteller' is named twice")]
    assert next(r for r in read.resolutions if r.id == "6.5").sponsor_names == ("Berlin", "Hamburg")


def test_counts_that_fit_pass(tmp_path):
    read = planted(tmp_path, SPONSORS_65, SPONSORS_65.replace("hat mehrheitlich", "hat mit 13:1:2 mehrheitlich"))
    assert counts_warnings(read) == []


# --- words: a joined word is a word, and no line number stays in the text -------------

JOINED = "joined from"


def test_a_misread_word_joined_across_a_line_end_is_named(tmp_path):
    # OCR damage in the part after the break: "Berufsfor-" + "sclmng" is no word.
    read = planted(tmp_path, "schung (IAB) geht wie", "sclmng (IAB) geht wie")
    found = [(w.line, w.message.split(";")[0]) for w in read.warnings if JOINED in w.message]
    assert found == [(102, "TOP 2.1.a: 'Berufsforsclmng', joined from 'Berufsfor-' and 'sclmng' across a line "
                           "end, is no word of the document or the dictionary")]


def test_a_compound_of_known_words_joined_across_a_line_end_passes(tmp_path):
    # "Arbeitsmarkt-" + "integrationsfonds" appears nowhere else, but its parts do.
    read = planted(tmp_path, "und Berufsfor-7 \n\nschung (IAB)", "und Arbeitsmarkt-7 \n\nintegrationsfonds (IAB)")
    assert [w for w in read.warnings if JOINED in w.message] == []


def test_a_line_number_left_in_the_text_is_named_where_it_stands(tmp_path):
    read = planted(tmp_path, "Kommunen. 136 \n\nDie IntMK wird ihren Beitrag auch weiterhin leisten. 137 \n",
                   "Kommunen. 136 Die IntMK wird ihren Beitrag auch weiterhin leisten. 137\n\n")
    found = [w.message.split(";")[0] for w in read.warnings if "the line number here" in w.message]
    assert found == ["TOP 2.1.b: 'Kommunen. 136 Die IntMK w' holds 136, the line number here (and 25 line(s) after it)"]


@pytest.mark.parametrize("path", CLEAN, ids=lambda p: p.name)
def test_a_clean_document_passes_the_vote_sponsor_and_word_checks(path):
    read = parse(path)
    assert counts_warnings(read) == []
    assert [w.message for w in read.warnings if JOINED in w.message or "the line number here" in w.message] == []

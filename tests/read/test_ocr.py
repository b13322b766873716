"""Scans: ``--ocr`` reads PDF pages without a text layer through OCRmyPDF and Tesseract.
The test scan is the 2025 collection's test PDF rendered to 300 dpi images and wrapped
as a PDF without text; what OCR reads of it is held against what the text layer gives."""

import json

import pytest
from pdfdocs import image_only_pdf, pdf_2025
from test_pdf import runner, without_source

from intmk_graph.cli import app
from intmk_graph.errors import SetupError
from intmk_graph.graph.rdf import build_quads
from intmk_graph.namespaces import INTMK
from intmk_graph.pipeline import parse
from intmk_graph.read import ocr
from intmk_graph.read.geometry import Row, Word


@pytest.fixture(scope="module")
def scans(tmp_path_factory):
    folder = tmp_path_factory.mktemp("scans")
    text = pdf_2025(folder / "text.pdf")
    return {"text": text, "scan": image_only_pdf(text, folder / "scan.pdf"),
            "mixed": image_only_pdf(text, folder / "mixed.pdf", pages={3})}


@pytest.fixture(scope="module")
def read(scans):
    """The text layer's reading and the scan's, by OCR (once: it takes half a minute)."""
    return parse(scans["text"]), parse(scans["scan"], ocr=True)


def build_graph(collection):
    from rdflib import Graph

    graph = Graph()
    for s, p, o, _ in build_quads([collection]).to_dataset().quads():
        graph.add((s, p, o))
    return graph


def fields(collection):
    from intmk_graph.publish.records import resolution_records

    return {r["id"]: without_source(r) for r in resolution_records([collection])}


def test_without_ocr_a_scan_is_refused_in_one_line(scans):
    result = runner.invoke(app, ["build", str(scans["scan"]), "--out", str(scans["scan"].parent / "out")])
    assert result.exit_code == 2
    assert "no text layer on any page" in result.output and "--ocr" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_ocr_reads_at_least_95_percent_of_the_fields_the_text_layer_gives(read):
    text, scan = read
    expected, got = fields(text), fields(scan)
    assert sorted(got) == sorted(expected)  # every resolution: 27
    pairs = [(value, got[top].get(field)) for top, record in expected.items() for field, value in record.items()]
    same = sum(a == b for a, b in pairs)
    assert same / len(pairs) >= 0.95, f"{same} of {len(pairs)} fields"


def test_the_facts_users_ask_for_survive_ocr(read):
    _, scan = read
    top = next(r for r in scan.resolutions if r.id == "6.5")
    assert top.sponsor_names == ("Berlin", "Hamburg", "Sachsen-Anhalt")
    laws = {(c.law.key, c.section) for c in scan.content[top.key].citations}
    assert ("AufenthG", "104c") in laws  # read as "8 104c": the section sign put right (ocr.toml)
    top = next(r for r in scan.resolutions if r.id == "6.6")
    assert "§ 24 AufenthG" in top.title.text


def test_every_fact_read_by_ocr_carries_its_recognition_confidence(read):
    text, scan = read
    graph = build_graph(scan)
    citations = set(graph.subjects(object=INTMK.Citation))
    confident = {s for s, _ in graph.subject_objects(INTMK.recognitionConfidence)}
    assert citations and citations <= confident
    values = [float(v) for v in graph.objects(predicate=INTMK.recognitionConfidence)]
    assert all(0 < v <= 1 for v in values) and min(values) < 1
    assert not list(build_graph(text).subject_objects(INTMK.recognitionConfidence))  # a text layer has none
    # The reading's own confidence counts OCR's in: below 1, and every page has one.
    assert scan.confidence().document < 1
    assert len(scan.confidence().pages) == 44


def test_the_self_checks_name_the_pages_where_ocr_lost_line_numbers(read):
    """Tesseract misses some line numbers ("41" read as "4"): the checks name those
    pages, and the lines still get their numbers by counting."""
    _, scan = read
    pages = {scan.page_of(w.line) for w in scan.warnings}
    assert pages and None not in pages
    assert {p for p, _ in scan.confidence().weakest(len(pages))} == pages


def test_only_the_scanned_page_of_a_pdf_with_text_is_read_by_ocr(scans):
    mixed = parse(scans["mixed"], ocr=True)
    assert not [w for w in mixed.warnings if "has no text" in w.message]
    recognised = {mixed.page_of(n) for n in range(1, mixed.line_count + 1) if mixed.recognised(n) is not None}
    assert recognised == {3}
    assert len(mixed.resolutions) == 27


def test_check_ocr_prints_the_confidence_and_json_carries_it(scans):
    result = runner.invoke(app, ["check", "--ocr", str(scans["mixed"]), "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    (record,) = json.loads(result.stdout)
    assert 0 < record["confidence"]["document"] <= 1


def test_without_ocrmypdf_ocr_is_one_clear_line(monkeypatch, scans):
    import builtins

    real = builtins.__import__

    def no_ocrmypdf(name, *args, **kwargs):
        if name.startswith("ocrmypdf"):
            raise ImportError(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_ocrmypdf)
    with pytest.raises(SetupError, match="needs OCRmyPDF"):
        ocr.recognise(scans["scan"].read_bytes(), "scan.pdf", [1])


def _row(*words: tuple[str, float]) -> Row:
    """A row of words at x positions, 10 points high."""
    return Row(1, [Word(t, x, x + 6 * len(t) * (0.7 if t == "-" else 1), 0, 10, 10,
                        tuple((x + 6 * i, x + 6 * i + 6, 10) for i in range(len(t)))) for t, x in words], 842)


@pytest.mark.parametrize(("read_as", "meant"), [
    ([("nach", 0), ("8", 30), ("24", 40), ("AufenthG", 60)], "nach § 24 AufenthG"),
    ([("der", 0), ("88", 30), ("25a", 50)], "der §§ 25a"),
    ([("in", 0), ("89", 20), ("BeschV", 40)], "in § 9 BeschV"),
    ([("Ausbildung.", 0), ("3l", 500)], "Ausbildung. 31"),
    ([("leben", 0), ("-", 40), ("zusammen", 50)], "leben – zusammen"),
    ([("«", 0), ("Ein", 10), ("Plan", 40)], "• Ein Plan"),
    ([("des", 0), ("AsyIG", 30)], "des AsylG"),
    ([("im", 0), ("SGB", 20), ("Il,", 50)], "im SGB II,"),
    ([("8", 0), ("Wochen", 10)], "8 Wochen"),  # no section number after it: a number
    ([("1989", 0), ("BeschV", 40)], "1989 BeschV"),  # a year, not "§ 989"
])
def test_ocrs_known_misreadings_are_put_right_from_the_words_around_them(read_as, meant):
    (row,) = ocr.corrected([_row(*read_as)])
    assert row.text == meant


def test_a_short_hyphen_stays_a_hyphen():
    """The box tells a dash from a hyphen: a narrow one stays."""
    row = Row(1, [Word("a", 0, 6, 0, 10, 10, ((0, 6, 10),)), Word("-", 10, 12.5, 0, 10, 10, ((10, 12.5, 10),)),
                  Word("b", 20, 26, 0, 10, 10, ((20, 26, 10),))], 842)
    assert ocr.corrected([row])[0].text == "a - b"

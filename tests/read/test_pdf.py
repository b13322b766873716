"""PDF input: the test documents laid out as the published PDFs (tests/pdfdocs.py) read
into the same records as their text files, with pages; bad PDFs fail cleanly."""

import json

import pytest
from pdfdocs import BUNDLED, DATA, PdfLine, make_pdf, pdf_2014, pdf_2025
from rdflib import Literal, URIRef
from typer.testing import CliRunner

from intmk_graph.cli import app
from intmk_graph.namespaces import INTMK
from intmk_graph.pipeline import build, parse
from intmk_graph.publish.exports import union_graph

runner = CliRunner()
TOP = "https://w3id.org/intmk-graph/data/conference/20/top/"


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pdf")
    return {"2025": pdf_2025(folder / "intmk-20-2025-goettingen.pdf"),
            "2014": pdf_2014(folder / "bn-2014-wernigerode.pdf")}


def records(path) -> list[dict]:
    result = runner.invoke(app, ["resolutions", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def without_source(value, numbered=True):
    """A record without what depends on the file's own line numbering: its source, and
    the source lines (the line of a finding without an official line is its source line;
    in a document without line numbers, every line is)."""
    if isinstance(value, list):
        return [without_source(v, numbered) for v in value]
    if isinstance(value, dict):
        where = value.get("where")
        untied = not numbered or (isinstance(where, dict) and where.get("line") is None)
        return {k: without_source(v, numbered) for k, v in value.items()
                if k not in ("source", "source_line") and not (k == "line" and untied)}
    return value


def test_the_2025_pdf_gives_the_records_of_the_text_file(pdfs):
    from_pdf, from_text = records(pdfs["2025"]), records(BUNDLED)
    assert len(from_pdf) == 27
    assert without_source(from_pdf) == without_source(from_text)


def test_pages_and_lines_on_the_page(pdfs):
    c = parse(pdfs["2025"])
    assert (c.encoding, c.layout.family, c.warnings) == ("pdf", "beschluesse", ())
    top = {r.key: r for r in c.resolutions}["6.5"]
    assert (c.pages[top.first_line - 1], c.pages[top.last_line - 1]) == ((34, 25), (35, 12))
    citation = c.content["6.5"].citations[0]
    assert (citation.text, citation.place.official_line) == ("§ 104c AufenthG", 3)
    assert c.pages[citation.place.source_line - 1] == (34, 31)
    record = next(r for r in records(pdfs["2025"]) if r["id"] == "6.5")
    assert (record["source"]["first_page"], record["source"]["last_page"]) == (34, 35)
    graph = union_graph(build([pdfs["2025"]]).dataset)
    assert graph.value(URIRef(TOP + "6.5"), INTMK.page) == Literal(34)
    assert graph.value(URIRef(TOP + "6.5/citation/1"), INTMK.page) == Literal(34)
    assert graph.value(URIRef(TOP + "6.5/citation/1"), INTMK.lineOnPage) == Literal(31)


def test_the_official_line_numbers_come_from_the_margin(pdfs):
    c = parse(pdfs["2025"])
    first = {r.key: r for r in c.resolutions}["1.2"].paragraphs[0].text
    # the text file glues numbers on; the PDF has them in their own column
    assert first.official_lines == (1, 3)
    assert first.text.startswith("Die für Integration zuständigen Ministerinnen und Minister, Senatorinnen und")


def test_an_other_year_pdf(pdfs):
    from_pdf, from_text = records(pdfs["2014"]), records(DATA / "years" / "bn-2014-wernigerode.txt")
    assert without_source(from_pdf, numbered=False) == without_source(from_text, numbered=False)
    result = runner.invoke(app, ["conferences", str(pdfs["2014"]), "--format", "json"])
    (conf,) = json.loads(result.stdout)
    assert (conf["number"], conf["start"], conf["end"], conf["place"], conf["chair"]) == (
        "9", "2014-05-07", "2014-05-08", "Wernigerode", "Sachsen-Anhalt")
    assert [(e["id"], e["page"]) for e in conf["agenda"]] == [
        ("1", None), ("1.1", 2), ("2", None), ("2.1", 3), ("2.2", 4), ("3", None), ("3.1", 5)]
    assert conf["lines"]["reported"] == 0 and conf["warnings"] == []


def test_pdf_and_text_mixed_in_one_build(pdfs, tmp_path):
    result = runner.invoke(app, ["build", str(pdfs["2025"]), str(DATA / "years" / "ep-2016-erfurt.txt"),
                                 "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "30 resolutions" in result.output


def test_a_pdf_is_known_by_its_content_not_its_name(pdfs, tmp_path):
    disguised = tmp_path / "beschluesse.txt"
    disguised.write_bytes(pdfs["2014"].read_bytes())
    assert parse(disguised).encoding == "pdf"


# ---------------------------------------------------------------- bad PDFs


def fails(path) -> str:
    result = runner.invoke(app, ["resolutions", str(path)])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    (line,) = [l for l in result.output.splitlines() if l.strip()]
    return line


def test_a_scan_without_text_layer(tmp_path):
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "scan.pdf"
    canvas = Canvas(str(path), invariant=1)
    canvas.rect(50, 50, 400, 600, fill=1)  # a page with a picture and no text
    canvas.showPage()
    canvas.save()
    assert "scan.pdf: no text layer on any page (a scan?); read it with --ocr" in fails(path)


def test_an_encrypted_pdf(tmp_path):
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "locked.pdf"
    canvas = Canvas(str(path), invariant=1, encrypt="secret")
    canvas.drawString(100, 700, "TOP 1.1")
    canvas.showPage()
    canvas.save()
    assert "locked.pdf: the PDF is encrypted; expected a PDF that opens without a password" in fails(path)


def test_a_truncated_pdf(pdfs, tmp_path):
    path = tmp_path / "cut.pdf"
    path.write_bytes(pdfs["2014"].read_bytes()[:3000])
    assert "cut.pdf: not a readable PDF" in fails(path)


def test_a_pdf_of_something_else(tmp_path):
    path = make_pdf([PdfLine("Einladung zum Sommerfest"), PdfLine("Wir grillen am Freitag.")],
                    tmp_path / "fest.pdf", header=[])
    assert "fest.pdf:1: not a resolution document" in fails(path)


def test_a_pdf_without_pages(tmp_path):
    path = tmp_path / "empty.pdf"
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]
    body, offsets = b"%PDF-1.4\n", []
    for i, obj in enumerate(objects, start=1):
        offsets.append(len(body))
        body += b"%d 0 obj\n" % i + obj + b"\nendobj\n"
    xref = len(body)
    body += b"xref\n0 3\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    body += b"trailer\n<< /Size 3 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref
    path.write_bytes(body)
    assert "empty.pdf: the PDF has no pages" in fails(path)


def test_a_blank_page_in_a_good_pdf_is_a_warning(pdfs, tmp_path):
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdfs["2014"]))
    doc.new_page(595, 842)  # an empty last page
    path = tmp_path / "with-blank.pdf"
    doc.save(str(path))
    doc.close()
    result = runner.invoke(app, ["resolutions", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)) == 4
    assert f"warning: {path}: page 3 has no text; expected text on every page (a scanned page? read it with --ocr)" in result.stderr


def test_the_graph_page_tooltips_name_the_page(pdfs):
    from intmk_graph.publish.page_data import graph_data

    data = graph_data(union_graph(build([pdfs["2025"]]).dataset))
    tips = {n["id"]: n["tip"] for n in data["nodes"]}
    assert tips[TOP + "6.5"][-1].startswith("p. 34, source lines")
    assert tips[TOP + "6.5/p/1"][-1] == "p. 34, lines 1–5"  # Ziffer 1 of TOP 6.5: official lines 1 to 5


def test_line_numbers_in_the_left_margin(tmp_path):
    """Word processors number lines on the left: the same records."""
    from pdfdocs import lines_of

    path = make_pdf(lines_of(BUNDLED), tmp_path / "left.pdf", ["20. Integrationsministerkonferenz 2025"],
                    numbers_left=True)
    assert without_source(records(path)) == without_source(records(BUNDLED))

"""PDFs from other producers than reportlab: LibreOffice Writer, numbering the lines
itself (every line and every 5th, left, right, and on alternating sides), and Chromium
printing an HTML page. Each gives the records of its text file field for field, and its
self-checks stay quiet."""

import json

import pytest
from pdfdocs import BUNDLED, DATA, chromium_pdf, lines_of, pdf_tables, writer_pdf
from test_pdf import records, runner, without_source

from intmk_graph.cli import app
from intmk_graph.pipeline import parse

HEADER_2025 = ["20. Integrationsministerkonferenz 2025", "Hauptkonferenz am 23. – 24. April 2025 in Göttingen"]
YEAR_2014 = DATA / "years" / "bn-2014-wernigerode.txt"
HEADER_2014 = ["9. Integrationsministerkonferenz am 7./8. Mai 2014 in Wernigerode"]

PRODUCERS = {
    "writer-every-line-left": lambda out: writer_pdf(lines_of(BUNDLED), out, HEADER_2025),
    "writer-every-5th-left": lambda out: writer_pdf(lines_of(BUNDLED), out, HEADER_2025, increment=5),
    "writer-every-line-right": lambda out: writer_pdf(lines_of(BUNDLED), out, HEADER_2025, position="right"),
    "writer-outer-mirrored": lambda out: writer_pdf(lines_of(BUNDLED), out, HEADER_2025, position="outer"),
    "writer-every-5th-inner": lambda out: writer_pdf(lines_of(BUNDLED), out, HEADER_2025, increment=5,
                                                     position="inner"),
    "chromium": lambda out: chromium_pdf(lines_of(BUNDLED), out, HEADER_2025),
    "writer-2014": lambda out: writer_pdf(lines_of(YEAR_2014), out, HEADER_2014, footer="Seite | {page}"),
    "chromium-2014": lambda out: chromium_pdf(lines_of(YEAR_2014), out, HEADER_2014),
    # a vote table, footnotes (raised marks; one page's notes after the next item began)
    # and an annex table on a page turned by /Rotate 90
    "reportlab-tables": pdf_tables,
}
TABLES = DATA / "years" / "bn-2019-tables.txt"


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    folder = tmp_path_factory.mktemp("producers")
    return {name: make(folder / f"{name}.pdf") for name, make in PRODUCERS.items()}


@pytest.fixture(scope="module")
def expected():
    return {"2025": without_source(records(BUNDLED)), "2014": without_source(records(YEAR_2014), numbered=False),
            "tables": without_source(records(TABLES), numbered=False)}


def _source(name: str) -> str:
    return "2014" if name.endswith("2014") else "tables" if name.endswith("tables") else "2025"


@pytest.mark.parametrize("name", PRODUCERS)
def test_each_producers_pdf_gives_the_text_files_records(made, expected, name):
    year = _source(name)
    got = records(made[name])
    assert without_source(got, numbered=year == "2025") == expected[year]
    assert parse(made[name]).warnings == ()


def test_the_turned_page_and_the_footnotes_are_read_as_printed(made):
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(made["reportlab-tables"]))
    assert [doc[i].get_rotation() for i in range(len(doc))] == [0, 90]
    c = parse(made["reportlab-tables"])
    two, annex = c.resolutions
    # the notes stand at the foot of page 1 after TOP 2.2 began: they are 2.1's by their marks
    assert [(f.mark, c.page_of(f.text.spans[0].source_line)) for f in two.footnotes] == [("¹", 1), ("²", 1)]
    assert annex.footnotes == () and "Verwaltung¹ zu erhöhen" in two.paragraphs[0].text.text
    assert annex.paragraphs[-1].text.text.endswith("Nordrhein-Westfalen 61.300 55.900 -9 % Sachsen 6.200 5.400 -13 % "
                                                   "Quelle: BAMF, Integrationskursgeschäftsstatistik")
    assert c.page_of(annex.last_line) == 2


def test_the_producers_are_who_they_say(made):
    """The PDFs really come from Writer and Chromium (their own producer strings)."""
    import pypdfium2 as pdfium

    producers = {name: pdfium.PdfDocument(str(path)).get_metadata_dict().get("Producer", "") for name, path in made.items()}
    assert all("LibreOffice" in p for n, p in producers.items() if n.startswith("writer")), producers
    assert all("Skia" in p for n, p in producers.items() if n.startswith("chromium")), producers
    assert all("ReportLab" in p for n, p in producers.items() if n.startswith("reportlab")), producers


def test_check_passes_on_every_producers_pdf(made):
    """Every line understood, no warning, and full confidence on every page."""
    for name, path in made.items():
        result = runner.invoke(app, ["check", str(path)])
        assert result.exit_code == 0 and "warning" not in result.output, (name, result.output)
        assert "0 reported (100.0 % understood)" in result.output and "every page checks out" in result.output, name
        (report,) = json.loads(runner.invoke(app, ["check", str(path), "--format", "json"]).stdout)
        assert report["confidence"]["document"] == 1.0 and report["reports"] == [], name
        assert {p["confidence"] for p in report["confidence"]["pages"]} == {1.0}, name

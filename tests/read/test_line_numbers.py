"""Official line numbers found by their sequence and position, however a producer
prints them: touching the text, on every 5th line, counted on each page or through the
document, in the left or right margin or alternating; and where a numbering breaks,
a warning names the page."""

import re

import pytest
from pdfdocs import BUNDLED, Numbers, lines_of, make_pdf
from test_pdf import records, without_source

from intmk_graph.pipeline import parse

HEADER = ["20. Integrationsministerkonferenz 2025", "Hauptkonferenz am 23. – 24. April 2025 in Göttingen"]


@pytest.fixture(scope="module")
def text_records():
    return records(BUNDLED)


def pdf(tmp_path, numbers: Numbers, lines=None):
    return make_pdf(lines or lines_of(BUNDLED), tmp_path / "numbered.pdf", HEADER, numbers=numbers)


@pytest.mark.parametrize("numbers", [
    Numbers(touching=frozenset(range(1, 40, 3))),  # every third page: "Ausbildung.52" in the extraction
    Numbers(every=5),
    Numbers(side="mirrored"),
    Numbers(side="left", every=5),
    Numbers(side="mirrored", touching=frozenset(range(1, 40, 2))),
], ids=["touching", "every-5th", "mirrored", "left-every-5th", "mirrored-touching"])
def test_every_form_of_numbering_gives_the_text_files_records(tmp_path, text_records, numbers):
    path = pdf(tmp_path, numbers)
    assert parse(path).warnings == ()
    assert without_source(records(path)) == without_source(text_records)


def test_a_number_touching_the_text_is_never_part_of_it(tmp_path):
    """The producer of the bug report, on every page: no word has a line number glued to
    it ("Ausbildung.52", "wur-54"), and TOP 2.1.b keeps its law, demand and programmes."""
    glued = re.compile(r"[^\W\d]\.?-?\d{1,3}\b")

    def texts(collection):
        return {r.key: " ".join(p.text.text for p in r.paragraphs) for r in collection.resolutions}

    from_pdf = parse(pdf(tmp_path, Numbers(touching=frozenset(range(1, 40)))))
    from_text = parse(BUNDLED)
    assert texts(from_pdf) == texts(from_text)
    assert sorted(glued.findall(" ".join(texts(from_pdf).values()))) == sorted(
        glued.findall(" ".join(texts(from_text).values())))
    b = from_pdf.content["2.1.b"]
    assert (len(b.citations), len(b.demands), len(b.programmes)) == (
        len(from_text.content["2.1.b"].citations), len(from_text.content["2.1.b"].demands),
        len(from_text.content["2.1.b"].programmes)) and b.demands


@pytest.mark.parametrize("count", ["page", "through"])
def test_numbering_per_page_or_through_the_document(tmp_path, text_records, count):
    """The records are the text file's but for the line numbers, which are the printed ones."""
    path = pdf(tmp_path, Numbers(count=count))
    collection = parse(path)
    assert collection.warnings == ()
    assert without_source(records(path), numbered=False) == without_source(text_records, numbered=False)
    firsts = [lines[0] for r in collection.resolutions if r.paragraphs and (lines := r.paragraphs[0].text.official_lines)]
    if count == "through":  # the count runs on from one resolution to the next
        assert firsts == sorted(firsts) and firsts[-1] > 1000
    else:  # a resolution beginning mid-page starts with the page's count, never past a page's lines
        assert sum(first > 1 for first in firsts) > 10 and max(firsts) < 48


def test_a_lost_number_a_skip_and_a_repeat_are_named_with_their_page(tmp_path):
    lines = lines_of(BUNDLED)
    numbered = [line for line in lines if line.official is not None]
    numbered[100].official = None  # a line whose number is lost
    numbered[200].official += 1  # a skip: ..., 4, 6, 6, 7
    numbered[300].official -= 1  # a repeat: ..., 4, 4, 6
    warnings = [w.message for w in parse(pdf(tmp_path, Numbers(), lines)).warnings]
    # each planted break is named where the count leaves the sequence and where it comes back
    assert len(warnings) == 5, warnings
    assert sum("no line number on this line, where" in w for w in warnings) == 1
    assert sum("skip from" in w for w in warnings) == 2  # 193 -> 195 (the skip), 95 -> 97 (after the repeat)
    assert sum("repeats or goes back" in w for w in warnings) == 2  # 195 again (after the skip), 95 again
    assert all(w.startswith("page ") for w in warnings)

"""The reader's fast paths give exactly what the plain patterns give: labels tried where
an automaton says, ellipses searched near their junctions, dates found from their first
character."""

from __future__ import annotations

from helpers import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from intmk_graph.pipeline import parse
from intmk_graph.vocab import laender
from intmk_graph.vocab.lexicon import bodies, laws, programmes

LEXICONS = (laws(), bodies(), programmes(), laender().lexicon)


def _plain(lexicon, text):
    return [(m.start(), m.end(), m.lastgroup) for m in lexicon._pattern.finditer(text)]


def _fast(lexicon, text):
    return [(m.start(), m.end(), m.lastgroup) for m in lexicon._matches(text)]


def test_every_text_of_the_real_document_matches_as_the_pattern_alone():
    collection = parse(ROOT / "data" / "intmk-20-2025-goettingen.txt")
    texts = [t.text for r in collection.resolutions
             for t in (r.title, *(p.text for p in r.paragraphs), *(n.text for n in r.protocol_notes))]
    found = 0
    for lexicon in LEXICONS:
        for text in texts:
            assert _fast(lexicon, text) == _plain(lexicon, text), text[:80]
            found += len(_fast(lexicon, text))
    assert found > 300  # the document names laws, bodies, programmes and Länder throughout


_LABELS = sorted({form for lexicon in LEXICONS for form in
                  (e.label for e in lexicon.entries.values())} | {"BAMF", "AufenthG", "EU", "Bundes", "İstanbul"})
_PIECE = st.one_of(st.sampled_from(_LABELS), st.sampled_from(["-", ".", " ", "s ", "es", "n ", "(", ")", "§ 24 ", "und ",
                                                              "x", "Ä", "ß", "\u2011", "İ", "\n"]))


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECE, max_size=14))
def test_any_text_matches_as_the_pattern_alone(pieces):
    text = "".join(pieces)
    for lexicon in LEXICONS:
        assert _fast(lexicon, text) == _plain(lexicon, text)


_ELLIPTIC = st.sampled_from(["Integrations-", "Berufssprach-", "Asyl-", "Aus-", "-", ",", " ", "  ", "und", "sowie",
                             "oder", "bzw.", "Aufenthaltsgesetzes", "kurse", "Weiterbildung", "x" * 30, "1", "\n",
                             "Integrations-, " * 12])


@settings(max_examples=500, deadline=None)
@given(st.lists(_ELLIPTIC, max_size=30))
def test_ellipses_are_found_as_a_full_scan_finds_them(pieces):
    from intmk_graph.vocab.labels import _ELLIPSIS, ellipses

    text = " ".join(pieces)
    assert [m.span() for m in ellipses(text)] == [m.span() for m in _ELLIPSIS.finditer(text)]
    long_group = "Integrations-, " * 40 + "Berufssprach- sowie Erstorientierungskurse"  # past the window
    assert [m.span() for m in ellipses(long_group)] == [m.span() for m in _ELLIPSIS.finditer(long_group)]


def _dates_plainly(text):
    """Dates as the patterns found them before they began with their first character."""
    import re
    from datetime import date

    from intmk_graph.extract.mentions import _patterns

    months = _patterns().months
    alt = "|".join(months)
    day = re.compile(rf"(?<!\d)(?:(\d{{1,2}})\.\s?(\d{{1,2}})\.\s?(\d{{4}})|(\d{{1,2}})\.\s+({alt})\s+(\d{{4}}))(?!\d)")
    month = re.compile(rf"(?<![\d.]\s)\b({alt})\s+(\d{{4}})(?!\d)")
    found, taken = [], []
    for m in day.finditer(text):
        if m.group(1):
            d, mo, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
        else:
            d, mo, y = int(m.group(4)), months.index(m.group(5)) + 1, int(m.group(6))
        try:
            value = date(y, mo, d)
        except ValueError:
            continue
        found.append(((m.start(), m.end()), value))
        taken.append((m.start(), m.end()))
    for m in month.finditer(text):
        if not any(s <= m.start() < e for s, e in taken):
            found.append(((m.start(), m.end()), (int(m.group(2)), months.index(m.group(1)) + 1)))
    return sorted(found, key=lambda f: f[0][0])


_DATE_PIECE = st.sampled_from(["1", "12", "123", "5.", ".", " ", "Mai", "Juli", "März", "2025", "20245", "x", "X", "/",
                               "31.02.", "10.05.2023", "\n", "–", "am "])


@settings(max_examples=500, deadline=None)
@given(st.lists(_DATE_PIECE, max_size=16))
def test_dates_are_found_as_the_plain_patterns_find_them(pieces):
    from intmk_graph.extract.mentions import dates

    for text in ("".join(pieces), " ".join(pieces)):
        assert [((s.start, s.end), v) for s, v in dates(text)] == _dates_plainly(text)


_REFERENCE_PIECE = st.sampled_from(["19.", "19", ".", " ", "IntMK", "ASMK", "TOP 4.1", "der", "Sondersitzung der",
                                    "Beschluss", "der IntMK", "vom", "am", "5./6. Mai 2015", "12.11.2015", "(TOP 3.1)",
                                    "unter TOP 6.2", "1234.", "x", "-"])


@settings(max_examples=400, deadline=None)
@given(st.lists(_REFERENCE_PIECE, max_size=12))
def test_references_are_found_as_without_the_gates(pieces):
    import re

    from intmk_graph.extract import mentions

    gated = mentions._patterns()
    ungated = gated._replace(numbered_core=re.compile(""), own_dated_core=re.compile(""))
    text = " ".join(pieces)
    with_gates = mentions.references(text, [], [])
    try:
        original = mentions._patterns
        mentions._patterns = lambda: ungated
        without = mentions.references(text, [], [])
    finally:
        mentions._patterns = original
    assert with_gates == without


def _anchored(lexicon):
    """The pattern for whole labels as it was compiled on its own: the alternation anchored."""
    import re

    core = lexicon._pattern.pattern.removeprefix(r"(?<![\w.-])").removesuffix(r"(?![\w])")
    return re.compile(core + "$")


_WHOLE = st.one_of(st.sampled_from(_LABELS), st.sampled_from(["s", "es", "n", "e", " ", "-", ".", "x", "ß", "İ"]))


@settings(max_examples=400, deadline=None)
@given(st.lists(_WHOLE, min_size=1, max_size=4))
def test_a_whole_label_is_what_the_anchored_alternation_matches(pieces):
    text = "".join(pieces)
    for lexicon in LEXICONS:
        plain = _anchored(lexicon).match(text)
        fast = lexicon._whole(text)
        assert (fast and (fast.end(), fast.lastgroup)) == (plain and (plain.end(), plain.lastgroup)), text


def test_every_label_and_its_inflections_resolve_as_before():
    for lexicon in LEXICONS:
        anchored = _anchored(lexicon)
        for entry in lexicon.entries.values():
            for form in (entry.label, entry.label + "s", entry.label + "es", entry.label.lower(), entry.abbr or ""):
                plain, fast = anchored.match(form), lexicon._whole(form)
                assert (fast and fast.lastgroup) == (plain and plain.lastgroup), form
            assert lexicon.resolve(entry.label) == entry


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from("0123456789٣ ab-."), max_size=12))
def test_a_trailing_line_number_is_what_the_pattern_finds(text):
    import re

    from intmk_graph.read.layout import _trailing_number

    m = re.match(r"^(?P<text>.*?)(?<!\d)(?P<n>\d{1,4})$", text)
    assert _trailing_number(text) == ((m["text"], int(m["n"])) if m else (text, None))

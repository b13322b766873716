"""Layout repair: rules on examples from the document, and properties that hold for any text."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from intmk_graph.read.layout import (
    Line,
    NumberedLine,
    classify,
    join_lines,
    strip_line_numbers,
)
from intmk_graph.read.sources import SourceLine


def joined(*texts: str) -> str:
    return join_lines([NumberedLine(i, t, None) for i, t in enumerate(texts, 1)]).text


@pytest.mark.parametrize(
    "lines, expected",
    [
        (("Berufsfor-", "schung"), "Berufsforschung"),
        (("Aus-", "und Weiterbildung"), "Aus- und Weiterbildung"),
        (("Nordrhein-", "Westfalen"), "Nordrhein-Westfalen"),
        (("Nord-", "rhein-Westfalen"), "Nordrhein-Westfalen"),
        (("Rhein-", "land-Pfalz"), "Rheinland-Pfalz"),
        (("mit non-", "formalen"), "mit non-formalen"),
        (("Berufsbildungsvalidierungs-", "und -digitalisierungsgesetz"),
         "Berufsbildungsvalidierungs- und -digitalisierungsgesetz"),
        (("Ausländerbehörden entlasten -", "Integration"), "Ausländerbehörden entlasten - Integration"),
        (("MPK-Be-", "schluss"), "MPK-Beschluss"),
        (("Sachsen-An-", "halt"), "Sachsen-Anhalt"),
        (("Fachkräftesicherung und -gewin-", "nung"), "Fachkräftesicherung und -gewinnung"),
        (("Integrations‐", "und"), "Integrations‐ und"),
    ],
)
def test_hyphen_rules(lines, expected):
    assert joined(*lines) == expected


def test_spans_point_back_to_lines():
    text = join_lines([NumberedLine(10, "Institut für Berufsfor-", 7), NumberedLine(12, "schung (IAB)", 8)])
    offset = text.text.index("(IAB)")
    assert text.span_at(offset).source_line == 12
    assert text.span_at(offset).official_line == 8
    assert text.span_at(0).source_line == 10


def test_furniture_is_recognised_but_numbered_text_is_not():
    lines = classify(
        [
            SourceLine(1, "20. Integrationsministerkonferenz 2025"),
            SourceLine(2, " Hauptkonferenz am 23. – 24. April 2025 in Göttingen "),
            SourceLine(3, "22. IntMK 2027 einen aktualisierten Bericht vor- 69"),
            SourceLine(4, "file://UXENSVR/%7BFD34A37F%7D/EXT/3T/14.%20Bericht"),
            SourceLine(5, "Seite | 3"),
            SourceLine(6, "- 4 -"),
        ]
    )
    assert [l.kind for l in lines] == [
        "conference_header", "meeting_header", "content", "link", "page_number", "page_number",
    ]


words = st.text(alphabet="abcdefghijklmnopqrstuvwxyzäöüßABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÜ", min_size=1, max_size=12)
tokens = st.one_of(words, st.integers(0, 3000).map(str), st.sampled_from(["§", "(IAB)", "z.", "-", "und", "Aus-"]))
line_texts = st.lists(tokens, min_size=1, max_size=9).map(" ".join)
hyphen_end = st.tuples(line_texts, st.booleans()).map(lambda t: t[0] + ("-" if t[1] else ""))


def letters_and_digits(text: str) -> str:
    return re.sub(r"[^0-9A-Za-zÄÖÜäöüß§().]", "", text)


@settings(max_examples=300, deadline=None)
@given(st.lists(hyphen_end, min_size=1, max_size=25), st.booleans())
def test_cleaning_loses_no_text(texts, glued):
    """Numbering lines and cleaning them gives back every letter and digit of the text."""
    raw = [
        Line(i, f"{t}{'' if glued and t.endswith('-') else ' '}{i}", "content")
        for i, t in enumerate(texts, start=1)
    ]
    numbered = strip_line_numbers(raw)
    text = join_lines(numbered)
    assert letters_and_digits(text.text) == letters_and_digits("".join(texts))
    if len(texts) >= 3:
        assert [n.official_line for n in numbered] == list(range(1, len(texts) + 1))
    # every span lies inside the text, in order, and names its line
    assert [s.source_line for s in text.spans] == [n.source_line for n in numbered if n.text]
    assert all(0 <= s.start <= s.end <= len(text.text) for s in text.spans)


@settings(max_examples=200, deadline=None)
@given(st.lists(line_texts, min_size=1, max_size=15))
def test_unnumbered_text_keeps_its_numbers(texts):
    """Without printed line numbers, trailing numbers in the text are never stripped when
    they do not run in sequence from 1."""
    raw = [Line(i, t, "content") for i, t in enumerate(texts, 1)]
    numbered = strip_line_numbers(raw)
    stripped = [n for n in numbered if n.official_line is not None]
    if stripped:
        # stripping only happens for a run 1, 2, 3, ... of at least two
        assert [n.official_line for n in stripped] == list(range(1, len(stripped) + 1))
        assert len(stripped) >= 2 or len(texts) < 3

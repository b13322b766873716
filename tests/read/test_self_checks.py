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

"""An item's text split into unnumbered text, numbered paragraphs (Ziffern, which must
count 1, 2, 3, ...) and protocol notes ("Protokollnotiz von Bayern zu Ziffer 6:")."""

from __future__ import annotations

from ..model import Paragraph, ProtocolNote, Text, VocabRef
from .diagnostics import Notes
from .lands import LandNames
from .layout import NumberedLine, join_lines
from .profiles import Profile

SENTENCE_END = tuple(".:!?;)»«“”\"'")

NoteHead = tuple[tuple[VocabRef, ...], int | None, int]  # by, paragraph, line


class BodyReader:
    """Reads item texts with one profile's forms; warnings go to ``notes``."""

    def __init__(self, rules: Profile, notes: Notes, names: LandNames):
        self.rules = rules
        self.notes = notes
        self.names = names

    def read(self, item: str, lines: list[NumberedLine]) -> tuple[list[Paragraph], list[ProtocolNote]]:
        """The paragraphs and protocol notes of one item's text; ``item``: its TOP id."""
        self._check_numbering(item, lines)
        paragraphs: list[Paragraph] = []
        notes: list[ProtocolNote] = []
        current: list[NumberedLine] = []
        current_number: int | None = None
        note_head: NoteHead | None = None
        next_ziffer = 1

        def flush() -> None:
            if not current:
                return
            text = join_lines(current, self.rules)
            if note_head is not None:
                by, para, line_no = note_head
                notes.append(ProtocolNote(by, para, text, line_no))
            else:
                paragraphs.append(Paragraph(current_number, text))

        for line in lines:
            if m := self.rules.match("note", line.text):
                head = self._note_head(item, m["who"], m["para"], m["tail"], line)
                if head is None:  # kept as resolution text
                    current.append(line)
                    continue
                flush()
                note_head = head
                current = [NumberedLine(line.source_line, m["tail"], line.official_line)] if m["tail"] else []
                continue
            ziffer = self.rules.match("ziffer", line.text) if note_head is None else None
            if ziffer and int(ziffer["n"]) == next_ziffer and starts_a_ziffer(current, next_ziffer):
                flush()
                current_number = next_ziffer
                next_ziffer += 1
                current = [NumberedLine(line.source_line, ziffer["text"], line.official_line)]
                continue
            current.append(line)
        if note_head is not None and not current:
            self.notes.warn(note_head[2], f"TOP {item}: protocol note without text", "the note's text")
        flush()
        return paragraphs, notes

    def _check_numbering(self, item: str, lines: list[NumberedLine]) -> None:
        """Where a text numbers its lines, the numbering runs to its end (a heading
        between may go without): where it stops early, a number glued to the text or a
        gap broke it, and the lines after it are a warning at the first of them."""
        numbered = [i for i, l in enumerate(lines) if l.official_line is not None]
        if len(numbered) < 3 or numbered[-1] == len(lines) - 1:
            return
        last, after = lines[numbered[-1]], lines[numbered[-1] + 1]
        self.notes.warn(after.source_line, f"TOP {item}: the official line numbers stop after line "
                        f"{last.official_line}, {len(lines) - numbered[-1] - 1} line(s) before the text ends",
                        "the numbering to run on (a number glued to the text or a gap breaks it)")

    def _note_head(self, item: str, who: str, para: str | None, tail: str | None,
                   line: NumberedLine) -> NoteHead | None:
        """Who gives a protocol note and on which paragraph; None (and a warning) when
        its heading names no Land."""
        who = self.rules.forms["note_who_prefix"][0].sub("", who.strip()).strip(" ()")
        by = self.names.read(Text(who, ()), "in the protocol note heading", line.source_line) if who else ()
        if not by and tail and (land := self.names.lands.find_in(tail.split(".")[0])):
            by = (land.ref,)  # "Protokollnotiz: Bayern stimmt nicht zu."
        if not by:
            self.notes.warn(line.source_line, f"TOP {item}: protocol note names no Land",
                            "'Protokollnotiz von <Land>:'; its text is kept as resolution text")
            return None
        self.notes.role(line.source_line, "note")
        return by, int(para) if para else None, line.source_line


def starts_a_ziffer(before: list[NumberedLine], number: int) -> bool:
    """``1.`` starts a numbered paragraph unless the text before it runs on
    mid-sentence: ``nehmen die Berichte des Bundes, insbesondere 1. des …`` is a list
    inside one sentence, not Ziffern."""
    if number != 1 or not before:
        return True
    last = before[-1].text.rstrip()
    return not last or last.endswith(SENTENCE_END)

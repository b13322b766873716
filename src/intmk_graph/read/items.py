"""One agenda item (TOP) read into a :class:`~intmk_graph.model.Resolution`, in named
steps: title, the header zone (sponsors, publication, vote, decision), the body
(unnumbered text, Ziffern, protocol notes). What does not fit a form is a warning and
the rest is kept."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import (
    AgendaEntry,
    Decision,
    Paragraph,
    ProtocolNote,
    Resolution,
    Text,
    VocabRef,
    Votes,
)
from ..vocab import laender
from .diagnostics import Notes
from .layout import BLANK, CONTENT, Line, NumberedLine, join_lines, strip_line_numbers
from .profiles import Profile

# "Berlin (federführend)", "Bayern*", "Hessen¹": remarks and footnote marks in sponsor lists.
_REMARK = re.compile(r"\s*\([^)]*\)")
_FOOTNOTE = re.compile(r"(?<=[a-zäöüß])(?:\d{1,2}|[*¹²³])$")
SENTENCE_END = tuple(".:!?;)»«“”\"'")


@dataclass
class Block:
    """An item's header line and the lines after it, up to the next item."""

    header: Line
    id: str
    rest: str  # what follows the id on the header line
    lines: list[Line]  # content and blank lines after the header, furniture removed

    @property
    def content(self) -> list[Line]:
        return [l for l in self.lines if l.kind == CONTENT]


class ItemReader:
    """Reads the items of one document with one profile; warnings go to ``notes``."""

    MARKERS = ("sponsors", "decision", "vote_result", "resolution_text", "publication")

    def __init__(self, rules: Profile, notes: Notes, chair: str | None = None, positional: bool = False):
        self.rules = rules
        self.positional = positional  # line numbers come from a PDF's layout
        self.notes = notes
        self.chair = chair
        self.lands = laender()
        self.lead_labels = rules.word_set("lead_motion_labels")
        self.unanimous = rules.word_set("unanimous")
        self.majority = rules.word_set("majority")
        self.untexted: list[AgendaEntry] = []  # items printed without resolution text

    def is_marker(self, text: str) -> bool:
        return any(self.rules.match(form, text) for form in self.MARKERS)

    # -- the steps ----------------------------------------------------------------

    def read(self, block: Block, position: int, occurrence: int = 1) -> Resolution | None:
        """The resolution of one item, or None when it has no text (a group heading, an
        item cut off); such an item is kept in ``untexted``."""
        lines = block.lines
        lead_motion = bool(block.rest) and block.rest.casefold() in self.lead_labels
        title_lines = [] if lead_motion or not block.rest else [Line(block.header.number, block.rest, CONTENT)]
        marker = next((i for i, l in enumerate(lines) if l.kind == CONTENT and self.is_marker(l.text)), None)
        sponsors: tuple[VocabRef, ...]
        decision: Decision | None
        votes: Votes | None
        if marker is None:
            title_lines, body_start = self._title_without_markers(block, title_lines)
            sponsors, decision, votes, last_header = (), None, None, (title_lines or [block.header])[-1].number
        else:
            title_lines += lines[:marker]
            sponsors, decision, votes, body_start, last_header = self.header_zone(block, marker)
        title, subtitle = self.title(title_lines)
        for line in title_lines:
            if line.kind == CONTENT and line.number != block.header.number:
                self.notes.role(line.number, "title")
        body = [l for l in lines[body_start:] if l.kind == CONTENT]
        body, decision, votes = self._trailing_vote(block, body, decision, votes)
        if not body:
            if marker is not None:
                self.notes.warn(
                    last_header, f"TOP {block.id} stops before its text", "the resolution text after the decision"
                )
            elif not title.text:
                self.notes.warn(
                    block.header.number,
                    f"TOP {block.id} ends right after its header",
                    "a title, sponsors, a decision and the resolution text",
                )
            # An agenda heading ("TOP 2 Integration") or an item cut off: no resolution.
            self.untexted.append(AgendaEntry(block.id, title.text, None, block.header.number))
            return None
        if not title.text:
            self.notes.warn(block.header.number, f"TOP {block.id} has no title", "a title line after the header")
        for line in body:
            self.notes.role(line.number, "text")
        paragraphs, notes = self.body(block, strip_line_numbers(body, self.positional))
        return Resolution(
            id=block.id,
            title=title,
            subtitle=subtitle,
            lead_motion=lead_motion,
            sponsors=sponsors,
            decision=decision,
            votes=votes,
            paragraphs=tuple(paragraphs),
            protocol_notes=tuple(notes),
            first_line=block.header.number,
            last_line=(body or title_lines or [block.header])[-1].number,
            position=position,
            occurrence=occurrence,
        )

    def _trailing_vote(self, block: Block, body: list[Line], decision: Decision | None,
                       votes: Votes | None) -> tuple[list[Line], Decision | None, Votes | None]:
        """Some minutes give the vote after the text (``Abstimmungsergebnis: 15:1:0``
        below the resolution): read it, and keep it out of the text."""
        kept: list[Line] = []
        for line in body:
            m = self.rules.match("vote_result", line.text)
            if m is None:
                kept.append(line)
                continue
            decision, found = self.decision_of(m["rest"], block, line, fallback=decision)
            votes = found or votes
            self.notes.role(line.number, "decision")
        return kept, decision, votes

    def _title_without_markers(self, block: Block, title_lines: list[Line]) -> tuple[list[Line], int]:
        """No sponsors and no decision (TOP A, reports): the title is the first group of
        lines, unless the header line already carried it; the rest is the text."""
        lines = block.lines
        i = 0
        if title_lines:
            return title_lines, 0
        while i < len(lines) and lines[i].kind == BLANK:
            i += 1
        start = i
        while i < len(lines) and lines[i].kind == CONTENT:
            i += 1
        if i == len(lines) and i - start > 1:
            i = start + 1  # no blank line anywhere: the first line is the title
        return list(lines[start:i]), i

    def title(self, lines: list[Line]) -> tuple[Text, Text | None]:
        """The first group of title lines is the title; later groups the subtitle."""
        groups: list[list[NumberedLine]] = [[]]
        for line in lines:
            if line.kind == BLANK:
                if groups[-1]:
                    groups.append([])
            else:
                groups[-1].append(NumberedLine(line.number, line.text, None))
        groups = [g for g in groups if g]
        if not groups:
            return Text(""), None
        title = join_lines(groups[0], self.rules)
        subtitle = join_lines([l for g in groups[1:] for l in g], self.rules) if len(groups) > 1 else None
        return title, subtitle

    def header_zone(self, block: Block,
                    start: int) -> tuple[tuple[VocabRef, ...], Decision | None, Votes | None, int, int]:
        """Sponsors, publication, vote and decision; returns where the body begins."""
        lines = block.lines
        sponsors: tuple[VocabRef, ...] = ()
        decision: Decision | None = None
        votes: Votes | None = None
        i = start
        last = lines[start]
        while i < len(lines):
            line = lines[i]
            if line.kind == BLANK:
                i += 1
                continue
            if m := self.rules.match("sponsors", line.text):
                group = [NumberedLine(line.number, m["rest"], None)]
                self.notes.role(line.number, "sponsors")
                i += 1
                while i < len(lines) and lines[i].kind == CONTENT and not self.is_marker(lines[i].text):
                    if not self._continues_sponsors(group[-1].text, lines[i].text):
                        break
                    group.append(NumberedLine(lines[i].number, lines[i].text, None))
                    self.notes.role(lines[i].number, "sponsors")
                    i += 1
                sponsors = self.lands_in(join_lines(group, self.rules), "in 'Antragsteller'")
                last = line
                continue
            if m := self.rules.match("decision", line.text):
                decision, found_votes = self.decision_of(m["how"], block, line)
                votes = found_votes or votes
            elif m := self.rules.match("vote_result", line.text):
                decision, votes = self.decision_of(m["rest"], block, line, fallback=decision)
            elif m := self.rules.match("resolution_text", line.text):
                if m["rest"]:  # text begins on the "Beschluss:" line itself
                    self.notes.role(line.number, "decision")
                    lines[i] = Line(line.number, m["rest"], CONTENT)
                    return sponsors, decision, votes, i, line.number
            elif not self.rules.match("publication", line.text):
                break  # the resolution text begins
            self.notes.role(line.number, "decision")
            last = line
            i += 1
        return sponsors, decision, votes, i, last.number

    def _continues_sponsors(self, previous: str, text: str) -> bool:
        """A sponsor list goes on after a comma, a conjunction or a broken word, or
        when the next line is itself a list of Länder."""
        if previous.rstrip().endswith((",", "-", "und", "sowie", "/")):
            return True
        if text.split(" ", 1)[0].casefold() in ("und", "sowie", ",", "/"):
            return True
        head = self.rules.forms["land_list_split"][0].split(text.strip().rstrip("."))
        return bool(head) and all(self.lands.resolve(p) for p in head if p)

    def decision_of(self, how: str, block: Block, line: Line,
                    fallback: Decision | None = None) -> tuple[Decision | None, Votes | None]:
        """The decision and vote counts in a decision or vote line; unknown words are a
        warning and the decision stays open."""
        votes = None
        for pattern in self.rules.forms["counts"]:
            if c := pattern.search(how):
                votes = Votes(int(c["yes"]), int(c["no"]), int(c["abstain"]))
                break
        words = [w.strip("(),;:.").casefold() for w in how.split()]
        if any(w in self.unanimous for w in words):
            return Decision.UNANIMOUS, votes
        if any(w in self.majority for w in words):
            return Decision.MAJORITY, votes
        if votes is not None:
            return (Decision.UNANIMOUS if votes.no == 0 and votes.abstain == 0 else Decision.MAJORITY), votes
        if fallback is None:
            self.notes.warn(
                line.number,
                f"TOP {block.id}: unknown decision {how.strip()!r}",
                "'einstimmig', 'mehrheitlich' or counts like 13:1:2",
            )
        return fallback, votes

    def lands_in(self, text: Text, where: str, line: int | None = None) -> tuple[VocabRef, ...]:
        """Canonical Land names from a list like ``Berlin, Hamburg und Sachsen-Anhalt``;
        an unknown name is a warning (at ``line`` when the text has no spans) and is
        left out."""
        cleaned = text.text.strip().rstrip(".").strip()
        folded = cleaned.casefold()
        every = tuple(land.ref for land in self.lands.all)
        if folded in self.rules.word_set("all_lands"):
            return every
        for prefix in self.rules.words["all_except"]:
            if m := re.match(re.escape(prefix) + r"\s+", cleaned, re.IGNORECASE):
                left_out = self._names(cleaned[m.end() :], text, where, line)
                return tuple(n for n in every if n not in left_out)
        return self._names(cleaned, text, where, line)

    def _names(self, listed: str, text: Text, where: str, line: int | None) -> tuple[VocabRef, ...]:
        names: list[VocabRef] = []
        offset = 0
        split = self.rules.forms["land_list_split"][0]
        chair_words = self.rules.word_set("the_chair")
        articles = self.rules.word_set("land_articles")
        for part in split.split(_REMARK.sub("", listed)):
            part = _FOOTNOTE.sub("", part.strip().strip("()"))
            head, _, tail = part.partition(" ")
            if tail and head.casefold() in articles:
                part = tail  # "dem Saarland"
            if not part:
                continue
            offset = text.text.find(part, offset)
            land = self.lands.resolve(part)
            if land is None and part.casefold() in chair_words and self.chair:
                land = self.lands.by_name[self.chair]
            if land is None:
                span = text.span_at(max(offset, 0))
                self.notes.warn(
                    span.source_line if span else line,
                    f"{part!r} {where} is not a German Land",
                    "one of " + ", ".join(l.name for l in self.lands.all) + " or 'Alle Länder'",
                )
                continue
            if land.ref not in names:
                names.append(land.ref)
        return tuple(names)

    def body(self, block: Block, lines: list[NumberedLine]) -> tuple[list[Paragraph], list[ProtocolNote]]:
        """Split the text into unnumbered text, Ziffern and protocol notes."""
        paragraphs: list[Paragraph] = []
        notes: list[ProtocolNote] = []
        current: list[NumberedLine] = []
        current_number: int | None = None
        note_head: tuple[tuple[VocabRef, ...], int | None, int] | None = None
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
                who = self.rules.forms["note_who_prefix"][0].sub("", m["who"].strip()).strip(" ()")
                by = self.lands_in(Text(who, ()), "in the protocol note heading", line.source_line) if who else ()
                if not by and m["tail"] and (land := self.lands.find_in(m["tail"].split(".")[0])):
                    by = (land.ref,)  # "Protokollnotiz: Bayern stimmt nicht zu."
                if not by:
                    self.notes.warn(
                        line.source_line,
                        f"TOP {block.id}: protocol note names no Land",
                        "'Protokollnotiz von <Land>:'; its text is kept as resolution text",
                    )
                    current.append(line)
                    continue
                self.notes.role(line.source_line, "note")
                flush()
                note_head = (by, int(m["para"]) if m["para"] else None, line.source_line)
                current = [NumberedLine(line.source_line, m["tail"], line.official_line)] if m["tail"] else []
                continue
            ziffer = self.rules.match("ziffer", line.text) if note_head is None else None
            if ziffer and int(ziffer["n"]) == next_ziffer and self._starts_a_ziffer(current, next_ziffer):
                flush()
                current_number = next_ziffer
                next_ziffer += 1
                current = [NumberedLine(line.source_line, ziffer["text"], line.official_line)]
                continue
            current.append(line)
        if note_head is not None and not current:
            self.notes.warn(note_head[2], f"TOP {block.id}: protocol note without text", "the note's text")
        flush()
        return paragraphs, notes

    @staticmethod
    def _starts_a_ziffer(before: list[NumberedLine], number: int) -> bool:
        """``1.`` starts a numbered paragraph unless the text before it runs on
        mid-sentence: ``nehmen die Berichte des Bundes, insbesondere 1. des …`` is a list
        inside one sentence, not Ziffern."""
        if number != 1 or not before:
            return True
        last = before[-1].text.rstrip()
        return not last or last.endswith(SENTENCE_END)

"""One agenda item (TOP) read into a :class:`~intmk_graph.model.Resolution`: its title,
then the header zone (``header``: sponsors, publication, vote, decision), then the body
(``body``: unnumbered text, Ziffern, protocol notes). What does not fit a form is a
warning and the rest is kept."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import AgendaEntry, Decision, Footnote, LineSpan, Resolution, Text, VocabRef, Votes
from . import checks
from .body import SENTENCE_END, BodyReader
from .diagnostics import Notes
from .header import HeaderReader
from .lands import LandNames
from .layout import CONTENT, Line, NumberedLine, join_lines, strip_line_numbers
from .profiles import Profile
from .titles import item_title, untitled

# A label alone, or before the title with a colon or dash ("Leitantrag: Integration …").
_LABEL = re.compile(r"^(?P<label>[^\s:–—-]+)\s*(?:$|[:–—-]\s*(?P<rest>\S.*)$)")

__all__ = ["SENTENCE_END", "Block", "ItemReader"]


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

    def __init__(self, rules: Profile, notes: Notes, chair: str | None = None, positional: bool = False,
                 line_step: int = 1):
        self.rules = rules
        self.positional = positional  # line numbers come from a PDF's layout
        self.line_step = line_step  # sources.Decoded.line_step
        self.notes = notes
        self.names = LandNames(rules, notes)
        self.names.chair = chair
        self.header = HeaderReader(rules, notes, self.names)
        self.body = BodyReader(rules, notes, self.names)
        self.is_marker = self.header.is_marker
        self.lead_labels = rules.word_set("lead_motion_labels")
        self.untexted: list[AgendaEntry] = []  # items printed without resolution text
        self.listed: dict[str, AgendaEntry] = {}  # the table of contents' entries by id

    def read(self, block: Block, position: int, occurrence: int = 1) -> Resolution | None:
        """The resolution of one item, or None when it has no text (a group heading, an
        item cut off); such an item is kept in ``untexted``."""
        lines = block.lines
        self.header.vote_line = None
        title_lines = [Line(block.header.number, block.rest, CONTENT)] if block.rest else []
        marker = next((i for i, l in enumerate(lines) if l.kind == CONTENT and self.is_marker(l.text)), None)
        sponsors: tuple[VocabRef, ...]
        decision: Decision | None
        votes: Votes | None
        if marker is None:
            title_lines, body_start = (title_lines, 0) if title_lines else untitled(lines)
            sponsors, decision, votes, last_header = (), None, None, (title_lines or [block.header])[-1].number
        else:
            title_lines += lines[:marker]
            header = self.header.read(block.id, lines, marker)
            sponsors, decision, votes, last_header = header.sponsors, header.decision, header.votes, header.last_line
            lines = [header.opening, *lines[header.body:]] if header.opening else lines
            body_start = 0 if header.opening else header.body
        title_lines, lead_motion = self._lead_motion(title_lines, block.header.number)
        title, subtitle = item_title(title_lines, self.rules)
        if not title.text and (listed := self._listed_title(block.id)) is not None:
            title = listed  # an item printed without its title: the contents give it
        for line in title_lines:
            if line.kind == CONTENT and line.number != block.header.number:
                self.notes.role(line.number, "title")
        body = [l for l in lines[body_start:] if l.kind == CONTENT]
        body, decision, votes = self.header.trailing_vote(block.id, body, decision, votes)
        body, footnotes = self._footnotes(body)
        checks.votes(block.id, decision, votes, sponsors, self.header.vote_line or last_header, self.notes)
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
        if not title.text and not lead_motion:
            self.notes.warn(block.header.number, f"TOP {block.id} has no title",
                            "a title line after the header, or in the table of contents")
        for line in body:
            self.notes.role(line.number, "text")
        numbered = strip_line_numbers(body, self.positional, self._is_note_heading, self.line_step)
        self._check_counted(block.id, body, numbered)
        checks.stray_numbers(block.id, numbered, self.notes)
        paragraphs, notes = self.body.read(block.id, numbered)
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
            footnotes=footnotes,
        )

    def _footnotes(self, body: list[Line]) -> tuple[list[Line], tuple[Footnote, ...]]:
        """The footnotes out of the text. One stands at the foot of a page: a line that
        begins with its mark, and the lines right after it, up to the next mark or the
        page's end (where the source's lines jump over blank lines and page furniture)."""
        kept: list[Line] = []
        found: list[tuple[str, list[NumberedLine]]] = []
        last: Line | None = None  # the footnote's last line
        for line in body:
            if m := self.rules.match("footnote", line.text):
                found.append((m["mark"], [NumberedLine(line.number, m["text"], None)]))
            elif last is not None and line.number == last.number + 1 and line.official is None:
                found[-1][1].append(NumberedLine(line.number, line.text, None))
            else:
                kept.append(line)
                last = None
                continue
            self.notes.role(line.number, "footnote")
            last = line
        return kept, tuple(Footnote(mark, join_lines(lines, self.rules)) for mark, lines in found)

    def _lead_motion(self, title_lines: list[Line], header: int) -> tuple[list[Line], bool]:
        """A lead motion is marked by its label, alone ("TOP 1 Leitantrag", or on the
        line below) or before the title ("Leitantrag: Integration – Zusammenhalt …");
        the label is not the title."""
        first = next((i for i, l in enumerate(title_lines) if l.kind == CONTENT), None)
        if first is None:
            return title_lines, False
        line = title_lines[first]
        if (rest := self._after_label(line.text)) is None:
            return title_lines, False
        if line.number != header:
            self.notes.role(line.number, "title")
        kept = [line._replace(text=rest)] if rest else []
        return title_lines[:first] + kept + title_lines[first + 1 :], True

    def _after_label(self, text: str) -> str | None:
        """What follows a lead-motion label ("" for the label alone), None if none."""
        m = _LABEL.match(text)
        return (m["rest"] or "") if m and m["label"].casefold() in self.lead_labels else None

    def _listed_title(self, item: str) -> Text | None:
        """The item's title as the table of contents gives it, without a label."""
        entry = self.listed.get(item)
        if entry is None:
            return None
        text = self._after_label(entry.title)
        text = entry.title if text is None else text
        return Text(text, (LineSpan(0, len(text), entry.line, None),)) if text else None

    def _check_counted(self, item: str, body: list[Line], numbered: list[NumberedLine]) -> None:
        """Self-check: where every line prints its number, lines whose number was counted
        (not read) show where numbers were lost: OCR missed them, or they are in the text."""
        counted = [n for line, n in zip(body, numbered) if line.official is None and n.official_line is not None]
        if counted and self.positional and self.line_step == 1 and len(counted) < len(numbered) / 2:
            first, last = counted[0].official_line, counted[-1].official_line
            self.notes.warn(counted[0].source_line, f"TOP {item}: line(s) {first}–{last} print no line number "
                            f"({len(counted)} line(s); counted from the numbers around them)",
                            "a number on every line (lost in OCR, or left in the text?)")

    def _is_note_heading(self, text: str) -> bool:
        """A protocol note's heading, which a count of lines leaves out."""
        return self.rules.match("note", text) is not None

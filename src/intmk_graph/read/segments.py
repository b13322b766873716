"""Cleaned lines -> a :class:`~intmk_graph.model.Collection`: the conference, and per
agenda item (TOP) its title, sponsors, decision, numbered paragraphs and protocol notes.

Reads the 2025 layout (``TOP 1.1`` on its own line, title, ``Antragsteller:``,
``Die IntMK hat einstimmig beschlossen:``) and the variants of other years: a table of
contents, one-line ``TOP 2.1 Title`` headers, ``Abstimmungsergebnis: 13:1:2``,
``Beschluss:``, ``Protokollerklärung`` and documents without line numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..errors import DuplicateResolutionError, InputError, SponsorError, TruncatedResolutionError
from .layout import BLANK, CONTENT, Line, NumberedLine, classify, join_lines, strip_line_numbers
from ..model import (
    Collection,
    Conference,
    Decision,
    LineReport,
    Paragraph,
    ProtocolNote,
    Resolution,
    Text,
    Votes,
)
from .sources import SourceLine
from ..vocab import laender, layout_rules

TOP_HEADER = re.compile(
    r"^TOP\s+(?P<id>[A-Z]?\d+(?:\.\d+)*(?:\.?[a-z])?|[A-Z]\d*)(?=\s|$)\s*(?P<rest>.*)$"
)
SPONSORS = re.compile(r"^Antragsteller(?:in|innen)?\s*:\s*(?P<rest>.*)$")
DECISION = re.compile(
    r"^Die\s+(?:IntMK|Integrationsministerkonferenz|Konferenz)\s+hat\s+(?P<how>\w+)\s*"
    r"(?:\(\s*(?P<counts>\d+\s*:\s*\d+\s*:\s*\d+)\s*\)\s*)?beschlossen\s*:?$"
)
VOTE_RESULT = re.compile(r"^Abstimmungsergebnis\s*:\s*(?P<rest>.+)$")
COUNTS = re.compile(r"(?P<yes>\d+)\s*:\s*(?P<no>\d+)\s*:\s*(?P<abstain>\d+)")
BESCHLUSS = re.compile(r"^Beschluss\s*:\s*(?P<rest>.*)$")
PUBLICATION = re.compile(r"^Veröffentlichung\s*:\s*.*$")
NOTE = re.compile(
    r"^Protokoll(?:notiz|erklärung)(?:en)?\b\s*(?P<who>[^:]*?)"
    r"(?:\s+zu\s+(?:Ziffer|Ziff\.|Nr\.|Punkt)\s*(?P<para>\d+))?\s*:\s*(?P<tail>.*)$"
)
NOTE_WHO_PREFIX = re.compile(r"^(?:von|des\s+Landes|der\s+Länder|des|der)\s+")
ZIFFER = re.compile(r"^(?P<n>\d{1,2})\.\s+(?P<text>\S.*)$")
LAND_LIST_SPLIT = re.compile(r"\s*,\s*|\s+und\s+|\s+sowie\s+")
ALL_LANDS = {"alle länder", "alle 16 länder", "sämtliche länder"}

CONFERENCE_NUMBER = re.compile(r"(?P<n>\d+)\.\s*(?:Integrationsministerkonferenz|IntMK)\b")
MEETING_KIND = re.compile(r"\b(?P<kind>Haupt|Sonder|Vor)konferenz\b")
MEETING_WHEN_WHERE = re.compile(r"\bam\s+(?P<dates>.+?\d{4})\s+in\s+(?P<place>[^\d,]+?)\s*$")
CHAIR = re.compile(r"^Vorsitz(?:land)?\s*:\s*(?P<land>.+)$")
MONTHS = {
    m: i
    for i, m in enumerate(
        "Januar Februar März April Mai Juni Juli August September Oktober November Dezember".split(),
        start=1,
    )
}
DATE_RANGE = re.compile(
    r"^(?P<d1>\d{1,2})\.\s*(?:(?P<m1>[A-Za-zä]+)\s*(?P<y1>\d{4})?\s*)?"
    r"(?:(?:[–—-]|/|bis|und)\s*(?P<d2>\d{1,2})\.\s*)?(?P<m2>[A-Za-zä]+)\s+(?P<y2>\d{4})$"
)


def parse_dates(text: str) -> tuple[date | None, date | None]:
    """``23. – 24. April 2025`` -> (2025-04-23, 2025-04-24).

    >>> parse_dates("23. – 24. April 2025")
    (datetime.date(2025, 4, 23), datetime.date(2025, 4, 24))
    >>> parse_dates("30. April – 1. Mai 2025")
    (datetime.date(2025, 4, 30), datetime.date(2025, 5, 1))
    >>> parse_dates("27./28. April 2023")
    (datetime.date(2023, 4, 27), datetime.date(2023, 4, 28))
    """
    m = DATE_RANGE.match(text.strip())
    if not m or m["m2"] not in MONTHS:
        return None, None
    year2, month2 = int(m["y2"]), MONTHS[m["m2"]]
    if m["d2"] is None:
        if m["m1"]:  # "23. April 2025" matched with m1 as the month
            return None, None
        day = date(year2, month2, int(m["d1"]))
        return day, day
    month1 = MONTHS.get(m["m1"], month2) if m["m1"] else month2
    year1 = int(m["y1"]) if m["y1"] else year2
    return date(year1, month1, int(m["d1"])), date(year2, month2, int(m["d2"]))


def slug_for(path: str) -> str:
    """A stable identifier from a file name: ``data/intmk-20-2025.txt`` -> ``intmk-20-2025``."""
    stem = Path(path).stem.lower()
    return re.sub(r"[^a-z0-9]+", "-", stem).strip("-") or "document"


@dataclass
class _Block:
    header: Line
    id: str
    rest: str
    lines: list[Line]  # content and blank lines after the header, furniture removed


class _Reader:
    """Segments one document. Holds the file name so every error can name it."""

    def __init__(self, name: str):
        self.name = name
        self.lands = laender()
        rules = layout_rules()
        self.lead_labels = {label.casefold() for label in rules["lead_motion_labels"]}
        self.unanimous = set(rules["unanimous"])
        self.majority = set(rules["majority"])
        self.roles: dict[int, str] = {}

    # -- whole document -------------------------------------------------------------

    def read(self, source_lines: list[SourceLine]) -> Collection:
        lines = classify(source_lines)
        self.roles = {l.number: l.kind for l in lines if l.kind != CONTENT}
        furniture: dict[str, int] = {}
        reports: list[LineReport] = []
        conference = self._conference(lines)
        blocks, preamble = self._blocks(lines)
        if not blocks:
            raise InputError(
                "no resolutions found; expected agenda items starting with 'TOP <id>'", self.name, 1
            )
        for line in preamble:
            if line.kind == CONTENT and not self._is_title_page_line(line.text):
                reports.append(LineReport(line.number, line.text, "text before the first TOP"))
                self.roles[line.number] = "reported"
            elif line.kind == CONTENT:
                furniture["title_page"] = furniture.get("title_page", 0) + 1
                self.roles[line.number] = "title_page"
        for line in lines:
            if line.kind not in (CONTENT, "toc"):
                furniture[line.kind] = furniture.get(line.kind, 0) + 1
        furniture["toc"] = sum(1 for l in lines if l.kind == "toc")
        if not furniture["toc"]:
            del furniture["toc"]

        resolutions: list[Resolution] = []
        seen: dict[str, int] = {}
        for position, block in enumerate(blocks, start=1):
            if block.id in seen:
                raise DuplicateResolutionError(
                    f"TOP {block.id} appears twice (first at line {seen[block.id]}); "
                    "expected each agenda item once",
                    self.name,
                    block.header.number,
                )
            seen[block.id] = block.header.number
            resolutions.append(self._resolution(block, position))
        return Collection(
            source=self.name,
            slug=slug_for(self.name),
            conference=conference,
            resolutions=tuple(resolutions),
            furniture=dict(sorted(furniture.items())),
            reports=tuple(reports),
            line_count=len(source_lines),
            line_roles=tuple(self.roles.get(l.number, "unaccounted") for l in lines),
        )

    def _is_title_page_line(self, text: str) -> bool:
        return bool(
            CONFERENCE_NUMBER.search(text) or MEETING_WHEN_WHERE.search(text) or CHAIR.match(text)
        )

    def _conference(self, lines: list[Line]) -> Conference:
        """Number, kind, dates, place and chair from page headers or the title page."""
        number = kind = place = chair = None
        start = end = None
        first_top = next((l.number for l in lines if TOP_HEADER.match(l.text)), None)
        for line in lines:
            is_header = line.kind in ("conference_header", "meeting_header", "document_heading")
            before_items = first_top is None or line.number < first_top
            if not (is_header or (before_items and line.kind == CONTENT)):
                continue
            if number is None and (m := CONFERENCE_NUMBER.search(line.text)):
                number = int(m["n"])
            if kind is None and (m := MEETING_KIND.search(line.text)):
                kind = m["kind"] + "konferenz"
            if place is None and (m := MEETING_WHEN_WHERE.search(line.text)):
                start, end = parse_dates(m["dates"])
                place = m["place"].strip()
            if chair is None and before_items and (m := CHAIR.match(line.text)):
                land = self.lands.resolve(m["land"].strip())
                if land is None:
                    raise SponsorError(
                        f"'{m['land'].strip()}' after 'Vorsitz:' is not a German Land; "
                        "expected the name of a Land",
                        self.name,
                        line.number,
                    )
                chair = land.name
        return Conference(number, kind, start, end, place, chair)

    def _blocks(self, lines: list[Line]) -> tuple[list[_Block], list[Line]]:
        """Split at TOP headers, skipping a table of contents (its ids repeat later)."""
        blocks: list[_Block] = []
        preamble: list[Line] = []
        in_toc = False
        toc_ids: set[str] = set()
        for index, line in enumerate(lines):
            if line.kind == CONTENT and line.text.casefold().startswith("inhaltsverzeichnis"):
                in_toc = True
                lines[index] = Line(line.number, line.text, "toc")
                self.roles[line.number] = "toc"
                continue
            header = TOP_HEADER.match(line.text) if line.kind == CONTENT else None
            if in_toc:
                if header and header["id"] in toc_ids:
                    in_toc = False  # the first real item repeats the first TOC entry
                else:
                    if header:
                        toc_ids.add(header["id"])
                    if line.kind == CONTENT:
                        lines[index] = Line(line.number, line.text, "toc")
                        self.roles[line.number] = "toc"
                    continue
            if header:
                self.roles[line.number] = "header"
                blocks.append(_Block(line, header["id"], header["rest"], []))
            elif blocks:
                if line.kind in (CONTENT, BLANK):
                    blocks[-1].lines.append(line)
            else:
                preamble.append(line)
        return blocks, preamble

    # -- one agenda item --------------------------------------------------------------

    def _resolution(self, block: _Block, position: int) -> Resolution:
        lines = block.lines
        content = [l for l in lines if l.kind == CONTENT]
        if not content and not (block.rest and block.rest.casefold() not in self.lead_labels):
            raise TruncatedResolutionError(
                f"TOP {block.id} ends right after its header; expected a title, "
                "sponsors, a decision and the resolution text",
                self.name,
                block.header.number,
            )
        lead_motion = False
        title_lines: list[Line] = []
        if block.rest:
            if block.rest.casefold() in self.lead_labels:
                lead_motion = True
            else:
                title_lines.append(Line(block.header.number, block.rest, CONTENT))

        marker_index = next(
            (i for i, l in enumerate(lines) if l.kind == CONTENT and self._is_marker(l.text)), None
        )
        if marker_index is None:
            # No sponsors and no decision (TOP A, reports): the title is the first
            # group of lines, unless the header line already carried it.
            i = 0
            if not title_lines:
                while i < len(lines) and lines[i].kind == BLANK:
                    i += 1
                while i < len(lines) and lines[i].kind == CONTENT:
                    title_lines.append(lines[i])
                    i += 1
            body_start = i
            sponsors: tuple[str, ...] = ()
            decision = votes = None
            last_header_line = (title_lines[-1] if title_lines else block.header).number
        else:
            title_lines += lines[:marker_index]
            sponsors, decision, votes, body_start, last_header_line = self._header_zone(
                block, lines, marker_index
            )
        title, subtitle = self._title(title_lines)
        for line in title_lines:
            if line.kind == CONTENT and line.number != block.header.number:
                self.roles[line.number] = "title"
        if not title.text:
            raise TruncatedResolutionError(
                f"TOP {block.id} has no title; expected a title line after the header",
                self.name,
                block.header.number,
            )
        body = [l for l in lines[body_start:] if l.kind == CONTENT]
        if not body:
            raise TruncatedResolutionError(
                f"TOP {block.id} stops before its text; expected the resolution text",
                self.name,
                last_header_line,
            )
        for line in body:
            self.roles[line.number] = "text"
        paragraphs, notes = self._body(block, strip_line_numbers(body))
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
            last_line=body[-1].number,
            position=position,
        )

    def _is_marker(self, text: str) -> bool:
        return bool(
            SPONSORS.match(text)
            or DECISION.match(text)
            or VOTE_RESULT.match(text)
            or BESCHLUSS.match(text)
            or PUBLICATION.match(text)
        )

    def _title(self, lines: list[Line]) -> tuple[Text, Text | None]:
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
        title = join_lines(groups[0])
        subtitle = join_lines([l for g in groups[1:] for l in g]) if len(groups) > 1 else None
        return title, subtitle

    def _header_zone(self, block: _Block, lines: list[Line], start: int):
        """Sponsors, decision and vote counts; returns where the body begins."""
        sponsors: tuple[str, ...] = ()
        decision: Decision | None = None
        votes: Votes | None = None
        i = start
        last = lines[start]
        while i < len(lines):
            line = lines[i]
            if line.kind == BLANK:
                i += 1
                continue
            if m := SPONSORS.match(line.text):
                group = [NumberedLine(line.number, m["rest"], None)]
                self.roles[line.number] = "sponsors"
                i += 1
                while (
                    i < len(lines) and lines[i].kind == CONTENT and not self._is_marker(lines[i].text)
                ):
                    group.append(NumberedLine(lines[i].number, lines[i].text, None))
                    self.roles[lines[i].number] = "sponsors"
                    i += 1
                sponsors = self._lands(join_lines(group), "in 'Antragsteller'")
                last = line
                continue
            if m := DECISION.match(line.text):
                decision = self._decision_word(m["how"], block, line)
                if m["counts"]:
                    votes = self._votes(m["counts"])
            elif m := VOTE_RESULT.match(line.text):
                if c := COUNTS.search(m["rest"]):
                    votes = self._votes(c.group(0))
                word = m["rest"].split()[0].strip("(,;").casefold()
                if word in self.unanimous or word in self.majority:
                    decision = self._decision_word(word, block, line)
                elif votes is not None:
                    decision = (
                        Decision.UNANIMOUS if votes.no == 0 and votes.abstain == 0 else Decision.MAJORITY
                    )
                else:
                    raise InputError(
                        f"cannot read the vote result '{m['rest']}'; expected 'einstimmig', "
                        "'mehrheitlich' or counts like 13:1:2",
                        self.name,
                        line.number,
                    )
            elif m := BESCHLUSS.match(line.text):
                if m["rest"]:  # text begins on the "Beschluss:" line itself
                    self.roles[line.number] = "decision"
                    lines[i] = Line(line.number, m["rest"], CONTENT)
                    return sponsors, decision, votes, i, line.number
            elif not PUBLICATION.match(line.text):
                break  # the resolution text begins
            self.roles[line.number] = "decision"
            last = line
            i += 1
        return sponsors, decision, votes, i, last.number

    def _decision_word(self, word: str, block: _Block, line: Line) -> Decision:
        word = word.casefold()
        if word in self.unanimous:
            return Decision.UNANIMOUS
        if word in self.majority:
            return Decision.MAJORITY
        raise InputError(
            f"TOP {block.id}: unknown decision '{word}'; expected 'einstimmig' or 'mehrheitlich'",
            self.name,
            line.number,
        )

    @staticmethod
    def _votes(counts: str) -> Votes:
        m = COUNTS.search(counts)
        return Votes(int(m["yes"]), int(m["no"]), int(m["abstain"]))

    def _lands(self, text: Text, where: str) -> tuple[str, ...]:
        """Canonical Land names from a list like ``Berlin, Hamburg und Sachsen-Anhalt``."""
        cleaned = text.text.strip().rstrip(".")
        if cleaned.casefold() in ALL_LANDS:
            return tuple(land.name for land in self.lands.all)
        names: list[str] = []
        offset = 0
        for part in LAND_LIST_SPLIT.split(cleaned):
            offset = text.text.find(part, offset)
            if not part:
                continue
            land = self.lands.resolve(part)
            if land is None:
                span = text.span_at(max(offset, 0))
                raise SponsorError(
                    f"'{part}' {where} is not a German Land; expected one of "
                    + ", ".join(l.name for l in self.lands.all)
                    + " or 'Alle Länder'",
                    self.name,
                    span.source_line if span else None,
                )
            if land.name not in names:
                names.append(land.name)
        return tuple(names)

    def _body(self, block: _Block, lines: list[NumberedLine]):
        """Split the text into unnumbered preamble, Ziffern and protocol notes."""
        paragraphs: list[Paragraph] = []
        notes: list[ProtocolNote] = []
        current: list[NumberedLine] = []
        current_number: int | None = None
        note_head: tuple[tuple[str, ...], int | None, int] | None = None
        next_ziffer = 1

        def flush():
            if not current:
                return
            text = join_lines(current)
            if note_head is not None:
                by, para, line_no = note_head
                notes.append(ProtocolNote(by, para, text, line_no))
            else:
                paragraphs.append(Paragraph(current_number, text))

        for line in lines:
            if m := NOTE.match(line.text):
                self.roles[line.source_line] = "note"
                flush()
                who = NOTE_WHO_PREFIX.sub("", m["who"].strip())
                if not who:
                    raise InputError(
                        "protocol note names no Land; expected 'Protokollnotiz von <Land>:'",
                        self.name,
                        line.source_line,
                    )
                by = self._lands(Text(who, ()), "in the protocol note heading")
                note_head = (by, int(m["para"]) if m["para"] else None, line.source_line)
                current = [NumberedLine(line.source_line, m["tail"], line.official_line)] if m["tail"] else []
                continue
            ziffer = ZIFFER.match(line.text) if note_head is None else None
            if ziffer and int(ziffer["n"]) == next_ziffer:
                flush()
                current_number = next_ziffer
                next_ziffer += 1
                current = [NumberedLine(line.source_line, ziffer["text"], line.official_line)]
                continue
            current.append(line)
        if note_head is not None and not current:
            raise TruncatedResolutionError(
                f"TOP {block.id}: protocol note without text; expected the note's text",
                self.name,
                note_head[2],
            )
        flush()
        return paragraphs, notes


def read_collection(source_lines: list[SourceLine], name: str) -> Collection:
    """Segment a document's lines into a :class:`Collection`."""
    return _Reader(name).read(source_lines)

"""The parsed model of a resolution collection: frozen dataclasses, no I/O, no RDF.

Every piece of cleaned text is a :class:`Text`, which remembers for each character
range the source-file line and the official (printed) resolution line it came from.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import NamedTuple

from .settings import Decision as Decision  # noqa: F401 (the model's; defined where the CLI can reach it cheaply)

_DIGITS = re.compile(r"(\d+)")


def natural_key(text: str) -> list[tuple[int, int, str]]:
    """Sort key that orders numbers by value: TOP 2.9 before 2.10, ``20/A3`` after ``20/4``.

    >>> sorted(["20/4.10", "20/A", "20/4.9", "20/2.1.b", "20/2.1.a"], key=natural_key)
    ['20/2.1.a', '20/2.1.b', '20/4.9', '20/4.10', '20/A']
    """
    return [(0, int(t), "") if t.isdigit() else (1, 0, t) for t in _DIGITS.split(text)]


class LineSpan(NamedTuple):  # a tuple: made for every line of a document, cheaply
    """Characters ``start:end`` of a :class:`Text` came from one source line."""

    start: int
    end: int
    source_line: int
    official_line: int | None


@dataclass(frozen=True, slots=True)
class Text:
    """Cleaned text plus a map from character offsets back to the lines it came from.

    >>> t = Text("Be handlungen", (LineSpan(0, 2, 10, 1), LineSpan(3, 13, 12, 2)))
    >>> t.source_lines, t.official_lines
    ((10, 12), (1, 2))
    >>> t.span_at(5).source_line
    12
    """

    text: str
    spans: tuple[LineSpan, ...] = ()

    def __str__(self) -> str:
        return self.text

    def span_at(self, offset: int) -> LineSpan | None:
        """The span holding character ``offset`` (or the nearest one before it)."""
        found = None
        for span in self.spans:
            if span.start <= offset:
                found = span
            else:
                break
        return found

    @property
    def source_lines(self) -> tuple[int, int] | tuple[()]:
        if not self.spans:
            return ()
        return (self.spans[0].source_line, self.spans[-1].source_line)

    @property
    def official_lines(self) -> tuple[int, int] | None:
        numbers = [s.official_line for s in self.spans if s.official_line is not None]
        return (min(numbers), max(numbers)) if numbers else None


@dataclass(frozen=True, slots=True)
class VocabRef:
    """A reference individual of the vocabularies (a law, body, programme, Land, or the
    Länder as a whole), as later stages need it: nothing has to be looked up again."""

    key: str  # "AufenthG", "BAMF", a Land's canonical name, "Länder"
    iri: str
    label: str  # German preferred label
    abbr: str | None = None  # skos:notation
    proposed: bool = False  # a law only demanded, not in force
    portal: str | None = None  # a law's folder on gesetze-im-internet.de

    def __str__(self) -> str:
        return self.key


class Procedure(str, Enum):
    """How a conference met."""

    MEETING = "meeting"
    VIDEO = "video conference"
    WRITTEN = "written procedure"  # Umlaufverfahren: no meeting, a date of decision


@dataclass(frozen=True, slots=True)
class Votes:
    yes: int
    no: int
    abstain: int


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A numbered paragraph (Ziffer), or unnumbered text when ``number`` is None."""

    number: int | None
    text: Text


@dataclass(frozen=True, slots=True)
class ProtocolNote:
    """A Land's note of dissent or reservation (Protokollnotiz / Protokollerklärung)."""

    by: tuple[VocabRef, ...]  # the Länder that gave it
    paragraph: int | None
    text: Text
    source_line: int  # the line of the note's heading

    @property
    def by_names(self) -> tuple[str, ...]:
        return tuple(land.key for land in self.by)


@dataclass(frozen=True, slots=True)
class Footnote:
    """A footnote of a resolution, by the mark it is printed with (``¹``, ``*``)."""

    mark: str
    text: Text


@dataclass(frozen=True, slots=True)
class Resolution:
    """One agenda item (TOP) with what the conference decided on it."""

    id: str
    title: Text
    subtitle: Text | None
    lead_motion: bool
    sponsors: tuple[VocabRef, ...]  # the sponsoring Länder, in document order
    decision: Decision | None
    votes: Votes | None
    paragraphs: tuple[Paragraph, ...]
    protocol_notes: tuple[ProtocolNote, ...]
    first_line: int
    last_line: int
    position: int  # 1-based order in the document
    occurrence: int = 1  # 2 for the second item printed with the same id
    footnotes: tuple[Footnote, ...] = ()

    @property
    def sponsor_names(self) -> tuple[str, ...]:
        """The sponsors' canonical names: ``("Berlin", "Hamburg", "Sachsen-Anhalt")``."""
        return tuple(land.key for land in self.sponsors)

    @property
    def key(self) -> str:
        """The id, made unique in its document: ``1.1``, and ``1.1-2`` for a duplicate."""
        return self.id if self.occurrence == 1 else f"{self.id}-{self.occurrence}"

    @property
    def numbered_paragraphs(self) -> tuple[Paragraph, ...]:
        return tuple(p for p in self.paragraphs if p.number is not None)


@dataclass(frozen=True, slots=True)
class Conference:
    """One meeting of the IntMK, e.g. the 20th main conference in Göttingen."""

    number: int | None
    kind: str | None  # Hauptkonferenz, Sonderkonferenz, ...
    start: date | None
    end: date | None
    place: str | None
    chair: VocabRef | None  # the Land chairing the conference
    procedure: Procedure | None = None
    decided: date | None = None  # the date of decision of a written procedure
    # Where the chair Land was read: "title page" (a Land, a ministry, an address), or
    # "place" (not stated: the Land of the place it met in, as the chair hosts).
    chair_from: str | None = None


@dataclass(frozen=True, slots=True)
class AgendaEntry:
    """An entry of the table of contents: an agenda item, or a group heading."""

    id: str
    title: str
    page: int | None
    line: int  # source line of the entry's id
    heading: bool = False  # a group heading without a page ("TOP 2 Integration")


@dataclass(frozen=True, slots=True)
class ReadWarning:
    """Something the reader did not understand; it went on with everything else."""

    line: int | None
    message: str  # "what was found; what was expected"


@dataclass(frozen=True, slots=True)
class LayoutUsed:
    """The layout family a document was read with, and how sure the reader was."""

    family: str
    label: str
    confidence: float  # 0..1
    forced: bool = False


@dataclass(frozen=True, slots=True)
class LineReport:
    """A source line that was neither used nor recognised as furniture."""

    line: int
    text: str
    reason: str


# The roles of a line that was used (the rest is furniture, or "reported").
USED_ROLES = frozenset({"header", "title", "sponsors", "decision", "text", "note"})
REPORTED = "reported"


@dataclass(frozen=True, slots=True)
class Collection:
    """One input document: its conference, its resolutions and its line accounting."""

    source: str  # file name as given
    slug: str  # stable identifier derived from the file name
    conference: Conference
    resolutions: tuple[Resolution, ...]
    furniture: dict[str, int] = field(default_factory=dict)  # kind -> count of lines
    reports: tuple[LineReport, ...] = ()
    line_count: int = 0
    # What became of each source line, in order: "header", "title", "sponsors",
    # "decision", "text", "note" (used); "blank", "toc", "title_page" or a furniture
    # kind (recognised); "reported". Nothing is dropped without a role.
    line_roles: tuple[str, ...] = ()
    # Resolution key -> what its text says (laws, bodies, demands, ...).
    content: dict[str, Content] = field(default_factory=dict)
    agenda: tuple[AgendaEntry, ...] = ()  # the table of contents, in order
    untexted: tuple[AgendaEntry, ...] = ()  # items printed without resolution text
    warnings: tuple[ReadWarning, ...] = ()
    layout: LayoutUsed | None = None
    encoding: str = "utf-8"  # or "pdf"
    # For a PDF: (page, line on the page) of each source line, in order.
    pages: tuple[tuple[int | None, int | None], ...] = ()
    # For a PDF read by OCR: each source line's recognition confidence (None: a text layer).
    recognition: tuple[float | None, ...] = ()

    def line_counts(self) -> dict[str, int]:
        """How many lines were used, recognised as furniture, or reported."""
        used = sum(1 for r in self.line_roles if r in USED_ROLES)
        reported = sum(1 for r in self.line_roles if r in (REPORTED, "unaccounted"))
        return {"used": used, "furniture": len(self.line_roles) - used - reported, "reported": reported}

    def confidence(self) -> Confidence:
        """How far this reading can be trusted, by its own checks (:class:`Confidence`)."""
        lines: Counter[int | None] = Counter()
        reported: Counter[int | None] = Counter()
        recognised: dict[int | None, list[float]] = {}
        for number, role in enumerate(self.line_roles, start=1):
            if role != "blank":
                page = self.page_of(number)
                lines[page] += 1
                reported[page] += role in (REPORTED, "unaccounted")
                if (seen := self.recognised(number)) is not None:
                    recognised.setdefault(page, []).append(seen)
        warned: Counter[int | None] = Counter(self.page_of(w.line) for w in self.warnings)
        pages = tuple(sorted(((page, _trust(lines[page], reported[page], warned[page], recognised.get(page, ())))
                              for page in lines if page is not None), key=lambda p: (p[1], p[0])))
        everything = [c for page in recognised.values() for c in page]
        return Confidence(_trust(sum(lines.values()), sum(reported.values()), len(self.warnings), everything,
                                 whole=True), pages)

    def recognised(self, source_line: int | None) -> float | None:
        """OCR's confidence in a source line (None: read from a text layer or a text file)."""
        if not self.recognition or source_line is None or not 1 <= source_line <= len(self.recognition):
            return None
        return self.recognition[source_line - 1]

    def page_of(self, source_line: int | None) -> int | None:
        """The PDF page a source line is on (None for text input)."""
        if not self.pages or source_line is None or not 1 <= source_line <= len(self.pages):
            return None
        return self.pages[source_line - 1][0]


# A page's worth of lines: a warning costs a page of them a fifth of its trust.
_PAGE_LINES, _PER_WARNING = 40, 0.8


def _trust(lines: int, reported: int, warnings: int, recognised: Sequence[float] = (), whole: bool = False) -> float:
    """The share of ``lines`` understood, times 0.8 per warning per page (a document's
    pages counted as 40 lines each: one warning costs a long document less), times OCR's
    mean confidence in the lines it read."""
    pages = max(1.0, lines / _PAGE_LINES) if whole else 1.0
    ocr = sum(recognised) / len(recognised) if recognised else 1.0
    return round((1 - reported / lines if lines else 1.0) * float(_PER_WARNING ** (warnings / pages)) * ocr, 3)


@dataclass(frozen=True, slots=True)
class Confidence:
    """How far a reading can be trusted, from the document's own redundancy: the share
    of its lines understood, times 0.8 for each warning on a page (for the document: per
    40 lines), the warnings being what the self-checks found (line numbers that break,
    contents without their TOP, ...), and for pages read by OCR times its mean confidence
    in their lines. 1.0: every line understood, every check agrees."""

    document: float
    pages: tuple[tuple[int, float], ...] = ()  # (page, confidence) of a PDF's pages, weakest first

    def weakest(self, count: int = 5) -> list[tuple[int, float]]:
        """The pages below 1.0, weakest first."""
        return [page for page in self.pages if page[1] < 1][:count]


# --- What the text says (filled by ``content.read_content``) -------------------


@dataclass(frozen=True, slots=True)
class Place:
    """Where in a resolution a finding sits.

    ``part`` is "title", "subtitle", "paragraph" or "note"; ``index`` is the paragraph
    number (None for unnumbered text, whose order is ``unnumbered``) or the note's
    1-based position. ``source_line``/``official_line`` point at the finding's first
    character.
    """

    part: str
    index: int | None
    source_line: int | None
    official_line: int | None
    unnumbered: int = 0

    @property
    def key(self) -> str:
        """A short name people read: ``p4`` (Ziffer 4), ``text`` or ``text2`` (unnumbered
        text), ``note1``, ``title``.

        >>> Place("paragraph", 4, 120, 18).key, Place("paragraph", None, 9, 1, 2).key
        ('p4', 'text2')
        """
        if self.part == "paragraph":
            if self.index is not None:
                return f"p{self.index}"
            return "text" if self.unnumbered <= 1 else f"text{self.unnumbered}"
        if self.part == "note":
            return f"note{self.index}"
        return self.part

    @property
    def line(self) -> int | None:
        """The line people cite: the official line number, or the source line where
        there is none (titles, documents without line numbers)."""
        return self.official_line if self.official_line is not None else self.source_line

    def record(self) -> dict[str, object]:
        """The place as a JSON record."""
        return {
            "part": self.part,
            "paragraph": self.index if self.part == "paragraph" else None,
            "line": self.official_line,
            "source_line": self.source_line,
        }


@dataclass(frozen=True, slots=True)
class Citation:
    """One cited section (or a law named without a section) of one law."""

    law: VocabRef
    section: str | None  # "24", "25a"
    subsection: str | None = None  # Abs.
    sentence: str | None = None  # Satz
    number: str | None = None  # Nr.
    letter: str | None = None  # Buchst.
    article: bool = False  # Art. rather than §
    following: bool = False  # "ff."
    text: str = ""  # the surface text of the whole citation
    place: Place | None = None
    group: int = 0  # citations written together share a group number
    in_conjunction_with: int | None = None  # group cited with "i. V. m."


@dataclass(frozen=True, slots=True)
class Mention:
    """A body or programme named in the text."""

    ref: VocabRef
    text: str
    place: Place

    @property
    def key(self) -> str:
        return self.ref.key


class DemandKind(str, Enum):
    DEMAND = "demand"  # the conference asks someone to act
    MANDATE = "mandate"  # it charges one of its own bodies ("beauftragt die AG")


@dataclass(frozen=True, slots=True)
class Demand:
    """A sentence in which the conference asks someone to act (or mandates its own bodies)."""

    kind: DemandKind
    verb: str  # lemma: auffordern, bitten, ...
    addressees: tuple[VocabRef, ...]  # bodies, Länder, or the Länder as a whole
    text: str  # the sentence
    place: Place
    concerns: tuple[VocabRef, ...] = ()  # programmes and laws named in the sentence


@dataclass(frozen=True, slots=True)
class DateMention:
    value: date | tuple[int, int]  # a day, or (year, month)
    text: str
    place: Place

    @property
    def iso(self) -> str:
        if isinstance(self.value, date):
            return self.value.isoformat()
        return f"{self.value[0]:04d}-{self.value[1]:02d}"


@dataclass(frozen=True, slots=True)
class Amount:
    value: Decimal  # in EUR
    currency: str
    text: str
    place: Place


@dataclass(frozen=True, slots=True)
class Reference:
    """A reference to a (resolution of a) meeting of this or another conference."""

    body: VocabRef  # the IntMK, the MPK, the ASMK, ...
    number: int | None  # the meeting's number, read or found by its date
    date: date | None  # the date the text gives, if any
    top: str | None
    text: str
    place: Place
    kind: str | None = None  # Sonderkonferenz for a special session of the IntMK


@dataclass(frozen=True, slots=True)
class Content:
    """Everything read from one resolution's text."""

    citations: tuple[Citation, ...] = ()
    bodies: tuple[Mention, ...] = ()
    programmes: tuple[Mention, ...] = ()
    demands: tuple[Demand, ...] = ()
    dates: tuple[DateMention, ...] = ()
    amounts: tuple[Amount, ...] = ()
    references: tuple[Reference, ...] = ()


@dataclass(frozen=True)
class DemandAt:
    """Where a demand is: its document, resolution key and 1-based index there."""

    collection: Collection
    key: str
    index: int
    demand: Demand

    @property
    def number(self) -> int:
        """The conference's number (only numbered conferences have demands linked)."""
        return self.collection.conference.number or 0


@dataclass(frozen=True)
class Repeat:
    """A later demand that makes an earlier one again (``extract.repeats``)."""

    later: DemandAt
    earlier: DemandAt
    how: str  # EXPLICIT or SIMILAR
    score: float  # text similarity, 0-100

"""Lines -> a :class:`~intmk_graph.model.Collection`, in named steps:

1. detect the layout family (:mod:`.profiles`) and classify lines (:mod:`.layout`);
2. split the document into the title page, the table of contents and the items;
3. read the conference (:mod:`.titlepage`), the agenda (:mod:`.agenda`) and each item
   (:mod:`.items`).

Reading is forgiving: what does not fit a form is a warning with its line, and the
rest is kept. Only a file that is not a resolution document at all (no title page, no
table of contents, no agenda item) is an error.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from ..errors import InputError
from ..model import REPORTED, USED_ROLES, Collection, LayoutUsed, ReadWarning, Resolution
from . import checks
from .agenda import is_bare_page, is_under, read_agenda
from .diagnostics import Notes
from .items import SENTENCE_END, Block, ItemReader
from .layout import BLANK, CONTENT, RUNNING_HEADER, Line, classify, normalise_space
from .profiles import Profile, detect
from .sources import Decoded, SourceLine
from .titlepage import HEADER_KINDS, read_conference

PAGE_NUMBER = "page_number"  # the furniture kind of a printed page number
_NUMBERS = re.compile(r"\d+")


def slug_for(path: str) -> str:
    """A stable identifier from a file name: ``data/intmk-20-2025.txt`` -> ``intmk-20-2025``."""
    stem = Path(path).stem.lower()
    return re.sub(r"[^a-z0-9]+", "-", stem).strip("-") or "document"


def item_header(text: str, rules: Profile, form: str = "item_header") -> re.Match[str] | None:
    """A ``TOP <id>`` header, but not a reference that starts a line of running text
    (``TOP 4.1 der 19. IntMK``)."""
    m = rules.match(form, text)
    if m and m["rest"] and m["rest"].split(" ", 1)[0].casefold() in rules.word_set("not_a_header_before"):
        return None
    return m


def _has_page(text: str, rules: Profile) -> bool:
    return any(p.search(text) for p in rules.toc["leaders"]) or any(p.match(text) for p in rules.toc["page_at_end"])


def _entry_page(lines: list[Line], index: int, toc: list[Line], rules: Profile) -> bool:
    """Whether the bare number at ``index`` is the page of the contents entry above it
    (printed on a line of its own), not a page's number: the entry has no page yet and
    the contents go on below it on the same page."""
    if not is_bare_page(lines[index].text):
        return False
    last = next((l for l in reversed(toc) if l.kind == CONTENT), None)
    if last is None or _has_page(last.text, rules) or is_bare_page(last.text) or any(
            p.match(last.text) for p in rules.toc["heading"] + rules.toc["table_header"]):
        return False
    after = next((l for l in lines[index + 1 :] if l.kind != BLANK), None)
    return after is not None and after.kind == CONTENT


def split_document(
    lines: list[Line], rules: Profile, reader: ItemReader, form: str = "item_header"
) -> tuple[list[Line], list[Line], list[Block]]:
    """(title page, table of contents, item blocks). The table of contents ends where an
    id it listed comes again as a header, or where the text of an item begins. ``form``
    is the header form: ``TOP <id>``, or the bare id for minutes that never say TOP."""
    front: list[Line] = []
    toc: list[Line] = []
    blocks: list[Block] = []
    toc_ids: set[str] = set()
    state = "front"

    def start_block(line: Line, m: re.Match[str]) -> None:
        blocks.append(Block(line, m["id"], m["rest"], []))

    for index, line in enumerate(lines):
        if state == "toc" and line.kind == PAGE_NUMBER and _entry_page(lines, index, toc, rules):
            line = line._replace(kind=CONTENT)  # read as the contents' line it is
        if line.kind not in (CONTENT, BLANK):
            continue  # page furniture
        content = line.kind == CONTENT
        header = item_header(line.text, rules, form) if content else None
        if state == "front":
            is_toc = content and (
                any(p.match(line.text) for p in rules.toc["heading"] + rules.toc["table_header"])
                or (header is not None and _has_page(line.text, rules))
            )
            if is_toc:
                state = "toc"
                toc.append(line)
                if header:
                    toc_ids.add(header["id"])
            elif header:
                state = "items"
                start_block(line, header)
            else:
                front.append(line)
            continue
        if state == "toc":
            if header and header["id"] in toc_ids and not _has_page(line.text, rules):
                state = "items"
                start_block(line, header)
                continue
            if content and reader.is_marker(line.text):
                # The contents ran straight into an item: its header is the last one seen.
                back = next((i for i in range(len(toc) - 1, -1, -1) if item_header(toc[i].text, rules, form)), None)
                if back is not None and (m := item_header(toc[back].text, rules, form)) is not None:
                    blocks.append(Block(toc[back], m["id"], m["rest"], toc[back + 1 :] + [line]))
                    del toc[back:]
                    state = "items"
                    continue
            toc.append(line)
            if content and (m := rules.first(rules.toc["entry"], line.text)):
                toc_ids.add(m["id"])
            continue
        if header:
            start_block(line, header)
        elif blocks:
            blocks[-1].lines.append(line)
    return front, toc, blocks


def _bare_items(lines: list[Line], rules: Profile, reader: ItemReader,
                form: str) -> tuple[list[Line], list[Line], list[Block]] | None:
    """The document split at headers of ``form``; a "header" with no sponsors or decision
    after it ("2.5 Mio. Euro ..." starting a text line, a Ziffer) stays in the item before
    it. None when no header is followed by a marker."""
    front, toc, blocks = split_document(lines, rules, reader, form)
    kept: list[Block] = []
    for block in blocks:
        if kept and not (_has_marker(block, reader) and _plausible(block, kept[-1], form)):
            kept[-1].lines += [block.header, *block.lines]
        else:
            kept.append(block)
    return (front, toc, kept) if any(_has_marker(b, reader) for b in kept) else None


def _plausible(block: Block, previous: Block, form: str) -> bool:
    """A plainly numbered item comes after the one before it and is headed by a title,
    not a sentence: "2. Die IntMK bittet den Bund ..." is a Ziffer."""
    if form != "item_header_numbered":
        return True
    return int(block.id) > int(previous.id) and not block.rest.rstrip().endswith((".", "!", "?", ":"))


def _has_marker(block: Block, reader: ItemReader) -> bool:
    return any(reader.is_marker(l.text) for l in block.content[:6])


def _marks_in(r: Resolution) -> str:
    return "".join(t.text for t in (r.title, *(p.text for p in r.paragraphs), *(n.text for n in r.protocol_notes)))


def _footnotes_of_the_last(last: Resolution, current: Resolution) -> tuple[Resolution, Resolution] | None:
    """A page's footnotes stand at its foot, after the next item may have begun there: a
    footnote whose mark is in the item before, and not in this one, is the former's."""
    if not current.footnotes:
        return None
    here, before = _marks_in(current), _marks_in(last)
    theirs = tuple(f for f in current.footnotes if f.mark not in here and f.mark in before)
    if not theirs:
        return None
    return (replace(last, footnotes=last.footnotes + theirs),
            replace(current, footnotes=tuple(f for f in current.footnotes if f not in theirs)))


def read_collection(
    source_lines: list[SourceLine], name: str, layout: str | None = None, encoding: str = "utf-8",
    source_warnings: tuple[ReadWarning, ...] = (),
) -> Collection:
    """Segment a document's lines into a :class:`Collection` (``layout`` forces a family).
    ``encoding`` "pdf" means the lines came from positions, with their line numbers."""
    return Reading(Decoded(source_lines, encoding, source_warnings), name, layout).collection()


class Reading:
    """One document being read: made, it has read the layout, the conference and the
    agenda; :meth:`resolutions` reads the items one by one (what they say can be read
    meanwhile, elsewhere), :meth:`collection` the whole document."""

    def __init__(self, source: Decoded, name: str, layout: str | None = None):
        source_lines = source.lines
        self.source_lines, self.name, self.encoding = source_lines, name, source.encoding
        texts = [normalise_space(l.text) for l in source_lines]
        self.detection = detection = detect(texts, layout)
        rules = detection.profile
        self.notes = notes = Notes(name)
        notes.warnings += source.warnings
        self.lines = lines = classify(source_lines, rules, texts)
        for line in lines:
            if line.kind != CONTENT:
                notes.role(line.number, line.kind)
        self.reader = reader = ItemReader(rules, notes, positional=source.positional, line_step=source.line_step)
        front, toc, blocks = split_document(lines, rules, reader)
        if not blocks and not any(item_header(l.text, rules) for l in lines if l.kind == CONTENT):
            # No "TOP" anywhere: items headed by their bare id ("2.1 Title"), or by a plain
            # number ("3. Title"), kept only where the sponsors or the decision follow.
            for form in ("item_header_bare", "item_header_numbered"):
                found = _bare_items(lines, rules, reader, form)
                if found is not None:
                    front, toc, blocks = found
                    break
        if pages := {l.number for l in toc if l.kind == CONTENT and lines[l.number - 1].kind == PAGE_NUMBER}:
            # an entry's page on a line of its own: not a page number after all
            self.lines = lines = [l._replace(kind=CONTENT) if l.number in pages else l for l in lines]
        self.blocks = blocks
        self.conference = read_conference(front, [l for l in lines if l.kind in HEADER_KINDS], rules, notes)
        reader.names.chair = self.conference.chair.key if self.conference.chair else None
        self.agenda = read_agenda(toc, rules, notes)
        reader.listed = {e.id: e for e in self.agenda if e.title}
        self.has_title_page = self.conference.number is not None or any(
            notes.roles.get(l.number) == "title_page" for l in front)
        if not blocks and not self.agenda and not self.has_title_page:
            raise InputError(
                "not a resolution document: no title page, no table of contents and no agenda item "
                "('TOP <id>')",
                name,
                1,
            )
        self.read: list[Resolution] = []
        self._done = False

    def resolutions(self) -> Iterator[Resolution]:
        """Each item's resolution, in document order, as it is read."""
        notes, reader = self.notes, self.reader
        first_seen: dict[str, int] = {}
        read_ids: Counter[str] = Counter()
        for block in self.blocks:
            notes.role(block.header.number, "header")
            occurrence = read_ids[block.id] + 1
            if block.id in first_seen:
                notes.warn(
                    block.header.number,
                    f"TOP {block.id} appears twice (first at line {first_seen[block.id]}); both are kept",
                    "each agenda item once",
                )
            first_seen.setdefault(block.id, block.header.number)
            resolution = reader.read(block, len(self.read) + 1, occurrence)
            if resolution is not None:
                if self.read and (moved := _footnotes_of_the_last(self.read[-1], resolution)):
                    self.read[-1], resolution = moved
                if self.read:
                    yield self.read[-1]  # held back one item: a footnote of it may follow
                self.read.append(resolution)
                read_ids[resolution.id] += 1
        if self.read:
            yield self.read[-1]
        self._done = True

    def collection(self) -> Collection:
        """The whole document: its items are read first unless :meth:`resolutions` was."""
        if not self._done:
            for _ in self.resolutions():
                pass
        return self._finish()

    def _check_agenda(self) -> None:
        """Self-check: every entry of the table of contents has its item in the text,
        and every item its entry (a group heading may stand for the items under it, and
        an item that often decides nothing may have no text)."""
        items = {b.id for b in self.blocks}
        listed = {e.id for e in self.agenda}
        optional = self.detection.profile.word_set("may_decide_nothing")
        for entry in self.agenda:
            under = any(is_under(i, entry.id) for i in items)
            if entry.id not in items and not (entry.heading or under or entry.title.strip().casefold() in optional):
                self.notes.warn(entry.line, f"TOP {entry.id} is in the table of contents but not in the text",
                                "each listed item with its text (a page lost, or its header not read)")
        for block in self.blocks:
            if block.id not in listed:
                self.notes.warn(block.header.number, f"TOP {block.id} is not in the table of contents",
                                "each item listed there (an entry lost, or the header misread)")

    def _check_page_numbers(self) -> None:
        """Self-check: the printed page numbers ("Seite 3 von 6", "- 3 -") run on, one per
        page (in a PDF: as the pages do), each part with one page count. A break means a
        page lost, doubled or out of order."""
        rules = self.detection.profile
        previous: tuple[int, int | None] | None = None  # the last printed number, and its PDF page
        total: int | None = None  # the "von M" of the last page number
        for line in self.lines:
            if not (line.kind == PAGE_NUMBER or line.kind == RUNNING_HEADER
                    and rules.furniture_kind(line.text) == PAGE_NUMBER):  # a PDF's footer band
                continue
            numbers = [int(n) for n in _NUMBERS.findall(line.text)]
            printed, page = numbers[0], self.source_lines[line.number - 1].page
            count = numbers[1] if len(numbers) > 1 else None
            # A count from 1 (or 2: a first page often shows none) again starts a new part:
            # collections paginate each resolution or annex on its own ("Seite 2 von 2").
            if previous is not None and not (printed <= 2 and printed <= previous[0]):
                expected = previous[0] + (page - previous[1] if page is not None and previous[1] is not None else 1)
                if printed != expected:
                    self.notes.warn(line.number, f"page number {printed} follows {previous[0]}",
                                    f"{expected} (a page lost, doubled or out of order?)")
                elif count is not None and total is not None and count != total:
                    self.notes.warn(line.number, f"the page count changes from {total} to {count} within a part",
                                    "one page count for the pages of a part")
            total = count
            previous = (printed, page)

    def _finish(self) -> Collection:
        notes, reader, lines, blocks, agenda = self.notes, self.reader, self.lines, self.blocks, self.agenda
        resolutions, conference, has_title_page = self.read, self.conference, self.has_title_page
        name, source_lines, encoding, detection = self.name, self.source_lines, self.encoding, self.detection
        rules = detection.profile
        if resolutions and (last := resolutions[-1]).paragraphs:
            text = (last.protocol_notes[-1].text if last.protocol_notes else last.paragraphs[-1].text).text
            if not text.rstrip().endswith(SENTENCE_END) and not rules.match("table_source",
                                                                              lines[last.last_line - 1].text):
                notes.warn(
                    last.last_line,
                    f"the last item, TOP {last.id}, ends mid-sentence and looks truncated",
                    "a document that ends with a complete resolution",
                )
        if not resolutions and blocks:
            notes.warn(
                blocks[0].header.number,
                f"{len(blocks)} agenda item(s) (TOP {', '.join(b.id for b in blocks[:5])}{', …' if len(blocks) > 5 else ''})"
                " but not one resolution text: nothing to build a graph of",
                "items with sponsors, a decision or a text after their title",
            )
        elif not resolutions and (agenda or has_title_page):
            notes.warn(
                None,
                "no resolution texts: the document has a title page or a table of contents only",
                "items 'TOP <id>' with their texts (published in another part?)",
            )
        if resolutions and agenda:
            self._check_agenda()
        self._check_page_numbers()
        checks.hyphen_joins(resolutions, notes)
        for line in lines:
            if line.kind == CONTENT and line.number not in notes.roles:
                notes.report(line.number, line.text, "line not understood", "a part of an agenda item")

        roles = tuple(notes.roles.get(l.number, "unaccounted") for l in lines)
        furniture = Counter(r for r in roles if r not in USED_ROLES and r != REPORTED)
        return Collection(
            source=name,
            slug=slug_for(name),
            conference=conference,
            resolutions=tuple(resolutions),
            furniture=dict(sorted(furniture.items())),
            reports=tuple(sorted(notes.reports, key=lambda r: r.line)),
            line_count=len(source_lines),
            line_roles=roles,
            agenda=agenda,
            untexted=tuple(reader.untexted),
            warnings=tuple(sorted(notes.warnings, key=lambda w: (w.line or 0))),
            layout=LayoutUsed(detection.family, rules.label, detection.confidence, detection.forced),
            encoding=encoding,
            pages=tuple((l.page, l.page_line) for l in source_lines) if encoding == "pdf" else (),
            recognition=tuple(l.recognition for l in source_lines)
            if any(l.recognition is not None for l in source_lines) else (),
        )

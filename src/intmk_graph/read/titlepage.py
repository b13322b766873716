"""The conference a document is about: number, kind, dates, place and chair, from the
title page and the running headers, in whatever form the minutes gave them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..model import Conference, Procedure
from ..vocab import content_rules, laender
from ..vocab.places import land_of_place
from .diagnostics import Notes
from .layout import BLANK, CONTENT, Line
from .profiles import Profile

# The furniture kinds that carry the conference on every page.
HEADER_KINDS = ("conference_header", "meeting_header", "document_heading", "running_header")
MAIN = "Hauptkonferenz"
MEETING, VIDEO, WRITTEN = Procedure.MEETING, Procedure.VIDEO, Procedure.WRITTEN


def _months() -> dict[str, int]:
    return {m: i for i, m in enumerate(content_rules()["dates"]["months"], start=1)}


_NUMERIC = re.compile(r"^(?P<d1>\d{1,2})\.(?:\s*(?:[–—-]|/|bis|und)\s*(?P<d2>\d{1,2})\.)?\s*(?P<m>\d{1,2})\.\s*(?P<y>\d{4})$")
_ONE_DAY = re.compile(r"^(?P<d>\d{1,2})\.\s*(?P<m>[A-Za-zä]+)\s+(?P<y>\d{4})$")
_DATE_RANGE = re.compile(
    r"^(?P<d1>\d{1,2})\.\s*(?:(?P<m1>[A-Za-zä]+)\s*(?P<y1>\d{4})?\s*)?"
    r"(?:(?:[–—-]|/|bis|und)\s*(?P<d2>\d{1,2})\.\s*)?(?P<m2>[A-Za-zä]+)\s+(?P<y2>\d{4})$"
)


def parse_dates(text: str) -> tuple[date | None, date | None]:
    """The first and last day of a meeting as printed.

    >>> parse_dates("23. – 24. April 2025")
    (datetime.date(2025, 4, 23), datetime.date(2025, 4, 24))
    >>> parse_dates("30. April – 1. Mai 2025")
    (datetime.date(2025, 4, 30), datetime.date(2025, 5, 1))
    >>> parse_dates("7./ 8. Mai 2014")
    (datetime.date(2014, 5, 7), datetime.date(2014, 5, 8))
    >>> parse_dates("3. und 4. Juni 2016")
    (datetime.date(2016, 6, 3), datetime.date(2016, 6, 4))
    >>> parse_dates("12. April 2019")
    (datetime.date(2019, 4, 12), datetime.date(2019, 4, 12))
    >>> parse_dates("16./17.03.2016")
    (datetime.date(2016, 3, 16), datetime.date(2016, 3, 17))
    """
    months = _months()
    text = " ".join(text.split())
    try:
        if numeric := _NUMERIC.match(text):
            year, month = int(numeric["y"]), int(numeric["m"])
            first = date(year, month, int(numeric["d1"]))
            return first, date(year, month, int(numeric["d2"])) if numeric["d2"] else first
        if (one := _ONE_DAY.match(text)) and one["m"] in months:
            day = date(int(one["y"]), months[one["m"]], int(one["d"]))
            return day, day
        m = _DATE_RANGE.match(text)
        if not m or m["m2"] not in months or m["d2"] is None:
            return None, None
        year2, month2 = int(m["y2"]), months[m["m2"]]
        month1 = months.get(m["m1"], month2) if m["m1"] else month2
        year1 = int(m["y1"]) if m["y1"] else year2
        return date(year1, month1, int(m["d1"])), date(year2, month2, int(m["d2"]))
    except ValueError:  # "31. April": a misprint, not a date
        return None, None


@dataclass
class _Joined:
    """Lines joined into one string, remembering which characters came from which line."""

    text: str
    starts: list[tuple[int, int, int]]  # (start, end, source line)

    @classmethod
    def of(cls, lines: list[Line], sep: str) -> _Joined:
        parts, starts, offset = [], [], 0
        for line in lines:
            parts.append(line.text)
            starts.append((offset, offset + len(line.text), line.number))
            offset += len(line.text) + len(sep)
        return cls(sep.join(parts), starts)

    def lines_of(self, m: re.Match[str], group: int | str = 0) -> set[int]:
        start, end = m.span(group)
        return {n for s, e, n in self.starts if s < max(end, start + 1) and e > start}


def _chair_block(front: list[Line], rules: Profile) -> tuple[str, list[int]] | None:
    """The text after ``Vorsitz:`` with the lines that continue it (a person, her office
    and ministry, an address), up to the next field or the end of the title page. Blank
    lines do not end it: extraction often leaves one after every line."""
    for index, line in enumerate(front):
        if line.kind != CONTENT or not (m := rules.first(rules.title_page["chair"], line.text)):
            continue
        parts, numbers = [m["rest"]] if m["rest"] else [], [line.number]
        for following in front[index + 1 : index + 12]:
            if following.kind == BLANK:
                continue
            if following.kind != CONTENT or _is_field(following.text, rules):
                break
            parts.append(following.text)
            numbers.append(following.number)
        return " ".join(parts), numbers
    return None


def _is_field(text: str, rules: Profile) -> bool:
    fields = ("number", "dates", "heading")
    return any(p.search(text) for f in fields for p in rules.title_page[f]) or any(
        p.match(text) for p in rules.toc["heading"]
    )


def read_conference(front: list[Line], headers: list[Line], rules: Profile, notes: Notes) -> Conference:
    """Read the conference from the title page (``front``: the lines before the table of
    contents or the first item) and the running headers; every title-page line is
    given a role, and one that fits no field is reported."""
    chair = chair_land = None
    chair_lines: list[int] = []
    if block := _chair_block(front, rules):
        chair, chair_lines = block
        land = laender().resolve(chair.strip(" .,;")) or laender().find_in(chair)
        chair_land = land.ref if land else None
    seen_headers: dict[str, Line] = {}
    for line in headers:
        seen_headers.setdefault(line.text, line)
    sources = [l for l in front if l.kind == CONTENT and l.number not in chair_lines] + list(seen_headers.values())
    flat, lined = _Joined.of(sources, " "), _Joined.of(sources, " | ")
    used: set[int] = set(chair_lines)

    def find(field: str, joined: _Joined) -> re.Match[str] | None:
        m = rules.search(field, joined.text)
        if m:
            used.update(joined.lines_of(m))
        return m

    for field, joined in (("number", flat), ("kind", flat), ("dates", lined), ("dates_numeric", lined), ("place", lined),
                          ("video", flat), ("written", flat), ("decided", flat)):
        for pattern in rules.title_page[field]:  # every line that holds a field is title page
            for hit in pattern.finditer(joined.text):
                used.update(joined.lines_of(hit))
    number = int(m["n"]) if (m := find("number", flat)) else None
    kind = m["kind"] + "konferenz" if (m := find("kind", flat)) else (MAIN if number is not None else None)
    procedure: Procedure | None = WRITTEN if find("written", flat) else VIDEO if find("video", flat) else MEETING
    start = end = decided = None
    if m := find("dates", lined) or find("dates_numeric", lined):
        start, end = parse_dates(m["dates"])
    place = None
    if procedure == MEETING:
        m = find("place", lined) or find("place_before_date", lined)
        place = m["place"].strip(" ,.") if m else None
    if procedure == WRITTEN:
        m = find("decided", flat)
        decided = parse_dates(m["dates"])[0] if m else start
        start = end = None
    for line in front:
        if line.kind != CONTENT:
            continue
        if line.number in used or any(p.match(line.text) for p in rules.title_page["heading"]):
            notes.role(line.number, "title_page")
        else:
            notes.report(line.number, line.text, "text before the first TOP", "the title page or the table of contents")
    if not sources and not chair_lines:
        procedure = None
    chair_from = "title page" if chair_land else None
    # The chair Land hosts its main conference (a special one may meet in Berlin).
    if chair_land is None and place and kind == MAIN and (host := land_of_place(place)) is not None:
        chair_land, chair_from = host.ref, "place"
    if chair is not None and chair_land is None:
        notes.warn(chair_lines[0], f"no Land found in the chair {chair!r}",
                   "a Land, the ministry or government of a Land, an address in one, or the place of a main conference")
    return Conference(number, kind, start, end, place, chair_land, procedure, decided, chair_from)

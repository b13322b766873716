"""Which IntMK conference met on a date: for references that name a resolution only by
its date ("vgl. Beschluss vom 5./6. Mai 2015").

The calendar is ``vocab/conferences.toml`` plus the conferences of the documents read
in one build. A dated reference found in it gets the conference's number, and so the IRI
that conference's resolutions have whether or not its minutes are loaded; one not found
keeps its date and stays a dated meeting.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from importlib import resources

from ..model import Collection, Conference, Reference

MAIN = "Hauptkonferenz"


def main_or_special(kind: str | None) -> str:
    """A conference's kind as IRIs see it: a main conference unless said otherwise."""
    return kind or MAIN


@dataclass(frozen=True)
class Meeting:
    number: int
    kind: str  # Hauptkonferenz, Sonderkonferenz, ...
    first: date
    last: date


@lru_cache(maxsize=1)
def _listed() -> tuple[Meeting, ...]:
    with (resources.files("intmk_graph") / "vocab" / "conferences.toml").open("rb") as fh:
        rows = tomllib.load(fh).get("meeting", [])
    return tuple(Meeting(r["number"], r.get("kind", MAIN), min(r["days"]), max(r["days"])) for r in rows)


def _meeting(c: Conference) -> Meeting | None:
    days = [d for d in (c.start, c.end, c.decided) if d is not None]
    if c.number is None or not days:
        return None
    return Meeting(c.number, main_or_special(c.kind), min(days), max(days))


class Calendar:
    def __init__(self, meetings: list[Meeting]):
        self.meetings = meetings

    @classmethod
    def of(cls, collections: list[Collection]) -> Calendar:
        """The listed meetings and those of the documents read; a document's own dates win."""
        read = [m for m in map(_meeting, (c.conference for c in collections)) if m is not None]
        known = {(m.number, m.kind) for m in read}
        return cls(read + [m for m in _listed() if (m.number, m.kind) not in known])

    def on(self, day: date, kind: str | None = None) -> Meeting | None:
        """The one meeting that sat on ``day`` (of ``kind``, when given); none when no
        meeting or several did."""
        hits = {(m.number, m.kind) for m in self.meetings
                if m.first <= day <= m.last and (kind is None or m.kind == kind)}
        if len(hits) != 1:
            return None
        number, kind = hits.pop()
        return next(m for m in self.meetings if (m.number, m.kind) == (number, kind))


def link_dated_references(collections: list[Collection]) -> list[Collection]:
    """Give each IntMK reference known only by its date the number of the conference
    that met then; references that turn out to be the document's own conference go."""
    calendar = Calendar.of(collections)
    linked = []
    for c in collections:
        own = (c.conference.number, main_or_special(c.conference.kind))
        content = {}
        for key, found in c.content.items():
            refs = []
            for ref in found.references:
                ref = _dated(ref, calendar)
                if ref.body.key == "IntMK" and (ref.number, main_or_special(ref.kind)) == own:
                    continue
                refs.append(ref)
            content[key] = replace(found, references=tuple(refs))
        linked.append(replace(c, content=content))
    return linked


def _dated(ref: Reference, calendar: Calendar) -> Reference:
    if ref.body.key != "IntMK" or ref.number is not None or ref.date is None:
        return ref
    meeting = calendar.on(ref.date, ref.kind)
    if meeting is None:
        return ref
    return replace(ref, number=meeting.number, kind=None if meeting.kind == MAIN else meeting.kind)

"""Lists of Länder as the documents write them: "Berlin, Hamburg und Sachsen-Anhalt",
"Alle Länder", "alle Länder außer Bayern", "dem Saarland", "Vorsitzland", with remarks
and footnote marks. Sponsor lines and protocol note headings both name Länder so."""

from __future__ import annotations

import re

from ..model import Text, VocabRef
from ..vocab import laender
from .diagnostics import Notes
from .profiles import Profile

# "Berlin (federführend)", "Bayern*", "Hessen¹": remarks and footnote marks in sponsor lists.
_REMARK = re.compile(r"\s*\([^)]*\)")
_FOOTNOTE = re.compile(r"(?<=[a-zäöüß])(?:\d{1,2}|[*¹²³])$")


class LandNames:
    """Reads lists of Länder with one profile's words; an unknown name is a warning.
    ``chair``: the chair's Land, for "Vorsitzland" (known once the title page is read)."""

    def __init__(self, rules: Profile, notes: Notes):
        self.rules = rules
        self.notes = notes
        self.chair: str | None = None
        self.lands = laender()
        self.split = rules.forms["land_list_split"][0]

    def continues(self, previous: str, text: str) -> bool:
        """A list goes on after a comma, a conjunction or a broken word, or when the
        next line is itself a list of Länder."""
        if previous.rstrip().endswith((",", "-", "und", "sowie", "/")):
            return True
        if text.split(" ", 1)[0].casefold() in ("und", "sowie", ",", "/"):
            return True
        head = self.split.split(text.strip().rstrip("."))
        return bool(head) and all(self.lands.resolve(p) for p in head if p)

    def read(self, text: Text, where: str, line: int | None = None) -> tuple[VocabRef, ...]:
        """Canonical Land names from a list like ``Berlin, Hamburg und Sachsen-Anhalt``;
        an unknown name is a warning (at ``line`` when the text has no spans) and is
        left out."""
        cleaned = text.text.strip().rstrip(".").strip()
        every = tuple(land.ref for land in self.lands.all)
        if cleaned.casefold() in self.rules.word_set("all_lands"):
            return every
        for prefix in self.rules.words["all_except"]:
            if m := re.match(re.escape(prefix) + r"\s+", cleaned, re.IGNORECASE):
                left_out = self._names(cleaned[m.end() :], text, where, line)
                return tuple(n for n in every if n not in left_out)
        return self._names(cleaned, text, where, line)

    def _names(self, listed: str, text: Text, where: str, line: int | None) -> tuple[VocabRef, ...]:
        names: list[VocabRef] = []
        offset = 0
        chair_words = self.rules.word_set("the_chair")
        articles = self.rules.word_set("land_articles")
        for part in self.split.split(_REMARK.sub("", listed)):
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
            if land.ref in names:  # self-check: a list names each Land once
                span = text.span_at(max(offset, 0))
                self.notes.warn(span.source_line if span else line, f"{part!r} {where} is named twice",
                                "each Land once (a name misread, or a line read twice?)")
            else:
                names.append(land.ref)
        return tuple(names)

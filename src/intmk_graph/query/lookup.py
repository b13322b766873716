"""Resolve what users type - "AufenthG", "§ 24 Abs. 1 AufenthG", "Beschäftigungsverordnung",
"BAMF", "Länder", "MBE" - to the reference individuals of the vocabularies. An
unknown name is an error that suggests close matches."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from rdflib import URIRef

from ..errors import UnknownNameError
from ..graph.iris import LAENDER
from ..vocab import laender
from ..vocab.citations import CitationReader
from ..vocab.lexicon import Entry, Lexicon, bodies, laws, programmes
from ..vocab.names import citation_label


@dataclass(frozen=True)
class LawQuery:
    """A law, optionally narrowed to a section and its parts."""

    law: Entry
    section: str | None = None
    subsection: str | None = None
    number: str | None = None
    article: bool = False  # Art. rather than §

    def __str__(self) -> str:
        return citation_label(self.law.abbr or self.law.label, self.section, self.article,
                              subsection=self.subsection, number=self.number)


def _names(lexicon: Lexicon) -> list[str]:
    names = []
    for e in lexicon.entries.values():
        names += [e.label] + ([e.abbr] if e.abbr else [])
    return names


def _unknown(kind: str, value: str, candidates: list[str]) -> UnknownNameError:
    close = difflib.get_close_matches(value, candidates, n=4, cutoff=0.5)
    lowered = {c.casefold(): c for c in candidates}
    if value.casefold() in lowered:
        close = [lowered[value.casefold()]]
    hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
    return UnknownNameError(f"unknown {kind} {value!r}{hint}")


_SIGN_GLUED = re.compile(r"(§§?|Art\.)(?=\d)")
_PART_GLUED = re.compile(r"\b(Abs\.|Nr\.|Satz|Buchst\.)(?=\d)")
_SECTION_FIRST = re.compile(r"^(?P<section>(?:§§?|Art\.|Artikel)\s*\d.*?)\s+(?P<law>[^\d\s][^\d]*)$")
_LAW_FIRST = re.compile(r"^(?P<law>[^\d§]+?)\s*(?P<sign>§§?|Art\.|Artikel)?\s*(?P<section>\d+\s?[a-z]?\b.*)$")


def _one(kind: str, value: str, lexicon: Lexicon, found: list[Entry]) -> Entry:
    """The one entry a name means; none or several is an error naming the candidates."""
    if len(found) == 1:
        return found[0]
    if found:
        raise UnknownNameError(
            f"{kind} {value!r} is ambiguous; expected one of " + ", ".join(repr(e.abbr or e.label) for e in found)
        )
    raise _unknown(kind, value, _names(lexicon))


def law_query(text: str) -> LawQuery:
    """A law or one of its sections, as people write it: ``AufenthG``, ``aufenthg``,
    ``Aufenthaltsgesetz``, ``§ 24 AufenthG``, ``§24 AufenthG``, ``AufenthG § 24``,
    ``AufenthG 24``, ``§ 32 Abs.2 Nr.5 BeschV``, ``Art. 50 GG``.

    >>> str(law_query("aufenthg §24 Abs.1")), str(law_query("BeschV 32 Absatz 2 Nummer 5"))
    ('§ 24 Abs. 1 AufenthG', '§ 32 Abs. 2 Nr. 5 BeschV')
    """
    value = _PART_GLUED.sub(r"\1 ", _SIGN_GLUED.sub(r"\1 ", " ".join(text.split())))
    candidates: list[str | tuple[str, str]] = [value]
    if m := _SECTION_FIRST.match(value):
        candidates.append((m["section"], m["law"]))
    if m := _LAW_FIRST.match(value):
        candidates.append((f"{m['sign'] or '§'} {m['section']}", m["law"]))
    for candidate in candidates:
        if isinstance(candidate, tuple):  # a section and a law name as typed
            section, name = candidate
            entries = laws().matching(name)
            if len(entries) != 1:
                continue
            candidate = f"{section} {entries[0].abbr or entries[0].label}"
        found = [f for f in CitationReader().read(candidate) if f.section]
        if found:
            f = found[0]
            return LawQuery(laws().entries[f.law], f.section, f.parts.get("subsection"), f.parts.get("number"),
                            f.article)
    return LawQuery(_one("law", value, laws(), laws().matching(value)))


def addressee(text: str) -> URIRef:
    """A body (BAMF, bamf, Bundesregierung, Bund), a Land (Bayern, BY, DE-BY, NRW), or
    "Länder"."""
    value = " ".join(text.split())
    if value.casefold() in ("länder", "laender", "die länder"):
        return URIRef(LAENDER)
    if (land := laender().resolve(value)) is not None:
        return URIRef(land.iri)
    found = bodies().matching(value)
    if not found:
        raise _unknown("body", value, _names(bodies()) + [l.name for l in laender().all] + ["Länder"])
    return URIRef(_one("body", value, bodies(), found).iri)


def topic(text: str) -> URIRef:
    """A programme (MBE, mbe, Integrationskurse) or a law (AufenthG, aufenthg)."""
    value = " ".join(text.split())
    found = programmes().matching(value) or laws().matching(value)
    if not found:
        raise _unknown("programme or law", value, _names(programmes()) + _names(laws()))
    return URIRef(_one("programme or law", value, programmes(), found).iri)

"""Resolve what users type - "AufenthG", "§ 24 Abs. 1 AufenthG", "Beschäftigungsverordnung",
"BAMF", "Länder", "MBE" - to the reference individuals of the vocabularies. An
unknown name is an error that suggests close matches."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from rdflib import URIRef

from ..errors import UnknownNameError
from ..extract.citations import CitationReader, citation_label
from ..extract.lexicon import Entry, Lexicon, bodies, laws, programmes
from ..graph.iris import LAENDER
from ..vocab import laender


@dataclass(frozen=True)
class LawQuery:
    """A law, optionally narrowed to a section and its parts."""

    law: Entry
    section: str | None = None
    subsection: str | None = None
    number: str | None = None

    def __str__(self) -> str:
        return citation_label(self.law.abbr or self.law.label, self.section, subsection=self.subsection,
                              number=self.number)


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


def law_query(text: str) -> LawQuery:
    """``AufenthG``, ``Aufenthaltsgesetz``, ``§ 24 AufenthG``, ``§ 32 Abs. 2 Nr. 5 BeschV``."""
    value = " ".join(text.split())
    found = [f for f in CitationReader().read(value) if f.section]
    if found:
        f = found[0]
        return LawQuery(laws().entries[f.law], f.section, f.parts.get("subsection"), f.parts.get("number"))
    entry = laws().resolve(value)
    if entry is None:
        raise _unknown("law", value, _names(laws()))
    return LawQuery(entry)


def addressee(text: str) -> URIRef:
    """A body (BAMF, Bundesregierung, Bund), a Land, or "Länder"."""
    value = " ".join(text.split())
    if value.casefold() in ("länder", "laender", "die länder"):
        return LAENDER
    entry = bodies().resolve(value)
    if entry is not None:
        return entry.iri
    land = laender().resolve(value)
    if land is not None:
        return land.iri
    raise _unknown("body", value, _names(bodies()) + [l.name for l in laender().all] + ["Länder"])


def topic(text: str) -> URIRef:
    """A programme (MBE, Integrationskurse) or a law (AufenthG)."""
    value = " ".join(text.split())
    entry = programmes().resolve(value) or laws().resolve(value)
    if entry is None:
        raise _unknown("programme or law", value, _names(programmes()) + _names(laws()))
    return entry.iri

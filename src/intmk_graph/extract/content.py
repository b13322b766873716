"""Read what each resolution says: law citations, bodies, programmes, demands,
dates, amounts and references, each placed at its paragraph and lines."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace

from ..model import (
    Amount,
    Citation,
    Collection,
    Conference,
    Content,
    DateMention,
    Demand,
    DemandKind,
    Mention,
    Place,
    Reference,
    Resolution,
    Text,
    VocabRef,
)
from ..namespaces import INTMK_BODY
from ..vocab import laender, laender_collective
from ..vocab.citations import CitationReader
from ..vocab.citations import Found as CitationFound
from ..vocab.lexicon import Hit, bodies, laws, programmes
from . import mentions
from .calendar import main_or_special
from .demands import LAENDER, FoundDemand, read_demands


def _parts(r: Resolution) -> Iterator[tuple[str, int | None, int, Text]]:
    """(part, index, unnumbered order, text) for every piece of a resolution's text."""
    yield "title", None, 0, r.title
    if r.subtitle:
        yield "subtitle", None, 0, r.subtitle
    unnumbered = 0
    for p in r.paragraphs:
        if p.number is None:
            unnumbered += 1
        yield "paragraph", p.number, unnumbered if p.number is None else 0, p.text
    for i, n in enumerate(r.protocol_notes, start=1):
        yield "note", i, 0, n.text
    for i, f in enumerate(r.footnotes, start=1):
        yield "footnote", i, 0, f.text


def addressee_ref(name: str) -> VocabRef:
    """An addressee as the demand reader names it: a body's key, a Land's canonical name,
    or "Länder", the Länder as a whole."""
    if name == LAENDER:
        iri, label = laender_collective()
        return VocabRef(LAENDER, iri, label)
    if (land := laender().by_name.get(name)) is not None:
        return VocabRef(land.name, str(land.iri), land.name, land.code)
    return bodies().entries[name].ref


_DIGIT = re.compile(r"\d")


def _body_ref(key: str) -> VocabRef:
    """The conference a reference names: the IntMK itself, or a body of the vocabulary."""
    if key == "IntMK":
        return VocabRef("IntMK", str(INTMK_BODY), "Integrationsministerkonferenz", "IntMK")
    return bodies().entries[key].ref


def _place(part: str, index: int | None, unnumbered: int, text: Text, offset: int) -> Place:
    span = text.span_at(offset)
    return Place(
        part,
        index,
        span.source_line if span else None,
        span.official_line if span else None,
        unnumbered,
    )


def read_resolution(r: Resolution, reader: CitationReader | None = None) -> Content:
    reader = reader or CitationReader()
    citations, bodies_, programmes_, demands, dates, amounts, references = [], [], [], [], [], [], []
    group_base = 0
    for part, index, unnumbered, text in _parts(r):
        s = text.text

        def place(offset: int, part: str = part, index: int | None = index, unnumbered: int = unnumbered,
                  text: Text = text) -> Place:
            return _place(part, index, unnumbered, text, offset)

        found = reader.read(s)
        for f in found:
            citations.append(
                Citation(
                    law=laws().entries[f.law].ref,
                    section=f.section,
                    subsection=f.parts.get("subsection"),
                    sentence=f.parts.get("sentence"),
                    number=f.parts.get("number"),
                    letter=f.parts.get("letter"),
                    article=f.article,
                    following=f.following,
                    text=s[f.start : f.end].strip(),
                    place=place(f.start),
                    group=group_base + f.group,
                    in_conjunction_with=(
                        group_base + f.in_conjunction_with if f.in_conjunction_with is not None else None
                    ),
                )
            )
        group_base += 1 + max((f.group for f in found), default=-1)
        body_hits = bodies().find(s)
        for hit in body_hits:
            bodies_.append(Mention(hit.entry.ref, s[hit.start : hit.end], place(hit.start)))
        program_hits = programmes().find(s)
        for hit in program_hits:
            programmes_.append(Mention(hit.entry.ref, s[hit.start : hit.end], place(hit.start)))
        if part == "paragraph":
            for d in read_demands(s):

                def inside(h: Hit | CitationFound, d: FoundDemand = d) -> bool:
                    return d.sentence.start <= h.start < d.sentence.end

                concerns = [h.entry.ref for h in program_hits if inside(h)]
                concerns += [laws().entries[f.law].ref for f in found if inside(f)]  # the laws the citation reader found
                demands.append(
                    Demand(
                        DemandKind(d.kind),
                        d.verb,
                        tuple(addressee_ref(a) for a in d.addressees),
                        d.sentence.text,
                        place(d.sentence.start),
                        tuple(dict.fromkeys(concerns)),
                    )
                )
        if not _DIGIT.search(s):
            continue  # every date, amount and reference has a digit: most text has none
        found_dates = mentions.dates(s)
        for span, value in found_dates:
            dates.append(DateMention(value, s[span.start : span.end], place(span.start)))
        for span, sum_, currency in mentions.amounts(s):
            amounts.append(Amount(sum_, currency, s[span.start : span.end], place(span.start)))
        for ref in mentions.references(s, found_dates, body_hits):
            references.append(Reference(_body_ref(ref.body), ref.number, ref.date, ref.top,
                                        s[ref.span.start : ref.span.end], place(ref.span.start), ref.kind))
    return Content(
        tuple(citations),
        tuple(bodies_),
        tuple(programmes_),
        tuple(demands),
        tuple(dates),
        tuple(amounts),
        tuple(references),
    )


def read_content(collection: Collection) -> dict[str, Content]:
    """Resolution key -> its content; references to the document's own conference
    ("Zur 20. Integrationsministerkonferenz") are not references."""
    return read_contents(collection.resolutions, own_conference(collection))


def own_conference(collection: Collection) -> tuple[int | None, str]:
    """What a reference to the document's own conference names: its number and kind."""
    return own_conference_of(collection.conference)


def own_conference_of(conference: Conference) -> tuple[int | None, str]:
    return conference.number, main_or_special(conference.kind)


def read_contents(resolutions: Sequence[Resolution], own: tuple[int | None, str]) -> dict[str, Content]:
    """:func:`read_content` of some of a document's resolutions (each is read on its own,
    so a large document's can be read in parts, in parallel)."""
    reader = CitationReader()
    result = {}
    for r in resolutions:
        content = read_resolution(r, reader)
        refs = tuple(x for x in content.references
                     if not (x.body.key == "IntMK" and (x.number, main_or_special(x.kind)) == own))
        result[r.key] = replace(content, references=refs)
    return result

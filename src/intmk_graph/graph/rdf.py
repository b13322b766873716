"""Model -> RDF, with every IRI from :class:`~intmk_graph.graph.iris.Minter`.

Each input document gets its own named graph; reference vocabularies go into
``<base>graph/reference``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from ..model import (
    AgendaEntry,
    Collection,
    Conference,
    Content,
    Decision,
    DemandAt,
    DemandKind,
    Place,
    Procedure,
    Repeat,
    Resolution,
    Text,
)
from ..namespaces import DEFAULT_BASE, PREFIXES
from ..namespaces import INTMK_BODY as _INTMK_BODY
from ..vocab import load_triples
from ..vocab.names import citation_label
from ..vocab.triples import RDF_TYPE
from .iris import Minter, section_url
from .quads import QuadSet, Triple, TripleSink
from .terms import Vocabulary, de, from_ox, integer, iri, lexical_int, literal, typed

if TYPE_CHECKING:
    from rdflib import Graph

# The namespaces as N-Triples terms (graph/terms.py): ``INTMK.Resolution`` is "<…#Resolution>".
INTMK, RDF, RDFS, DCTERMS, PROV, XSD, ELI, SCHEMA = (
    Vocabulary(PREFIXES[p]) for p in ("intmk", "rdf", "rdfs", "dcterms", "prov", "xsd", "eli", "schema"))
INTMK_BODY = iri(_INTMK_BODY)

DECISIONS = {Decision.UNANIMOUS: INTMK.Unanimous, Decision.MAJORITY: INTMK.Majority}
REFERENCE_FILES = ("laender.ttl", "laws.ttl", "bodies.ttl", "programmes.ttl")


def _lines(graph: TripleSink, node: str, text: Text, first_source_line: int | None = None) -> None:
    """Attach source-file and official line ranges to a node (a note starts at its heading)."""
    if lines := text.source_lines:
        first, last = lines
        first = first_source_line or first
        graph.add((node, INTMK.sourceFirstLine, integer(first)))
        graph.add((node, INTMK.sourceLastLine, integer(last)))
    if official := text.official_lines:
        graph.add((node, INTMK.firstLineNumber, integer(official[0])))
        graph.add((node, INTMK.lastLineNumber, integer(official[1])))


def _iso(day: date | None) -> str:
    return day.isoformat() if day is not None else "?"


def collection_graph(collection: Collection, minter: Minter, g: TripleSink) -> TripleSink:
    """The triples read from one document, added to ``g``."""
    conf: Conference = collection.conference
    doc = minter.document(collection.slug)
    g.add((doc, RDF.type, INTMK.SourceDocument))
    g.add((doc, INTMK.fileName, literal(Path(collection.source).name)))
    g.add((doc, INTMK.lineCount, integer(collection.line_count)))
    g.add((doc, INTMK.readingConfidence, typed(f"{collection.confidence().document:.3f}", XSD.decimal)))

    conf_iri = minter.conference(conf.number, conf.kind, collection.slug)
    g.add((conf_iri, RDF.type, INTMK.Conference))
    g.add((conf_iri, INTMK.meetingOf, INTMK_BODY))
    g.add((conf_iri, PROV.wasDerivedFrom, doc))
    label = f"{conf.number}. IntMK" if conf.number is not None else "IntMK"
    if conf.kind:
        label += f" ({conf.kind})"
    if conf.place:
        label += f", {conf.place}"
    g.add((conf_iri, RDFS.label, de(label)))
    if conf.number is not None:
        g.add((conf_iri, INTMK.conferenceNumber, literal(conf.number)))
    if conf.kind:
        g.add((conf_iri, INTMK.meetingKind, literal(conf.kind)))
    if conf.place:
        g.add((conf_iri, INTMK.place, literal(conf.place)))
    if conf.start:
        g.add((conf_iri, SCHEMA.startDate, literal(conf.start)))
    if conf.end:
        g.add((conf_iri, SCHEMA.endDate, literal(conf.end)))
    if conf.chair:
        g.add((conf_iri, INTMK.chair, iri(conf.chair.iri)))
    if conf.procedure in (Procedure.VIDEO, Procedure.WRITTEN):
        g.add((conf_iri, INTMK.meetingFormat, literal(conf.procedure.value)))
    if conf.decided:
        g.add((conf_iri, INTMK.decisionDate, literal(conf.decided)))
    _agenda(g, minter, conf, collection, conf_iri)

    for resolution in collection.resolutions:
        _resolution(g, minter, conf, collection.slug, doc, conf_iri, resolution)
        content = collection.content.get(resolution.key)
        if content is not None:
            node = minter.resolution(conf.number, conf.kind, resolution.key, collection.slug)
            _content(g, minter, node, doc, content)
    if collection.pages:  # a PDF: the page (and line on it) where each resolution, paragraph, note and finding begins
        starts = list(g.subject_objects(INTMK.sourceFirstLine)) + list(g.subject_objects(INTMK.sourceLine))
        for start, line in starts:
            page, on_page = collection.pages[lexical_int(line) - 1]
            if page is not None:
                g.add((start, INTMK.page, integer(page)))
            if on_page is not None:
                g.add((start, INTMK.lineOnPage, integer(on_page)))
    if collection.recognition:  # read by OCR: each node read from lines carries OCR's confidence in them
        last_lines = dict(g.subject_objects(INTMK.sourceLastLine))
        for start, line in list(g.subject_objects(INTMK.sourceFirstLine)) + list(g.subject_objects(INTMK.sourceLine)):
            first = lexical_int(line)
            last = lexical_int(last_lines[start]) if start in last_lines else first
            seen = [c for n in range(first, last + 1) if (c := collection.recognised(n)) is not None]
            if seen:
                g.add((start, INTMK.recognitionConfidence, typed(f"{min(seen):.3f}", XSD.decimal)))
    return g


def _agenda(g: TripleSink, minter: Minter, conf: Conference, collection: Collection, conf_iri: str) -> None:
    """Pages from the table of contents; items without a resolution text become agenda
    items, at the IRI their resolution would have, so a later document can fill it."""
    printed = {r.id for r in collection.resolutions}
    entries: dict[str, AgendaEntry] = {}
    for entry in collection.untexted + collection.agenda:  # the contents' entry wins
        known = entries.get(entry.id)
        entries[entry.id] = entry if entry.title or known is None else replace(entry, title=known.title)
    for entry in collection.agenda:
        if entry.page is not None:
            node = minter.resolution(conf.number, conf.kind, entry.id, collection.slug)
            g.add((node, INTMK.tocPage, integer(entry.page)))
    for entry in entries.values():
        if entry.id in printed:
            continue
        node = minter.resolution(conf.number, conf.kind, entry.id, collection.slug)
        g.add((node, RDF.type, INTMK.AgendaItem))
        g.add((node, INTMK.agendaItem, literal(entry.id)))
        g.add((node, INTMK.onAgendaOf, conf_iri))
        g.add((node, RDFS.label, de(f"TOP {entry.id}: {entry.title}" if entry.title else f"TOP {entry.id}")))
        if entry.title:
            g.add((node, DCTERMS.title, de(entry.title)))
        if entry.heading:
            g.add((node, INTMK.isGroupHeading, literal(True)))


def _resolution(g: TripleSink, minter: Minter, conf: Conference, slug: str, doc: str, conf_iri: str,
                r: Resolution) -> None:
    node = minter.resolution(conf.number, conf.kind, r.key, slug)
    g.add((node, RDF.type, INTMK.Resolution))
    g.add((node, INTMK.agendaItem, literal(r.id)))
    g.add((node, RDFS.label, de(f"TOP {r.id}: {r.title.text}" if r.title.text else f"TOP {r.id}")))
    if r.title.text:  # a lead motion may have none ("TOP 1 Leitantrag")
        g.add((node, DCTERMS.title, de(r.title.text)))
    if r.subtitle:
        g.add((node, INTMK.subtitle, de(r.subtitle.text)))
    g.add((node, INTMK.isLeadMotion, literal(r.lead_motion)))
    g.add((node, INTMK.position, literal(r.position)))
    g.add((node, INTMK.adoptedAt, conf_iri))
    g.add((node, PROV.wasDerivedFrom, doc))
    g.add((node, INTMK.sourceFirstLine, integer(r.first_line)))
    g.add((node, INTMK.sourceLastLine, integer(r.last_line)))
    for land in r.sponsors:
        g.add((node, INTMK.sponsoredBy, iri(land.iri)))
    if r.decision:
        g.add((node, INTMK.decision, DECISIONS[r.decision]))
    if r.votes:
        for prop, value in (
            (INTMK.yesVotes, r.votes.yes),
            (INTMK.noVotes, r.votes.no),
            (INTMK.abstentions, r.votes.abstain),
        ):
            g.add((node, prop, integer(value)))
    unnumbered = 0
    for position, paragraph in enumerate(r.paragraphs, start=1):
        if paragraph.number is None:
            unnumbered += 1
        p = Minter.paragraph(node, paragraph.number, unnumbered)
        g.add((node, INTMK.hasParagraph, p))
        g.add((p, RDF.type, INTMK.Paragraph))
        g.add((p, INTMK.position, literal(position)))
        if paragraph.number is not None:
            g.add((p, INTMK.paragraphNumber, literal(paragraph.number)))
        g.add((p, INTMK.text, de(paragraph.text.text)))
        g.add((p, PROV.wasDerivedFrom, doc))
        _lines(g, p, paragraph.text)
    for index, note in enumerate(r.protocol_notes, start=1):
        n = Minter.note(node, index)
        g.add((node, INTMK.hasProtocolNote, n))
        g.add((n, RDF.type, INTMK.ProtocolNote))
        g.add((n, INTMK.position, literal(index)))
        for land in note.by:
            g.add((n, INTMK.declaredBy, iri(land.iri)))
        if note.paragraph is not None:
            g.add((n, INTMK.concernsParagraph, Minter.paragraph(node, note.paragraph)))
        g.add((n, INTMK.text, de(note.text.text)))
        g.add((n, PROV.wasDerivedFrom, doc))
        _lines(g, n, note.text, first_source_line=note.source_line)
    for index, footnote in enumerate(r.footnotes, start=1):
        f = Minter.footnote(node, index)
        g.add((node, INTMK.hasFootnote, f))
        g.add((f, RDF.type, INTMK.Footnote))
        g.add((f, INTMK.position, literal(index)))
        g.add((f, INTMK.footnoteMark, literal(footnote.mark)))
        g.add((f, INTMK.text, de(footnote.text.text)))
        g.add((f, PROV.wasDerivedFrom, doc))
        _lines(g, f, footnote.text)


def _finding(g: TripleSink, node: str, cls: str, resolution: str, doc: str, place: Place | None,
             text: str) -> None:
    assert place is not None  # every finding read from a text is placed
    g.add((node, RDF.type, cls))
    g.add((node, INTMK.inParagraph, Minter.place(resolution, place)))
    g.add((node, INTMK.surfaceText, literal(text)))
    g.add((node, PROV.wasDerivedFrom, doc))
    if place.source_line is not None:
        g.add((node, INTMK.sourceLine, integer(place.source_line)))
    if place.official_line is not None:
        g.add((node, INTMK.lineNumber, integer(place.official_line)))


def _content(g: TripleSink, minter: Minter, node: str, doc: str, content: Content) -> None:
    """Citations, mentions, demands, dates, amounts and references of one resolution."""
    first_of_group: dict[int, str] = {}
    for i, c in enumerate(content.citations, start=1):
        first_of_group.setdefault(c.group, Minter.finding(node, "citation", i))
    for i, c in enumerate(content.citations, start=1):
        cit = Minter.finding(node, "citation", i)
        law = iri(c.law.iri)
        g.add((node, INTMK.hasCitation, cit))
        _finding(g, cit, INTMK.Citation, node, doc, c.place, c.text)
        g.add((cit, INTMK.citesLaw, law))
        if c.section:
            sec = Minter.section(law, c.section, c.article)
            g.add((cit, INTMK.citesSection, sec))
            g.add((node, ELI.cites, sec))
            g.add((sec, RDF.type, INTMK.LawSection))
            g.add((sec, ELI.is_part_of, law))
            g.add((sec, INTMK.sectionNumber, literal(c.section)))
            g.add((sec, RDFS.label, de(citation_label(c.law.abbr or c.law.label, c.section, c.article))))
            if c.law.portal:
                g.add((sec, SCHEMA.url, typed(section_url(c.law.portal, c.section, c.article), XSD.anyURI)))
        else:
            g.add((node, ELI.cites, law))
        for prop, value in (
            (INTMK.subsection, c.subsection),
            (INTMK.sentenceNumber, c.sentence),
            (INTMK.itemNumber, c.number),
            (INTMK.letter, c.letter),
        ):
            if value:
                g.add((cit, prop, literal(value)))
        if c.following:
            g.add((cit, INTMK.followingSections, literal(True)))
        if c.in_conjunction_with is not None and c.in_conjunction_with in first_of_group:
            g.add((cit, INTMK.inConjunctionWith, first_of_group[c.in_conjunction_with]))
    mentions = [(m, iri(m.ref.iri), INTMK.mentions) for m in content.bodies]
    mentions += [(m, iri(m.ref.iri), INTMK.concernsProgramme) for m in content.programmes]
    mentions.sort(key=lambda t: (t[0].place.source_line or 0, t[0].place.part, t[0].key))
    for i, (m, target, link) in enumerate(mentions, start=1):
        mention = Minter.finding(node, "mention", i)
        g.add((node, INTMK.hasMention, mention))
        _finding(g, mention, INTMK.Mention, node, doc, m.place, m.text)
        g.add((mention, INTMK.mentionOf, target))
        g.add((node, link, target))
    for i, d in enumerate(content.demands, start=1):
        demand = Minter.finding(node, "demand", i)
        g.add((node, INTMK.makesDemand, demand))
        _finding(g, demand, INTMK.Mandate if d.kind is DemandKind.MANDATE else INTMK.Demand, node, doc, d.place, d.text)
        g.add((demand, INTMK.verb, literal(d.verb)))
        for a in d.addressees:
            g.add((demand, INTMK.addressee, iri(a.iri)))
        for topic in d.concerns:
            g.add((demand, INTMK.concerns, iri(topic.iri)))
    for i, day in enumerate(content.dates, start=1):
        date_node = Minter.finding(node, "date", i)
        g.add((node, INTMK.hasDate, date_node))
        _finding(g, date_node, INTMK.DateMention, node, doc, day.place, day.text)
        if isinstance(day.value, tuple):
            g.add((date_node, INTMK.dateValue, typed(day.iso, XSD.gYearMonth)))
        else:
            g.add((date_node, INTMK.dateValue, literal(day.value)))
    for i, sum_ in enumerate(content.amounts, start=1):
        amount = Minter.finding(node, "amount", i)
        g.add((node, INTMK.hasAmount, amount))
        _finding(g, amount, SCHEMA.MonetaryAmount, node, doc, sum_.place, sum_.text)
        # The canonical lexical form ("77500000.0"), so Turtle round trips are exact.
        lexical = f"{int(sum_.value)}.0" if sum_.value == sum_.value.to_integral_value() else str(sum_.value)
        g.add((amount, SCHEMA.value, typed(lexical, XSD.decimal)))
        g.add((amount, SCHEMA.currency, literal(sum_.currency)))
    for i, ref in enumerate(content.references, start=1):
        reference = Minter.finding(node, "reference", i)
        meeting = minter.meeting(ref.body.key, ref.number, ref.date, ref.kind)
        g.add((node, INTMK.hasReference, reference))
        _finding(g, reference, INTMK.Reference, node, doc, ref.place, ref.text)
        g.add((reference, INTMK.mentionOf, meeting))
        g.add((node, INTMK.refersTo, meeting))
        if ref.date is not None:
            g.add((reference, INTMK.referencedDate, literal(ref.date)))
        if ref.top:
            g.add((reference, INTMK.agendaItem, literal(ref.top)))
        if ref.body.key == "IntMK" and ref.number is not None:
            if ref.top:  # the resolution itself, at the IRI it has whether or not that year is loaded
                g.add((node, INTMK.refersTo, minter.resolution(ref.number, ref.kind, ref.top)))
            continue
        # A meeting of another conference, or an IntMK meeting known only by its date.
        g.add((meeting, RDF.type, INTMK.Meeting))
        g.add((meeting, INTMK.meetingOf, iri(ref.body.iri)))
        name = f"{ref.number}. {ref.body}" if ref.number is not None else f"{ref.body} vom {_iso(ref.date)}"
        g.add((meeting, RDFS.label, de(name)))
        if ref.number is None:
            if ref.date is not None:
                g.add((meeting, INTMK.meetingDate, literal(ref.date)))
        else:
            g.add((meeting, INTMK.conferenceNumber, integer(ref.number)))
        if ref.top:
            item = Minter.meeting_item(meeting, ref.top)
            g.add((node, INTMK.refersTo, item))
            g.add((item, RDF.type, INTMK.MeetingItem))
            g.add((item, INTMK.itemOf, meeting))
            g.add((item, INTMK.agendaItem, literal(ref.top)))
            g.add((item, RDFS.label, de(f"{name}, TOP {ref.top}")))


@cache
def _reference_triples() -> tuple[Triple, ...]:
    """The reference vocabularies (Länder, ...) and the IntMK itself: read once a process."""
    parsed = [t for name in REFERENCE_FILES for t in load_triples(name).all]
    ontology = load_triples("intmk.ttl")
    for outcome in ontology.subjects(RDF_TYPE, PREFIXES["intmk"] + "DecisionOutcome"):
        # Queries read the outcomes' labels and notations.
        parsed += [t for t in ontology.all if isinstance(t.subject, ox.NamedNode) and t.subject.value == outcome]
    # Sorted, as a parsed graph has no order of its own.
    found = sorted({(from_ox(t.subject), from_ox(t.predicate), from_ox(t.object))  # type: ignore[arg-type]
                    for t in parsed})
    return (*((s, p, o) for s, p, o in found),
            (INTMK_BODY, RDF.type, INTMK.MinisterConference),
            (INTMK_BODY, RDFS.label, de("Integrationsministerkonferenz (IntMK)")))


def reference_graph(g: TripleSink) -> TripleSink:
    """The reference vocabularies (Länder, ...) and the IntMK itself, added to ``g``."""
    for triple in _reference_triples():
        g.add(triple)
    return g


def bind_prefixes(graph: Graph | QuadSet, base: str) -> None:
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    graph.bind("data", base, override=True, replace=True)


def build_quads(collections: Sequence[Collection], base: str = DEFAULT_BASE,
                repeats: Sequence[Repeat] = ()) -> QuadSet:
    """All documents, one named graph each, plus the reference graph, as plain quads;
    ``repeats``: the demands made again across them (``extract.repeats``)."""
    minter = Minter(base)
    quads = QuadSet()
    bind_prefixes(quads, minter.base)
    reference_graph(quads.graph(minter.reference_graph))
    for collection in collections:
        collection_graph(collection, minter, quads.graph(minter.graph(collection.slug)))
    for repeat in repeats:
        _repeat(quads.graph(minter.graph(repeat.later.collection.slug)), minter, repeat)
    return quads


def _demand_iri(minter: Minter, at: DemandAt) -> str:
    conf = at.collection.conference
    resolution = minter.resolution(conf.number, conf.kind, at.key, at.collection.slug)
    return Minter.finding(resolution, "demand", at.index)


def _repeat(g: TripleSink, minter: Minter, repeat: Repeat) -> None:
    later, earlier = _demand_iri(minter, repeat.later), _demand_iri(minter, repeat.earlier)
    link = Minter.repetition(later)
    g.add((later, INTMK.repeats, earlier))
    g.add((link, RDF.type, INTMK.Repetition))
    g.add((link, INTMK.repeatingDemand, later))
    g.add((link, INTMK.repeatedDemand, earlier))
    g.add((link, INTMK.foundBy, literal(repeat.how)))
    g.add((link, INTMK.similarity, typed(f"{repeat.score:.1f}", XSD.decimal)))

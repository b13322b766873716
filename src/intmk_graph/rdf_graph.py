"""Model -> RDF. The one place IRIs are minted.

IRIs are deterministic: they depend only on the base, the conference number and the
printed ids, so rebuilding gives the same graph and two years can share one store.
Each input document gets its own named graph; reference vocabularies go into
``<base>graph/reference``.
"""

from __future__ import annotations

import re
from pathlib import Path

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, XSD

from .model import Collection, Conference, Decision, Paragraph, ProtocolNote, Resolution, Text
from .namespaces import DEFAULT_BASE, ID, INTMK, PREFIXES, SCHEMA
from .vocab import laender, load_turtle

DECISIONS = {Decision.UNANIMOUS: INTMK.Unanimous, Decision.MAJORITY: INTMK.Majority}
REFERENCE_FILES = ("laender.ttl",)
INTMK_BODY = ID["body/IntMK"]


class Minter:
    """Mints the IRIs of one document's resources under a base.

    >>> m = Minter("https://example.org/")
    >>> str(m.resolution(20, None, "2.1.a"))
    'https://example.org/conference/20/top/2.1.a'
    """

    def __init__(self, base: str = DEFAULT_BASE):
        if not re.match(r"^[a-z][a-z0-9+.-]*:", base):
            raise ValueError(f"base IRI {base!r} has no scheme; expected e.g. https://example.org/")
        self.base = base if base.endswith(("/", "#")) else base + "/"

    def conference(self, number: int | None, kind: str | None, slug: str | None = None) -> URIRef:
        key = str(number) if number is not None else (slug or "unknown")
        if kind and kind != "Hauptkonferenz":
            key += "-" + kind.lower()
        return URIRef(f"{self.base}conference/{key}")

    def resolution(self, number: int | None, kind: str | None, top: str, slug: str | None = None) -> URIRef:
        return URIRef(f"{self.conference(number, kind, slug)}/top/{top}")

    def document(self, slug: str) -> URIRef:
        return URIRef(f"{self.base}document/{slug}")

    def graph(self, slug: str) -> URIRef:
        return URIRef(f"{self.base}graph/{slug}")

    @property
    def reference_graph(self) -> URIRef:
        return URIRef(f"{self.base}graph/reference")


def _lines(graph: Graph, node: URIRef, text: Text, first_source_line: int | None = None) -> None:
    """Attach source-file and official line ranges to a node (a note starts at its heading)."""
    if text.spans:
        first, last = text.source_lines
        first = first_source_line or first
        graph.add((node, INTMK.sourceFirstLine, Literal(first, datatype=XSD.integer)))
        graph.add((node, INTMK.sourceLastLine, Literal(last, datatype=XSD.integer)))
    if official := text.official_lines:
        graph.add((node, INTMK.firstLineNumber, Literal(official[0], datatype=XSD.integer)))
        graph.add((node, INTMK.lastLineNumber, Literal(official[1], datatype=XSD.integer)))


def _de(text: str) -> Literal:
    return Literal(text, lang="de")


def _land(name: str) -> URIRef:
    return laender().by_name[name].iri


def collection_graph(collection: Collection, minter: Minter, graph: Graph | None = None) -> Graph:
    """The triples read from one document."""
    g = graph if graph is not None else Graph()
    conf: Conference = collection.conference
    doc = minter.document(collection.slug)
    g.add((doc, RDF.type, INTMK.SourceDocument))
    g.add((doc, INTMK.fileName, Literal(Path(collection.source).name)))
    g.add((doc, INTMK.lineCount, Literal(collection.line_count, datatype=XSD.integer)))

    conf_iri = minter.conference(conf.number, conf.kind, collection.slug)
    g.add((conf_iri, RDF.type, INTMK.Conference))
    g.add((conf_iri, INTMK.meetingOf, INTMK_BODY))
    g.add((conf_iri, PROV.wasDerivedFrom, doc))
    label = f"{conf.number}. IntMK" if conf.number is not None else "IntMK"
    if conf.kind:
        label += f" ({conf.kind})"
    if conf.place:
        label += f", {conf.place}"
    g.add((conf_iri, RDFS.label, _de(label)))
    if conf.number is not None:
        g.add((conf_iri, INTMK.conferenceNumber, Literal(conf.number)))
    if conf.kind:
        g.add((conf_iri, INTMK.meetingKind, Literal(conf.kind)))
    if conf.place:
        g.add((conf_iri, INTMK.place, Literal(conf.place)))
    if conf.start:
        g.add((conf_iri, SCHEMA.startDate, Literal(conf.start)))
    if conf.end:
        g.add((conf_iri, SCHEMA.endDate, Literal(conf.end)))
    if conf.chair:
        g.add((conf_iri, INTMK.chair, _land(conf.chair)))

    for resolution in collection.resolutions:
        _resolution(g, minter, conf, collection.slug, doc, conf_iri, resolution)
    return g


def _resolution(g, minter, conf, slug, doc, conf_iri, r: Resolution) -> None:
    node = minter.resolution(conf.number, conf.kind, r.id, slug)
    g.add((node, RDF.type, INTMK.Resolution))
    g.add((node, INTMK.agendaItem, Literal(r.id)))
    g.add((node, RDFS.label, _de(f"TOP {r.id}: {r.title.text}")))
    g.add((node, DCTERMS.title, _de(r.title.text)))
    if r.subtitle:
        g.add((node, INTMK.subtitle, _de(r.subtitle.text)))
    g.add((node, INTMK.isLeadMotion, Literal(r.lead_motion)))
    g.add((node, INTMK.position, Literal(r.position)))
    g.add((node, INTMK.adoptedAt, conf_iri))
    g.add((node, PROV.wasDerivedFrom, doc))
    g.add((node, INTMK.sourceFirstLine, Literal(r.first_line, datatype=XSD.integer)))
    g.add((node, INTMK.sourceLastLine, Literal(r.last_line, datatype=XSD.integer)))
    for name in r.sponsors:
        g.add((node, INTMK.sponsoredBy, _land(name)))
    if r.decision:
        g.add((node, INTMK.decision, DECISIONS[r.decision]))
    if r.votes:
        for prop, value in (
            (INTMK.yesVotes, r.votes.yes),
            (INTMK.noVotes, r.votes.no),
            (INTMK.abstentions, r.votes.abstain),
        ):
            g.add((node, prop, Literal(value, datatype=XSD.integer)))
    unnumbered = 0
    for position, paragraph in enumerate(r.paragraphs, start=1):
        if paragraph.number is None:
            unnumbered += 1
        p = paragraph_iri(node, paragraph, unnumbered)
        g.add((node, INTMK.hasParagraph, p))
        g.add((p, RDF.type, INTMK.Paragraph))
        g.add((p, INTMK.position, Literal(position)))
        if paragraph.number is not None:
            g.add((p, INTMK.paragraphNumber, Literal(paragraph.number)))
        g.add((p, INTMK.text, _de(paragraph.text.text)))
        g.add((p, PROV.wasDerivedFrom, doc))
        _lines(g, p, paragraph.text)
    for index, note in enumerate(r.protocol_notes, start=1):
        n = URIRef(f"{node}/note/{index}")
        g.add((node, INTMK.hasProtocolNote, n))
        g.add((n, RDF.type, INTMK.ProtocolNote))
        g.add((n, INTMK.position, Literal(index)))
        for name in note.by:
            g.add((n, INTMK.declaredBy, _land(name)))
        if note.paragraph is not None:
            g.add((n, INTMK.concernsParagraph, URIRef(f"{node}/p/{note.paragraph}")))
        g.add((n, INTMK.text, _de(note.text.text)))
        g.add((n, PROV.wasDerivedFrom, doc))
        _lines(g, n, note.text, first_source_line=note.source_line)


def paragraph_iri(resolution: URIRef, paragraph: Paragraph, unnumbered_index: int) -> URIRef:
    """Numbered paragraphs by their number, unnumbered text by its order (``text/1``)."""
    if paragraph.number is not None:
        return URIRef(f"{resolution}/p/{paragraph.number}")
    return URIRef(f"{resolution}/text/{unnumbered_index}")


def reference_graph(graph: Graph | None = None) -> Graph:
    """The reference vocabularies (Länder, ...) and the IntMK itself."""
    g = graph if graph is not None else Graph()
    for name in REFERENCE_FILES:
        for triple in load_turtle(name):
            g.add(triple)
    ontology = load_turtle("intmk.ttl")
    for outcome in ontology.subjects(RDF.type, INTMK.DecisionOutcome):
        for triple in ontology.triples((outcome, None, None)):
            g.add(triple)  # queries read the outcomes' labels and notations
    g.add((INTMK_BODY, RDF.type, INTMK.MinisterConference))
    g.add((INTMK_BODY, RDFS.label, _de("Integrationsministerkonferenz (IntMK)")))
    return g


def bind_prefixes(graph: Graph, base: str) -> None:
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    graph.bind("data", base, override=True, replace=True)


def build_dataset(collections: list[Collection], base: str = DEFAULT_BASE) -> Dataset:
    """All documents, one named graph each, plus the reference graph."""
    minter = Minter(base)
    dataset = Dataset()
    bind_prefixes(dataset, minter.base)
    reference_graph(dataset.graph(minter.reference_graph))
    for collection in collections:
        collection_graph(collection, minter, dataset.graph(minter.graph(collection.slug)))
    return dataset

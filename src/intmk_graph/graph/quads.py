"""What the RDF stage writes into: named graphs as ordered sets of triples, with no
index. An rdflib memory store indexes every triple three ways and fires an event per
``add``, which cost a third of a build; the outputs and the Oxigraph store need only the
quads, once. A user who wants rdflib's API gets a Dataset made from them on request.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Protocol

from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.term import Node

Triple = tuple[Node, Node, Node]
Quad = tuple[Node, Node, Node, URIRef]


class TripleSink(Protocol):
    """Where the RDF stage adds triples: a GraphSink, or any rdflib Graph."""

    def add(self, triple: Triple, /) -> object: ...

    def subject_objects(self, predicate: Node, /) -> Iterator[tuple[Node, Node]]: ...


class GraphSink:
    """One named graph: ``add`` keeps each triple once, in the order first added."""

    __slots__ = ("identifier", "_triples")

    def __init__(self, identifier: URIRef):
        self.identifier = identifier
        self._triples: dict[Triple, None] = {}

    def add(self, triple: Triple, /) -> None:
        self._triples[triple] = None

    def __iter__(self) -> Iterator[Triple]:
        return iter(self._triples)

    def subject_objects(self, predicate: Node) -> Iterator[tuple[Node, Node]]:
        """(subject, object) of the triples with ``predicate``: a scan, as it is rarely asked."""
        return ((s, o) for s, p, o in self._triples if p == predicate)

    def __len__(self) -> int:
        return len(self._triples)


class QuadSet:
    """Every named graph of a build, and the prefixes to write them with; the part of
    rdflib's Dataset API the stage and the writers use (``graph``, ``bind``,
    ``namespaces``, ``quads``)."""

    def __init__(self) -> None:
        self._graphs: dict[URIRef, GraphSink] = {}
        self._prefixes: dict[str, URIRef] = {}
        self._ox: list[tuple[tuple[str, Any], ...]] | None = None
        self._ox_quads: list[Any] | None = None  # sorted once: for TriG and the store

    def graph(self, identifier: URIRef) -> GraphSink:
        if identifier not in self._graphs:
            self._graphs[identifier] = GraphSink(identifier)
        return self._graphs[identifier]

    def bind(self, prefix: str, namespace: object, override: bool = True, replace: bool = True) -> None:
        self._prefixes[prefix] = URIRef(str(namespace))

    def namespaces(self) -> Iterator[tuple[str, URIRef]]:
        return iter(self._prefixes.items())

    def quads(self, pattern: object = None) -> Iterator[Quad]:
        """Every (s, p, o, graph name), graphs in the order made."""
        for name, sink in self._graphs.items():
            for s, p, o in sink:
                yield s, p, o, name

    def __len__(self) -> int:
        """Distinct triples over all graphs, as rdflib counts a Dataset's."""
        return len({t for sink in self._graphs.values() for t in sink})

    def _converted(self) -> list[tuple[tuple[str, Any], ...]]:
        """(N-Triples key, pyoxigraph term) of s, p, o and graph for every quad; each
        distinct term is converted, and written for sorting, once."""
        if self._ox is None:
            cache: dict[Node, tuple[str, Any]] = {}

            def term(t: Node) -> tuple[str, Any]:
                hit = cache.get(t)
                if hit is None:
                    hit = cache[t] = (t.n3(), to_ox(t))
                return hit

            self._ox = [(term(s), term(p), term(o), term(g)) for s, p, o, g in self.quads()]
        return self._ox

    def ox_quads(self) -> list[Any]:
        """The quads as pyoxigraph terms, in N-Triples order of graph, subject, predicate
        and object: one TriG block per graph, the same bytes every run. Made once; the
        TriG writer and the store both take it."""
        if self._ox_quads is None:
            import pyoxigraph as ox

            rows = sorted(self._converted(), key=lambda r: (r[3][0], r[0][0], r[1][0], r[2][0]))
            self._ox_quads = [ox.Quad(s[1], p[1], o[1], g[1]) for s, p, o, g in rows]
        return self._ox_quads

    def ox_triples(self) -> list[Any]:
        """The union of the graphs as pyoxigraph triples, each once, in N-Triples order."""
        import pyoxigraph as ox

        unique = {(s[0], p[0], o[0]): (s[1], p[1], o[1]) for s, p, o, _ in self._converted()}
        return [ox.Triple(*unique[k]) for k in sorted(unique)]

    def to_dataset(self) -> Dataset:
        """The same graphs in an rdflib Dataset (default graph: the union)."""
        dataset = Dataset(default_union=True)
        for prefix, namespace in self._prefixes.items():
            dataset.bind(prefix, namespace, override=True, replace=True)
        for name, sink in self._graphs.items():
            target = dataset.graph(name)
            for triple in sink:
                target.add(triple)
        return dataset


def to_ox(term: Node) -> Any:
    """An rdflib term as a pyoxigraph one."""
    import pyoxigraph as ox

    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    assert isinstance(term, Literal)
    if term.language:
        return ox.Literal(str(term), language=term.language)
    if term.datatype is not None:
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
    return ox.Literal(str(term))

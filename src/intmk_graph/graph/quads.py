"""What the RDF stage writes into: named graphs as ordered sets of triples, with no
index. An rdflib memory store indexes every triple three ways and fires an event per
``add``, which cost a third of a build; the outputs and the Oxigraph store need only the
quads, once. A user who wants rdflib's API gets a Dataset made from them on request.
"""

from __future__ import annotations

import heapq
import itertools
import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Protocol

from ..chunks import encoded
from ..namespaces import PREFIXES
from .terms import FALSE, TRUE, XSD_INTEGER, from_rdflib, iri

if TYPE_CHECKING:
    from rdflib import Dataset
    from rdflib.term import Node

Triple = tuple[str, str, str]  # N-Triples terms (graph/terms.py)
Quad = tuple[str, str, str, str]


class TripleSink(Protocol):
    """Where the RDF stage adds triples of N-Triples terms."""

    def add(self, triple: Triple, /) -> object: ...

    def subject_objects(self, predicate: str, /) -> Iterator[tuple[str, str]]: ...


class GraphSink:
    """One named graph: ``add`` keeps each triple once, in the order first added."""

    __slots__ = ("identifier", "_triples")

    def __init__(self, identifier: str):
        self.identifier = identifier
        self._triples: dict[Triple, None] = {}

    def add(self, triple: Triple, /) -> None:
        self._triples[triple] = None

    def __iter__(self) -> Iterator[Triple]:
        return iter(self._triples)

    def subject_objects(self, predicate: str) -> Iterator[tuple[str, str]]:
        """(subject, object) of the triples with ``predicate``: a scan, as it is rarely asked."""
        return ((s, o) for s, p, o in self._triples if p == predicate)

    def __len__(self) -> int:
        return len(self._triples)


class QuadSet:
    """Every named graph of a build, and the prefixes to write them with.

    The files and the store are written from one sort of the quads, in chunks (so a
    100 MB corpus never holds a whole file in memory); sorting hands the triples over
    from the graphs to the sorted rows, after which no more can be added."""

    def __init__(self) -> None:
        self._graphs: dict[str, GraphSink] = {}
        self._prefixes: dict[str, str] = {}
        self._sorted: list[Triple] | None = None  # every graph's triples, sorted, one run after another
        self._runs: list[tuple[str, int, int]] = []  # graph name, its run's start and end
        self._distinct: int | None = None

    def graph(self, identifier: str) -> GraphSink:
        if self._sorted is not None:
            raise RuntimeError("the quads are sorted for writing; no more can be added")
        if identifier not in self._graphs:
            self._graphs[identifier] = GraphSink(identifier)
        return self._graphs[identifier]

    def bind(self, prefix: str, namespace: object, override: bool = True, replace: bool = True) -> None:
        self._prefixes[prefix] = str(namespace)

    def namespaces(self) -> Iterator[tuple[str, str]]:
        return iter(self._prefixes.items())

    def quads(self) -> Iterator[Quad]:
        """Every (s, p, o, graph name)."""
        if self._sorted is not None:
            for g, a, b in self._runs:
                for s, p, o in self._run(a, b):
                    yield s, p, o, g
            return
        for name, sink in self._graphs.items():
            for s, p, o in sink:
                yield s, p, o, name

    def __len__(self) -> int:
        """Distinct triples over all graphs, as rdflib counts a Dataset's."""
        if self._distinct is None:
            self._distinct = sum(1 for _ in self.union())
        return self._distinct

    def sort(self) -> None:
        """Sort now (else on first need): readers in several threads then share the rows."""
        self._by_graph()

    def _by_graph(self) -> list[Triple]:
        """The graphs in N-Triples order of their names, each graph's triples sorted:
        one TriG block per graph. Each graph is sorted on its own and let go, so the
        triples are never held twice."""
        if self._sorted is None:
            rows: list[Triple] = []
            for name in sorted(self._graphs):
                triples = sorted(self._graphs.pop(name))
                self._runs.append((name, len(rows), len(rows) + len(triples)))
                rows.extend(triples)
            self._sorted = rows
        return self._sorted

    def _run(self, start: int, end: int) -> Iterator[Triple]:
        rows = self._by_graph()
        return (rows[i] for i in range(start, end))

    def union(self) -> Iterator[Triple]:
        """The union of the graphs, each triple once, in N-Triples order: the sorted
        graphs merged."""
        self._by_graph()
        runs = [self._run(a, b) for _, a, b in self._runs]
        last = None
        count = 0
        for triple in heapq.merge(*runs):
            if triple != last:
                count += 1
                yield triple
                last = triple
        self._distinct = count

    def nquads_chunks(self) -> Iterator[bytes]:
        """The quads as N-Quads, graph by graph in N-Triples order: what the store loads."""
        self._by_graph()
        return encoded(f"{s} {p} {o} {g} .\n" for s, p, o, g in self.quads())

    def turtle_chunks(self, prefixes: dict[str, str]) -> Iterator[bytes]:
        """The union as Turtle, subjects in N-Triples order."""
        writer = TurtleWriter(prefixes)
        return encoded(itertools.chain([writer.header()], writer.lines(self.union(), "")))

    def trig_chunks(self, prefixes: dict[str, str]) -> Iterator[bytes]:
        """TriG, one block per named graph, graphs and triples in N-Triples order."""
        writer = TurtleWriter(prefixes)
        self._by_graph()

        def pieces() -> Iterator[str]:
            yield writer.header()
            for name, a, b in self._runs:
                yield f"{name} {{\n"
                yield from writer.lines(self._run(a, b), "\t")
                yield "}\n"

        return encoded(pieces())

    @classmethod
    def of_rdflib(cls, quads: Iterable[tuple[Node, Node, Node, Node]], prefixes: Iterable[tuple[str, object]]) -> QuadSet:
        """A user's rdflib graph or dataset as a QuadSet, to be written as a build is."""
        made = cls()
        for prefix, namespace in prefixes:
            made.bind(prefix, namespace)
        for s, p, o, g in quads:
            made.graph(from_rdflib(g)).add((from_rdflib(s), from_rdflib(p), from_rdflib(o)))
        return made

    def nquads(self) -> bytes:
        return b"".join(self.nquads_chunks())

    def to_dataset(self) -> Dataset:
        """The same graphs in an rdflib Dataset (default graph: the union)."""
        from rdflib import Dataset

        dataset = Dataset(default_union=True)
        for prefix, namespace in self._prefixes.items():
            dataset.bind(prefix, namespace, override=True, replace=True)
        dataset.parse(data=self.nquads(), format="nquads")
        return dataset


# A local name written as a prefixed name as it is (no escapes needed).
_LOCAL = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?")
_INTEGER = re.compile(r"[+-]?[0-9]+")
_DECIMAL = re.compile(r"[+-]?[0-9]*\.[0-9]+")
_RDF_TYPE = iri(PREFIXES["rdf"] + "type")
_BARE = {XSD_INTEGER: _INTEGER, iri(PREFIXES["xsd"] + "decimal"): _DECIMAL}
_BOOLEANS = {TRUE: "true", FALSE: "false"}


class TurtleWriter:
    """Turtle (and TriG blocks) from sorted triples of N-Triples terms, which are valid
    Turtle as they are: subjects grouped with ``;``, objects with ``,``, ``a`` for
    rdf:type, vocabulary IRIs as prefixed names, numbers and booleans bare. Written
    here rather than by pyoxigraph because handing it a million terms as Python
    objects cost more than writing the text. The one Turtle writer: a user's rdflib
    graph is written through it too (``QuadSet.of_rdflib``)."""

    def __init__(self, prefixes: dict[str, str]):
        self.prefixes = dict(sorted(prefixes.items()))
        self._by_namespace = {ns: prefix for prefix, ns in self.prefixes.items()}
        self._short: dict[str, str] = {}  # IRIs and typed literals, which repeat

    def header(self) -> str:
        return "".join(f"@prefix {prefix}: <{ns}> .\n" for prefix, ns in self.prefixes.items())

    def _iri(self, term: str) -> str:
        cut = max(term.rfind("#"), term.rfind("/")) + 1
        prefix = self._by_namespace.get(term[1:cut])
        local = term[cut:-1]
        return f"{prefix}:{local}" if prefix is not None and _LOCAL.fullmatch(local) else term

    def term(self, term: str) -> str:
        if term[-1] != ">":
            return term  # a text, plain or in a language, or a blank node: as it is
        short = self._short.get(term)
        if short is None:
            if term[0] == "<":
                short = self._iri(term)
            elif term in _BOOLEANS:
                short = _BOOLEANS[term]
            else:
                close = term.rindex('"^^')
                lexical, datatype = term[1:close], term[close + 3 :]
                bare = _BARE.get(datatype)
                short = lexical if bare is not None and bare.fullmatch(lexical) else f'"{lexical}"^^{self._iri(datatype)}'
            self._short[term] = short
        return short

    def _predicate(self, term: str) -> str:
        return "a" if term == _RDF_TYPE else self.term(term)

    def lines(self, triples: Iterable[Triple], indent: str) -> Iterator[str]:
        """The triples (sorted, so a subject's are together) as Turtle, piece by piece."""
        term, verb = self.term, self._predicate
        subject = predicate = None
        for s, p, o in triples:
            if s != subject:
                if subject is not None:
                    yield " .\n"
                yield f"{indent}{term(s)} {verb(p)} {term(o)}"
                subject, predicate = s, p
            elif p != predicate:
                yield f" ;\n{indent}\t{verb(p)} {term(o)}"
                predicate = p
            else:
                yield f" , {term(o)}"
        if subject is not None:
            yield " .\n"

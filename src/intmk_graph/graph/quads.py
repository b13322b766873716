"""What the RDF stage writes into: named graphs as ordered sets of triples, with no
index. An rdflib memory store indexes every triple three ways and fires an event per
``add``, which cost a third of a build; the outputs and the Oxigraph store need only the
quads, once. A user who wants rdflib's API gets a Dataset made from them on request.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any, Protocol

from rdflib import Dataset

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

    The files and the store are made from :meth:`nquads` (sorted, so the same bytes
    every run) and :meth:`ox_quads` (pyoxigraph's parse of them, one call into Rust)."""

    def __init__(self) -> None:
        self._graphs: dict[str, GraphSink] = {}
        self._prefixes: dict[str, str] = {}
        self._sorted: list[Quad] | None = None
        self._ox_quads: list[Any] | None = None

    def graph(self, identifier: str) -> GraphSink:
        if identifier not in self._graphs:
            self._graphs[identifier] = GraphSink(identifier)
        return self._graphs[identifier]

    def bind(self, prefix: str, namespace: object, override: bool = True, replace: bool = True) -> None:
        self._prefixes[prefix] = str(namespace)

    def namespaces(self) -> Iterator[tuple[str, str]]:
        return iter(self._prefixes.items())

    def quads(self) -> Iterator[Quad]:
        """Every (s, p, o, graph name), graphs in the order made."""
        for name, sink in self._graphs.items():
            for s, p, o in sink:
                yield s, p, o, name

    def __len__(self) -> int:
        """Distinct triples over all graphs, as rdflib counts a Dataset's."""
        return len({t for sink in self._graphs.values() for t in sink})

    def _by_graph(self) -> list[Quad]:
        """(graph, s, p, o), sorted: one TriG block per graph, in N-Triples order."""
        if self._sorted is None:
            self._sorted = sorted((g, s, p, o) for s, p, o, g in self.quads())
        return self._sorted

    def nquads(self) -> bytes:
        """The quads as N-Quads, graph by graph in N-Triples order: what the store loads."""
        return "".join(f"{s} {p} {o} {g} .\n" for g, s, p, o in self._by_graph()).encode()

    def union(self) -> list[Triple]:
        """The union of the graphs, each triple once, in N-Triples order."""
        return sorted({(s, p, o) for _, s, p, o in self._by_graph()})

    def turtle(self, prefixes: dict[str, str]) -> bytes:
        """The union as Turtle, subjects in N-Triples order."""
        writer = TurtleWriter(prefixes)
        return (writer.header() + writer.block(self.union(), "")).encode()

    def trig(self, prefixes: dict[str, str]) -> bytes:
        """TriG, one block per named graph, graphs and triples in N-Triples order."""
        writer = TurtleWriter(prefixes)
        rows = self._by_graph()
        parts = [writer.header()]
        start = 0
        for end in range(1, len(rows) + 1):
            if end == len(rows) or rows[end][0] != rows[start][0]:
                parts.append(f"{rows[start][0]} {{\n")
                parts.append(writer.block([r[1:] for r in rows[start:end]], "\t"))
                parts.append("}\n")
                start = end
        return "".join(parts).encode()

    def to_dataset(self) -> Dataset:
        """The same graphs in an rdflib Dataset (default graph: the union)."""
        dataset = Dataset(default_union=True)
        for prefix, namespace in self._prefixes.items():
            dataset.bind(prefix, namespace, override=True, replace=True)
        dataset.parse(data=self.nquads(), format="nquads")
        return dataset



# A local name written as a prefixed name as it is (no escapes needed).
_LOCAL = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?")
_INTEGER = re.compile(r"[+-]?[0-9]+")
_DECIMAL = re.compile(r"[+-]?[0-9]*\.[0-9]+")
_RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_BARE = {f"<{_XSD}integer>": _INTEGER, f"<{_XSD}decimal>": _DECIMAL}
_BOOLEANS = {f'"true"^^<{_XSD}boolean>': "true", f'"false"^^<{_XSD}boolean>': "false"}


class TurtleWriter:
    """Turtle (and TriG blocks) from sorted triples of N-Triples terms, which are valid
    Turtle as they are: subjects grouped with ``;``, objects with ``,``, ``a`` for
    rdf:type, vocabulary IRIs as prefixed names, numbers and booleans bare. Written
    here rather than by pyoxigraph because handing it a million terms as Python
    objects cost more than writing the text."""

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

    def block(self, triples: Iterable[Triple], indent: str) -> str:
        out: list[str] = []
        term, verb = self.term, self._predicate
        subject = predicate = None
        for s, p, o in triples:
            if s != subject:
                if subject is not None:
                    out.append(" .\n")
                out.append(f"{indent}{term(s)} {verb(p)} {term(o)}")
                subject, predicate = s, p
            elif p != predicate:
                out.append(f" ;\n{indent}\t{verb(p)} {term(o)}")
                predicate = p
            else:
                out.append(f" , {term(o)}")
        if subject is not None:
            out.append(" .\n")
        return "".join(out)

"""Serialise graphs and records to files, each written whole (``outputs.write_atomic``)."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from ..chunks import encoded
from ..errors import InputError
from ..graph.quads import QuadSet
from ..outputs import write_atomic
from .tables import csv_text

if TYPE_CHECKING:  # rdflib only where a user's graph is written: a build writes its own quads
    from rdflib import Dataset, Graph
    from rdflib.term import Node


def union_graph(dataset: Dataset) -> Graph:
    """All triples of all named graphs in one graph, with the dataset's prefixes."""
    from rdflib import Graph

    graph = Graph()
    for prefix, namespace in dataset.namespaces():
        graph.bind(prefix, namespace, override=True, replace=True)
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph


def _prefixes(graph: Graph | QuadSet) -> dict[str, str]:
    """Our vocabulary prefixes, not rdflib's many defaults. Instance IRIs (data:, id:)
    are written in full: their paths would need escaped slashes ("data:conference\\/20")."""
    from ..namespaces import PREFIXES

    bound = {prefix: str(ns) for prefix, ns in graph.namespaces() if prefix in PREFIXES and prefix != "id"}
    return dict(sorted(bound.items()))


def _quad_set(quads: Iterable[tuple[Node, Node, Node, Node | None]], prefixes: Graph | Dataset) -> QuadSet:
    """Quads of a user's rdflib graph (one unnamed graph) or dataset, to be written by
    the build's one Turtle writer: the same graph gives the same bytes as a build."""
    from rdflib import URIRef

    unnamed = URIRef("urn:x-intmk-graph:unnamed")
    return QuadSet.of_rdflib(((s, p, o, unnamed if g is None else g) for s, p, o, g in quads), prefixes.namespaces())


def turtle(graph: Graph) -> bytes:
    """Turtle, subjects in IRI order."""
    return turtle_union(_quad_set(((s, p, o, None) for s, p, o in graph), graph))


def turtle_union(quads: QuadSet) -> bytes:
    """Turtle of all graphs of a build's QuadSet together, triples in IRI order."""
    return b"".join(turtle_chunks(quads))


def turtle_chunks(quads: QuadSet) -> Iterator[bytes]:
    """The same in chunks, to write without holding the whole file."""
    return quads.turtle_chunks(_prefixes(quads))


def n_triples(graph: Graph) -> bytes:
    """N-Triples, one line per triple in order."""
    lines = sorted(set(graph.serialize(format="nt").splitlines()) - {""})
    return ("\n".join(lines) + "\n").encode("utf-8")


def json_ld(graph: Graph) -> bytes:
    """Expanded JSON-LD: one object per subject in IRI order, each property's values in
    order (rdflib's own order follows the hash seed, so runs differed)."""

    def text(value: object) -> str:
        return json.dumps(value, ensure_ascii=False, sort_keys=True)

    nodes = json.loads(graph.serialize(format="json-ld"))
    for node in nodes:
        for values in node.values():
            if isinstance(values, list):
                values.sort(key=text)
    nodes.sort(key=lambda node: node.get("@id", ""))  # one object per subject
    return json.dumps(nodes, ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8") + b"\n"


# A graph's formats by name, each the same bytes every run.
GRAPH_FORMATS = {"ttl": turtle, "nt": n_triples, "jsonld": json_ld}


def serialized(graph: Graph, fmt: str) -> bytes:
    """``graph`` in one of GRAPH_FORMATS."""
    return GRAPH_FORMATS[fmt](graph)


def trig(dataset: Dataset | QuadSet) -> bytes:
    """TriG with one block per named graph, graphs and triples in IRI order (a build's
    QuadSet, or an rdflib Dataset)."""
    if not isinstance(dataset, QuadSet):
        from rdflib import Graph

        dataset = _quad_set(((s, p, o, g.identifier if isinstance(g, Graph) else g)
                             for s, p, o, g in dataset.quads((None, None, None, None)) if g is not None), dataset)
    return b"".join(trig_chunks(dataset))


def trig_chunks(quads: QuadSet) -> Iterator[bytes]:
    """A build's TriG in chunks, to write without holding the whole file."""
    return quads.trig_chunks(_prefixes(quads))


def json_chunks(records: object) -> Iterator[bytes]:
    """The same text as :func:`json_text`, encoded a megabyte at a time."""
    return encoded(itertools.chain(json.JSONEncoder(ensure_ascii=False, indent=2).iterencode(records), ["\n"]))


def export(dataset: Dataset, fmt: str, target: Path) -> list[Path]:
    """Write the dataset in ``fmt``: RDF (ttl, nt, jsonld, trig), graph formats for Gephi
    (graphml, gexf, built from the typed NetworkX view) or CSV node and edge tables."""
    if fmt == "trig":
        return [write_atomic(target, trig(dataset))]
    graph = union_graph(dataset)
    if fmt in GRAPH_FORMATS:
        return [write_atomic(target, serialized(graph, fmt))]
    from ..query.nx_view import typed_graph

    view = typed_graph(graph)
    if fmt in ("graphml", "gexf"):
        import networkx as nx

        writer = nx.generate_graphml if fmt == "graphml" else nx.generate_gexf
        return [write_atomic(target, ("\n".join(writer(view)) + "\n").encode("utf-8"))]
    if fmt == "csv":
        keys = sorted({k for _, d in view.nodes(data=True) for k in d} - {"type", "label"})
        nodes = [{"id": n, "type": d["type"], "label": d["label"], **{k: d.get(k, "") for k in keys}}
                 for n, d in sorted(view.nodes.items(), key=lambda item: item[0])]
        edges = [{"source": s, "target": t, "predicate": d["predicate"]}
                 for s, t, d in sorted(view.edges(data=True), key=lambda e: (e[0], e[1], e[2]["predicate"]))]
        return [
            write_atomic(target / "nodes.csv", csv_text(nodes).encode("utf-8")),
            write_atomic(target / "edges.csv", csv_text(edges).encode("utf-8")),
        ]
    raise ValueError(f"unknown export format {fmt!r}")


RDF_FORMATS = {".ttl": "turtle", ".trig": "trig", ".nt": "nt", ".nq": "nquads", ".jsonld": "json-ld", ".rdf": "xml"}


def read_rdf(path: Path) -> Graph:
    """An RDF file, its format told by the suffix, as one graph (all named graphs
    merged); a missing or unreadable file is an input error."""
    if not path.is_file():
        raise InputError("file not found; expected an RDF file", str(path))
    fmt = RDF_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(f"unknown RDF format {path.suffix!r}; expected one of {', '.join(RDF_FORMATS)}", str(path))
    from rdflib import Dataset

    dataset = Dataset()
    try:
        dataset.parse(path, format=fmt)
    except Exception as exc:  # rdflib's parsers raise many kinds
        raise InputError(f"not valid {fmt}: {str(exc).splitlines()[0][:200]}", str(path)) from None
    return union_graph(dataset)

"""RDF graph -> NetworkX views for network analysis.

Each view is read from the RDF graph (any rdflib graph or dataset, on either store) with
saved SPARQL queries (``queries/*.rq``: sponsorships, laender, dissent, citations), so
it reflects exactly what the graph says and agrees across stores.

Views and their attributes:

* :func:`cosponsorship` — undirected, weighted Land–Land graph. Nodes: canonical Land
  names with ``code`` (ISO 3166-2), ``sponsored`` (resolutions), ``alone`` (resolutions
  sponsored alone), ``notes`` (protocol notes given). Edges: ``weight`` (resolutions
  sponsored together) and ``resolutions`` (sorted ``"20/TOP 6.5"`` labels).
* :func:`land_resolution` — bipartite graph; Land nodes have ``bipartite=0``, resolution
  nodes (``"20/6.5"``) ``bipartite=1`` with ``title`` and ``decision``.
* :func:`resolution_law` — directed citation graph. Resolution nodes (``"20/6.5"``,
  ``kind="resolution"``, ``title``) point to section nodes (``"§ 24 AufenthG"``,
  ``kind="section"``, ``law``, ``url``) or, for laws named without a section, to law
  nodes (``"AufenthG"``, ``kind="law"``, ``label``, ``proposed``); each section points
  to its law with ``relation="part_of"``. Citation edges carry ``relation="cites"`` and
  ``weight`` (how often the resolution cites it).
* :func:`typed_graph` — the whole graph as a ``MultiDiGraph``: one node per IRI with
  ``type`` (local name of its rdf:type, an intmk class first; ``"Thing"`` if untyped) and ``label``; one edge per
  triple between IRIs with ``predicate`` (prefixed name). Literals become node attributes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS
from rdflib.term import Node

from ..graph.iris import resolution_key
from ..model import natural_key
from ..namespaces import INTMK, PREFIXES
from ..vocab.names import citation_label
from .results import Queryable
from .saved import run_saved, solutions

if TYPE_CHECKING:
    import networkx as nx  # imported where used: it is slow to import


def _resolutions(graph: Queryable, conference: int | None, decision: str | None) -> dict[str, dict[str, Any]]:
    """{"20/6.5": {"title", "decision", "sponsors": [...]}} read from the graph."""
    found: dict[str, dict[str, Any]] = {}
    for row in solutions(run_saved(graph, "sponsorships", conference=conference, outcome=decision)):
        dec = str(row.decision) if row.decision is not None else None
        key = resolution_key(int(row.conference), row.top)
        entry = found.setdefault(key, {"title": str(row.title), "decision": dec, "sponsors": set()})
        if row.land is not None:
            entry["sponsors"].add(str(row.land))
    return found


def cosponsorship(
    graph: Queryable, conference: int | None = None, decision: str | None = None, without_joint: bool = False
) -> nx.Graph[str]:
    """Weighted co-sponsorship among the Länder.

    Args:
        graph: an rdflib graph or dataset built by intmk-graph.
        conference: only resolutions of this conference number.
        decision: only ``"unanimous"`` or ``"majority"`` resolutions.
        without_joint: leave out joint motions sponsored by every Land, which link
            everyone to everyone and hide the coalitions.

    Returns:
        ``networkx.Graph`` with all 16 Länder as nodes (see module docstring).
    """
    import networkx as nx

    g: nx.Graph[str] = nx.Graph()
    for row in solutions(run_saved(graph, "laender")):
        g.add_node(str(row.land), code=str(row.code), sponsored=0, alone=0, notes=0)
    together: dict[tuple[str, str], list[str]] = defaultdict(list)
    for key, entry in sorted(_resolutions(graph, conference, decision).items()):
        sponsors = sorted(entry["sponsors"])
        if without_joint and len(sponsors) == g.number_of_nodes():
            continue
        for land in sponsors:
            g.nodes[land]["sponsored"] += 1
        if len(sponsors) == 1:
            g.nodes[sponsors[0]]["alone"] += 1
        for i, a in enumerate(sponsors):
            for b in sponsors[i + 1 :]:
                together[(a, b)].append(key)
    for (a, b), keys in sorted(together.items()):
        g.add_edge(a, b, weight=len(keys), resolutions=sorted(keys, key=natural_key))
    for row in solutions(run_saved(graph, "dissent", conference=conference)):  # one row per note and Land
        g.nodes[str(row.by)]["notes"] += 1
    return g


def land_resolution(graph: Queryable, conference: int | None = None) -> nx.Graph[str]:
    """Bipartite Land–resolution sponsorship graph (see module docstring)."""
    import networkx as nx

    g: nx.Graph[str] = nx.Graph()
    for row in solutions(run_saved(graph, "laender")):
        g.add_node(str(row.land), bipartite=0, code=str(row.code))
    for key, entry in sorted(_resolutions(graph, conference, None).items()):
        g.add_node(key, bipartite=1, title=entry["title"], decision=entry["decision"] or "")
        for land in sorted(entry["sponsors"]):
            g.add_edge(land, key)
    return g


def resolution_law(graph: Queryable, conference: int | None = None) -> nx.DiGraph[str]:
    """Directed resolution → section → law citation graph (see module docstring)."""
    import networkx as nx

    g: nx.DiGraph[str] = nx.DiGraph()
    for row in sorted(solutions(run_saved(graph, "citations", conference=conference)), key=lambda r: tuple(str(v) for v in r)):
        res = resolution_key(row.conference, row.top)
        law = str(row.abbr)
        g.add_node(res, kind="resolution", title=str(row.title))
        g.add_node(law, kind="law", label=str(row.label), proposed=bool(row.proposed.toPython()))
        target = law
        if row.section is not None:
            target = citation_label(law, str(row.section))
            g.add_node(target, kind="section", law=law, url=str(row.url) if row.url is not None else "")
            g.add_edge(target, law, relation="part_of")
        if g.has_edge(res, target):
            g[res][target]["weight"] += 1
        else:
            g.add_edge(res, target, relation="cites", weight=1)
    return g


@lru_cache(maxsize=1)
def _prefixes() -> list[tuple[str, str]]:
    """Our prefixes, longest namespace first, so names do not depend on the store's bindings."""
    return sorted(((str(ns), prefix) for prefix, ns in PREFIXES.items()), key=lambda t: -len(t[0]))


def _local(iri: Node) -> str:
    text = str(iri)
    for namespace, prefix in _prefixes():
        if text.startswith(namespace) and len(text) > len(namespace):
            return f"{prefix}:{text[len(namespace):]}"
    return text


def typed_graph(graph: Graph | Queryable) -> nx.MultiDiGraph[str]:
    """The whole graph as a ``networkx.MultiDiGraph`` (see module docstring): of an
    rdflib graph, or of what a store or endpoint answers (its union of all graphs).

    Nodes are IRIs (as strings); literal values become node attributes keyed by the
    predicate's prefixed name (several values joined with " | ").
    """
    import networkx as nx

    # A store's or endpoint's triples as rows: one graph of them would only be walked once.
    triples: Iterable[Any] = (graph.triples((None, None, None)) if isinstance(graph, Graph)
                              else graph.query("SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o }"))
    g: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    attributes: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for s, p, o in sorted(triples):
        if not isinstance(s, URIRef):
            continue
        node = str(s)
        g.add_node(node)
        if p == RDF.type:
            attributes[node]["_types"].append(str(o))
        elif isinstance(o, Literal):
            attributes[node][_local(p)].append(str(o))
        elif isinstance(o, URIRef):
            g.add_edge(node, str(o), key=_local(p), predicate=_local(p))
    for node in g.nodes:
        attrs = attributes.get(node, {})
        # Our own class names the node best ("Law", not "Concept" or "LegalResource").
        types = sorted(attrs.pop("_types", []), key=lambda t: (not t.startswith(str(INTMK)), t))
        g.nodes[node]["type"] = types[0].rsplit("#", 1)[-1].rsplit("/", 1)[-1] if types else "Thing"
        labels = attrs.get(_local(RDFS.label)) or attrs.get(_local(SKOS.prefLabel)) or [node]
        g.nodes[node]["label"] = labels[0]
        for key, values in attrs.items():
            g.nodes[node][key] = " | ".join(values)
    return g

"""The users' jobs as records: coalitions, dissent, law citations and demands."""

from __future__ import annotations

from rdflib import Graph

from .nx_view import cosponsorship
from .results import plain, rows
from .saved import bind, saved_query


def coalitions(
    graph: Graph, conference: int | None = None, decision: str | None = None, without_joint: bool = False
) -> dict:
    """Pairs with counts, communities (Louvain, fixed seed, so runs agree), and per Land
    the resolutions sponsored, alone, co-sponsor degree and weighted betweenness."""
    import networkx as nx

    g = cosponsorship(graph, conference, decision, without_joint)
    pairs = sorted(
        (
            {"a": min(u, v), "b": max(u, v), "count": d["weight"], "resolutions": d["resolutions"]}
            for u, v, d in g.edges(data=True)
        ),
        key=lambda p: (-p["count"], p["a"], p["b"]),
    )
    active = g.subgraph([n for n, d in g.nodes(data=True) if d["sponsored"]]).copy()
    communities = []
    if active.number_of_edges():
        found = nx.community.louvain_communities(active, weight="weight", seed=1)
        communities = sorted((sorted(c) for c in found), key=lambda c: (-len(c), c))
    # Strong ties are short distances for betweenness.
    for _, _, d in g.edges(data=True):
        d["distance"] = 1.0 / d["weight"]
    betweenness = nx.betweenness_centrality(g, weight="distance", normalized=True)
    lands = sorted(
        (
            {
                "land": land,
                "code": d["code"],
                "sponsored": d["sponsored"],
                "alone": d["alone"],
                "protocol_notes": d["notes"],
                "degree": g.degree(land),
                "weighted_degree": g.degree(land, weight="weight"),
                "betweenness": round(betweenness[land], 6),
            }
            for land, d in g.nodes(data=True)
        ),
        key=lambda r: (-r["sponsored"], r["land"]),
    )
    return {"pairs": pairs, "communities": communities, "lands": lands}


def _saved_rows(graph: Graph, name: str, **params) -> list[dict]:
    """A saved query's rows as dicts of plain values; parameters left None are unbound."""
    values = {k: str(v) for k, v in params.items() if v is not None}
    names, data = rows(graph.query(bind(saved_query(name), values)))
    return [dict(zip(names, (plain(v) for v in row))) for row in data]


def dissent(graph: Graph, conference: int | None = None, land: str | None = None) -> list[dict]:
    """One record per protocol note, the Länder that gave it together."""
    records: dict[tuple, dict] = {}
    for r in _saved_rows(graph, "dissent", conference=conference, land=land):
        key = (r["conference"], r["top"], r["first_line"])
        record = records.setdefault(
            key,
            {
                "conference": str(r["conference"]),
                "resolution": r["top"],
                "title": r["title"],
                "decision": r["decision"],
                "by": [],
                "paragraph": r["paragraph"],
                "text": r["text"],
                "source": {"first_line": r["first_line"], "last_line": r["last_line"]},
            },
        )
        record["by"].append(r["by"])
    return list(records.values())


def cites(graph: Graph, law: str, conference: int | None = None) -> list[dict]:
    """The resolutions citing a law (any of its sections) or one section, each with
    the citing texts and their official lines. ``law`` is what a user types:
    "AufenthG", "Beschäftigungsverordnung", "§ 32 Abs. 2 Nr. 5 BeschV"."""
    from .lookup import law_query

    q = law_query(law)
    found = _saved_rows(graph, "cites", law=q.law.abbr or q.law.label, section=q.section,
                        subsection=q.subsection, number=q.number, conference=conference)
    records: dict[tuple, dict] = {}
    for r in found:
        record = records.setdefault(
            (r["conference"], r["top"]),
            {"conference": str(r["conference"]), "resolution": r["top"], "title": r["title"], "citations": []},
        )
        citation = {"text": r["text"], "line": r["line"], "source_line": r["source_line"]}
        if citation not in record["citations"]:  # "§§ 25a bzw. 25b" is one text for two sections
            record["citations"].append(citation)
    return list(records.values())


def demands(graph: Graph, to: str | None = None, about: str | None = None, conference: int | None = None) -> list[dict]:
    """One record per demand with all its addressees, optionally only those addressed
    to a body (``to``) or concerning a programme or law (``about``)."""
    records: dict[tuple, dict] = {}
    for r in _saved_rows(graph, "demands", addressee=to, about=about, conference=conference):
        record = records.setdefault(
            (r["conference"], r["top"], r["text"], r["line"]),
            {
                "conference": str(r["conference"]),
                "resolution": r["top"],
                "paragraph": r["paragraph"],
                "kind": r["kind"],
                "verb": r["verb"],
                "addressees": [],
                "text": r["text"],
                "line": r["line"],
            },
        )
        if r["to"] != "-" and r["to"] not in record["addressees"]:
            record["addressees"].append(r["to"])
    return list(records.values())

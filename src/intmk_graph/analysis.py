"""The users' jobs as records: coalitions among the Länder and dissent (protocol notes)."""

from __future__ import annotations

from rdflib import Graph

from .nx_view import cosponsorship
from .queries import bind, saved_query
from .sparql_results import plain, rows


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


def dissent(graph: Graph, conference: int | None = None, land: str | None = None) -> list[dict]:
    """One record per protocol note, the Länder that gave it together."""
    params = {}
    if conference is not None:
        params["conference"] = str(conference)
    if land is not None:
        params["land"] = land
    names, data = rows(graph.query(bind(saved_query("dissent"), params)))
    records: dict[tuple, dict] = {}
    for row in data:
        r = dict(zip(names, (plain(v) for v in row)))
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

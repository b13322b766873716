"""The data each page draws, taken from the graph: the Länder and their ties
(coalitions), laws, sections and the resolutions citing them (citations), the whole graph
laid out (graph), topics over the conferences (timeline), and the co-sponsorship matrix.
``pages`` renders them. Layouts are computed here with networkx, so a page draws at once."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from .. import __version__
from ..graph.iris import resolution_key, resolution_of, short_name
from ..model import natural_key
from ..namespaces import INTMK
from ..query.results import Queryable
from ..query.saved import solutions

# Tableau 20: distinct enough for the ~20 node types of the whole graph.
PALETTE = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1",
           "#ff9da7", "#9c755f", "#bab0ac", "#a0cbe8", "#ffbe7d", "#8cd17d", "#b6992d",
           "#499894", "#86bcb6", "#f1ce63", "#d37295", "#fabfd2", "#79706e", "#d4a6c8"]
DECISION_VIEWS = (("all", None), ("unanimous", "unanimous"), ("majority", "majority"))


def _titles(graph: Queryable) -> dict[str, str]:
    """"20/6.5" -> "TOP 6.5: title" for tooltips (the saved query ``resolutions``)."""
    from ..query.saved import saved_query

    rows = solutions(graph.query(saved_query("resolutions").text))
    return {resolution_key(r.conference, r.top): f"TOP {r.top}: {r.title}" for r in rows}


def _scale(pos: Mapping[str, Any], size: float) -> dict[str, tuple[float, float]]:
    return {n: (round(float(x) * size, 1), round(float(y) * size, 1)) for n, (x, y) in pos.items()}


# ------------------------------------------------------------------ coalitions


def coalitions_data(graph: Queryable, conference: int | None = None) -> dict[str, Any]:
    """Per decision view (and, for a graph of several conferences, per conference too):
    Länder (size, community, dissent) and co-sponsorship edges. Communities are
    computed without the motions of all 16 Länder, which would otherwise join everyone;
    positions group each community on a circle."""
    from ..query.saved import query as saved_rows

    titles = _titles(graph)
    scopes = [("all", "all years" if conference is None else f"{conference}. IntMK", conference)]
    if conference is None:
        listed = saved_rows(graph, "conferences")
        if len(listed) > 1:
            scopes += [(str(c["conference"]), f"{c['conference']}. IntMK ({c['year'] or '?'})", int(c["conference"]))
                       for c in listed]
    views, dissent = {}, set()
    for scope, _, number in scopes:
        scoped, notes = _coalition_views(graph, number, titles)
        views.update({f"{scope}/{name}": view for name, view in scoped.items()})
        dissent |= notes if scope == "all" else set()
    return {
        "subtitle": "Co-sponsorship among the Länder: node size = resolutions sponsored, edge width = "
                    "resolutions sponsored together, colour = community (computed without motions of all 16).",
        "footer": f"intmk-graph {__version__} · hover a Land or a pair for details",
        "palette": PALETTE,
        "conferences": [{"id": scope, "label": label} for scope, label, _ in scopes],
        "views": views,
        "dissent": sorted(dissent),
    }


def _coalition_views(graph: Queryable, conference: int | None, titles: dict[str, str]) -> tuple[dict[str, Any], set[str]]:
    """The decision views of one conference (or all), and the Länder with notes."""
    from ..query.reports import coalitions

    blocs = coalitions(graph, conference, None, without_joint=True).communities
    community = {land: i for i, members in enumerate(blocs) for land in members}
    base = coalitions(graph, conference, None)
    order = sorted(base.lands, key=lambda l: (community.get(l.land, len(blocs)), l.land))
    n = len(order)
    positions = {
        l.land: (round(420 * math.cos(2 * math.pi * i / n - math.pi / 2), 1),
                    round(420 * math.sin(2 * math.pi * i / n - math.pi / 2), 1))
        for i, l in enumerate(order)
    }
    notes = {l.land: l.protocol_notes for l in base.lands}
    views = {}
    for name, decision in DECISION_VIEWS:
        data = base if decision is None else coalitions(graph, conference, decision)
        members: dict[int, list[str]] = {}
        for land, c in sorted(community.items(), key=lambda t: (t[1], t[0])):
            members.setdefault(c, []).append(land)
        resolutions = {r for p in data.pairs for r in p.resolutions}
        views[name] = {
            "nodes": [
                {"id": l.land, "code": l.code.removeprefix("DE-"), "sponsored": l.sponsored,
                 "alone": l.alone, "notes": notes[l.land], "community": community.get(l.land, len(blocs)),
                 "x": positions[l.land][0], "y": positions[l.land][1]}
                for l in order
            ],
            "edges": [
                {"from": p.a, "to": p.b, "weight": p.count, "resolutions": [titles.get(r, r) for r in p.resolutions]}
                for p in data.pairs
            ],
            "communities": [members[c] for c in sorted(members)],
            "resolutions": len(resolutions),
        }
    return views, {land for land, k in notes.items() if k}


# ------------------------------------------------------------------- citations


def citations_data(graph: Queryable, conference: int | None = None) -> dict[str, Any]:
    from ..query.nx_view import resolution_law

    g = resolution_law(graph, conference)
    titles = _titles(graph)
    columns = {"law": 0, "section": 1, "resolution": 2}
    by_kind: dict[str, list[str]] = {k: [] for k in columns}
    for node, d in g.nodes(data=True):
        by_kind[d["kind"]].append(node)
    nodes = []
    for kind, column in columns.items():
        members = sorted(by_kind[kind], key=natural_key)
        for i, node in enumerate(members):
            d = g.nodes[node]
            y = (i - (len(members) - 1) / 2) * (46 if kind != "law" else 70)
            if kind == "resolution":
                label, lines = node.split("/", 1)[1], [titles.get(node, node)]
                cited = [f"cites {t}" for t in sorted(g.successors(node), key=natural_key)]
                lines += cited
            elif kind == "section":
                label, lines = node, [node, d["url"] or "no page on gesetze-im-internet.de"]
            else:
                label = node
                lines = [f"{d['label']} ({node})"] + (["proposed law"] if d["proposed"] else [])
            nodes.append({"id": node, "kind": kind, "label": label, "tip": lines, "x": column * 380, "y": round(y, 1)})
    edges = [{"from": u, "to": v, "relation": d["relation"], "weight": d.get("weight", 1)}
             for u, v, d in sorted(g.edges(data=True))]
    laws = []
    for law in sorted(by_kind["law"], key=lambda n: (-_law_citations(g, n), n)):
        sections = sorted(g.predecessors(law), key=natural_key)
        sections = [s for s in sections if g.nodes[s]["kind"] == "section"]
        citing = {u for u in g.predecessors(law) if g.nodes[u]["kind"] == "resolution"}
        for s in sections:
            citing |= set(g.predecessors(s))
        laws.append({"id": law, "label": law, "citations": _law_citations(g, law),
                     "sections": sections, "resolutions": sorted(citing, key=natural_key)})
    return {
        "subtitle": "Laws, their cited sections and the resolutions citing them. Select a law to see its resolutions.",
        "footer": f"intmk-graph {__version__} · section pages link to gesetze-im-internet.de",
        "nodes": nodes,
        "edges": edges,
        "laws": laws,
    }


def _law_citations(g: Any, law: str) -> int:
    total = 0
    for u in g.predecessors(law):
        if g.nodes[u]["kind"] == "resolution":
            total += g[u][law]["weight"]
        else:
            total += sum(g[r][u]["weight"] for r in g.predecessors(u))
    return total


# ---------------------------------------------------------------- whole graph


def _kind_groups() -> dict[str, str]:
    """Local class name -> legend group: every kind of body is "Body", of law "Law"."""
    from rdflib.namespace import RDFS

    from ..vocab import load_turtle

    onto = load_turtle("intmk.ttl")
    groups = {}
    for group in ("Body", "Law", "Demand"):
        for cls in onto.transitive_subjects(RDFS.subClassOf, INTMK[group]):
            groups[str(cls).rsplit("#", 1)[-1]] = group
    return groups


def graph_data(graph: Queryable, layout_iterations: int = 50) -> dict[str, Any]:
    import networkx as nx

    from ..query.nx_view import typed_graph

    g = typed_graph(graph)
    groups = _kind_groups()
    undirected = nx.Graph(g)
    positions = _layout(undirected, layout_iterations)
    nodes: list[dict[str, Any]] = []
    counts: dict[str, int] = {}
    for node in sorted(g.nodes):
        d = g.nodes[node]
        kind = groups.get(d["type"], d["type"])
        counts[kind] = counts.get(kind, 0) + 1
        label = d["label"] if d["label"] != node else d.get("intmk:surfaceText") or short_name(node)
        tip = [label, kind]
        page = f"p. {d['intmk:page']}, " if "intmk:page" in d else ""  # PDF input
        if kind == "Resolution":
            tip = [d.get("dcterms:title", label), "decision: " + _decision(g, node),
                   f"{page}source lines {d.get('intmk:sourceFirstLine', '?')}–{d.get('intmk:sourceLastLine', '?')}"]
        else:
            for key in ("intmk:surfaceText", "intmk:text", "skos:notation"):
                if key in d and d[key] != label:
                    tip.append(d[key][:300] + ("…" if len(d[key]) > 300 else ""))
            if "intmk:sourceLine" in d:
                tip.append(f"{page}source line {d['intmk:sourceLine']}" + (f", line {d['intmk:lineNumber']}" if "intmk:lineNumber" in d else ""))
            elif "intmk:firstLineNumber" in d and page:
                tip.append(f"{page}lines {d['intmk:firstLineNumber']}–{d.get('intmk:lastLineNumber', '?')}")
            elif "intmk:sourceFirstLine" in d:
                tip.append(f"{page}source lines {d['intmk:sourceFirstLine']}–{d.get('intmk:sourceLastLine', '?')}")
        x, y = positions[node]
        find = " ".join(filter(None, (label, d.get("skos:notation")))).lower()
        nodes.append({"id": node, "kind": kind, "label": _short(label), "name": label, "tip": tip, "find": find,
                      "size": round(5 + 3 * math.log1p(undirected.degree(node)), 1), "x": x, "y": y})
    kinds = sorted(counts, key=lambda k: (-counts[k], k))
    edges = [{"from": u, "to": v, "label": k} for u, v, k in sorted(g.edges(keys=True))]
    return {
        "subtitle": f"The whole knowledge graph: {len(nodes)} nodes, {len(edges)} edges. "
                    "Click a node for its neighbourhood; filter types in the legend.",
        "footer": f"intmk-graph {__version__} · layout: networkx spring layout (seed 1) of resolutions and reference nodes; each resolution's text-level nodes around it",
        "nodes": nodes,
        "edges": edges,
        "kinds": [{"kind": k, "count": counts[k], "color": PALETTE[i % len(PALETTE)]} for i, k in enumerate(kinds)],
    }


GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))


def _layout(g: Any, iterations: int) -> dict[str, tuple[float, float]]:
    """Spring layout of the skeleton (resolutions, Länder, laws, bodies, ...); each
    resolution's own nodes (paragraphs, citations, mentions, demands, ...) sit in a
    sunflower around it. Readable, deterministic, and fast for thousands of nodes."""
    import networkx as nx

    owner: dict[str, str] = {}
    for member in g:
        owner_iri = resolution_of(member)
        if owner_iri is not None and owner_iri in g:
            owner[member] = owner_iri
    # A graph of its own with nodes and edges in sorted order: a subgraph view iterates a
    # set, so the layout (and the page) would change with Python's hash seed.
    keep = sorted(n for n in g if n not in owner)
    kept = set(keep)
    skeleton = g.__class__()
    skeleton.add_nodes_from(keep)
    skeleton.add_edges_from(sorted(tuple(sorted(e)) for e in g.edges() if e[0] in kept and e[1] in kept))
    pos = nx.spring_layout(skeleton, seed=1, iterations=iterations) if len(skeleton) else {}
    positions = _scale(pos, 160 * math.sqrt(max(len(skeleton), 1)))
    satellites: dict[str, list[str]] = {}
    for node, parent in sorted(owner.items()):
        satellites.setdefault(parent, []).append(node)
    for parent, members in satellites.items():
        px, py = positions[parent]
        for i, node in enumerate(members, start=1):
            r, theta = 28 + 13 * math.sqrt(i), i * GOLDEN_ANGLE
            positions[node] = (round(px + r * math.cos(theta), 1), round(py + r * math.sin(theta), 1))
    return positions


def _decision(g: Any, node: str) -> str:
    for _, target, key in g.out_edges(node, keys=True):
        if key == "intmk:decision":
            return str(g.nodes[target]["label"])
    return "none (report)"



def _short(label: str, limit: int = 40) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


# -------------------------------------------------------------------- timeline

TIMELINE_COLORS = {"programme": "#59a14f", "law": "#1f6fb2", None: "#9aa5b1"}
MARKS_PER_LINE = 5  # resolutions side by side in one conference's cell of a topic row
MARK, COLUMN_GAP, LINE_GAP = 30, 70, 26


def timeline_data(graph: Queryable, conference: int | None = None) -> dict[str, Any]:
    """Conferences left to right, one row per programme or law (the busiest first, the
    resolutions about neither last), each resolution a mark in its row and column, and
    repeated demands as lines from the later resolution to the earlier one."""
    from ..query.saved import query as saved_rows

    params = {"conference": str(conference)} if conference is not None else {}
    rows = saved_rows(graph, "timeline", **params)
    conferences: dict[int, int | None] = {}
    topics: dict[str, dict[str, Any]] = {}
    titles: dict[str, str] = {}
    cells: dict[tuple[str, int], list[tuple[int, str]]] = {}
    for r in rows:
        number = int(r["conference"])
        conferences[number] = int(r["year"]) if r["year"] is not None else None
        key = resolution_key(r["conference"], r["top"])
        titles[key] = f"TOP {r['top']}: {r['title']}"
        topic = str(r["topic"]) if r["topic"] is not None else ""
        if topic not in topics:
            name, notation = (str(r["name"]), r["notation"] and str(r["notation"])) if topic else ("", None)
            label = notation if r["kind"] == "law" else (f"{name} ({notation})" if notation and notation not in name else name)
            topics[topic] = {"id": topic, "kind": r["kind"] and str(r["kind"]), "label": label or "no programme or law",
                             "resolutions": set()}
        topics[topic]["resolutions"].add(key)
        cell = cells.setdefault((topic, number), [])
        if all(k != key for _, k in cell):
            cell.append((int(r["pos"]), key))
    # A resolution with a topic is not also drawn in the "neither" row.
    with_topic = {k for t, d in topics.items() if t for k in d["resolutions"]}
    if "" in topics:
        topics[""]["resolutions"] -= with_topic
        for (topic, number), cell in list(cells.items()):
            if not topic:
                cells[(topic, number)] = [(p, k) for p, k in cell if k not in with_topic]
        if not topics[""]["resolutions"]:
            del topics[""]
    order = sorted(topics.values(), key=lambda t: (t["id"] == "", -len(t["resolutions"]), t["label"].lower(), t["id"]))
    columns = {number: i for i, number in enumerate(sorted(conferences))}
    width = MARKS_PER_LINE * MARK + COLUMN_GAP
    nodes: list[dict[str, Any]] = []
    y = 0.0
    rows_of: dict[str, list[tuple[str, str]]] = {}
    for number, col in columns.items():
        year = conferences[number]
        nodes.append({"id": f"conference:{number}", "kind": "conference", "label": f"{number}. IntMK\n{year or '?'}",
                      "tip": [f"{number}. IntMK ({year or '?'})"], "x": col * width, "y": -60})
    for row in order:
        lines = max(-(-len(cells.get((row["id"], n), [])) // MARKS_PER_LINE) for n in columns) or 1
        top_y = y
        nodes.append({"id": f"topic:{row['id']}", "kind": "topic", "label": _short(row["label"], 34),
                      "tip": [row["label"], f"{len(row['resolutions'])} resolution(s)"],
                      "x": -(width + 60), "y": round(top_y + (lines - 1) * MARK / 2, 1)})
        for number, col in columns.items():
            for i, (_, key) in enumerate(sorted(cells.get((row["id"], number), []), key=lambda c: (c[0], c[1]))):
                mark = f"{key}@{row['id']}"
                rows_of.setdefault(key, []).append((row["id"], mark))
                nodes.append({"id": mark, "kind": row["kind"] or "none", "resolution": key, "topic": row["id"],
                              "label": key.split("/", 1)[1],
                              "tip": [titles[key], f"{number}. IntMK ({conferences[number] or '?'})", row["label"]],
                              "x": round(col * width + (i % MARKS_PER_LINE - (MARKS_PER_LINE - 1) / 2) * MARK, 1),
                              "y": round(top_y + (i // MARKS_PER_LINE) * MARK, 1)})
        row["y"] = top_y
        y += lines * MARK + LINE_GAP
    edges = []
    for r in saved_rows(graph, "repeated-demands", **params):
        later = resolution_key(r["conference"], r["top"])
        earlier = resolution_key(r["earlierConference"], r["earlierTop"])
        if later not in rows_of or earlier not in rows_of:
            continue  # conference filter: the earlier year is not drawn
        a, b = _joined(rows_of[later], rows_of[earlier])
        edges.append({"from": a, "to": b, "how": r["foundBy"],
                      "tip": [f"{later} makes again a demand of {earlier}",
                              f"{r['foundBy']}, similarity {r['similarity']}", titles[later], titles[earlier]]})
    edges.sort(key=lambda e: (e["from"], e["to"]))
    return {
        "subtitle": "Conferences left to right; one row per programme or law, each resolution a mark; "
                    "lines join a demand made again to the earlier one (solid: says so, dashed: similar words).",
        "footer": f"intmk-graph {__version__} · select a topic to follow it over the years",
        "colors": {k or "none": v for k, v in TIMELINE_COLORS.items()},
        "nodes": nodes,
        "edges": edges,
        "topics": [{"id": t["id"], "label": t["label"], "kind": t["kind"] or "none",
                    "resolutions": sorted(t["resolutions"], key=natural_key)} for t in order],
        "conferences": [{"number": n, "year": conferences[n]} for n in sorted(conferences)],
    }


def _joined(later: list[tuple[str, str]], earlier: list[tuple[str, str]]) -> tuple[str, str]:
    """The marks a repeat line joins: in a row both resolutions share, else their first."""
    rows = dict(earlier)
    for topic, mark in later:
        if topic in rows:
            return mark, rows[topic]
    return later[0][1], earlier[0][1]


# ----------------------------------------------------------------------- matrix


def matrix_cells(graph: Queryable, conference: int | None) -> tuple[list[str], list[str], list[list[int]]]:
    """(Länder, ISO codes, cells) of the co-sponsorship matrix of one conference or all."""
    from ..query.reports import coalitions

    data = coalitions(graph, conference)
    lands = sorted(l.land for l in data.lands)
    index = {land: i for i, land in enumerate(lands)}
    n = len(lands)
    cells = [[0] * n for _ in range(n)]
    for l in data.lands:
        cells[index[l.land]][index[l.land]] = l.sponsored
    for p in data.pairs:
        a, b = index[p.a], index[p.b]
        cells[a][b] = cells[b][a] = p.count
    codes = [next(l.code for l in data.lands if l.land == land).removeprefix("DE-") for land in lands]
    return lands, codes, cells


def whole_graph(graph: Queryable, conference: int | None) -> dict[str, Any]:
    """The whole graph is drawn whole: it takes no conference."""
    return graph_data(graph)

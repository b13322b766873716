"""The users' jobs as records: coalitions, dissent, law citations and demands."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypedDict

from rdflib import Graph

from .nx_view import cosponsorship
from .saved import query as saved_rows

Row = dict[str, Any]  # a saved query's row of plain values


def coalitions(
    graph: Graph, conference: int | None = None, decision: str | None = None, without_joint: bool = False
) -> dict[str, Any]:
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


class Dissent(TypedDict):
    """A protocol note with the Länder that gave it."""

    conference: str
    resolution: str
    title: str
    decision: str | None
    by: list[str]
    paragraph: int | None
    text: str
    source: dict[str, Any]


class Citing(TypedDict):
    """A resolution citing a law, with each citing text and its lines."""

    conference: str
    resolution: str
    title: str
    citations: list[dict[str, Any]]


class DemandRecord(TypedDict):
    """A demand (or mandate) with all its addressees."""

    conference: str
    resolution: str
    paragraph: int | None
    kind: str
    verb: str
    addressees: list[str]
    text: str
    line: int | None


def _grouped(rows: list[Row], key: Callable[[Row], tuple[object, ...]], start: Callable[[Row], Any],
             add: Callable[[Any, Row], object]) -> list[Any]:
    """Rows folded into one record per key, in the rows' order: ``start`` makes a record
    from its first row, ``add`` puts each row's share into it."""
    records: dict[tuple[object, ...], Any] = {}
    for row in rows:
        add(records.setdefault(key(row), start(row)), row)
    return list(records.values())


def _append_new(items: list[Any], item: object) -> bool:
    """Add ``item`` unless it is there; whether it was added."""
    if item in items:
        return False
    items.append(item)
    return True


def dissent(graph: Graph, conference: int | None = None, land: str | None = None) -> list[Dissent]:
    """One record per protocol note, the Länder that gave it together."""
    return _grouped(
        saved_rows(graph, "dissent", conference=conference, land=land),
        key=lambda r: (r["conference"], r["top"], r["first_line"]),
        start=lambda r: {
            "conference": str(r["conference"]), "resolution": r["top"], "title": r["title"],
            "decision": r["decision"], "by": [], "paragraph": r["paragraph"], "text": r["text"],
            "source": {"first_line": r["first_line"], "last_line": r["last_line"]},
        },
        add=lambda record, r: record["by"].append(r["by"]),
    )


def cites(graph: Graph, law: str, conference: int | None = None) -> list[Citing]:
    """The resolutions citing a law (any of its sections) or one section, each with
    the citing texts and their official lines. ``law`` is what a user types:
    "AufenthG", "Beschäftigungsverordnung", "§ 32 Abs. 2 Nr. 5 BeschV"."""
    from .lookup import law_query

    q = law_query(law)
    found = saved_rows(graph, "cites", law=q.law.abbr or q.law.label, section=q.section,
                        subsection=q.subsection, number=q.number, conference=conference)
    return _grouped(
        found,
        key=lambda r: (r["conference"], r["top"]),
        start=lambda r: {"conference": str(r["conference"]), "resolution": r["top"], "title": r["title"],
                         "citations": []},
        # "§§ 25a bzw. 25b" is one text for two sections
        add=lambda record, r: _append_new(
            record["citations"], {"text": r["text"], "line": r["line"], "source_line": r["source_line"]}
        ),
    )


def demands(graph: Graph, to: str | None = None, about: str | None = None,
            conference: int | None = None) -> list[DemandRecord]:
    """One record per demand with all its addressees, optionally only those addressed
    to a body (``to``) or concerning a programme or law (``about``)."""
    return _grouped(
        saved_rows(graph, "demands", addressee=to, about=about, conference=conference),
        key=lambda r: (r["conference"], r["top"], r["text"], r["line"]),
        start=lambda r: {
            "conference": str(r["conference"]), "resolution": r["top"], "paragraph": r["paragraph"],
            "kind": r["kind"], "verb": r["verb"], "addressees": [], "text": r["text"], "line": r["line"],
        },
        add=lambda record, r: r["to"] != "-" and _append_new(record["addressees"], r["to"]),
    )


class Year(TypedDict, total=False):
    """One conference in the record of one thing over the years."""

    conference: str
    year: int | None
    resolutions: int
    demands: int
    sponsorships: int
    notes: int
    tops: list[str]


def history_columns(programme: str | None = None, to: str | None = None, land: str | None = None,
                    demand: str | None = None) -> list[str]:
    """The fields of :func:`history`'s records for what is followed."""
    counted = ["demands"] if programme or to or demand else ["sponsorships", "notes"] if land else []
    return ["conference", "year", "resolutions", *counted, "tops"]


def history(graph: Graph, law: str | None = None, programme: str | None = None, to: str | None = None,
            land: str | None = None, demand: str | None = None) -> list[Year]:
    """The record over the years of one thing — a law or one of its sections, a
    programme (or law) as a topic, an addressee, a Land, or a demand with the demands it
    repeats and that repeat it: one record per conference,
    with its year, how many resolutions (and demands, sponsorships or notes) and which
    TOPs. Names are taken as people type them."""
    from ..model import natural_key
    from .lookup import law_query

    asked = [k for k, v in (("law", law), ("programme", programme), ("to", to), ("land", land), ("demand", demand)) if v]
    if len(asked) != 1:
        from ..errors import QueryError

        raise QueryError(
            "history follows one thing; expected exactly one of --law, --programme, --to, --land or --demand"
        )
    if law:
        q = law_query(law)
        rows = saved_rows(graph, "history-law", law=q.law.abbr or q.law.label, section=q.section)
    elif programme:
        rows = saved_rows(graph, "history-topic", topic=programme)
    elif to:
        rows = saved_rows(graph, "history-addressee", addressee=to)
    elif demand:
        rows = [{**r, "demand": r["link"]} for r in saved_rows(graph, "history-demand", demand=demand)]
    else:
        rows = saved_rows(graph, "history-land", land=land)

    counted = history_columns(programme, to, land, demand)[2:-1]

    def start(r: Row) -> dict[str, Any]:
        return {"conference": str(r["conference"]), "year": r["year"], **dict.fromkeys(counted, 0), "tops": []}

    def add(record: dict[str, Any], r: Row) -> None:
        if r["top"] not in record["tops"]:
            record["tops"].append(r["top"])
            record["resolutions"] += 1
        if r.get("demand"):
            record["demands"] += 1
        if r.get("role") == "sponsor":
            record["sponsorships"] += 1
        elif r.get("role") == "note":
            record["notes"] += 1

    years = _grouped(rows, key=lambda r: (r["conference"],), start=start, add=add)
    for record in years:
        record["tops"].sort(key=natural_key)
    return sorted(years, key=lambda y: int(y["conference"]))


def coalitions_by_conference(graph: Graph, decision: str | None = None, without_joint: bool = False) -> dict[str, Any]:
    """Coalitions conference by conference, and how stable each Land's community is:
    for each Land, the mean Jaccard similarity of its community's members from one
    conference to the next (1.0: always the same partners)."""
    conferences = saved_rows(graph, "conferences")
    years: list[dict[str, Any]] = []
    for c in conferences:
        data = coalitions(graph, int(c["conference"]), decision, without_joint)
        years.append({"conference": str(c["conference"]), "year": c["year"], "pairs": data["pairs"],
                      "communities": data["communities"]})
    lands = sorted({land for y in years for community in y["communities"] for land in community})
    stability: list[dict[str, Any]] = []
    for land in lands:
        found = [next((set(c) for c in y["communities"] if land in c), None) for y in years]
        groups = [g for g in found if g is not None]
        steps = [len(a & b) / len(a | b) for a, b in zip(groups, groups[1:])]
        stability.append({"land": land, "conferences": len(groups),
                          "stability": round(sum(steps) / len(steps), 3) if steps else None})
    return {"conferences": years, "stability": stability}

"""The users' jobs as typed reports: coalitions, dissent, law citations, demands and
the record of one thing over the years. ``publish.views`` shows them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .nx_view import cosponsorship
from .results import Queryable
from .saved import query as saved_rows

Row = dict[str, Any]  # a saved query's row of plain values


@dataclass(frozen=True)
class Pair:
    """Two Länder (in name order) and the resolutions they sponsored together."""

    a: str
    b: str
    count: int
    resolutions: list[str]


@dataclass(frozen=True)
class LandRole:
    """A Land in the co-sponsorship network."""

    land: str
    code: str
    sponsored: int
    alone: int
    protocol_notes: int
    degree: int
    weighted_degree: int
    betweenness: float


@dataclass(frozen=True)
class Coalitions:
    """Pairs (strongest first), communities (largest first) and the Länder (most
    sponsorships first)."""

    pairs: list[Pair]
    communities: list[list[str]]
    lands: list[LandRole]


def coalitions(
    graph: Queryable, conference: int | None = None, decision: str | None = None, without_joint: bool = False
) -> Coalitions:
    """Pairs with counts, communities (Louvain, fixed seed, so runs agree), and per Land
    the resolutions sponsored, alone, co-sponsor degree and weighted betweenness."""
    import networkx as nx

    g = cosponsorship(graph, conference, decision, without_joint)
    pairs = sorted(
        (Pair(min(u, v), max(u, v), d["weight"], d["resolutions"]) for u, v, d in g.edges(data=True)),
        key=lambda p: (-p.count, p.a, p.b),
    )
    # The Länder that sponsored, in the graph's order: a subgraph view would give them in
    # the order of a set, and Louvain's communities would follow the hash seed.
    active: nx.Graph[str] = nx.Graph()
    active.add_nodes_from(n for n, d in g.nodes(data=True) if d["sponsored"])
    active.add_edges_from((u, v, d) for u, v, d in g.edges(data=True) if u in active and v in active)
    communities = []
    if active.number_of_edges():
        found = nx.community.louvain_communities(active, weight="weight", seed=1)
        communities = sorted((sorted(c) for c in found), key=lambda c: (-len(c), c))
    # Strong ties are short distances for betweenness.
    for _, _, d in g.edges(data=True):
        d["distance"] = 1.0 / d["weight"]
    betweenness = nx.betweenness_centrality(g, weight="distance", normalized=True)
    lands = sorted(
        (LandRole(land, d["code"], d["sponsored"], d["alone"], d["notes"], g.degree(land),
                  g.degree(land, weight="weight"), round(betweenness[land], 6)) for land, d in g.nodes(data=True)),
        key=lambda r: (-r.sponsored, r.land),
    )
    return Coalitions(pairs, communities, lands)


@dataclass(frozen=True)
class Lines:
    """The official lines a text spans."""

    first_line: int | None
    last_line: int | None


@dataclass(frozen=True)
class Dissent:
    """A protocol note with the Länder that gave it."""

    conference: str
    resolution: str
    title: str
    decision: str | None
    by: list[str]
    paragraph: int | None
    text: str
    source: Lines


@dataclass(frozen=True)
class Citation:
    """A citing text and its line (the official one, else the file's)."""

    text: str
    line: int | None
    source_line: int | None


@dataclass(frozen=True)
class Citing:
    """A resolution citing a law, with each citing text and its lines."""

    conference: str
    resolution: str
    title: str
    citations: list[Citation]


@dataclass(frozen=True)
class Demand:
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


def dissent(graph: Queryable, conference: int | None = None, land: str | None = None) -> list[Dissent]:
    """One record per protocol note, the Länder that gave it together."""
    return _grouped(
        saved_rows(graph, "dissent", conference=conference, land=land),
        key=lambda r: (r["conference"], r["top"], r["first_line"]),
        start=lambda r: Dissent(str(r["conference"]), r["top"], r["title"], r["decision"], [], r["paragraph"],
                                r["text"], Lines(r["first_line"], r["last_line"])),
        add=lambda record, r: record.by.append(r["by"]),
    )


def cites(graph: Queryable, law: str, conference: int | None = None) -> list[Citing]:
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
        start=lambda r: Citing(str(r["conference"]), r["top"], r["title"], []),
        # "§§ 25a bzw. 25b" is one text for two sections
        add=lambda record, r: _append_new(record.citations, Citation(r["text"], r["line"], r["source_line"])),
    )


def demands(graph: Queryable, to: str | None = None, about: str | None = None,
            conference: int | None = None) -> list[Demand]:
    """One record per demand with all its addressees, optionally only those addressed
    to a body (``to``) or concerning a programme or law (``about``)."""
    return _grouped(
        saved_rows(graph, "demands", addressee=to, about=about, conference=conference),
        key=lambda r: (r["conference"], r["top"], r["text"], r["line"]),
        start=lambda r: Demand(str(r["conference"]), r["top"], r["paragraph"], r["kind"], r["verb"], [], r["text"],
                               r["line"]),
        add=lambda record, r: r["to"] != "-" and _append_new(record.addressees, r["to"]),
    )


@dataclass
class Year:
    """One conference in the record of one thing over the years: its resolutions, the
    counts :func:`history_columns` names for what is followed, and its TOPs."""

    conference: str
    year: int | None
    resolutions: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    tops: list[str] = field(default_factory=list)

    def record(self) -> dict[str, Any]:
        """The fields of ``history_columns`` as one flat record."""
        return {"conference": self.conference, "year": self.year, "resolutions": self.resolutions, **self.counts,
                "tops": self.tops}


def history_columns(programme: str | None = None, to: str | None = None, land: str | None = None,
                    demand: str | None = None) -> list[str]:
    """The fields of :func:`history`'s records for what is followed."""
    counted = ["demands"] if programme or to or demand else ["sponsorships", "notes"] if land else []
    return ["conference", "year", "resolutions", *counted, "tops"]


def history(graph: Queryable, law: str | None = None, programme: str | None = None, to: str | None = None,
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

    counted = history_columns(programme, to, land, demand)[3:-1]

    def start(r: Row) -> Year:
        return Year(str(r["conference"]), r["year"], counts=dict.fromkeys(counted, 0))

    def add(record: Year, r: Row) -> None:
        if r["top"] not in record.tops:
            record.tops.append(r["top"])
            record.resolutions += 1
        if r.get("demand"):
            record.counts["demands"] += 1
        if r.get("role") == "sponsor":
            record.counts["sponsorships"] += 1
        elif r.get("role") == "note":
            record.counts["notes"] += 1

    years: list[Year] = _grouped(rows, key=lambda r: (r["conference"],), start=start, add=add)
    for record in years:
        record.tops.sort(key=natural_key)
    return sorted(years, key=lambda y: int(y.conference))


@dataclass(frozen=True)
class ConferenceCoalitions:
    """The pairs and communities of one conference."""

    conference: str
    year: int | None
    pairs: list[Pair]
    communities: list[list[str]]


@dataclass(frozen=True)
class Stability:
    """How stable a Land's community is over the conferences it is in (None: in one only)."""

    land: str
    conferences: int
    stability: float | None


@dataclass(frozen=True)
class CoalitionsByConference:
    conferences: list[ConferenceCoalitions]
    stability: list[Stability]


def coalitions_by_conference(graph: Queryable, decision: str | None = None,
                             without_joint: bool = False) -> CoalitionsByConference:
    """Coalitions conference by conference, and how stable each Land's community is:
    for each Land, the mean Jaccard similarity of its community's members from one
    conference to the next (1.0: always the same partners)."""
    conferences = saved_rows(graph, "conferences")
    years = []
    for c in conferences:
        data = coalitions(graph, int(c["conference"]), decision, without_joint)
        years.append(ConferenceCoalitions(str(c["conference"]), c["year"], data.pairs, data.communities))
    lands = sorted({land for y in years for community in y.communities for land in community})
    stability = []
    for land in lands:
        found = [next((set(c) for c in y.communities if land in c), None) for y in years]
        groups = [g for g in found if g is not None]
        steps = [len(a & b) / len(a | b) for a, b in zip(groups, groups[1:])]
        stability.append(Stability(land, len(groups), round(sum(steps) / len(steps), 3) if steps else None))
    return CoalitionsByConference(years, stability)

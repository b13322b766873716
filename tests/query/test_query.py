"""Querying: the Oxigraph store and rdflib's memory store agree; parameters are bound;
commands give the facts of the 2025 collection."""

import csv
import io
import json
import re

import networkx as nx
import pytest
from helpers import DATA, PARAMS, answers
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF
from typer.testing import CliRunner

from intmk_graph.cli import app
from intmk_graph.publish.exports import trig, union_graph
from intmk_graph.query.nx_view import cosponsorship, land_resolution, typed_graph
from intmk_graph.query.reports import Lines, Pair, coalitions, dissent
from intmk_graph.query.results import rows
from intmk_graph.query.saved import Parameter, SavedQuery, bind, saved_queries
from intmk_graph.query.store import Store, fill_oxigraph, in_memory, open_read_only

runner = CliRunner()

# Queries about links between years, asked of the three test years and 2025 together.
YEARS_PARAMS = {
    "repeated-demands": [{}, {"conference": "18"}],
    "history-demand": [{"demand": "https://w3id.org/intmk-graph/data/conference/17/top/1.1/demand/1"}],
    "timeline": [{}, {"conference": "17"}],
    "history-topic": [{"topic": "Integrationskurse"}],
}


@pytest.fixture(scope="module")
def out_dir(store_2025):
    return store_2025


@pytest.fixture(scope="module")
def store_folder(tmp_path_factory, built_2025):
    path = tmp_path_factory.mktemp("ox") / "store"
    fill_oxigraph(trig(built_2025.dataset), path)
    return path


@pytest.fixture(scope="module")
def stores(store_folder, built_2025):
    """The Oxigraph store as the commands query it (through pyoxigraph, read-only), and
    rdflib's memory store."""
    store = Store.embedded(store_folder)
    yield store, in_memory(built_2025.dataset)
    store.close()


@pytest.fixture(scope="module")
def years_stores(tmp_path_factory):

    from intmk_graph.pipeline import build, default_inputs

    series = sorted((DATA / "series").glob("*.txt"))
    built = build([*series, *default_inputs()])
    path = tmp_path_factory.mktemp("ox-years") / "store"
    fill_oxigraph(trig(built.dataset), path)
    store = Store.embedded(path)
    yield store, in_memory(built.dataset)
    store.close()


def test_every_saved_query_is_covered():
    assert set(saved_queries()) == set(PARAMS) | set(YEARS_PARAMS)


@pytest.mark.parametrize("name, params", [(n, p) for n, ps in YEARS_PARAMS.items() for p in ps])
def test_saved_queries_across_years_agree_across_stores(years_stores, name, params):
    oxigraph, memory = years_stores
    text = bind(saved_queries()[name], params)
    a, b = rows(oxigraph.query(text)), rows(memory.query(text))
    assert a == b
    assert a[1], "query returned nothing"


@pytest.mark.parametrize("name, params", [(n, p) for n, ps in PARAMS.items() for p in ps])
def test_saved_queries_agree_across_stores(stores, name, params):
    oxigraph, memory = stores
    text = bind(saved_queries()[name], params)
    a, b = answers(oxigraph, text), answers(memory, text)
    assert a == b
    if params.get("conference") != "19":
        assert a[1], "query returned nothing"


@pytest.mark.parametrize("name, params", [(n, p) for n, ps in PARAMS.items() for p in ps])
def test_pyoxigraph_and_oxrdflib_answer_alike(stores, store_folder, name, params):
    """The commands and the server query the store through pyoxigraph; a user's rdflib
    Dataset over it goes through oxrdflib."""
    text = bind(saved_queries()[name], params)
    through_rdflib = open_read_only(store_folder)
    try:
        assert answers(stores[0], text) == answers(through_rdflib, text)
    finally:
        through_rdflib.close()


def test_pyoxigraph_queries_know_rdflibs_prefixes_and_forms(stores):
    native, memory = stores
    text = ("SELECT (COUNT(?c) AS ?n) WHERE { ?c a skos:Concept ; skos:inScheme ?s }")  # no PREFIX lines
    assert rows(native.query(text)) == rows(memory.query(text))
    assert int(rows(native.query(text))[1][0][0]) > 50
    assert native.query("ASK { ?r <https://w3id.org/intmk-graph/ontology#agendaItem> \"6.5\" }").askAnswer is True
    described = native.query("DESCRIBE <https://w3id.org/intmk-graph/data/conference/20/top/6.5>")
    assert (URIRef("https://w3id.org/intmk-graph/data/conference/20/top/6.5"), RDF.type,
            URIRef("https://w3id.org/intmk-graph/ontology#Resolution")) in described.graph


def test_saved_query_facts(stores):
    oxigraph, _ = stores
    names, data = rows(oxigraph.query(bind(saved_queries()["cosponsorship-pairs"], {})))
    pairs = {(str(r[0]), str(r[1])): int(r[2]) for r in data}
    assert pairs[("Nordrhein-Westfalen", "Rheinland-Pfalz")] == 11
    assert pairs[("Berlin", "Sachsen-Anhalt")] == 10
    assert len(pairs) == 120  # every pair of 16 co-sponsored at least once
    _, per_land = rows(oxigraph.query(bind(saved_queries()["resolutions-per-land"], {})))
    ni = next(r for r in per_land if str(r[0]) == "Niedersachsen")
    assert [int(x) for x in ni[2:]] == [16, 3, 0]
    by = next(r for r in per_land if str(r[0]) == "Bayern")
    assert [int(x) for x in by[2:]] == [6, 0, 3]
    _, decisions = rows(oxigraph.query(bind(saved_queries()["decisions"], {})))
    assert {str(r[1]): (int(r[2]), int(r[3])) for r in decisions} == {
        "majority": (11, 2), "unanimous": (15, 3), "none": (1, 0)}


def test_parameters_are_bound_not_pasted():
    query = SavedQuery("t", "t", "", (Parameter("title", "string", False, ""),),
                       "PREFIX dcterms: <http://purl.org/dc/terms/>\nSELECT ?r WHERE { ?r dcterms:title ?title }")
    evil = 'x" } ; DROP ALL ; SELECT * WHERE { ?s ?p "'
    text = bind(query, {"title": evil})
    assert Literal(evil).n3() in text
    graph = Graph()
    graph.add((URIRef("urn:r"), URIRef("http://purl.org/dc/terms/title"), Literal(evil)))
    assert [str(r[0]) for r in graph.query(text)] == ["urn:r"]  # matched as one string
    result = runner.invoke(app, ["query", "sponsored-by", "-p", 'land=Bayern" } #'])
    assert result.exit_code == 2 and "is not a German Land" in result.output


def test_query_command_formats(out_dir):
    q = "PREFIX intmk: <https://w3id.org/intmk-graph/ontology#> SELECT ?top WHERE { ?r intmk:agendaItem ?top ; intmk:position 20 }"
    js = runner.invoke(app, ["query", q, "--out", str(out_dir), "-f", "json"])
    assert js.exit_code == 0, js.output
    doc = json.loads(js.stdout)
    assert doc["head"]["vars"] == ["top"]
    assert doc["results"]["bindings"] == [{"top": {"type": "literal", "value": "6.5"}}]
    tsv = runner.invoke(app, ["query", q, "--out", str(out_dir), "-f", "tsv", "--store", "memory"])
    assert tsv.stdout == "top\n6.5\n"
    construct = runner.invoke(app, ["query", "CONSTRUCT { ?r a ?t } WHERE { ?r a ?t ; <https://w3id.org/intmk-graph/ontology#position> 20 }", "--out", str(out_dir)])
    assert "ontology#Resolution" in construct.stdout or "intmk:Resolution" in construct.stdout
    saved = runner.invoke(app, ["query", "sponsored-by", "-p", "land=Sachsen", "-f", "csv", "--out", str(out_dir)])
    assert [r["top"] for r in csv.DictReader(io.StringIO(saved.stdout))] == ["2.1.a", "3.1", "4.3", "4.5", "5.2", "7.2"]


@pytest.mark.parametrize("store", ["oxigraph", "memory"])
def test_query_syntax_error(out_dir, store):
    result = runner.invoke(app, ["query", "SELECT ?s WHERE { ?s ?p }", "--out", str(out_dir), "--store", store])
    assert result.exit_code == 2
    assert "SPARQL syntax error" in result.output and "1" in result.output
    assert "Traceback" not in result.output


def test_coalitions(built_2025):
    graph = union_graph(built_2025.dataset)
    data = coalitions(graph)
    lands = {l.land: l for l in data.lands}
    assert lands["Niedersachsen"].sponsored == 16 and lands["Niedersachsen"].alone == 3
    assert lands["Bayern"].protocol_notes == 3
    assert data.pairs[0] == Pair("Nordrhein-Westfalen", "Rheinland-Pfalz", 11,
                                 ["20/2.1.a", "20/3.1", "20/4.2", "20/4.3", "20/4.5", "20/4.7",
                                  "20/4.8", "20/4.9", "20/5.2", "20/6.4", "20/7.2"])
    beyond = coalitions(graph, without_joint=True)
    assert sorted(l for c in beyond.communities for l in c) == sorted(lands)
    assert len(beyond.communities) >= 2
    assert beyond.pairs[0].count == 6  # NRW and RP, without the four joint motions
    assert coalitions(graph, decision="majority").lands[0].land == "Berlin"


def test_coalitions_command_json_shape(out_dir):
    result = runner.invoke(app, ["coalitions", "-f", "json", "--out", str(out_dir)])
    data = json.loads(result.stdout)
    assert set(data) == {"pairs", "communities", "lands"}
    assert {"land", "sponsored", "degree", "betweenness"} <= set(data["lands"][0])
    assert {p["a"] for p in data["pairs"]} <= {l["land"] for l in data["lands"]}


def test_dissent(built_2025):
    notes = dissent(union_graph(built_2025.dataset))
    assert [(n.resolution, n.by, n.paragraph, n.decision) for n in notes] == [
        ("2.1.b", ["Bayern", "Thüringen"], None, "majority"),
        ("3.1", ["Brandenburg"], None, "unanimous"),
        ("4.9", ["Bayern"], 7, "unanimous"),
        ("5.2", ["Bayern"], 6, "unanimous"),
        ("7.4", ["Baden-Württemberg"], None, "majority"),
    ]
    assert notes[2].source == Lines(1579, 1595)


def test_nx_views(built_2025):
    graph = union_graph(built_2025.dataset)
    co = cosponsorship(graph)
    assert co.number_of_nodes() == 16 and co["Berlin"]["Sachsen-Anhalt"]["weight"] == 10
    bip = land_resolution(graph)
    assert nx.is_bipartite(bip) and bip.degree("20/6.5") == 3 and bip.nodes["20/6.5"]["decision"] == "majority"
    typed = typed_graph(graph)
    subjects = {str(s) for s in graph.subjects() if isinstance(s, URIRef)}
    assert subjects <= set(typed.nodes)
    top = "https://w3id.org/intmk-graph/data/conference/20/top/6.5"
    assert typed.nodes[top]["type"] == "Resolution"
    assert {d["predicate"] for _, _, d in typed.out_edges(top, data=True)} >= {"intmk:sponsoredBy", "intmk:decision"}


def test_the_typed_view_of_a_store_is_that_of_its_graph(stores, built_2025):
    """What the store answers draws the same view as the graph in memory (the graph page
    of a store, or of an endpoint, is drawn from a CONSTRUCT)."""
    from decimal import Decimal, InvalidOperation

    def values(view):  # Oxigraph keeps a decimal's value: 500000000.0 comes back as 500000000
        def same(v):
            try:
                return Decimal(v).normalize()
            except InvalidOperation:
                return v
        return {n: {k: same(v) for k, v in d.items()} for n, d in view.nodes(data=True)}

    native, _ = stores
    from_store, in_memory_view = typed_graph(native), typed_graph(union_graph(built_2025.dataset))
    assert values(from_store) == values(in_memory_view)
    assert sorted(from_store.edges(keys=True)) == sorted(in_memory_view.edges(keys=True))
    assert from_store.nodes["https://w3id.org/intmk-graph/data/conference/20/top/6.5"]["type"] == "Resolution"


def test_validate_command(tmp_path, built_2025):
    ok = runner.invoke(app, ["validate"])
    assert ok.exit_code == 0 and "conforms" in ok.output
    graph = union_graph(built_2025.dataset)
    graph.remove((URIRef("https://w3id.org/intmk-graph/data/conference/20/top/6.5"), RDF.type, None))
    graph.add((URIRef("https://w3id.org/intmk-graph/data/conference/20/top/6.5/note/9"), RDF.type,
               URIRef("https://w3id.org/intmk-graph/ontology#ProtocolNote")))
    broken = tmp_path / "broken.ttl"
    graph.serialize(broken, format="turtle")
    bad = runner.invoke(app, ["validate", str(broken)])
    assert bad.exit_code == 1 and "violation" in bad.output
    garbage = tmp_path / "garbage.ttl"
    garbage.write_text("this is not turtle <")
    assert runner.invoke(app, ["validate", str(garbage)]).exit_code == 2


def quad_set(dataset) -> set:
    return {(s, p, o, g.identifier if hasattr(g, "identifier") else g) for s, p, o, g in dataset.quads()}


@pytest.mark.parametrize("fmt", ["ttl", "nt", "jsonld", "trig", "graphml", "gexf", "csv"])
def test_export_formats(tmp_path, fmt, built_2025):
    target = tmp_path / ("csv" if fmt == "csv" else f"graph.{fmt}")
    result = runner.invoke(app, ["export", "--format", fmt, "--out", str(target)])
    assert result.exit_code == 0, result.output
    triples = len(union_graph(built_2025.dataset))
    if fmt == "trig":
        # Every quad, in the named graph it was built in: one graph per document plus
        # the reference vocabularies.
        parsed = Dataset()
        parsed.parse(target, format="trig")
        assert quad_set(parsed) == quad_set(built_2025.dataset)
        assert {str(g) for _, _, _, g in parsed.quads()} == {
            "https://w3id.org/intmk-graph/data/graph/intmk-20-2025-goettingen",
            "https://w3id.org/intmk-graph/data/graph/reference",
        }
    elif fmt in ("ttl", "nt", "jsonld"):
        parsed = Graph().parse(target, format={"ttl": "turtle", "jsonld": "json-ld"}.get(fmt, fmt))
        assert len(parsed) == triples
        assert set(parsed) == set(union_graph(built_2025.dataset))
    elif fmt == "graphml":
        g = nx.read_graphml(target)
        assert g.nodes["https://w3id.org/intmk-graph/data/conference/20/top/6.5"]["type"] == "Resolution"
    elif fmt == "gexf":
        view = typed_graph(union_graph(built_2025.dataset))
        read = nx.read_gexf(target)
        assert (read.number_of_nodes(), read.number_of_edges()) == (view.number_of_nodes(), view.number_of_edges())
    else:
        nodes = list(csv.DictReader((target / "nodes.csv").open()))
        edges = list(csv.DictReader((target / "edges.csv").open()))
        assert sum(1 for n in nodes if n["type"] == "Resolution") == 27
        assert sum(1 for e in edges if e["predicate"] == "intmk:sponsoredBy") == 170


def test_two_collections_in_one_store(tmp_path):
    out = tmp_path / "out"
    second = DATA / "format-toc-oneline.txt"
    built = runner.invoke(app, ["build", str(DATA.parent.parent / "data" / "intmk-20-2025-goettingen.txt"),
                                str(second), "--out", str(out)])
    assert built.exit_code == 0, built.output
    both = json.loads(runner.invoke(app, ["query", "decisions", "-f", "json", "--out", str(out)]).stdout)
    conferences = {b["conference"]["value"] for b in both["results"]["bindings"]}
    assert conferences == {"18", "20"}
    only18 = runner.invoke(app, ["dissent", "--conference", "18", "-f", "json", "--out", str(out)])
    notes18 = [(n["resolution"], n["by"]) for n in json.loads(only18.stdout)]
    assert notes18 == [("2.9b", ["Bayern"]), ("4", ["Bayern", "Sachsen"])]
    co = json.loads(runner.invoke(app, ["coalitions", "-c", "18", "-f", "json", "--out", str(out)]).stdout)
    assert {l["land"]: l["sponsored"] for l in co["lands"]}["Bremen"] == 2  # 2.9b (all) and 4
    d18 = json.loads(runner.invoke(app, ["demands", "-c", "18", "-f", "json", "--out", str(out)]).stdout)
    assert [(d["resolution"], d["paragraph"], d["verb"], d["addressees"]) for d in d18] == [
        ("2.9b", 1, "auffordern", ["Bund"]),
        ("2.9b", 2, "bitten", ["Bundesregierung"]),
        ("4", None, "auffordern", ["Bund"]),
    ]
    both = json.loads(runner.invoke(app, ["demands", "-f", "json", "--out", str(out)]).stdout)
    assert len(both) == 66 + 3
    assert {d["conference"] for d in both} == {"18", "20"}


def test_cites_command_matches_sections_and_laws(out_dir):
    import json

    def run(*args):
        result = runner.invoke(app, ["cites", *args, "--out", str(out_dir), "--format", "json"])
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    section = run("§ 24 AufenthG")
    assert [r["resolution"] for r in section] == ["6.6"]
    assert [c["line"] for c in section[0]["citations"]] == [None, 5, 11, 27, 30]  # the title has no line number
    whole_law = {r["resolution"] for r in run("AufenthG")}
    assert whole_law == {"2.1.b", "4.8", "6.5", "6.6", "7.4"}
    narrow = run("§ 32 Abs. 2 Nr. 5 BeschV")
    assert narrow == [{"conference": "20", "resolution": "6.1",
                       "title": "Ausländerbehörden entlasten - Integration ermöglichen",
                       "citations": [{"text": "§ 32 Abs. 2 Nr. 5 BeschV", "line": 18, "source_line": 1892}]}]
    assert {r["resolution"] for r in run("Beschäftigungsverordnung")} == {"6.1", "6.6", "7.4"}
    assert run("§ 24 AufenthG", "--conference", "19") == []


def test_cites_unknown_law_suggests_close_matches(out_dir):
    result = runner.invoke(app, ["cites", "Aufenthaltsgestz", "--out", str(out_dir)])
    assert result.exit_code == 2
    assert "unknown law 'Aufenthaltsgestz'" in result.output and "'Aufenthaltsgesetz'" in result.output


def test_demands_command_filters_by_addressee_and_topic(out_dir):
    import json

    def run(*args):
        result = runner.invoke(app, ["demands", *args, "--out", str(out_dir), "--format", "json"])
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    everything = run()
    assert len(everything) == 66
    to_laender = run("--to", "Länder")
    assert [(d["resolution"], d["paragraph"]) for d in to_laender] == [("5.1", 3), ("7.7", 4), ("7.7", 5)]
    assert to_laender[0]["addressees"] == ["Bund", "Länder"]
    mbe_of_bund = run("--to", "Bundesregierung", "--about", "MBE")
    assert [(d["resolution"], d["paragraph"], d["verb"]) for d in mbe_of_bund] == [("4.5", 2, "auffordern")]
    mandates = [d for d in everything if d["kind"] == "mandate"]
    assert [(d["resolution"], d["addressees"]) for d in mandates] == [("3.1", ["Länderoffene Arbeitsgruppe der IntMK"]), ("3.1", ["Hessen"]), ("3.1", ["Hessen"])]
    bad = runner.invoke(app, ["demands", "--to", "BAMPF", "--out", str(out_dir)])
    assert bad.exit_code == 2 and "'BAMF'" in bad.output


def test_resolution_law_view(built_2025):
    from intmk_graph.query.nx_view import resolution_law

    g = resolution_law(union_graph(built_2025.dataset))
    assert g["20/6.5"]["§ 25a AufenthG"]["weight"] == 3
    assert g["§ 104c AufenthG"]["AufenthG"]["relation"] == "part_of"
    assert g.nodes["§ 104c AufenthG"]["url"] == "https://www.gesetze-im-internet.de/aufenthg_2004/__104c.html"
    assert g.nodes["Bundespartizipationsgesetz"]["proposed"] is True
    assert sorted(n for n, d in g.nodes(data=True) if d["kind"] == "section") == [
        "§ 104c AufenthG", "§ 24 AufenthG", "§ 25a AufenthG", "§ 25b AufenthG",
        "§ 26 BeschV", "§ 3 AsylbLG", "§ 32 BeschV", "§ 9 BeschV"]


@pytest.mark.parametrize("law, expected", [
    ("aufenthg", 5), ("AufenthG § 24", 1), ("AufenthG 24", 1), ("§24 AufenthG", 1), ("§ 24 aufenthg", 1),
    ("Aufenthaltsgesetz §24 Abs.1", 1), ("beschv 32 Absatz 2 Nummer 5", 1), ("BeschV", 3),
])
def test_cites_takes_names_as_people_type_them(out_dir, law, expected):
    """Case, spaces and dots do not matter; law first or section first."""
    result = runner.invoke(app, ["cites", law, "--format", "json", "--out", str(out_dir)])
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert len(found) == expected
    if expected == 1 and "24" in law:
        assert found[0]["resolution"] == "6.6"


@pytest.mark.parametrize("to, expected", [("b.a.", "Bundesagentur für Arbeit"), ("Bundes regierung", "Bundesregierung"),
                                          ("länder", "Länder"), ("bundesagentur für arbeit", "Bundesagentur für Arbeit")])
def test_demands_to_takes_names_as_people_type_them(out_dir, to, expected):
    result = runner.invoke(app, ["demands", "--to", to, "--format", "json", "--out", str(out_dir)])
    assert result.exit_code == 0, result.output
    records = json.loads(result.stdout)
    assert records and all(expected in r["addressees"] for r in records)


@pytest.mark.parametrize("land", ["Bayern", "BY", "DE-BY", "bayern", "Freistaat Bayern"])
def test_a_land_by_name_or_code(out_dir, land):
    result = runner.invoke(app, ["dissent", "--land", land, "--format", "json", "--out", str(out_dir)])
    assert result.exit_code == 0, result.output
    assert {tuple(r["by"]) for r in json.loads(result.stdout)} >= {("Bayern",)}
    result = runner.invoke(app, ["query", "sponsored-by", "-p", f"land={land}", "-f", "csv", "--out", str(out_dir)])
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) > 1


def test_tables_read_well_at_80_columns(out_dir, tmp_path):
    """The build summary and a query table fit 80 columns; IRIs are compacted with the
    project's prefixes and folded, never cut."""
    env = {"COLUMNS": "80"}
    built = runner.invoke(app, ["build", "--out", str(tmp_path)], env=env)
    assert built.exit_code == 0, built.output
    table = runner.invoke(app, ["query", "SELECT ?r ?land WHERE { ?r <https://w3id.org/intmk-graph/ontology#sponsoredBy> "
                                "?land } ORDER BY ?r ?land LIMIT 2", "--out", str(out_dir)], env=env)
    assert table.exit_code == 0, table.output
    for output in (built.stdout, table.stdout):
        assert max(len(line) for line in output.splitlines()) <= 80, output
    assert "data:conference/20/top/1.1" in table.stdout and "id:land-NI" in table.stdout
    # the figures stand whole in their columns: 27 TOPs, 170 sponsorships, 15 unanimous, 11 majority
    assert re.search(r"│\s+27 │\s+170 │\s+15 │\s+11 │", built.stdout), built.stdout
    assert "…" not in built.stdout  # the file name is wrapped, not cut
    # Nine columns do not fit 80: one key/value block per row, every value whole.
    wide = runner.invoke(app, ["query", "citations", "-p", "conference=20", "--out", str(out_dir)], env=env)
    assert wide.exit_code == 0, wide.output
    lines = wide.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80 and "…" not in wide.stdout
    assert re.match(r"─+ 1 ─+$", lines[0])
    first = {k: v.strip() for k, v in ((line.split(None, 1) + [""])[:2] for line in lines[1:10])}
    assert first["top"] == "2.1.a" and first["abbr"] == "GG" and first["citation"] == "data:conference/20/top/2.1.a/citation/1"
    assert sum(1 for line in lines if re.match(r"─+ \d+ ─+$", line)) == 39


def test_matrix_has_one_panel_per_conference(tmp_path):
    """A graph of several conferences draws one heat map per conference, byte-stably."""
    from intmk_graph.pipeline import build
    from intmk_graph.publish.pages import matrix_figures

    years = [DATA / "years" / "bn-2024-mainz.txt", DATA.parent.parent / "data" / "intmk-20-2025-goettingen.txt"]
    graph = union_graph(build(years).dataset)
    png, svg = matrix_figures(graph)
    titles = re.findall(r"<!-- (\d+\. IntMK \(\d{4}\)) -->", svg.decode("utf-8"))
    assert titles == ["19. IntMK (2024)", "20. IntMK (2025)"]
    assert matrix_figures(graph) == (png, svg)
    one = matrix_figures(union_graph(build(years[1:]).dataset))[1].decode("utf-8")
    assert "IntMK (2025)" not in one  # one conference: one panel, no per-conference titles

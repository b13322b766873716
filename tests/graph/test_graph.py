"""The RDF graph: golden file, determinism, named graphs, ontology and SHACL."""


import pytest
from helpers import BUNDLED, DATA
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import graph_diff, to_isomorphic
from rdflib.namespace import DCTERMS, OWL, RDF, XSD

from intmk_graph.graph.validation import validate_graph
from intmk_graph.namespaces import ID, INTMK
from intmk_graph.pipeline import build, write_outputs
from intmk_graph.publish.exports import union_graph
from intmk_graph.vocab import load_turtle

BASE = "https://w3id.org/intmk-graph/data/"
TOP = BASE + "conference/20/top/"


def assert_isomorphic(expected: Graph, actual: Graph):
    """Fail with the triples that differ, not just 'graphs differ'."""
    if to_isomorphic(expected) == to_isomorphic(actual):
        return
    _, only_expected, only_actual = graph_diff(to_isomorphic(expected), to_isomorphic(actual))
    lines = [f"- {t}" for t in sorted(only_expected)[:20]] + [f"+ {t}" for t in sorted(only_actual)[:20]]
    pytest.fail("graphs differ:\n" + "\n".join(lines))


@pytest.fixture(scope="module")
def graph_2025(built_2025) -> Graph:
    return union_graph(built_2025.dataset)


def test_golden_graph(graph_2025):
    golden = Graph().parse(DATA / "golden-2025.ttl", format="turtle")
    assert_isomorphic(golden, graph_2025)


def test_facts_in_the_graph(graph_2025):
    top65 = URIRef(TOP + "6.5")
    assert set(graph_2025.objects(top65, INTMK.sponsoredBy)) == {ID["land-BE"], ID["land-HH"], ID["land-ST"]}
    assert graph_2025.value(top65, INTMK.decision) == INTMK.Majority
    note = URIRef(TOP + "4.9/note/1")
    assert graph_2025.value(note, INTMK.declaredBy) == ID["land-BY"]
    assert graph_2025.value(note, INTMK.concernsParagraph) == URIRef(TOP + "4.9/p/7")
    assert (URIRef(TOP + "4.9/p/7"), RDF.type, INTMK.Paragraph) in graph_2025
    p2 = URIRef(TOP + "6.5/p/2")
    assert graph_2025.value(p2, INTMK.firstLineNumber) == Literal(6, datatype=XSD.integer)
    assert graph_2025.value(p2, INTMK.lastLineNumber) == Literal(16, datatype=XSD.integer)
    assert graph_2025.value(p2, INTMK.sourceFirstLine) == Literal(1972, datatype=XSD.integer)
    assert len(set(graph_2025.subjects(RDF.type, INTMK.Resolution))) == 27
    assert len(set(graph_2025.subjects(RDF.type, INTMK.Land))) == 16


def test_outputs_are_byte_identical_across_runs(tmp_path):
    first = write_outputs(build(), tmp_path / "a")
    second = write_outputs(build(), tmp_path / "b")
    assert [p.name for p in first] == ["graph.ttl", "graph.trig", "resolutions.json"]
    for a, b in zip(first, second):
        assert a.read_bytes() == b.read_bytes(), a.name
    assert not list((tmp_path / "a").glob(".*.tmp"))  # atomic writes leave no temporaries


def test_one_named_graph_per_document(tmp_path):
    result = build([BUNDLED,
                    DATA / "format-toc-oneline.txt"])
    (trig,) = [p for p in write_outputs(result, tmp_path) if p.suffix == ".trig"]
    dataset = Dataset().parse(trig, format="trig")
    names = sorted(str(g.identifier) for g in dataset.graphs() if len(g))
    assert names == [BASE + "graph/format-toc-oneline", BASE + "graph/intmk-20-2025-goettingen",
                     BASE + "graph/reference"]
    doc18 = dataset.graph(URIRef(BASE + "graph/format-toc-oneline"))
    assert (URIRef(BASE + "conference/18/top/2.9b"), INTMK.yesVotes, Literal(13, datatype=XSD.integer)) in doc18
    assert (URIRef(TOP + "6.5"), RDF.type, INTMK.Resolution) not in doc18


def test_base_is_configurable_and_iris_deterministic():
    a = union_graph(build(base="https://example.org/x/").dataset)
    b = union_graph(build(base="https://example.org/x/").dataset)
    assert set(a) == set(b)
    assert (URIRef("https://example.org/x/conference/20/top/6.5"), RDF.type, INTMK.Resolution) in a


def test_every_emitted_term_is_declared_in_the_ontology(graph_2025):
    ontology = load_turtle("intmk.ttl")
    declared = set(ontology.subjects(RDF.type, None))
    used = {p for p in graph_2025.predicates() if str(p).startswith(str(INTMK))}
    used |= {o for o in graph_2025.objects(None, RDF.type) if str(o).startswith(str(INTMK))}
    used |= {o for o in graph_2025.objects() if isinstance(o, URIRef) and str(o).startswith(str(INTMK))}
    assert used and used <= declared, used - declared


def test_ontology_terms_have_bilingual_labels_and_comments():
    ontology = load_turtle("intmk.ttl")
    from rdflib.namespace import RDFS

    for term in set(ontology.subjects(RDF.type, OWL.Class)) | set(ontology.subjects(RDF.type, OWL.ObjectProperty)) | set(
        ontology.subjects(RDF.type, OWL.DatatypeProperty)
    ):
        for prop in (RDFS.label, RDFS.comment):
            langs = {o.language for o in ontology.objects(term, prop)}
            assert {"en", "de"} <= langs, (term, prop)


def test_built_graph_conforms_to_shapes(graph_2025):
    result = validate_graph(graph_2025)
    assert result.conforms, result.violations[:5]


def test_broken_graphs_do_not_conform(graph_2025):
    broken = Graph()
    for t in graph_2025:
        broken.add(t)
    top = URIRef(TOP + "6.5")
    broken.remove((top, DCTERMS.title, None))
    broken.add((top, INTMK.sponsoredBy, URIRef("https://example.org/Bavaria")))
    broken.add((URIRef(TOP + "7.4/note/1"), INTMK.declaredBy, Literal("Baden-Württemberg")))
    broken.remove((URIRef(TOP + "3.1/note/1"), INTMK.declaredBy, None))
    result = validate_graph(broken)
    assert not result.conforms
    problems = {(v.focus, v.path) for v in result.violations}
    assert (str(top), str(DCTERMS.title)) in problems
    assert (str(top), str(INTMK.sponsoredBy)) in problems
    assert (TOP + "7.4/note/1", str(INTMK.declaredBy)) in problems
    assert (TOP + "3.1/note/1", str(INTMK.declaredBy)) in problems
    assert len(problems) == 4


def test_the_same_input_mints_the_same_iris_in_separate_processes():
    """IRIs depend on the input alone, not on hash seeds or the order of a run."""
    import os
    import subprocess
    import sys

    script = (
        "from intmk_graph.pipeline import build\n"
        "import hashlib, sys\n"
        "paths = sys.argv[1:]\n"
        "iris = sorted({str(t) for q in build(paths).dataset.quads() for t in q if t is not None and t.startswith('http')})\n"
        "print(len(iris), hashlib.sha256('\\n'.join(iris).encode()).hexdigest())\n"
    )
    years = sorted(str(p) for p in (DATA / "years").glob("*.txt"))
    runs = set()
    for seed, paths in (("1", years), ("2", years[::-1])):
        out = subprocess.run([sys.executable, "-c", script, *paths], capture_output=True, text=True, check=True,
                             env={**os.environ, "PYTHONHASHSEED": seed})
        runs.add(out.stdout)
    assert len(runs) == 1, runs
    assert int(runs.pop().split()[0]) > 300  # conferences, resolutions, paragraphs, findings, Länder, ...


def test_outputs_are_byte_identical_across_processes(tmp_path):
    """The same input gives the same files, pages included, whatever the hash seed."""
    import os
    import subprocess
    import sys

    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / seed
        env = {**os.environ, "PYTHONHASHSEED": seed}
        years = tmp_path / f"years-{seed}"
        series = sorted(str(p) for p in (DATA / "series").glob("*.txt"))
        series.append(str(BUNDLED))
        for args in (["build", "--out", str(out)], ["visualise", "graph", "--out", str(out)],
                     ["visualise", "coalitions", "--out", str(out)],
                     ["build", *series, "--out", str(years)], ["visualise", "timeline", "--out", str(years)],
                     ["visualise", "coalitions", "--out", str(years)],
                     *(["export", "-q", "-f", fmt, "--out", str(out / ("export-csv" if fmt == "csv" else f"export.{fmt}"))]
                       for fmt in ("ttl", "nt", "jsonld", "graphml", "gexf", "csv"))):
            subprocess.run([sys.executable, "-m", "intmk_graph", *args], check=True, capture_output=True, env=env)
        outputs.append({name: (out / name).read_bytes() for name in
                        ("graph.ttl", "graph.trig", "resolutions.json", "graph.html", "coalitions.html",
                         "export.ttl", "export.nt", "export.jsonld", "export.graphml", "export.gexf",
                         "export-csv/nodes.csv", "export-csv/edges.csv")})
        outputs[-1]["timeline.html"] = (years / "timeline.html").read_bytes()
        outputs[-1]["years.trig"] = (years / "graph.trig").read_bytes()
        outputs[-1]["years-coalitions.html"] = (years / "coalitions.html").read_bytes()
        # Louvain's communities once followed the hash seed (a subgraph view's set order)
        outputs[-1]["by-conference"] = subprocess.run(
            [sys.executable, "-m", "intmk_graph", "coalitions", "--by-conference", "-f", "json", "--out", str(years)],
            check=True, capture_output=True, env=env).stdout
    assert outputs[0] == outputs[1]

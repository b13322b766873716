"""The RDF stage's N-Triples terms and the Turtle/TriG written from them: every file
parses back to exactly the build's graphs, whatever the text holds."""

from __future__ import annotations

from datetime import date

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import to_isomorphic
from rdflib.namespace import RDF, XSD

from intmk_graph.graph.quads import QuadSet, TurtleWriter
from intmk_graph.graph.terms import de, integer, iri, lexical_int, literal, typed
from intmk_graph.publish.exports import trig, turtle_union

EX = "https://example.org/"
HOSTILE = 'Er sagte "nein" \\ und ging.\nZweite Zeile\r\tEnde'


def test_terms_are_ntriples_and_match_rdflib():
    assert iri(EX + "a") == "<https://example.org/a>"
    assert literal(True) == Literal(True).n3()
    assert literal(12) == Literal(12).n3() == integer(12)
    assert literal(date(2025, 4, 23)) == Literal(date(2025, 4, 23)).n3()
    assert de("Gesetz") == '"Gesetz"@de'
    assert lexical_int(integer(1972)) == 1972
    for text in (HOSTILE, "plain"):
        (parsed,) = ox.parse(f"<{EX}s> <{EX}p> {literal(text)} .".encode(), format=ox.RdfFormat.N_TRIPLES)
        assert parsed.object.value == text


@pytest.mark.parametrize("bad", ["https://example.org/a b", "https://example.org/<x>", 'https://example.org/"'])
def test_an_iri_ntriples_cannot_carry_is_refused(bad):
    with pytest.raises(ValueError, match="not a valid IRI"):
        iri(bad)


def _sample() -> QuadSet:
    quads = QuadSet()
    quads.bind("ex", EX)
    quads.bind("xsd", str(XSD))
    g1, g2 = quads.graph(iri(EX + "graph/1")), quads.graph(iri(EX + "graph/2"))
    s, t = iri(EX + "s"), iri(EX + "t")
    for g in (g1, g2):
        g.add((s, iri(str(RDF.type)), iri(EX + "Thing")))  # in both graphs: once in the union
    g1.add((s, iri(EX + "text"), literal(HOSTILE)))
    g1.add((s, iri(EX + "text"), de(HOSTILE)))
    g1.add((s, iri(EX + "n"), integer(-3)))
    g1.add((s, iri(EX + "ok"), literal(False)))
    g1.add((s, iri(EX + "sum"), typed("77500000.0", iri(str(XSD.decimal)))))
    g1.add((s, iri(EX + "odd"), typed("12 Stück", iri(str(XSD.integer)))))  # not canonical: stays quoted
    g1.add((s, iri(EX + "on"), literal(date(2025, 4, 23))))
    g2.add((t, iri(EX + "sees"), iri(str(RDF.type))))  # rdf:type as an object is not "a"
    g2.add((t, iri(EX + "path/x."), iri(EX + "a/b")))  # locals a prefixed name cannot hold
    g2.add((t, iri(EX + "sees"), s))
    return quads


def test_turtle_and_trig_parse_back_to_the_same_graphs():
    quads = _sample()
    expected = Dataset()
    expected.parse(data=quads.nquads(), format="nquads")
    union = Graph()
    for s, p, o, _ in expected.quads((None, None, None, None)):
        union.add((s, p, o))
    written = Graph().parse(data=turtle_union(quads), format="turtle")
    assert to_isomorphic(written) == to_isomorphic(union)
    assert len(written) == 11
    parsed = Dataset().parse(data=trig(quads), format="trig")
    for name in (EX + "graph/1", EX + "graph/2"):
        assert set(parsed.graph(URIRef(name))) == set(expected.graph(URIRef(name))), name
    # pyoxigraph reads the same files
    assert len(list(ox.parse(turtle_union(quads), format=ox.RdfFormat.TURTLE))) == 11


def test_the_writer_shortens_what_it_safely_can():
    text = b"".join(_sample().turtle_chunks({"xsd": str(XSD), "ex": EX})).decode()
    assert "ex:s a ex:Thing ;" in text
    assert "\tex:n -3 ;" in text and "\tex:ok false ;" in text and "\tex:sum 77500000.0 ;" in text
    assert '\tex:odd "12 Stück"^^xsd:integer ;' in text
    assert '\tex:on "2025-04-23"^^<http://www.w3.org/2001/XMLSchema#date>' not in text
    assert '\tex:on "2025-04-23"^^xsd:date ;' in text
    assert "ex:sees <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> , ex:s" in text
    assert "<https://example.org/path/x.> <https://example.org/a/b>" in text
    assert text.index("@prefix ex:") < text.index("@prefix xsd:")


def test_a_writer_with_no_prefixes_writes_full_iris():
    block = "".join(TurtleWriter({}).lines([(iri(EX + "s"), iri(EX + "p"), integer(1))], ""))
    assert block == "<https://example.org/s> <https://example.org/p> 1 .\n"


def test_the_bundled_build_written_as_turtle_and_trig_parses_back(built_2025):
    from intmk_graph.publish.exports import union_graph

    dataset = built_2025.dataset
    written = Graph().parse(data=turtle_union(built_2025.quads), format="turtle")
    assert to_isomorphic(written) == to_isomorphic(union_graph(dataset))
    parsed = Dataset().parse(data=trig(built_2025.quads), format="trig")
    assert {str(g.identifier) for g in parsed.graphs() if len(g)} == {
        str(g.identifier) for g in dataset.graphs() if len(g)}
    assert sum(len(g) for g in parsed.graphs()) == sum(len(g) for g in dataset.graphs())


def test_a_users_rdflib_graph_is_written_by_the_same_writer_as_a_build(built_2025):
    """One Turtle writer: the build's Dataset, handed back as rdflib's, gives the build's bytes."""
    from intmk_graph.publish.exports import turtle, union_graph

    dataset = built_2025.dataset
    assert trig(dataset) == trig(built_2025.quads)
    assert turtle(union_graph(dataset)) == turtle_union(built_2025.quads)


@pytest.mark.parametrize("term, text", [
    (URIRef(EX + "s"), f"<{EX}s>"),
    (Literal("zwei\nZeilen \"zitiert\""), '"zwei\\nZeilen \\"zitiert\\""'),
    (Literal("Ausländer", lang="de"), '"Ausländer"@de'),
    (Literal("x", datatype=XSD.string), '"x"'),
    (Literal(3), '"3"^^<http://www.w3.org/2001/XMLSchema#integer>'),
])
def test_rdflib_terms_become_the_builds_terms(term, text):
    from intmk_graph.graph.terms import from_rdflib

    assert from_rdflib(term) == text


def test_the_store_loaded_in_many_parallel_batches_holds_exactly_the_build(built_2025, tmp_path, monkeypatch):
    """Some twenty loads of 64 kB, three at a time, then compacted: the same quads as the
    build, and a query over them answers (TOP 6.5 cites § 104c)."""
    from intmk_graph.query import store as store_module

    monkeypatch.setattr(store_module, "_LOAD_BATCH", 64 << 10)
    built_2025.quads.sort()
    expected = b"".join(built_2025.quads.nquads_chunks())
    lines = expected.splitlines(keepends=True)
    assert len(list(store_module.batches(lines, 64 << 10))) >= 20
    dataset = store_module.load_oxigraph(lines, tmp_path / "store", threads=3)
    dataset.close()
    store = ox.Store.read_only(str(tmp_path / "store"))
    at_once = ox.Store()  # Oxigraph keeps values, not lexical forms ("480000.0" -> "480000")
    at_once.load(expected, format=ox.RdfFormat.N_QUADS)
    assert len(store) == len(at_once) == len(lines)
    assert set(store) == set(at_once)
    ask = store.query(
        "ASK { <https://w3id.org/intmk-graph/data/conference/20/top/6.5> "
        "<http://data.europa.eu/eli/ontology#cites> <https://w3id.org/intmk-graph/id/law-AufenthG/para/104c> }",
        use_default_graph_as_union=True)
    assert bool(ask)


def test_a_batch_the_store_cannot_load_fails_the_load(tmp_path, monkeypatch):
    from intmk_graph.query import store as store_module

    monkeypatch.setattr(store_module, "_LOAD_BATCH", 10)
    good = b"<https://example.org/s> <https://example.org/p> <https://example.org/o> <https://example.org/g> .\n"
    with pytest.raises(SyntaxError):
        store_module.load_oxigraph([good] * 5 + [b"<not an n-quad\n"] + [good] * 5, tmp_path / "store", threads=2)

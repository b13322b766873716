"""SPARQL results -> plain rows, tables, CSV/TSV and the SPARQL 1.1 results formats: the
one place results are written, for the command line (rdflib's Result, normalised) and
for the server (Oxigraph's own results, by its own serialisers).

Oxigraph types plain strings as xsd:string, rdflib leaves them untyped; in RDF 1.1 the
two are the same literal, so both are written as plain strings here and results agree
across stores.
"""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from typing import Any, Protocol, TypeVar

from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.query import Result

T = TypeVar("T")
Row = tuple[Any, ...]  # a result row: rdflib terms, None where unbound


class Queryable(Protocol):
    """What answers SPARQL: a ``store.Store`` (what the commands open, whatever holds the
    graph), or an rdflib Graph or Dataset as a notebook has it."""

    def query(self, query_object: str, /) -> Result: ...


def normal(term: T) -> T | Literal:
    """Drop the redundant xsd:string datatype, and write decimals and booleans in one form
    (Oxigraph gives 100 for the 100.0 rdflib keeps; Virtuoso 1 for true), so equal
    literals compare equal."""
    if isinstance(term, Literal):
        if term.datatype == XSD.string:
            return Literal(str(term))
        if term.datatype == XSD.decimal and isinstance(term.value, Decimal):
            return Literal(format(term.value.normalize(), "f"), datatype=XSD.decimal)
        if term.datatype == XSD.boolean and str(term) in ("0", "1"):  # Virtuoso's lexical form
            return Literal(str(term) == "1")
    return term


def rows(result: Result) -> tuple[list[str], list[Row]]:
    """Variable names and normalised rows of a SELECT result."""
    names = [str(v) for v in result.vars or ()]
    return names, [tuple(normal(row[i]) if row[i] is not None else None for i in range(len(names)))  # type: ignore[index]
                   for row in result]


def _compact_prefixes() -> list[tuple[str, str]]:
    from ..namespaces import DEFAULT_BASE, PREFIXES

    pairs = [(str(ns), prefix) for prefix, ns in PREFIXES.items()] + [(DEFAULT_BASE, "data")]
    return sorted(pairs, key=lambda p: -len(p[0]))  # the longest namespace wins


def compact(term: object) -> str:
    """A term for a table: IRIs with the project's prefixes (``intmk:Resolution``,
    ``id:land-BY``, ``data:conference/20/top/6.5``), full IRIs elsewhere.

    >>> compact(URIRef("https://w3id.org/intmk-graph/data/conference/20/top/6.5"))
    'data:conference/20/top/6.5'
    """
    if isinstance(term, URIRef):
        for namespace, prefix in _compact_prefixes():
            if term.startswith(namespace):
                return f"{prefix}:{term[len(namespace):]}"
    return str(term)


def plain(term: object) -> str | int | float | bool | None:
    """A term as a spreadsheet-friendly value (numbers stay numbers)."""
    if term is None:
        return None
    if isinstance(term, Literal):
        value = term.toPython()
        if isinstance(value, (int, float, bool)):
            return value
        return str(term)
    return str(term)


def to_csv(names: list[str], data: list[Row], delimiter: str = ",") -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(names)
    for row in data:
        writer.writerow(["" if v is None else plain(v) for v in row])
    return out.getvalue()


def to_json(names: list[str], data: list[Row]) -> str:
    """The SPARQL 1.1 Query Results JSON Format, written by rdflib from the normalised
    rows (CSV and TSV stay ours: spreadsheet-friendly values, and rdflib has no TSV)."""
    from rdflib import Variable
    from rdflib.query import Result

    result = Result("SELECT")
    result.vars = [Variable(n) for n in names]
    result.bindings = [{Variable(n): v for n, v in zip(names, row) if v is not None} for row in data]
    doc = json.loads(result.serialize(format="json") or b"{}")
    return json.dumps({"head": doc["head"], "results": doc["results"]}, ensure_ascii=False, indent=2) + "\n"


def serialize(result: Result, fmt: str) -> str:
    """A SPARQL result as text: ASK as ``true``/``false`` or SPARQL JSON, CONSTRUCT and
    DESCRIBE as Turtle, SELECT as SPARQL JSON, CSV or TSV (normalised, see above)."""
    if result.type == "ASK":
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": bool(result.askAnswer)}, indent=2) + "\n"
        return ("true" if result.askAnswer else "false") + "\n"
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return str(result.graph.serialize(format="turtle")) if result.graph is not None else ""
    names, data = rows(result)
    if fmt == "json":
        return to_json(names, data)
    return to_csv(names, data, "\t" if fmt == "tsv" else ",")


# The engine's serialisers, by the names of the server's formats (workers.RESULT_TYPES, GRAPH_TYPES).
_RESULT_FORMATS = {"json": "JSON", "xml": "XML", "csv": "CSV", "tsv": "TSV"}
_GRAPH_FORMATS = {"turtle": "TURTLE", "ntriples": "N_TRIPLES", "jsonld": "JSON_LD", "trig": "TRIG", "rdfxml": "RDF_XML"}


def engine_serialized(found: Any, kind: str, max_rows: int | None) -> tuple[bytes, int, bool]:
    """An Oxigraph query result in ``kind`` by Oxigraph's own serialisers, at most
    ``max_rows`` solutions or triples: (body, how many, whether more were cut).

    Oxigraph writes a result whole; to stop at ``max_rows``, the solutions kept are
    handed back to it as TSV, whose cells are the terms in N-Triples syntax (their
    ``str``), and it writes the format asked for from that."""
    import pyoxigraph as ox

    if isinstance(found, ox.QueryBoolean):
        return found.serialize(format=getattr(ox.QueryResultsFormat, _RESULT_FORMATS[kind])) or b"", 1, False
    kept: list[Any] = []
    truncated = False
    for item in found:
        if max_rows is not None and len(kept) == max_rows:
            truncated = True
            break
        kept.append(item)
    if isinstance(found, ox.QueryTriples):
        body = ox.serialize(kept, format=getattr(ox.RdfFormat, _GRAPH_FORMATS[kind])) if kept else b""
        return body or b"", len(kept), truncated
    names = [v.value for v in found.variables]
    lines = ["\t".join("?" + n for n in names)]
    lines += ["\t".join("" if (term := row[n]) is None else str(term) for n in names) for row in kept]
    again = ox.parse_query_results(("\n".join(lines) + "\n").encode("utf-8"), format=ox.QueryResultsFormat.TSV)
    return again.serialize(format=getattr(ox.QueryResultsFormat, _RESULT_FORMATS[kind])) or b"", len(kept), truncated

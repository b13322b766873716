"""The triples of an ontology or vocabulary file, parsed by Oxigraph, with the few
look-ups reading needs. Reading and building use no rdflib: its import and its Turtle
parser were a quarter of a small build; Oxigraph parses the vocabularies in 2 ms."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox

from ..namespaces import PREFIXES

RDF_TYPE = PREFIXES["rdf"] + "type"


class Triples:
    """A file's triples in file order; IRIs as plain strings, literals as pyoxigraph's
    (``.value``, ``.language``)."""

    def __init__(self, triples: list[ox.Triple]):
        self.all = triples
        self._objects: dict[tuple[str, str], list[ox.NamedNode | ox.BlankNode | ox.Literal]] = defaultdict(list)
        self._subjects: dict[tuple[str, str | None], list[str]] = defaultdict(list)
        for t in triples:
            if isinstance(t.subject, ox.NamedNode) and isinstance(t.object, ox.NamedNode | ox.BlankNode | ox.Literal):
                self._objects[(t.subject.value, t.predicate.value)].append(t.object)
                self._subjects[(t.predicate.value, None)].append(t.subject.value)
                if isinstance(t.object, ox.NamedNode):
                    self._subjects[(t.predicate.value, t.object.value)].append(t.subject.value)

    @classmethod
    def parse(cls, path: Path) -> Triples:
        return cls(list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)))

    def subjects(self, predicate: str, obj: str | None = None) -> list[str]:
        """The IRIs that have ``predicate`` (with the IRI ``obj``), each once, in file order."""
        return list(dict.fromkeys(self._subjects.get((predicate, obj), ())))

    def iris(self, subject: str, predicate: str) -> list[str]:
        return [o.value for o in self._objects.get((subject, predicate), ()) if isinstance(o, ox.NamedNode)]

    def literals(self, subject: str, predicate: str) -> list[ox.Literal]:
        return [o for o in self._objects.get((subject, predicate), ()) if isinstance(o, ox.Literal)]

    def value(self, subject: str, predicate: str) -> str | None:
        """The first object's IRI or lexical form."""
        found = self._objects.get((subject, predicate))
        return found[0].value if found else None

    def types(self, subject: str) -> list[str]:
        return self.iris(subject, RDF_TYPE)

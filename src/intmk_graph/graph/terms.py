"""RDF terms as their N-Triples text: what the RDF stage writes, and the one place that
converts terms between this form, pyoxigraph's (the store) and rdflib's
(the query API).

A term is a ``str`` in N-Triples form (``<https://…>``, ``"Text"@de``,
``"3"^^<…#integer>``). Strings cost one f-string each, compare and sort in C, and
pyoxigraph's parser turns a build's quads into its own terms in one call; rdflib's
``URIRef`` and ``Literal`` checked and converted every value, about half of the RDF stage.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

import pyoxigraph as ox

from ..namespaces import PREFIXES

if TYPE_CHECKING:  # rdflib only where a query's answer or a user's graph is converted
    from rdflib.term import Identifier, Node

# Characters N-Triples does not allow in an IRI; a slug or TOP id with one is an input problem.
_NOT_IN_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')

XSD_INTEGER, XSD_BOOLEAN, XSD_DATE = (f"<{PREFIXES['xsd']}{name}>" for name in ("integer", "boolean", "date"))
XSD_STRING = PREFIXES["xsd"] + "string"  # the datatype of a plain text, written without it
TRUE, FALSE = f'"true"^^{XSD_BOOLEAN}', f'"false"^^{XSD_BOOLEAN}'


def iri(value: str) -> str:
    """``<value>``; ValueError for an IRI N-Triples cannot carry."""
    if _NOT_IN_IRI.search(value):
        raise ValueError(f"not a valid IRI: {value!r}")
    return f"<{value}>"


def _escaped(text: str) -> str:
    """The text inside an N-Triples string. Four replaces run in C at memchr speed;
    ``str.translate`` looks up every character (18x slower on a paragraph)."""
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")


def string(text: str) -> str:
    return f'"{_escaped(text)}"'


def de(text: str) -> str:
    """A German text."""
    return f'"{_escaped(text)}"@de'


def integer(value: int) -> str:
    return f'"{value}"^^{XSD_INTEGER}'


def typed(lexical: str, datatype: str) -> str:
    """A literal of a datatype given as an N-Triples IRI term."""
    return f'"{_escaped(lexical)}"^^{datatype}'


def literal(value: str | int | bool | date) -> str:
    """A Python value as rdflib's ``Literal(value)`` would write it."""
    if isinstance(value, bool):
        return TRUE if value else FALSE
    if isinstance(value, int):
        return integer(value)
    if isinstance(value, date):
        return f'"{value.isoformat()}"^^{XSD_DATE}'
    return string(value)


def lexical_int(term: str) -> int:
    """The integer a literal term holds (``"12"^^xsd:integer`` -> 12)."""
    return int(term[1 : term.index('"', 1)])


class Vocabulary:
    """The terms of one namespace: ``T = Vocabulary(INTMK); T.Resolution`` is
    ``<https://…#Resolution>``, made once and then a plain attribute."""

    def __init__(self, namespace: object):
        self._namespace = str(namespace)

    def __getattr__(self, name: str) -> str:
        if name.startswith("__"):
            raise AttributeError(name)
        term = iri(self._namespace + name)
        setattr(self, name, term)
        return term


def from_ox(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> str:
    """A term parsed by Oxigraph (from the vocabulary files) in the form above."""
    if isinstance(term, ox.NamedNode):
        return iri(term.value)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if term.language:
        return f"{string(term.value)}@{term.language}"
    if term.datatype.value == XSD_STRING:
        return string(term.value)
    return typed(term.value, iri(term.datatype.value))


def to_rdflib(term: object) -> Identifier:
    """A pyoxigraph term as rdflib's (as oxrdflib converts it)."""
    from rdflib import BNode, Literal, URIRef

    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise ValueError(f"cannot show the RDF 1.2 term {term}")


def from_rdflib(term: Node) -> str:
    """An rdflib term (of a user's graph, or a query's answer) in the form above."""
    from rdflib import BNode, Literal, URIRef

    if isinstance(term, URIRef):
        return iri(str(term))
    if isinstance(term, BNode):
        return f"_:{term}"
    assert isinstance(term, Literal)
    if term.language:
        return f"{string(str(term))}@{term.language}"
    if term.datatype is None or str(term.datatype) == XSD_STRING:
        return string(str(term))
    return typed(str(term), iri(str(term.datatype)))

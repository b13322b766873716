"""RDF terms as their N-Triples text: what the RDF stage writes.

A term is a ``str`` in N-Triples form (``<https://…>``, ``"Text"@de``,
``"3"^^<…#integer>``). Strings cost one f-string each, compare and sort in C, and
pyoxigraph's parser turns a build's quads into its own terms in one call; rdflib's
``URIRef`` and ``Literal`` checked and converted every value, about half of the RDF stage.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

# Characters N-Triples does not allow in an IRI; a slug or TOP id with one is an input problem.
_NOT_IN_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')

XSD_INTEGER = f"<{XSD.integer}>"
XSD_BOOLEAN = f"<{XSD.boolean}>"
XSD_DATE = f"<{XSD.date}>"
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


@cache
def from_rdflib(term: Node) -> str:
    """An rdflib term (from the vocabulary files) in N-Triples form."""
    if isinstance(term, URIRef):
        return iri(str(term))
    if isinstance(term, BNode):
        return f"_:{term}"
    assert isinstance(term, Literal)
    if term.language:
        return f'{string(str(term))}@{term.language}'
    if term.datatype is not None:
        return typed(str(term), iri(str(term.datatype)))
    return string(str(term))

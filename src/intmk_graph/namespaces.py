"""The IRIs the project mints or reuses. The ontology files declare every term used here.

The namespaces are plain strings (``PREFIXES``), so that reading and building need no
rdflib (its import is a sixth of a small build). The code that works with rdflib graphs
asks for them as rdflib ``Namespace`` objects (``INTMK.Resolution`` is a URIRef), which
are made on first use."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .settings import DEFAULT_BASE as DEFAULT_BASE  # instance data; configurable

PREFIXES: dict[str, str] = {
    "intmk": "https://w3id.org/intmk-graph/ontology#",
    "id": "https://w3id.org/intmk-graph/id/",  # reference individuals (Länder, laws, ...)
    "org": "http://www.w3.org/ns/org#",
    "eli": "http://data.europa.eu/eli/ontology#",
    "schema": "https://schema.org/",
    "wd": "http://www.wikidata.org/entity/",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
INTMK_BODY = PREFIXES["id"] + "body/IntMK"  # the conference itself, whose meetings the documents record

# The rdflib view: attribute name -> prefix.
_NAMESPACES = {"INTMK": "intmk", "ID": "id", "ORG": "org", "ELI": "eli", "SCHEMA": "schema", "WD": "wd"}

if TYPE_CHECKING:
    from rdflib import Namespace

    INTMK: Namespace
    ID: Namespace
    ORG: Namespace
    ELI: Namespace
    SCHEMA: Namespace
    WD: Namespace


def __getattr__(name: str) -> object:
    if name in _NAMESPACES:
        from rdflib import Namespace

        namespace = Namespace(PREFIXES[_NAMESPACES[name]])
        globals()[name] = namespace  # made once
        return namespace
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

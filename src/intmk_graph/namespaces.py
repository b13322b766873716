"""The IRIs the project mints or reuses. The ontology files declare every term used here."""

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

INTMK = Namespace("https://w3id.org/intmk-graph/ontology#")
ID = Namespace("https://w3id.org/intmk-graph/id/")  # reference individuals (Länder, laws, ...)
from .settings import DEFAULT_BASE as DEFAULT_BASE  # noqa: E402 (instance data; configurable)

INTMK_BODY = ID["body/IntMK"]  # the conference itself, whose meetings the documents record
ORG = Namespace("http://www.w3.org/ns/org#")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
SCHEMA = Namespace("https://schema.org/")
WD = Namespace("http://www.wikidata.org/entity/")

PREFIXES = {
    "intmk": INTMK,
    "id": ID,
    "org": ORG,
    "eli": ELI,
    "schema": SCHEMA,
    "wd": WD,
    "dcterms": DCTERMS,
    "prov": PROV,
    "skos": SKOS,
    "owl": OWL,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
}

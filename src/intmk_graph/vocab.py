"""Load the reference vocabularies (Turtle/SKOS under ``ontology/``) that recognition
is driven by. Adding a Land label, law or programme is a change to those files."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SKOS

from .labels import Entry, Lexicon, iris, literals
from .model import VocabRef
from .namespaces import INTMK, SCHEMA


def ontology_dir() -> Path:
    """The folder holding intmk.ttl, shapes.ttl and the vocabularies."""
    return Path(str(resources.files("intmk_graph") / "ontology"))


def ontology_file(name: str) -> Path:
    return ontology_dir() / name


@cache
def load_turtle(name: str) -> Graph:
    graph = Graph()
    graph.parse(ontology_file(name), format="turtle")
    return graph


def _vocab_toml(name: str) -> dict[str, Any]:
    with (resources.files("intmk_graph") / "vocab" / name).open("rb") as fh:
        return tomllib.load(fh)


@dataclass(frozen=True)
class Land:
    iri: URIRef
    name: str  # canonical German name
    name_en: str
    code: str  # ISO 3166-2
    wikidata: URIRef
    adjectives: tuple[str, ...] = ()  # "niedersächsisch"
    seat: str | None = None  # "Hannover"

    @property
    def ref(self) -> VocabRef:
        """The reference the model holds: keyed by the canonical name."""
        return VocabRef(self.name, str(self.iri), self.name, self.code)


class Laender:
    """The 16 Länder, found by the one label matcher (:class:`~intmk_graph.labels.Lexicon`)
    over ``laender.ttl``: any label, declined form, ISO code with or without ``DE-``, in
    any case and spacing.

    >>> laender().resolve("Nordrhein-Westfalen").code
    'DE-NW'
    >>> laender().resolve("NRW").name, laender().resolve("nordrhein westfalen").name
    ('Nordrhein-Westfalen', 'Nordrhein-Westfalen')
    >>> laender().resolve("Bavaria") is None
    True
    >>> laender().resolve("BY").name, laender().resolve("Freistaates Bayern").name
    ('Bayern', 'Bayern')
    """

    def __init__(self, graph: Graph):
        self.lexicon = Lexicon(graph, "land-")
        lands = []
        for iri in iris(graph.subjects(RDF.type, INTMK.Land)):
            labels = {lit.language: str(lit) for lit in literals(graph.objects(iri, SKOS.prefLabel))}
            lands.append(Land(
                iri=iri,
                name=labels["de"],
                name_en=labels.get("en", labels["de"]),
                code=str(graph.value(iri, SKOS.notation)),
                wikidata=URIRef(str(graph.value(iri, SCHEMA.sameAs))),
                adjectives=tuple(sorted(str(a) for a in graph.objects(iri, INTMK.adjectivalForm))),
                seat=str(graph.value(iri, INTMK.seatOfGovernment) or "") or None,
            ))
        # Canonical order is alphabetical by German name, as in the documents.
        self.all: tuple[Land, ...] = tuple(sorted(lands, key=lambda l: l.name))
        self.by_name = {land.name: land for land in self.all}
        self._by_iri = {land.iri: land for land in self.all}

    def resolve(self, label: str) -> Land | None:
        """The Land a name means, or None (also when it could mean several)."""
        found = self.lexicon.matching(label)
        return self._by_iri[found[0].iri] if len(found) == 1 else None

    def land_of(self, entry: Entry) -> Land:
        """The Land of a lexicon entry or hit's entry."""
        return self._by_iri[entry.iri]

    def find_in(self, text: str) -> Land | None:
        """The Land a longer text names: by a label (``des Freistaates Sachsen``), else
        by the adjective of a ministry's name (``Niedersächsisches Ministerium``), else
        by the seat of government in an address (``14473 Potsdam``).

        >>> laender().find_in("Ministerin für Soziales des Landes Sachsen-Anhalt").name
        'Sachsen-Anhalt'
        >>> laender().find_in("Bayerisches Staatsministerium für Familie, Arbeit und Soziales").name
        'Bayern'
        >>> laender().find_in("Henning-von-Tresckow-Straße 2-13, 14467 Potsdam").name
        'Brandenburg'
        """
        for hit in self.lexicon.find(text):
            if hit.entry.abbr is None or text[hit.start : hit.end] != hit.entry.abbr:  # not a bare code
                return self.land_of(hit.entry)
        for pattern in self._finders:
            if (m := pattern.search(text)) and m.lastgroup:
                return self._found[m.lastgroup]
        return None

    @cached_property
    def _finders(self) -> tuple[re.Pattern[str], ...]:
        """Matchers for what is not a label: the adjectives, then the seats of government."""
        self._found: dict[str, Land] = {}
        tiers: list[list[tuple[str, Land]]] = [[], []]
        for land in self.all:
            tiers[0] += [(re.escape(adj) + r"(?:e[mnrs]?)?", land) for adj in land.adjectives]
            if land.seat:
                tiers[1].append((re.escape(land.seat), land))
        compiled = []
        for tier in tiers:
            alternatives = []
            for pattern, land in sorted(tier, key=lambda x: -len(x[0])):
                group = f"g{len(self._found)}"
                self._found[group] = land
                alternatives.append(f"(?P<{group}>{pattern})")
            compiled.append(re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])", re.I))
        return tuple(compiled)

    def __len__(self) -> int:
        return len(self.all)


@lru_cache(maxsize=1)
def laender_collective() -> tuple[str, str]:
    """(IRI, label) of the Länder as a whole, the addressee (``laender.ttl``)."""
    graph = load_turtle("laender.ttl")
    iri = next(iter(iris(graph.subjects(RDF.type, INTMK.LaenderCollective))))
    label = next(str(l) for l in literals(graph.objects(iri, SKOS.prefLabel)) if l.language == "de")
    return str(iri), label


@lru_cache(maxsize=1)
def laender() -> Laender:
    return Laender(load_turtle("laender.ttl"))


@lru_cache(maxsize=1)
def content_rules() -> dict[str, Any]:
    """Demand verbs, months, currencies and conferences (``vocab/content.toml``)."""
    return _vocab_toml("content.toml")

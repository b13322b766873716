"""Load the reference vocabularies (Turtle/SKOS under ``ontology/``) that recognition
is driven by. Adding a Land label, law or programme is a change to those files."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..model import VocabRef
from ..namespaces import PREFIXES
from .labels import NOTATION, PREF_LABEL, Entry, Lexicon
from .triples import RDF_TYPE, Triples

if TYPE_CHECKING:
    from rdflib import Graph

_INTMK = PREFIXES["intmk"]


def ontology_dir() -> Path:
    """The folder holding intmk.ttl, shapes.ttl and the vocabularies."""
    return Path(str(resources.files("intmk_graph") / "ontology"))


def ontology_file(name: str) -> Path:
    return ontology_dir() / name


@cache
def load_triples(name: str) -> Triples:
    """An ontology file's triples, for reading and building (no rdflib)."""
    return Triples.parse(ontology_file(name))


@cache
def load_turtle(name: str) -> Graph:
    """An ontology file as an rdflib graph (validation, pages)."""
    from rdflib import Graph

    graph = Graph()
    graph.parse(ontology_file(name), format="turtle")
    return graph


def _vocab_toml(name: str) -> dict[str, Any]:
    with (resources.files("intmk_graph") / "vocab" / name).open("rb") as fh:
        return tomllib.load(fh)


@dataclass(frozen=True)
class Land:
    iri: str
    name: str  # canonical German name
    name_en: str
    code: str  # ISO 3166-2
    wikidata: str
    adjectives: tuple[str, ...] = ()  # "niedersächsisch"
    seat: str | None = None  # "Hannover"
    geonames: str | None = None  # GeoNames admin1 code: "06"

    @property
    def ref(self) -> VocabRef:
        """The reference the model holds: keyed by the canonical name."""
        return VocabRef(self.name, self.iri, self.name, self.code)


class Laender:
    """The 16 Länder, found by the one label matcher (:class:`~intmk_graph.vocab.labels.Lexicon`)
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

    def __init__(self, vocabulary: Triples):
        self.lexicon = Lexicon(vocabulary, "land-")
        lands = []
        for iri in vocabulary.subjects(RDF_TYPE, _INTMK + "Land"):
            labels = {lit.language: lit.value for lit in vocabulary.literals(iri, PREF_LABEL)}
            lands.append(Land(
                iri=iri,
                name=labels["de"],
                name_en=labels.get("en", labels["de"]),
                code=str(vocabulary.value(iri, NOTATION)),
                wikidata=str(vocabulary.value(iri, PREFIXES["schema"] + "sameAs")),
                adjectives=tuple(sorted(lit.value for lit in vocabulary.literals(iri, _INTMK + "adjectivalForm"))),
                seat=vocabulary.value(iri, _INTMK + "seatOfGovernment") or None,
                geonames=vocabulary.value(iri, _INTMK + "geoNamesAdmin1") or None,
            ))
        # Canonical order is alphabetical by German name, as in the documents.
        self.all: tuple[Land, ...] = tuple(sorted(lands, key=lambda l: l.name))
        self.by_name = {land.name: land for land in self.all}
        self.by_geonames = {land.geonames: land for land in self.all if land.geonames}
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
    vocabulary = load_triples("laender.ttl")
    iri = vocabulary.subjects(RDF_TYPE, _INTMK + "LaenderCollective")[0]
    label = next(lit.value for lit in vocabulary.literals(iri, PREF_LABEL) if lit.language == "de")
    return iri, label


@lru_cache(maxsize=1)
def laender() -> Laender:
    return Laender(load_triples("laender.ttl"))


@lru_cache(maxsize=1)
def content_rules() -> dict[str, Any]:
    """Demand verbs, months, currencies and conferences (``vocab/content.toml``)."""
    return _vocab_toml("content.toml")

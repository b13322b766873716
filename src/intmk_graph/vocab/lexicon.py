"""The vocabularies of what resolutions name — laws, bodies, programmes — as label
matchers (:class:`~intmk_graph.vocab.labels.Lexicon`), loaded once."""

from __future__ import annotations

from functools import cache

from . import load_triples
from .labels import Entry, Hit, Lexicon

__all__ = ["Entry", "Hit", "Lexicon", "bodies", "laws", "lexicon", "programmes"]  # the first three for the stages after


@cache
def lexicon(filename: str, prefix: str) -> Lexicon:
    return Lexicon(load_triples(filename), prefix)


def laws() -> Lexicon:
    return lexicon("laws.ttl", "law-")


def bodies() -> Lexicon:
    return lexicon("bodies.ttl", "body-")


def programmes() -> Lexicon:
    return lexicon("programmes.ttl", "programme-")

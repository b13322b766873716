"""Demands made again: a demand of a later conference linked to the earlier one it
repeats, because it says so ("wird weiterhin aufgefordert", "bittet erneut") or because
it asks the same addressee about the same programme or law in similar words.

Similarity is rapidfuzz's token_set_ratio (0-100); the markers and the threshold are in
``vocab/content.toml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..model import Collection, Demand
from ..vocab import content_rules

EXPLICIT, SIMILAR = "explicit", "similar"


@dataclass(frozen=True)
class DemandAt:
    """Where a demand is: its document, resolution key and 1-based index there."""

    collection: Collection
    key: str
    index: int
    demand: Demand


@dataclass(frozen=True)
class Repeat:
    later: DemandAt
    earlier: DemandAt
    how: str  # EXPLICIT or SIMILAR
    score: float  # text similarity, 0-100


@lru_cache(maxsize=1)
def _rules():
    rules = content_rules()["repeats"]
    same = {}
    for group in rules["same_addressee"]:
        for key in group:
            same[key] = group[0]
    return re.compile(rules["explicit"]), float(rules["similarity"]), float(rules["explicit_floor"]), same


def _addressees(d: Demand, same: dict[str, str]) -> set[str]:
    return {same.get(a.key, a.key) for a in d.addressees}


def find_repeats(collections: list[Collection]) -> list[Repeat]:
    """Each demand's link to the most similar demand of an earlier conference to the
    same addressee: always when it says it asks again, else when it concerns the same
    programme or law and the texts are similar enough."""
    from rapidfuzz import fuzz  # only when several years are built together

    explicit, threshold, floor, same = _rules()
    demands = [
        DemandAt(c, key, i, d)
        for c in collections if c.conference.number is not None
        for key, content in c.content.items()
        for i, d in enumerate(content.demands, start=1)
    ]
    found = []
    for later in demands:
        who = _addressees(later.demand, same)
        if not who:
            continue
        candidates = [
            e for e in demands
            if e.collection.conference.number < later.collection.conference.number
            and who & _addressees(e.demand, same)
        ]
        if not candidates:
            continue
        scored = [(fuzz.token_set_ratio(later.demand.text, e.demand.text), e) for e in candidates]
        score, best = max(scored, key=lambda s: (s[0], -s[1].collection.conference.number))
        if explicit.search(later.demand.text) and score >= floor:
            found.append(Repeat(later, best, EXPLICIT, round(score, 1)))
        elif score >= threshold and {c.key for c in later.demand.concerns} & {c.key for c in best.demand.concerns}:
            found.append(Repeat(later, best, SIMILAR, round(score, 1)))
    return found

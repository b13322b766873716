"""Demands made again: a demand of a later conference linked to the earlier one it
repeats, because it says so ("wird weiterhin aufgefordert", "bittet erneut") or because
it asks the same addressee about the same programme or law in similar words.

Similarity (0-100) compares the demands' content words with rapidfuzz; the markers, the
words left out and the thresholds are in ``vocab/content.toml``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..model import Collection, Demand, DemandAt, Repeat
from ..vocab import content_rules

EXPLICIT, SIMILAR = "explicit", "similar"  # how a Repeat was found


@lru_cache(maxsize=1)
def _rules() -> tuple[re.Pattern[str], float, float, dict[str, str], frozenset[str]]:
    rules = content_rules()
    repeats = rules["repeats"]
    same: dict[str, str] = {}
    for group in repeats["same_addressee"]:
        for key in group:
            same[key] = group[0]
    ignore = {w.lower() for w in repeats["function_words"]}
    for verb in rules["demands"]["verbs"].values():
        ignore |= {w.lower() for w in verb["forms"]} | {verb.get("particle", ""), verb.get("participle", "")}
    return (re.compile(repeats["explicit"]), float(repeats["similarity"]), float(repeats["explicit_floor"]),
            same, frozenset(ignore))


def similarities(a: str, texts: list[str]) -> list[float]:
    """The similarity (0-100) of ``a`` with each text: the mean of token_set_ratio (an
    added clause is forgiven) and token_sort_ratio (a long demand does not match every
    short one it contains), computed in C for all texts at once, in double precision."""
    import numpy as np  # only when several years are built together
    from rapidfuzz import fuzz, process

    sets = process.cdist([a], texts, scorer=fuzz.token_set_ratio, dtype=np.float64)[0]
    sorts = process.cdist([a], texts, scorer=fuzz.token_sort_ratio, dtype=np.float64)[0]
    return [(x + y) / 2 for x, y in zip(sets.tolist(), sorts.tolist())]


def content_words(text: str, ignore: frozenset[str]) -> str:
    """What a demand asks for, as compared: its words without function words and verbs."""
    return " ".join(w for w in re.findall(r"\w+", text.lower()) if len(w) > 2 and w not in ignore)


def _addressees(d: Demand, same: dict[str, str]) -> set[str]:
    return {same.get(a.key, a.key) for a in d.addressees}


def find_repeats(collections: list[Collection]) -> list[Repeat]:
    """Each demand's link to the most similar demand of an earlier conference to the
    same addressee: always when it says it asks again, else when it concerns the same
    programme or law and the texts are similar enough.

    Indexed rather than all pairs: earlier demands by addressee and by their content
    words, each distinct text scored once against a demand (rapidfuzz's cdist, in C),
    and demands with the same words, addressees and conference answered once."""
    if len({c.conference.number for c in collections}) < 2:
        return []  # one conference: nothing earlier to ask again
    explicit, threshold, floor, same, ignore = _rules()
    demands = [
        DemandAt(c, key, i, d)
        for c in collections if c.conference.number is not None
        for key, content in c.content.items()
        for i, d in enumerate(content.demands, start=1)
    ]
    words = [content_words(d.demand.text, ignore) for d in demands]
    who = [frozenset(_addressees(d.demand, same)) for d in demands]
    # addressee -> content words -> [(conference number, position in demands)]
    index: dict[str, dict[str, list[tuple[int, int]]]] = {}
    for j, d in enumerate(demands):
        for a in who[j]:
            index.setdefault(a, {}).setdefault(words[j], []).append((d.number, j))
    first_seen = {a: {text: min(n for n, _ in at) for text, at in by_text.items()} for a, by_text in index.items()}

    def best(text: str, addressees: frozenset[str], number: int) -> tuple[float, int] | None:
        """The highest score and the demand it belongs to: of equally similar ones the
        latest conference's, then the first read, so a demand made in the same words
        year after year forms a chain."""
        texts = sorted({t for a in addressees for t, n in first_seen[a].items() if n < number})
        if not texts:
            return None
        scores = similarities(text, texts)
        top = max(scores)
        chosen: tuple[int, int] | None = None  # (number, -position): the greatest wins
        for t, score in zip(texts, scores):
            if score == top:
                for a in addressees:
                    for n, j in index[a].get(t, ()):
                        if n < number and (chosen is None or (n, -j) > chosen):
                            chosen = (n, -j)
        assert chosen is not None
        return top, -chosen[1]

    answered: dict[tuple[str, frozenset[str], int], tuple[float, int] | None] = {}
    found: list[Repeat] = []
    for i, later in enumerate(demands):
        if not who[i]:
            continue
        key = (words[i], who[i], later.number)
        if key not in answered:
            answered[key] = best(*key)
        if (hit := answered[key]) is None:
            continue
        score, j = hit
        earlier = demands[j]
        if explicit.search(later.demand.text) and score >= floor:
            found.append(Repeat(later, earlier, EXPLICIT, round(score, 1)))
        elif score >= threshold and {c.key for c in later.demand.concerns} & {c.key for c in earlier.demand.concerns}:
            found.append(Repeat(later, earlier, SIMILAR, round(score, 1)))
    return found

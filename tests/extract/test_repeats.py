"""The indexed repeat linker gives exactly what comparing every pair gives."""

from __future__ import annotations

from dataclasses import replace

from helpers import BUNDLED, ROOT

from intmk_graph.extract import repeats as r
from intmk_graph.pipeline import parse_all

SERIES = sorted((ROOT / "tests" / "data" / "series").glob("*.txt"))


def similarity(a, b):
    """The score one pair at a time, as the linker computed it before."""
    from rapidfuzz import fuzz

    return (fuzz.token_set_ratio(a, b) + fuzz.token_sort_ratio(a, b)) / 2


def all_pairs(collections):
    """The linker as it was: every demand against every earlier one to the same addressee."""
    explicit, threshold, floor, same, ignore = r._rules()
    demands = [r.DemandAt(c, key, i, d) for c in collections if c.conference.number is not None
               for key, content in c.content.items() for i, d in enumerate(content.demands, start=1)]
    found = []
    for later in demands:
        who = r._addressees(later.demand, same)
        candidates = [e for e in demands if e.number < later.number and who & r._addressees(e.demand, same)]
        if not who or not candidates:
            continue
        text = r.content_words(later.demand.text, ignore)
        scored = [(similarity(text, r.content_words(e.demand.text, ignore)), e) for e in candidates]
        score, best = max(scored, key=lambda s: (s[0], s[1].number))
        if explicit.search(later.demand.text) and score >= floor:
            found.append(r.Repeat(later, best, r.EXPLICIT, round(score, 1)))
        elif score >= threshold and {c.key for c in later.demand.concerns} & {c.key for c in best.demand.concerns}:
            found.append(r.Repeat(later, best, r.SIMILAR, round(score, 1)))
    return found


def key(repeat):
    return [(x.later.number, x.later.key, x.later.index, x.earlier.number, x.earlier.key, x.earlier.index, x.how,
             x.score) for x in repeat]


def test_the_index_finds_what_all_pairs_find_on_the_series():
    collections = parse_all([*SERIES, BUNDLED])
    expected = key(all_pairs(collections))
    assert len(expected) >= 3  # the series' three repeats at least
    assert key(r.find_repeats(collections)) == expected


def test_the_index_finds_what_all_pairs_find_with_copies_and_ties():
    # The 2025 document as three conferences: every demand has exact copies in the
    # earlier ones, so the ties (same score, same conference) decide.
    base = parse_all([BUNDLED])[0]
    collections = [replace(base, conference=replace(base.conference, number=n), slug=f"c{n}") for n in (18, 19, 20)]
    collections.append(parse_all(SERIES)[1])
    expected = key(all_pairs(collections))
    assert len(expected) > 40
    assert key(r.find_repeats(collections)) == expected


def test_scores_in_c_are_the_scores_one_by_one():
    texts = ["integrationskurse mittel erhöhen", "mittel integrationskurse", "sprachmittlung finanzieren", ""]
    assert r.similarities("integrationskurse dauerhaft mittel erhöhen", texts) == [
        similarity("integrationskurse dauerhaft mittel erhöhen", t) for t in texts]


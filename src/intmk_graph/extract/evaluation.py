"""Score what the reader finds against a hand annotation (``tests/data/expected-2025.toml``).

Every finding is turned into a short string ("p4: BeschV § 32 Abs. 2 Nr. 5",
"p3: Bund, Länder") so the annotation stays readable by people; citations and
demands are compared as multisets (a section cited twice counts twice), bodies
and programmes as sets per resolution.
"""

from __future__ import annotations

import tomllib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..model import Citation, Collection, Content, Demand, DemandKind

CATEGORIES = ("sections", "citations", "bodies", "programmes", "demands")


def citation_key(c: Citation) -> str:
    assert c.place is not None  # every citation read is placed
    key = f"{c.place.key}: {c.law.key}"
    if c.section:
        key += f" {'Art.' if c.article else '§'} {c.section}"
        for label, value in (("Abs.", c.subsection), ("Satz", c.sentence), ("Nr.", c.number), ("Buchst.", c.letter)):
            if value:
                key += f" {label} {value}"
    return key


def demand_key(d: Demand) -> str:
    return f"{d.place.key}: {', '.join(a.key for a in d.addressees) or '-'}"


def found_items(content: Content) -> dict[str, Counter[str]]:
    citations = Counter(citation_key(c) for c in content.citations)
    return {
        "sections": Counter({k: n for k, n in citations.items() if " § " in k or " Art. " in k}),
        "citations": citations,
        "bodies": Counter(set(m.key for m in content.bodies)),
        "programmes": Counter(set(m.key for m in content.programmes)),
        "demands": Counter(
            ("mandate " if d.kind is DemandKind.MANDATE else "") + demand_key(d) for d in content.demands
        ),
    }


def expected_items(entry: dict[str, Any]) -> dict[str, Counter[str]]:
    citations = Counter(entry.get("citations", []))
    return {
        "sections": Counter({k: n for k, n in citations.items() if " § " in k or " Art. " in k}),
        "citations": citations,
        "bodies": Counter(set(entry.get("bodies", []))),
        "programmes": Counter(set(entry.get("programmes", []))),
        "demands": Counter(entry.get("demands", []))
        + Counter("mandate " + m for m in entry.get("mandates", [])),
    }


@dataclass
class Score:
    expected: int = 0
    found: int = 0
    correct: int = 0

    @property
    def precision(self) -> float:
        return self.correct / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.expected if self.expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    scores: dict[str, Score]
    missed: list[tuple[str, str, str]]  # (category, resolution, item)
    spurious: list[tuple[str, str, str]]


def load_expectations(path: Path) -> dict[str, dict[str, Any]]:
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except OSError as exc:
        raise InputError(f"cannot read the expectations: {exc.strerror}", str(path)) from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"not a valid TOML expectations file: {exc}", str(path)) from None


def evaluate(collection: Collection, expectations: dict[str, dict[str, Any]]) -> Report:
    """Compare the collection's content with the annotation, resolution by resolution.
    A resolution missing from the annotation, or annotated but absent, is an error."""
    ids = [r.key for r in collection.resolutions]
    if set(ids) != set(expectations):
        missing = sorted(set(ids) - set(expectations))
        extra = sorted(set(expectations) - set(ids))
        raise InputError(
            f"the annotation must cover exactly the document's resolutions "
            f"(not annotated: {missing or 'none'}; not in the document: {extra or 'none'})"
        )
    scores = {c: Score() for c in CATEGORIES}
    missed, spurious = [], []
    for rid in ids:
        found = found_items(collection.content[rid])
        expected = expected_items(expectations[rid])
        for category in CATEGORIES:
            f, e = found[category], expected[category]
            s = scores[category]
            s.found += sum(f.values())
            s.expected += sum(e.values())
            s.correct += sum((f & e).values())
            missed += [(category, rid, item) for item in (e - f).elements()]
            spurious += [(category, rid, item) for item in (f - e).elements()]
    return Report(scores, missed, spurious)

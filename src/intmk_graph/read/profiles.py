"""Layout profiles: what a family of minutes looks like, as data (``profiles/*.toml``).

``common.toml`` holds the forms all families share; each other file is one family
(2025 "Beschlüsse", "Beschlussniederschrift", "Ergebnisprotokoll", ...) with the cues
that detect it and whatever forms it does differently. Adding a family is a new file
here plus a test document.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from ..vocab import content_rules

COMMON = "common"
UNKNOWN = "unknown"


@dataclass(frozen=True)
class Cue:
    pattern: re.Pattern[str]
    weight: int


@dataclass(frozen=True)
class Profile:
    """One layout family with its forms compiled."""

    name: str
    label: str
    cues: tuple[Cue, ...]
    forms: dict[str, tuple[re.Pattern[str], ...]]  # name -> patterns, tried in order
    title_page: dict[str, tuple[re.Pattern[str], ...]]
    toc: dict[str, tuple[re.Pattern[str], ...]]
    furniture: re.Pattern[str]  # every furniture form as one alternation, in order, a named group each
    furniture_kinds: dict[str, str]  # group name -> the kind of furniture
    words: dict[str, tuple[str, ...]]
    folded: dict[str, frozenset[str]]  # the word lists, case-folded, for look-ups
    split_targets: frozenset[str]  # every split word with every ending, case-folded
    split_heads: frozenset[str]  # the proper beginnings of those: where a split can start
    split_prefixes: frozenset[str]  # both together

    def match(self, form: str, text: str) -> re.Match[str] | None:
        """The first of the form's patterns that matches at the start of ``text``."""
        return self.first(self.forms[form], text)

    @staticmethod
    def first(patterns: tuple[re.Pattern[str], ...], text: str) -> re.Match[str] | None:
        """The first of ``patterns`` (a title-page or contents group) matching ``text``."""
        for pattern in patterns:
            if m := pattern.match(text):
                return m
        return None

    def furniture_kind(self, text: str) -> str | None:
        """The kind of page furniture a whole line is (the first form that matches), if any."""
        m = self.furniture.match(text)
        return self.furniture_kinds[m.lastgroup] if m and m.lastgroup else None

    def search(self, field: str, text: str) -> re.Match[str] | None:
        """The earliest match of any of the title-page field's patterns in ``text``."""
        found = [m for pattern in self.title_page[field] if (m := pattern.search(text))]
        return min(found, key=lambda m: m.start(), default=None)

    def word_set(self, name: str) -> frozenset[str]:
        return self.folded[name]


@lru_cache(maxsize=64)
def one_of(patterns: tuple[re.Pattern[str], ...]) -> re.Pattern[str]:
    """One pattern that searches for any of ``patterns`` at once (the same lines match)."""
    if len(patterns) == 1:
        return patterns[0]
    return re.compile("|".join(f"(?:{p.pattern})" for p in patterns))


@dataclass(frozen=True)
class Detection:
    """Which family a document was read with, and how sure the reader is (0..1)."""

    profile: Profile
    confidence: float
    forced: bool = False

    @property
    def family(self) -> str:
        return self.profile.name


def _toml(name: str) -> dict[str, Any]:
    with (resources.files("intmk_graph.read") / "profiles" / f"{name}.toml").open("rb") as fh:
        return tomllib.load(fh)


def _patterns(value: str | list[str]) -> tuple[re.Pattern[str], ...]:
    months = "|".join(content_rules()["dates"]["months"])
    return tuple(re.compile(p.replace("{months}", months)) for p in ([value] if isinstance(value, str) else value))


def _merged(base: dict[str, Any], own: dict[str, Any], table: str) -> dict[str, Any]:
    return {**base.get(table, {}), **own.get(table, {})}


def family_names() -> tuple[str, ...]:
    folder = resources.files("intmk_graph.read") / "profiles"
    return tuple(sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".toml") and p.name != f"{COMMON}.toml"))


@cache
def profile(name: str) -> Profile:
    """A family's profile (``common`` for the shared forms alone)."""
    base = _toml(COMMON)
    own = {} if name in (COMMON, UNKNOWN) else _toml(name)
    words = _merged(base, own, "words")
    furniture = {f"f{k}_{n}": (kind, pattern)
                 for k, (kind, patterns) in enumerate(_merged(base, own, "furniture").items())
                 for n, pattern in enumerate(_patterns(patterns))}
    return Profile(
        name=name,
        label=own.get("label", "common forms"),
        cues=tuple(Cue(re.compile(c["pattern"]), int(c.get("weight", 1))) for c in own.get("cues", ())),
        forms={k: _patterns(v) for k, v in _merged(base, own, "forms").items()},
        title_page={k: _patterns(v) for k, v in _merged(base, own, "title_page").items()},
        toc={k: _patterns(v) for k, v in _merged(base, own, "toc").items()},
        furniture=re.compile("|".join(f"(?P<{name}>{pattern.pattern})" for name, (_, pattern) in furniture.items())),
        furniture_kinds={name: kind for name, (kind, _) in furniture.items()},
        words={k: tuple(v) for k, v in words.items()},
        folded={k: frozenset(w.casefold() for w in v) for k, v in words.items()},
        split_targets=(targets := frozenset(
            w.casefold() + e for w in words["split_words"] for e in words["split_word_endings"]
        )),
        split_heads=(heads := frozenset(w[:i] for w in targets for i in range(1, len(w)))),
        split_prefixes=targets | heads,
    )


def detect(texts: list[str], forced: str | None = None) -> Detection:
    """The family whose cues the document's lines match best.

    Confidence is the share of the family's cue weight found, less half the share of the
    runner-up: a document that fits two families equally well is read with less
    certainty. A document matching no family is read with the common forms.
    """
    if forced is not None:
        if forced not in family_names():
            from ..errors import InputError

            raise InputError(f"unknown layout {forced!r}; expected one of {', '.join(family_names())}")
        return Detection(profile(forced), 1.0, forced=True)
    scores = []
    for name in family_names():
        p = profile(name)
        total = sum(c.weight for c in p.cues) or 1
        found = sum(c.weight for c in p.cues if any(map(c.pattern.search, texts)))  # map: no frame per line
        scores.append((found / total, found, name))
    scores.sort(reverse=True)
    best, found, name = scores[0]
    if found == 0:
        return Detection(profile(UNKNOWN), 0.0)
    runner_up = scores[1][0] if len(scores) > 1 else 0.0
    return Detection(profile(name), round(max(0.05, best - runner_up / 2), 2))

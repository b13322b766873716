"""Demands: sentences in which the conference (or "die Länder") asks someone to act.

A demand is found by its verb (``vocab/content.toml``: present tense only, so
"forderte seit 2011" is history, not a demand), and its addressee by the verb's
frame: the object between a separable verb and its particle ("fordert den Bund
auf"), the object after the verb ("bittet die KMK"), the subject of a passive
("Der Bund wird aufgefordert"), or an agent ("Vom Bund erwarten die Länder",
"durch den Bund eingeleitet"). "beauftragt" is a mandate, its own kind.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from ..vocab import content_rules, laender
from ..vocab.lexicon import bodies

LAENDER = "Länder"  # the addressee "the Länder as a whole"
_ORDINAL = re.compile(r"(?<![\d.])\d{1,3}\.$")  # "19. IntMK"


@lru_cache(maxsize=1)
def _abbreviations() -> tuple[re.Pattern[str], int]:
    """The abbreviations of ``vocab/content.toml`` as one pattern, and how many of a
    piece's last characters can hold one (or an ordinal) with its full stop."""
    words = content_rules()["sentences"]["abbreviations"]
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\.$")
    return pattern, max(8, max(map(len, words)) + 2)


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class FoundDemand:
    kind: str
    verb: str
    addressees: tuple[str, ...]
    sentence: Sentence


def sentences(text: str) -> list[Sentence]:
    """Split at . ! ? or a bullet, not after abbreviations or ordinals ("19. IntMK")."""
    abbreviation, reach = _abbreviations()
    out, start = [], 0
    for m in re.finditer(r"[.!?](?=\s+[„\"A-ZÄÖÜ•])|\s(?=•\s)", text):
        end = m.end()
        piece = text[start:end]
        # Only the piece's last characters can hold an abbreviation or an ordinal
        # (lookbehinds still see the text before): not a scan of the whole sentence so far.
        tail = max(0, len(piece) - reach)
        if m.group(0) == "." and (abbreviation.search(piece, tail) or _ORDINAL.search(piece, tail)):
            continue
        if piece.strip():
            out.append(Sentence(start, end, piece))
        start = end
    if text[start:].strip():
        out.append(Sentence(start, len(text), text[start:]))
    # Trim whitespace and bullets while keeping offsets right.
    trimmed = []
    for s in out:
        lead = len(s.text) - len(s.text.lstrip(" •\t\n"))
        body = s.text.strip(" •\t\n")
        trimmed.append(Sentence(s.start + lead, s.start + lead + len(body), body))
    return trimmed


class Frame(NamedTuple):
    """How one demand verb is written (``vocab/content.toml``)."""

    lemma: str
    kind: str  # "demand" or "mandate"
    forms: re.Pattern[str]  # present-tense forms: "fordert|fordern"
    particle: re.Pattern[str] | None  # separable particle: "auf"
    participle: str | None  # "aufgefordert"
    passive: re.Pattern[str] | None  # "(wird|werden) ... aufgefordert"
    addressee_by_agent: bool  # "Vom Bund erwarten ..."
    words: frozenset[str]  # its forms and participle: without one of them in a sentence, no match


class Rules(NamedTuple):
    frames: tuple[Frame, ...]
    any_verb: re.Pattern[str]  # any form or participle: sentences without one are skipped
    laender: re.Pattern[str]  # "und Länder", "der Länder"
    agent: re.Pattern[str]  # "vom", "durch den" just before a name
    current_holder: re.Pattern[str]  # "(z. Z. Hessen)"
    past: re.Pattern[str]  # "wurde", "hatte"


_WINDOW_END = re.compile(r",|\bzu\s|\bum\s|\bdass\b|\.$")  # the object of a verb ends here
_GENITIVE = re.compile(r"\b(?:der|des)\s+$")


@lru_cache(maxsize=1)
def _rules() -> Rules:
    rules = content_rules()["demands"]
    addressees = rules["addressees"]
    passive = "|".join(addressees["passive_auxiliaries"])
    frames, words = [], set()
    for lemma, spec in rules["verbs"].items():
        participle = spec.get("participle")
        particle = spec.get("particle")
        words.update(spec["forms"] + ([participle] if participle else []))
        frames.append(Frame(
            lemma=lemma,
            kind=spec.get("kind", "demand"),
            forms=re.compile(rf"\b({'|'.join(spec['forms'])})\b"),
            particle=re.compile(rf"\b{particle}\b(?=\s*[,.;]|\s*$|\s+\S)") if particle else None,
            participle=participle,
            passive=re.compile(rf"\b({passive})\b(.*?)\b{participle}\b") if participle else None,
            addressee_by_agent=spec.get("addressee_by_agent", False),
            words=frozenset(spec["forms"] + ([participle] if participle else [])),
        ))
    return Rules(
        frames=tuple(frames),
        any_verb=re.compile(r"\b(?:" + "|".join(sorted(words)) + r")\b"),
        laender=re.compile(addressees["laender"]),
        agent=re.compile(addressees["agent"]),
        current_holder=re.compile(addressees["current_holder"]),
        past=re.compile(r"\b(?:" + "|".join(addressees["past_auxiliaries"]) + r")\b"),
    )


def _candidates(text: str, start: int, end: int, plural_verb: bool = False) -> list[tuple[int, str]]:
    """Addressees named in ``text[start:end]``: bodies, Länder by name, the Länder."""
    rules = _rules()
    window = text[start:end]
    found = [(h.start, h.entry.key) for h in bodies().find(window)]
    for m in rules.laender.finditer(window):
        if plural_verb and not window[: m.start()].strip():
            continue  # "fordern die Länder ..." - the subject
        found.append((m.start(1), LAENDER))
    lands = laender()
    for hit in lands.lexicon.find(window):  # a Land by its name as such ("Hessen", not "Hessens")
        land = lands.land_of(hit.entry)
        if window[hit.start : hit.end] == land.name:
            found.append((hit.start, land.name))
    holder = rules.current_holder.search(window)
    if holder and (current := lands.resolve(holder.group(1).strip())):
        return [(holder.start(), current.name)]
    return sorted(found)


def _is_agent(text: str, pos: int) -> bool:
    """Is the name at ``pos`` introduced as an agent ("vom", "durch den")?"""
    return _rules().agent.search(text[max(0, pos - 20) : pos]) is not None


def _agents(text: str, start: int, end: int) -> list[str]:
    return [key for pos, key in _candidates(text, start, end) if _is_agent(text, start + pos)]


def _unique(keys: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(keys))


def read_demands(text: str) -> list[FoundDemand]:
    rules = _rules()
    if not rules.any_verb.search(text):
        return []
    found = []
    for s in sentences(text):
        verbs = frozenset(m.group() for m in rules.any_verb.finditer(s.text))
        if verbs and (demand := _demand(s, rules, verbs)):
            found.append(demand)
    return found


def _demand(s: Sentence, rules: Rules, verbs: frozenset[str]) -> FoundDemand | None:
    """The sentence's demand by the first frame that fits; ``verbs``: the verb words in it,
    so only the frames of those are tried (each frame's patterns need one of its words)."""
    t = s.text
    frames = [f for f in rules.frames if not f.words.isdisjoint(verbs)]
    # Passive: "Der Bund wird (zudem) aufgefordert / um Prüfung gebeten".
    for f in frames:
        m = f.passive.search(t) if f.passive and f.participle in verbs else None
        if m:
            names = [(p, k) for p, k in _candidates(t, 0, m.end(2)) if not _is_agent(t, p)]
            return FoundDemand(f.kind, f.lemma, _unique(k for _, k in names[:1]), s)
    for f in frames:  # active voice
        m = f.forms.search(t)
        if not m:
            continue
        if m.group(1) == f.participle and rules.past.search(t, 0, m.start()):
            continue  # "wurde ... beauftragt": a past mandate
        if not f.particle and not t[m.end():].strip(" .;:!)\"“”"):
            continue  # the verb last: a clause about demanding ("die fördert und fordert.")
        plural = m.group(1).endswith("n")
        if f.addressee_by_agent:
            return FoundDemand(f.kind, f.lemma, _unique(_agents(t, 0, len(t))), s)
        if f.particle:
            pm = f.particle.search(t, m.end())
            if not pm or "," in t[m.end() : pm.start()]:
                continue  # not this separable verb; try the plain one
            names = _candidates(t, m.end(), pm.start(), plural)
            after = pm.end()
        else:
            sm = _WINDOW_END.search(t, m.end())
            names = _candidates(t, m.end(), sm.start() if sm else len(t), plural)
            if f.lemma == "fordern":  # "fordert ... Ausbau gemäß dem Versprechen des Bundes"
                names = [(p, k) for p, k in names if not _GENITIVE.search(t[m.end() : m.end() + p])]
            after = m.end()
        if not names:
            names = [(0, k) for k in _agents(t, after, len(t))]
        return FoundDemand(f.kind, f.lemma, _unique(k for _, k in names), s)
    return None

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
from dataclasses import dataclass
from functools import lru_cache

from .lexicon import bodies
from .vocab import content_rules, laender

LAENDER = "Länder"  # the addressee "the Länder as a whole"
_ABBREVIATIONS = re.compile(
    r"\b(?:z|u|d|i|o|s|vgl|bzw|ggf|ggfls|sog|inkl|bspw|ca|Abs|Nr|Art|Mio|Mrd|Tsd|gem|evtl|Z|B|a|h|R|V|m|e)\.$"
)


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
    out, start = [], 0
    for m in re.finditer(r"[.!?](?=\s+[„\"A-ZÄÖÜ•])|\s(?=•\s)", text):
        end = m.end()
        piece = text[start:end]
        if m.group(0) == "." and (_ABBREVIATIONS.search(piece) or re.search(r"(?<![\d.])\d{1,3}\.$", piece)):
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


@lru_cache(maxsize=1)
def _frames():
    rules = content_rules()["demands"]
    frames = []
    for lemma, spec in rules["verbs"].items():
        forms = "|".join(spec["forms"])
        frames.append(
            (
                lemma,
                spec.get("kind", "demand"),
                re.compile(rf"\b({forms})\b"),
                spec.get("particle"),
                spec.get("participle"),
                spec.get("addressee_by_agent", False),
            )
        )
    addressees = rules["addressees"]
    passive = "|".join(addressees["passive_auxiliaries"])
    # Each frame's passive, compiled once: "(wird|werden) ... aufgefordert".
    frames = [
        (*f, re.compile(rf"\b({passive})\b(.*?)\b{f[4]}\b") if f[4] else None) for f in frames
    ]
    words = {w for spec in rules["verbs"].values() for w in spec["forms"] + [spec.get("participle", "")] if w}
    any_verb = re.compile(r"\b(?:" + "|".join(sorted(words)) + r")\b")
    return (
        frames,
        re.compile(addressees["laender"]),
        re.compile(addressees["agent"]),
        re.compile(addressees["current_holder"]),
        any_verb,
        re.compile(r"\b(?:" + "|".join(addressees["past_auxiliaries"]) + r")\b"),
    )


def _candidates(text: str, start: int, end: int, skip_subject_after: int | None = None) -> list[tuple[int, str]]:
    """Addressees named in ``text[start:end]``: bodies, Länder by name, the Länder."""
    window = text[start:end]
    found = [(h.start, h.entry.key) for h in bodies().find(window)]
    _f, laender_re, _a, holder_re, *_ = _frames()
    for m in laender_re.finditer(window):
        if skip_subject_after is not None and not window[: m.start()].strip():
            continue  # "fordern die Länder ..." - the subject
        found.append((m.start(1), LAENDER))
    lands = laender()
    for m in re.finditer(r"[A-ZÄÖÜ][\wäöüß-]+", window):
        land = lands.resolve(m.group(0))
        if land is not None and land.name == m.group(0):
            found.append((m.start(), land.name))
    holder = holder_re.search(window)
    if holder and (land := lands.resolve(holder.group(1).strip())):
        return [(holder.start(), land.name)]
    return sorted(found)


def _is_agent(text: str, pos: int) -> bool:
    """Is the name at ``pos`` introduced as an agent ("vom", "durch den")?"""
    return _frames()[2].search(text[max(0, pos - 20) : pos]) is not None


def _agents(text: str, start: int, end: int) -> list[str]:
    return [key for pos, key in _candidates(text, start, end) if _is_agent(text, start + pos)]


def _unique(keys) -> tuple[str, ...]:
    seen: list[str] = []
    for k in keys:
        if k not in seen:
            seen.append(k)
    return tuple(seen)


def read_demands(text: str) -> list[FoundDemand]:
    frames, _l, _a, _h, any_verb, past = _frames()
    found = []
    if not any_verb.search(text):
        return found
    for s in sentences(text):
        if not any_verb.search(s.text):
            continue
        demand = _demand(s, frames, past)
        if demand:
            found.append(demand)
    return found


def _demand(s: Sentence, frames, past: re.Pattern) -> FoundDemand | None:
    t = s.text
    # Passive: "Der Bund wird (zudem) aufgefordert / um Prüfung gebeten".
    for lemma, kind, _forms, _particle, participle, _agent, passive_re in frames:
        if not participle:
            continue
        m = passive_re.search(t)
        if m:
            names = _candidates(t, 0, m.end(2))
            names = [(p, k) for p, k in names if not _is_agent(t, p)]
            return FoundDemand(kind, lemma, _unique(k for _, k in names[:1]), s)
    for lemma, kind, forms, particle, _participle, by_agent, _passive in frames:  # active voice
        m = forms.search(t)
        if not m:
            continue
        if m.group(1) == _participle and past.search(t, 0, m.start()):
            continue  # "wurde ... beauftragt": a past mandate
        plural = m.group(1).endswith("n")
        if by_agent:
            return FoundDemand(kind, lemma, _unique(_agents(t, 0, len(t))), s)
        if particle:
            p = re.compile(rf"\b{particle}\b(?=\s*[,.;]|\s*$|\s+\S)")
            pm = p.search(t, m.end())
            if not pm or "," in t[m.end() : pm.start()]:
                continue  # not this separable verb; try the plain one
            names = _candidates(t, m.end(), pm.start(), skip_subject_after=m.end() if plural else None)
            if not names:
                names = [(0, k) for k in _agents(t, pm.end(), len(t))]
            return FoundDemand(kind, lemma, _unique(k for _, k in names), s)
        stop = re.compile(r",|\bzu\s|\bum\s|\bdass\b|\.$")
        sm = stop.search(t, m.end())
        window_end = sm.start() if sm else len(t)
        names = _candidates(t, m.end(), window_end, skip_subject_after=m.end() if plural else None)
        names = [(p, k) for p, k in names if not re.search(r"\bder\s+$|\bdes\s+$", t[m.end() : m.end() + p]) or lemma != "fordern"]
        if not names:
            names = [(0, k) for k in _agents(t, m.end(), len(t))]
        return FoundDemand(kind, lemma, _unique(k for _, k in names), s)
    return None

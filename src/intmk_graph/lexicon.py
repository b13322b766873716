"""Find the labels of a SKOS vocabulary in German text.

One compiled pattern per vocabulary, longest label first. German inflection is
handled without listing every form: each word of a full label may carry the
endings -s/-es/-n/-en/-e, and an abbreviation (skos:notation) may head a
hyphenated compound ("MPK-Beschluss"). Elliptic coordinations are expanded before
matching ("Asyl- und Aufenthaltsgesetzes" names the Asylgesetz too).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SKOS

from .vocab import load_turtle

ENDINGS = "(?:es|en|s|n|e)?"
# Hyphen look-alikes some PDFs emit; mapped one-to-one so offsets stay valid.
_HYPHENS = str.maketrans({"\u2010": "-", "\u2011": "-"})
_ELLIPSIS = re.compile(
    r"(?<![\w-])((?:[A-ZÄÖÜ]?[a-zäöüß]+-,?\s+)+)(?:und|oder|sowie|bzw\.)\s+(-?[A-ZÄÖÜa-zäöüß][\wäöüß-]*)"
)
_TRUNCATED = re.compile(r"([A-ZÄÖÜ]?[a-zäöüß]+)-")


@dataclass(frozen=True)
class Entry:
    iri: URIRef
    key: str  # IRI local name after the vocabulary prefix: "AufenthG", "BAMF"
    label: str  # German preferred label
    abbr: str | None  # skos:notation
    types: tuple[URIRef, ...]


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    entry: Entry
    elliptic: bool = False


def _word_pattern(word: str, inflect: bool) -> str:
    escaped = re.escape(word)
    if inflect and word[-1].isalpha():
        escaped += ENDINGS
    return escaped


def _label_pattern(label: str, abbreviation: bool) -> str:
    words = label.split()
    parts = [_word_pattern(w, not abbreviation) for w in words]
    first = parts[0]
    if not abbreviation and words[0][0].isalpha():
        # Sentence-initial capitals: "Behördenunabhängige Asylverfahrensberatung".
        c = words[0][0]
        first = f"[{re.escape(c.upper())}{re.escape(c.lower())}]" + first[len(re.escape(c)):]
    return r"\s+".join([first, *parts[1:]])


class Lexicon:
    """The entries of one vocabulary file and a matcher over their labels.

    >>> laws = lexicon("laws.ttl", "law-")
    >>> [(h.entry.key, h.elliptic) for h in laws.find("Instrumentarien des Asyl- und Aufenthaltsgesetzes")]
    [('AsylG', True), ('AufenthG', False)]
    """

    def __init__(self, graph: Graph, prefix: str):
        self.entries: dict[str, Entry] = {}
        forms: dict[str, tuple[Entry, bool]] = {}
        for iri in sorted(set(graph.subjects(SKOS.inScheme, None))):
            local = str(iri).rsplit("/", 1)[-1]
            if not local.startswith(prefix):
                continue
            labels = {lit.language: str(lit) for lit in graph.objects(iri, SKOS.prefLabel)}
            notation = graph.value(iri, SKOS.notation)
            types = tuple(sorted(t for t in graph.objects(iri, RDF.type) if t != SKOS.Concept))
            entry = Entry(iri, local[len(prefix):], labels["de"], str(notation) if notation else None, types)
            self.entries[entry.key] = entry
            for prop in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel):
                for lit in graph.objects(iri, prop):
                    if lit.language in (None, "de"):
                        forms.setdefault(str(lit), (entry, False))
            if notation:
                forms[str(notation)] = (entry, True)
        self._entry_by_form = {f: e for f, (e, _) in forms.items()}
        alternatives = []
        for i, (form, (entry, abbreviation)) in enumerate(
            sorted(forms.items(), key=lambda item: (-len(item[0]), item[0]))
        ):
            alternatives.append(f"(?P<g{i}>{_label_pattern(form, abbreviation)})")
            self._entry_by_form[f"g{i}"] = entry
        self._pattern = re.compile(r"(?<![\w.-])(?:" + "|".join(alternatives) + r")(?![\w])")
        self._whole = re.compile(r"(?:" + "|".join(alternatives) + r")$")

    def find(self, text: str) -> list[Hit]:
        """Hits in document order; a label repeated as its abbreviation in brackets
        right after it ("Asylbewerberleistungsgesetzes (AsylbLG)") counts once."""
        text = text.translate(_HYPHENS)
        hits = [
            Hit(m.start(), m.end(), self._entry_by_form[m.lastgroup])
            for m in self._pattern.finditer(text)
        ]
        hits.extend(self._elliptic(text))
        hits.sort(key=lambda h: (h.start, -h.end))
        merged: list[Hit] = []
        for hit in hits:
            if merged:
                last = merged[-1]
                between = text[last.end : hit.start]
                if hit.start < last.end:
                    continue  # inside a longer hit
                if hit.entry == last.entry and between == " (" and text[hit.end : hit.end + 1] == ")":
                    merged[-1] = Hit(last.start, hit.end + 1, last.entry, last.elliptic)
                    continue
            merged.append(hit)
        return merged

    def _elliptic(self, text: str) -> list[Hit]:
        """"Integrations-, Berufssprach- sowie Erstorientierungskurse": complete each
        truncated word with a tail of the head word and keep it if that is a label."""
        hits = []
        for m in _ELLIPSIS.finditer(text):
            head = m.group(2).lstrip("-")
            for t in _TRUNCATED.finditer(m.group(1)):
                stem = t.group(1)
                for k in range(1, len(head)):
                    tail = head[k:]
                    if not tail[0].islower():
                        continue
                    found = self._whole.match(stem + tail)
                    if found:
                        entry = self._entry_by_form[found.lastgroup]
                        start = m.start(1) + t.start()
                        hits.append(Hit(start, start + len(t.group(0)), entry, elliptic=True))
                        break
        return hits

    def resolve(self, label: str) -> Entry | None:
        """The entry a label names exactly (any declined form), or None."""
        label = " ".join(label.split())
        if label in self.entries:
            return self.entries[label]
        found = self._whole.match(label)
        return self._entry_by_form[found.lastgroup] if found else None


@lru_cache(maxsize=None)
def lexicon(filename: str, prefix: str) -> Lexicon:
    return Lexicon(load_turtle(filename), prefix)


def laws() -> Lexicon:
    return lexicon("laws.ttl", "law-")


def bodies() -> Lexicon:
    return lexicon("bodies.ttl", "body-")


def programmes() -> Lexicon:
    return lexicon("programmes.ttl", "programme-")

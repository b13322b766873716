"""Find the labels of a SKOS vocabulary in German text: the one label matcher, for the
Länder as for laws, bodies and programmes.

One compiled pattern per vocabulary, longest label first. German inflection is
handled without listing every form: each word of a full label may carry the
endings -s/-es/-n/-en/-e, and an abbreviation (skos:notation) may head a
hyphenated compound ("MPK-Beschluss"). Elliptic coordinations are expanded before
matching ("Asyl- und Aufenthaltsgesetzes" names the Asylgesetz too).

The pattern is tried only where a label can begin: one Aho–Corasick automaton over the
first words of all vocabularies' labels (in lower case) finds those places in one pass
in C, once per paragraph for all of them. Python's re tries a few hundred alternatives
at every word otherwise, which was half of reading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick

from ..model import VocabRef
from ..namespaces import PREFIXES
from .triples import Triples

_SKOS = PREFIXES["skos"]
SKOS_CONCEPT, IN_SCHEME, NOTATION = _SKOS + "Concept", _SKOS + "inScheme", _SKOS + "notation"
PREF_LABEL, LABELS = _SKOS + "prefLabel", (_SKOS + "prefLabel", _SKOS + "altLabel", _SKOS + "hiddenLabel")
PORTAL_FOLDER = PREFIXES["intmk"] + "portalFolder"

ENDINGS = "(?:es|en|s|n|e)?"
# Hyphen look-alikes some PDFs emit, replaced one-to-one so offsets stay valid.
_HYPHENS = ("\u2010", "\u2011")
_ELLIPSIS = re.compile(
    r"(?<![\w-])((?:[A-ZÄÖÜ]?[a-zäöüß]+-,?\s+)+)(?:und|oder|sowie|bzw\.)\s+(-?[A-ZÄÖÜa-zäöüß][\wäöüß-]*)"
)
# The junction every ellipsis has ("- und "): found by a fast scan for the hyphen.
_JUNCTION = re.compile(r"-,?\s+(?:und|oder|sowie|bzw\.)\s")
_LOWER = frozenset("abcdefghijklmnopqrstuvwxyzäöüß")
_TRUNCATED = re.compile(r"([A-ZÄÖÜ]?[a-zäöüß]+)-")
_NOT_LOOSE = re.compile(r"[\s.\-]+")


@lru_cache(maxsize=8)  # every vocabulary asks of the same paragraph in turn
def ellipses(text: str) -> tuple[re.Match[str], ...]:
    """What ``_ELLIPSIS.finditer(text)`` gives, searched for only near each junction
    ("- und "), which a scan for the hyphen finds fast; most paragraphs have none."""
    found: list[re.Match[str]] = []
    reached = 0
    for junction in _JUNCTION.finditer(text):
        if junction.start() < reached:
            continue
        window = max(reached, junction.start() - 400)
        m = _ELLIPSIS.search(text, window)
        if window > reached and (m is None or _after_truncated(text, m.start())):
            m = _ELLIPSIS.search(text, reached)  # the truncated words may begin before the window
        if m is None:
            break
        found.append(m)
        reached = m.end()
    return tuple(found)


def _after_truncated(text: str, pos: int) -> bool:
    """Whether a truncated word ("Integrations-, ") ends right before ``pos``."""
    k = pos
    while k > 0 and text[k - 1].isspace():
        k -= 1
    if k < pos and text[k - 1 : k] == ",":
        k -= 1
    return k < pos and k >= 2 and text[k - 1] == "-" and text[k - 2] in _LOWER


def _loose(name: str) -> str:
    """A name without case, spaces, dots and hyphens: how people's spellings meet."""
    return _NOT_LOOSE.sub("", name).casefold()


@dataclass(frozen=True)
class Entry:
    iri: str
    key: str  # IRI local name after the vocabulary prefix: "AufenthG", "BAMF"
    label: str  # German preferred label
    abbr: str | None  # skos:notation
    types: tuple[str, ...]
    portal: str | None = None  # a law's folder on gesetze-im-internet.de

    @property
    def ref(self) -> VocabRef:
        """The reference the model holds."""
        proposed = any(t.endswith("#ProposedLaw") for t in self.types)
        return VocabRef(self.key, self.iri, self.label, self.abbr, proposed, self.portal)


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
    return r"\s+".join(_word_pattern(w, not abbreviation) for w in label.split())


def _alternation(forms: list[tuple[str, str, bool]]) -> str:
    """One pattern for all labels, dispatched on the first character (a one-level
    trie): Python's re tries alternatives one by one, so this makes a scan over a few
    hundred labels several times faster. Full labels also match with a sentence-initial
    capital or lower-case first letter ("Behördenunabhängige Asylverfahrensberatung")."""
    groups: dict[str, list[tuple[int, str]]] = {}
    for group, form, abbreviation in forms:
        rest = _label_pattern(form, abbreviation)[len(re.escape(form[0])):]
        firsts = {form[0]}
        if not abbreviation and form[0].isalpha():
            firsts |= {form[0].upper(), form[0].lower()}
        for first in firsts:
            groups.setdefault(first, []).append((len(form), f"(?P<{group}{'_' + str(ord(first)) if first != form[0] else ''}>{re.escape(first)}{rest})"))
    branches = []
    for first in sorted(groups):
        alternatives = [p for _, p in sorted(groups[first], key=lambda t: -t[0])]
        branches.append(f"(?={re.escape(first)})(?:{'|'.join(alternatives)})")
    return "|".join(branches)


_LEXICONS: list[Lexicon] = []  # every vocabulary's matcher, in the order made


@lru_cache(maxsize=4)
def _automaton(count: int) -> ahocorasick.Automaton:
    """One automaton over the first words of the first ``count`` lexicons' labels; each
    word leads to its length and the lexicons that have it."""
    owners: dict[str, list[int]] = {}
    for index, lexicon in enumerate(_LEXICONS[:count]):
        for word in lexicon.first_words:
            owners.setdefault(word, []).append(index)
    automaton = ahocorasick.Automaton()
    for word, indexes in owners.items():
        automaton.add_word(word, (len(word), tuple(indexes)))
    automaton.make_automaton()
    return automaton


@lru_cache(maxsize=8)  # the vocabularies ask of the same paragraph in turn
def _starts(text: str, count: int) -> tuple[list[int], ...] | None:
    """Where a label of each lexicon can begin in ``text``, by one pass of the automaton
    over the lower-cased text; None when lower case changes the text's length."""
    lowered = text.lower()
    if len(lowered) != len(text):
        return None
    found: list[set[int]] = [set() for _ in range(count)]
    for end, (length, indexes) in _automaton(count).iter(lowered):
        for index in indexes:
            found[index].add(end + 1 - length)
    return tuple(sorted(starts) for starts in found)


class Lexicon:
    """The entries of one vocabulary file and a matcher over their labels.

    >>> from intmk_graph.vocab.lexicon import lexicon
    >>> laws = lexicon("laws.ttl", "law-")
    >>> [(h.entry.key, h.elliptic) for h in laws.find("Instrumentarien des Asyl- und Aufenthaltsgesetzes")]
    [('AsylG', True), ('AufenthG', False)]
    """

    def __init__(self, vocabulary: Triples, prefix: str):
        self.entries: dict[str, Entry] = {}
        forms: dict[str, tuple[Entry, bool]] = {}
        for iri in sorted(vocabulary.subjects(IN_SCHEME)):
            local = iri.rsplit("/", 1)[-1]
            if not local.startswith(prefix):
                continue
            labels = {lit.language: lit.value for lit in vocabulary.literals(iri, PREF_LABEL)}
            notation = vocabulary.value(iri, NOTATION)
            types = tuple(sorted(t for t in vocabulary.types(iri) if t != SKOS_CONCEPT))
            entry = Entry(iri, local[len(prefix):], labels["de"], notation, types, vocabulary.value(iri, PORTAL_FOLDER))
            self.entries[entry.key] = entry
            for prop in LABELS:
                for lit in vocabulary.literals(iri, prop):
                    if lit.language in (None, "de"):
                        forms.setdefault(lit.value, (entry, False))
            if notation:
                forms[notation] = (entry, True)
        self._loose: dict[str, set[Entry]] = {}  # for names as people type them
        for form, (entry, _) in forms.items():
            self._loose.setdefault(_loose(form), set()).add(entry)
        for entry in self.entries.values():
            self._loose.setdefault(_loose(entry.key), set()).add(entry)
        self._entry_by_form: dict[str, Entry] = {}
        listed = []
        for i, (form, (entry, abbreviation)) in enumerate(sorted(forms.items())):
            listed.append((f"g{i}", form, abbreviation))
            self._entry_by_form[f"g{i}"] = entry
        alternation = _alternation(listed)
        self._pattern = re.compile(r"(?<![\w.-])(?:" + alternation + r")(?![\w])")
        # Every match of the pattern begins with a label's first word (its first letter
        # in either case): one automaton over all vocabularies' first words finds where.
        self._index = len(_LEXICONS)
        self.first_words = frozenset(form.split()[0].lower() for form in forms)
        _LEXICONS.append(self)

    def find(self, text: str) -> list[Hit]:
        """Hits in document order; a label repeated as its abbreviation in brackets
        right after it ("Asylbewerberleistungsgesetzes (AsylbLG)") counts once."""
        if "\u2010" in text or "\u2011" in text:
            text = text.replace(_HYPHENS[0], "-").replace(_HYPHENS[1], "-")  # translate() is slower
        hits = [Hit(m.start(), m.end(), self._entry(m.lastgroup)) for m in self._matches(text)]
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

    def _matches(self, text: str) -> list[re.Match[str]]:
        """What ``self._pattern.finditer(text)`` gives, trying the pattern only where the
        automaton says a label begins."""
        starts = _starts(text, len(_LEXICONS))
        if starts is None:  # a character whose lower case is longer: rare
            return list(self._pattern.finditer(text))
        found: list[re.Match[str]] = []
        reached = 0
        match = self._pattern.match
        for start in starts[self._index]:
            if start >= reached and (m := match(text, start)):
                found.append(m)
                reached = m.end()
        return found

    def _elliptic(self, text: str) -> list[Hit]:
        """"Integrations-, Berufssprach- sowie Erstorientierungskurse": complete each
        truncated word with a tail of the head word and keep it if that is a label."""
        hits: list[Hit] = []
        for m in ellipses(text):
            head = m.group(2).lstrip("-")
            for t in _TRUNCATED.finditer(m.group(1)):
                stem = t.group(1)
                for k in range(1, len(head)):
                    tail = head[k:]
                    if not tail[0].islower():
                        continue
                    found = self._whole(stem + tail)
                    if found:
                        entry = self._entry(found.lastgroup)
                        start = m.start(1) + t.start()
                        hits.append(Hit(start, start + len(t.group(0)), entry, elliptic=True))
                        break
        return hits

    def resolve(self, label: str) -> Entry | None:
        """The entry a label names exactly (any declined form), or None."""
        label = " ".join(label.split())
        if label in self.entries:
            return self.entries[label]
        found = self._whole(label)
        return self._entry(found.lastgroup) if found else None

    def matching(self, name: str) -> list[Entry]:
        """The entries a name as people type it may mean: the exact label first, else
        any label, abbreviation or key equal to it but for case, spaces and dots
        ("aufenthg", "Bundes regierung", "B.A.M.F."). More than one is ambiguous.

        >>> from intmk_graph.vocab.lexicon import laws
        >>> [e.key for e in laws().matching("aufenthg")]
        ['AufenthG']
        """
        if (entry := self.resolve(name)) is not None:
            return [entry]
        return sorted(self._loose.get(_loose(name), ()), key=lambda e: e.key)

    def _whole(self, text: str) -> re.Match[str] | None:
        """``text`` as one whole label form: the label pattern matched in full (its guards
        hold at the text's ends). One compiled alternation, not a second one anchored at
        both ends: compiling them is most of reading a small document."""
        return self._pattern.fullmatch(text)

    def _entry(self, group: str | None) -> Entry:
        assert group is not None  # every alternative is a named group
        return self._entry_by_form[group.split("_", 1)[0]]

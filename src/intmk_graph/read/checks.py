"""Self-checks from a document's own redundancy: what one part of a resolution says,
another must agree with. Each check is a warning with its line (so its page), never a
change to what was read; the warnings lower the reading's confidence
(``model.Confidence``). The checks of the whole document's structure (contents against
items, page numbers) are ``segments.Reading``'s; the line numbers' are ``line_numbers``'.
"""

from __future__ import annotations

import bisect
import gzip
import json
import re
from collections import Counter
from collections.abc import Iterable
from functools import cache

from ..model import Decision, Resolution, Text, VocabRef, Votes
from .diagnostics import Notes
from .layout import NumberedLine

LANDS = 16  # one vote each


def votes(item: str, decision: Decision | None, counted: Votes | None, sponsors: tuple[VocabRef, ...],
          line: int, notes: Notes) -> None:
    """The counts (yes:no:abstain) add up to at most 16, fit the decision's word, carry
    the motion, and leave a vote for each sponsor."""
    if counted is None:
        return
    shown = f"{counted.yes}:{counted.no}:{counted.abstain}"
    total = counted.yes + counted.no + counted.abstain
    if total > LANDS:
        notes.warn(line, f"TOP {item}: the votes {shown} add up to {total}", f"at most {LANDS}, one vote per Land")
    if decision is Decision.UNANIMOUS and counted.no:
        notes.warn(line, f"TOP {item}: adopted unanimously, but {shown} counts {counted.no} against",
                   "no vote against a unanimous decision")
    elif decision is Decision.MAJORITY and not (counted.no or counted.abstain):
        notes.warn(line, f"TOP {item}: adopted by majority, but {shown} counts no vote against or abstention",
                   "a vote against or an abstention, or 'einstimmig'")
    if counted.yes <= counted.no:
        notes.warn(line, f"TOP {item}: adopted with {shown}, no more votes for than against",
                   "more votes for than against an adopted motion")
    if len(sponsors) > counted.yes:
        notes.warn(line, f"TOP {item}: {len(sponsors)} sponsors, but only {counted.yes} votes for",
                   "each sponsor voting for its own motion (a sponsor or a count misread?)")


# A number standing where a line number would (the line's own, or a neighbour's), glued to
# the text or ending the line: "Ausbildung.52", "wur-54", "… Zugang 12". Numbers inside
# dates and amounts (31.12.2025, 1,5) are the text's.
_NUMBER = re.compile(r"(?<![\d.,/])\d{1,4}(?![\d])(?![.,]\d)")


def stray_numbers(item: str, lines: list[NumberedLine], notes: Notes) -> None:
    """Where a text numbers its lines, none of its line numbers is left in the text: a
    number by a line's own, glued to a word or ending the line, or anywhere in a line
    that lost its number where the count expected it."""
    if sum(line.official_line is not None for line in lines) < 3:
        return
    found: list[tuple[NumberedLine, re.Match[str]]] = []
    previous: int | None = None
    for line in lines:
        expected, lost = line.official_line, False
        if expected is None and previous is not None:
            expected, lost = previous + 1, True
        previous = expected
        if expected is None:
            continue
        for m in _NUMBER.finditer(line.text):
            if abs(int(m.group()) - expected) > 1:
                continue
            before, after = line.text[m.start() - 1 : m.start()], line.text[m.end() : m.end() + 1]
            glued = before.isalpha() or before in (".", "-", ")") and before != "" or after.isalpha()
            if lost or glued or m.end() == len(line.text.rstrip()):
                found.append((line, m))
                break
    if found:  # the first: after it, a text file's count is off and the rest follow from it
        line, m = found[0]
        more = f" (and {len(found) - 1} line(s) after it)" if len(found) > 1 else ""
        notes.warn(line.source_line, f"TOP {item}: {line.text[max(0, m.start() - 12):m.end() + 12]!r} holds "
                   f"{m.group()}, the line number here{more}",
                   "the line number in the margin, not in the text (a number the reader did not take off?)")


def hyphen_joins(resolutions: Iterable[Resolution], notes: Notes) -> None:
    """A word joined across a line-end hyphen ("Berufsfor-" / "schung") is a word: of the
    document, of the dictionary, or a compound of theirs ("Integrations" + "fonds"). One
    that is none ("Integrat-" / "lonskurse") was misread, or joined where it should not be."""
    texts = [(r.id, p.text) for r in resolutions for p in r.paragraphs] + \
            [(r.id, n.text) for r in resolutions for n in r.protocol_notes]
    counted: Counter[str] = Counter(w.lower() for _, text in texts for w in _WORD.findall(text.text))
    joins = [(item, join) for item, text in texts for join in _joins(text)]
    counted.subtract(join[0].lower() for _, join in joins)
    own = tuple(sorted(w for w, n in counted.items() if n > 0))  # the words the document has outside joins
    document, everywhere = _Words(own), None
    for item, (word, first, second, line) in joins:
        folded = word.lower()
        if _compound(folded, document, {}):
            continue  # the document knows it: most joins, and no dictionary needed
        everywhere = everywhere or _Words(own, _dictionary())
        if _compound(folded, everywhere, {}):
            continue
        notes.warn(line, f"TOP {item}: {word!r}, joined from {first + '-'!r} and {second!r} across a line "
                   "end, is no word of the document or the dictionary",
                   "a word broken at the line end (a misreading, or two words joined?)")


_WORD = re.compile(r"[^\W\d_]+")
_JOINTS = ("s", "es", "n", "en")  # between the parts of a compound: Integration-s-kurs
# Endings that make a word of a known word's stem: zentrier-en -> Zentrier-ung.
_ENDINGS = ("ungen", "ung", "heiten", "heit", "keiten", "keit", "lich", "isch", "ig", "er", "en", "e", "s", "n")


def _joins(text: Text) -> Iterable[tuple[str, str, str, int]]:
    """(word, its part before the break, after it, the source line) of each word the
    text joined across a line end without its hyphen."""
    for a, b in zip(text.spans, text.spans[1:]):
        if a.end != b.start or text.text[a.end - 1 : a.end] in ("-", "\u2010", ""):
            continue
        head = re.search(r"[^\W_]+$", text.text[a.start : a.end])
        tail = re.match(r"[^\W_]+", text.text[b.start :])
        if head and tail:
            yield head.group() + tail.group(), head.group(), tail.group(), a.source_line


class _Words:
    """Words known, looked up whole or as the stem a compound begins with ("förder" of
    "Förderung": "Sprachförder-anträge"), in one or more sorted lists."""

    def __init__(self, *lists: tuple[str, ...]):
        self.lists = lists
        self.whole = [frozenset(words) for words in lists]

    def __contains__(self, word: str) -> bool:
        return any(word in whole for whole in self.whole)

    def stem(self, head: str) -> bool:
        """Whether ``head`` (4 letters at least) begins a known word."""
        if len(head) < 4:
            return False
        for words in self.lists:
            at = bisect.bisect_left(words, head)
            if at < len(words) and words[at].startswith(head):
                return True
        return False


def _derived(word: str, known: _Words) -> bool:
    """Whether ``word`` is a known word's stem with an ending: "zentrierung"."""
    return any(word.endswith(e) and known.stem(word[: -len(e)]) for e in _ENDINGS)


def _compound(word: str, known: _Words, memo: dict[str, bool], depth: int = 0) -> bool:
    """Whether ``word`` is known, or a known word or stem (with its joint) before a
    compound of known words; parts have 3 letters at least. Digits are never part of a
    word: a line number between its parts."""
    if word in memo:
        return memo[word]
    found = word.isalpha() and (word in known or _derived(word, known) or depth < 3 and any(
        (head in known or known.stem(head) or any(head.endswith(j) and head[: -len(j)] in known for j in _JOINTS))
        and _compound(word[cut:], known, memo, depth + 1)
        for cut in range(3, len(word) - 2) for head in (word[:cut],)))
    memo[word] = found
    return found


@cache
def _dictionary() -> tuple[str, ...]:  # sorted, for stems by bisection
    """German words with their forms, from pyspellchecker's frequency list (some 340,000)."""
    from importlib import resources

    try:
        data = (resources.files("spellchecker") / "resources" / "de.json.gz").read_bytes()
        return tuple(sorted(json.loads(gzip.decompress(data))))
    except (FileNotFoundError, ModuleNotFoundError):  # the file moved: ask the library
        from spellchecker import SpellChecker

        return tuple(sorted(SpellChecker(language="de").word_frequency.dictionary))

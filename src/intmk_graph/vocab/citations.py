"""Law citations: ``§ 32 Abs. 2 Nr. 5 BeschV``, ``§§ 25a bzw. 25b AufenthG``,
``§§ 18a bis 18c AufenthG`` (three sections), ``§ 60c i. V. m. § 60a AufenthG``,
``Art. 50 GG``, and laws named without a section.

A small recursive-descent reader over the text after a section sign: sections,
their parts (Abs., Satz, Nr., Buchst.), list words and ranges, then the law,
which the lexicon of ``ontology/laws.ttl`` recognises in any declined form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .lexicon import Hit, Lexicon, laws

_SIGN = re.compile(r"(§§?|Art\.|Artikel)\s*(?=\d)")
_TOKENS = [
    ("section", re.compile(r"(\d+)\s?([a-z])?(?![\w.])|(\d+)\s?([a-z])?(?=\.?\s|,)")),
    ("subsection", re.compile(r"(?:Abs\.|Absatz|Absätze)\s*(\d+[a-z]?)")),
    ("sentence", re.compile(r"(?:Satz|S\.)\s*(\d+)")),
    ("number", re.compile(r"(?:Nr\.|Nrn\.|Nummer)\s*(\d+[a-z]?)")),
    ("letter", re.compile(r"(?:Buchst\.|Buchstabe)\s*([a-z])\b")),
    ("following", re.compile(r"ff?\.")),
    ("range", re.compile(r"bis\b")),
    ("ivm", re.compile(r"(?:i\.\s?V\.\s?m\.|in\s+Verbindung\s+mit)")),
    ("list", re.compile(r"(?:,|und\b|oder\b|bzw\.|sowie\b)")),
    ("article", re.compile(r"(?:des|der|dem)\s+(?=[A-ZÄÖÜ])")),
]
_SPACE = re.compile(r"\s*")
_CONTINUE = re.compile(
    r"(?:,|und\b|oder\b|bzw\.|sowie\b|(?P<ivm>i\.\s?V\.\s?m\.|in\s+Verbindung\s+mit))\s*"
    r"(?P<sign>§§?|Art\.|Artikel)\s*(?=\d)"
)
_MAX_RANGE = 50  # a longer "bis" range is kept as its two ends
# The parts of a section in the order and with the labels a citation prints them.
def _skip_space(text: str, pos: int) -> int:
    """Where the blanks from ``pos`` on end."""
    m = _SPACE.match(text, pos)
    return m.end() if m else pos


@dataclass
class _Section:
    section: str
    number: int
    letter: str
    parts: dict[str, str] = field(default_factory=dict)
    following: bool = False


@dataclass
class Found:
    """One cited section of a law, with the span of the whole citation it belongs to."""

    law: str
    section: str | None
    parts: dict[str, str]
    article: bool
    following: bool
    start: int
    end: int
    group: int
    in_conjunction_with: int | None = None


def _expand(a: _Section, b: _Section) -> list[_Section]:
    """``18a bis 18c`` -> 18a, 18b, 18c; ``3 bis 5`` -> 3, 4, 5; else the two ends."""
    if a.number == b.number and (a.letter or "a") <= b.letter:
        first = ord(a.letter) if a.letter else ord("a") - 1
        letters = [chr(c) if c >= ord("a") else "" for c in range(first, ord(b.letter) + 1)]
        return [_Section(f"{a.number}{l}", a.number, l) for l in letters]
    if not a.letter and not b.letter and 0 < b.number - a.number <= _MAX_RANGE:
        return [_Section(str(n), n, "") for n in range(a.number, b.number + 1)]
    return [a, b]


class CitationReader:
    def __init__(self, lexicon: Lexicon | None = None):
        self.laws = lexicon or laws()

    def read(self, text: str) -> list[Found]:
        """Every citation in ``text``, then every law named outside a citation."""
        law_hits = self.laws.find(text)
        by_start = {h.start: h for h in law_hits}
        found: list[Found] = []
        covered: list[tuple[int, int]] = []
        pos = 0
        group = 0
        while (m := _SIGN.search(text, pos)) is not None:
            groups, end = self._citation(text, m, by_start, group)
            if not groups:
                pos = m.end()
                continue
            for g in groups:
                found.extend(g)
            group += len(groups)
            covered.append((m.start(), end))
            pos = end
        for hit in law_hits:
            if not any(s <= hit.start < e for s, e in covered):
                found.append(Found(hit.entry.key, None, {}, False, False, hit.start, hit.end, group))
                group += 1
        found.sort(key=lambda f: (f.start, f.group))
        return found

    def _citation(self, text: str, sign: re.Match[str], law_at: dict[int, Hit],
                  group0: int) -> tuple[list[list[Found]], int]:
        """Read from a section sign to the law; returns groups of Found and the end."""
        article = sign.group(1).startswith("Art")
        pos = sign.end()
        groups: list[list[_Section]] = [[]]
        spans: list[list[int]] = [[sign.start(), sign.end()]]
        links: list[bool] = []  # links[i]: group i is cited "i. V. m." group i+1
        laws_of: list[Hit | None] = [None]
        pending_range = False

        def next_group(start: int, conjunction: bool) -> None:
            links.append(conjunction)
            groups.append([])
            spans.append([start, start])
            laws_of.append(None)

        while True:
            pos = _skip_space(text, pos)
            hit = law_at.get(pos)
            if hit is not None and groups[-1]:
                laws_of[-1] = hit
                spans[-1][1] = pos = hit.end
                c = _CONTINUE.match(text, _skip_space(text, pos))
                if not c:
                    break
                next_group(c.start("sign"), c.group("ivm") is not None)
                pos = c.end()
                continue
            for kind, pattern in _TOKENS:  # noqa: B007 (kind is read after the loop)
                t = pattern.match(text, pos)
                if t:
                    break
            else:
                break
            current = groups[-1][-1] if groups[-1] else None
            if kind == "section":
                num, let = t.group(1) or t.group(3), t.group(2) or t.group(4) or ""
                s = _Section(f"{num}{let}", int(num), let)
                if pending_range and current is not None:
                    groups[-1][-1:] = _expand(current, s)
                else:
                    groups[-1].append(s)
                pending_range = False
            elif current is None:
                break
            elif kind in ("subsection", "sentence", "number", "letter"):
                current.parts[kind] = t.group(1)
            elif kind == "following":
                current.following = True
            elif kind == "range":
                pending_range = True
            elif kind == "ivm":
                spans[-1][1] = pos
                after = _SIGN.match(text, _skip_space(text, t.end()))
                next_group(after.start() if after else t.end(), True)
                if after:
                    t = after
            elif kind == "article" and law_at.get(t.end()) is None:
                break
            pos = t.end()
            if kind not in ("list", "range", "article", "ivm"):
                spans[-1][1] = pos
        # A group without its own law takes the next group's ("§ 60c i. V. m. § 60a AufenthG").
        for i in range(len(groups) - 2, -1, -1):
            if laws_of[i] is None and links[i]:
                laws_of[i] = laws_of[i + 1]
        result = []
        for i, (sections, hit) in enumerate(zip(groups, laws_of)):
            if hit is None or not sections:
                continue
            partner = group0 + i + 1 if i < len(links) and links[i] else None
            start, end = spans[i]
            result.append(
                [
                    Found(hit.entry.key, s.section, dict(s.parts), article, s.following,
                          start, end, group0 + i, partner)
                    for s in sections
                ]
            )
        return result, max(e for _, e in spans)

"""Layout repair: page furniture, official line numbers, line-break hyphens.

Three steps, each keeping the way back to the source line:

1. :func:`classify` mends words broken by a stray space and marks every source line as
   content, blank or page furniture (by the profile's patterns, and running headers by
   repetition).
2. :func:`strip_line_numbers` removes the official line numbers a resolution prints at
   the end (sometimes the start) of each line. Numbers restart at 1 in each resolution
   and run in sequence, which is what tells them apart from numbers in the text.
3. :func:`join_lines` joins lines into running text, repairing line-break hyphens while
   keeping real ones, and records which characters came from which line.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from typing import NamedTuple

from ..model import LineSpan, Text
from .profiles import COMMON, Profile, one_of, profile
from .sources import SourceLine

CONTENT = "content"
BLANK = "blank"

HYPHENS = "-\u2010\u2011"  # ASCII hyphen, Unicode hyphen, non-breaking hyphen


class Line(NamedTuple):  # a tuple: made for every line of a document, cheaply
    """A source line with its classification; ``text`` is stripped, spaces collapsed."""

    number: int
    text: str
    kind: str  # CONTENT, BLANK or the furniture kind from the profile
    official: int | None = None  # the official line number, where a PDF's layout gave it

    @property
    def is_furniture(self) -> bool:
        return self.kind != CONTENT


class NumberedLine(NamedTuple):
    """A content line with its official resolution line number removed."""

    source_line: int
    text: str
    official_line: int | None


# What PDF extraction leaves that is not text: soft hyphens, zero-width characters, and
# typographic ligatures that some fonts map to one character ("ﬁnanzieren").
_NOT_TEXT = str.maketrans({"\u00ad": None, "\u200b": None, "\u200c": None, "\u200d": None, "\ufeff": None,
                           "\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
                           "\ufb05": "st", "\ufb06": "st"})
_HAS_NOT_TEXT = re.compile("[" + "".join(chr(c) for c in _NOT_TEXT) + "]")


def normalise_space(text: str) -> str:
    """Strip and collapse runs of white space (PDF extraction leaves many), drop
    invisible characters and spell out ligatures.

    >>> normalise_space("  Integrationskurse  bedarfsgerecht \ufb01nanzieren\u00ad ")
    'Integrationskurse bedarfsgerecht finanzieren'
    """
    if _HAS_NOT_TEXT.search(text):  # rare: translate() with a table is slow on every line
        text = text.translate(_NOT_TEXT)
    return " ".join(text.split())


def mend_split_words(text: str, rules: Profile) -> str:
    """Join fragments that PDF extraction split with a stray space when together they
    spell a word of the profile's list: ``Konfe renz`` -> ``Konferenz``.

    >>> mend_split_words("20. Integrationsminister konfe renz 2025", profile("common"))
    '20. Integrationsministerkonferenz 2025'
    """
    targets = rules.split_targets
    heads = rules.split_heads
    folded = text.casefold().split(" ")
    # Two neighbours that spell a split word, or begin one (three then may): most lines have none.
    if rules.split_prefixes.isdisjoint(map(str.__add__, folded, folded[1:])):
        return text
    tokens = text.split(" ")
    out: list[str] = []
    i = 0
    while i < len(tokens):
        if tokens[i].casefold() not in heads:
            out.append(tokens[i])
            i += 1
            continue
        for width in (3, 2):
            parts = tokens[i : i + width]
            if len(parts) == width and "".join(parts).casefold() in targets and all(p.isalpha() for p in parts):
                out.append("".join(parts))
                i += width
                break
        else:
            out.append(tokens[i])
            i += 1
    return " ".join(out)


# Not inside a chain of hyphens: "Ius-soli-Erwerb" is a compound.
_INLINE_HYPHEN = re.compile(r"(?<![\w-])(?P<left>[A-ZÄÖÜ][a-zäöüß]+)-(?P<right>[a-zäöüß]{2,})(?![\w-])")


def mend_inline_hyphens(text: str, rules: Profile) -> str:
    """Remove line-break hyphens that extraction left inside a line: a capitalised
    fragment before a lower-case one (``Integrations-kurse``, ``Ver-fahren``) is one
    word; real compounds have a capital after the hyphen (``Bund-Länder-AG``,
    ``EU-Zuwanderung``) and adjective pairs are lower-case (``deutsch-italienisch``).

    >>> mend_inline_hyphens("Integrations-kurse und Ver-fahren der Bund-Länder-AG", profile("common"))
    'Integrationskurse und Verfahren der Bund-Länder-AG'
    >>> mend_inline_hyphens("Ius-soli-Erwerb", profile("common"))
    'Ius-soli-Erwerb'
    """
    keep = rules.word_set("hyphen_keep_left") | rules.word_set("hyphen_prefixes")
    conjunctions = rules.word_set("conjunctions")

    def join(m: re.Match[str]) -> str:
        if m["left"].casefold() in keep or m["right"].casefold() in conjunctions:
            return m.group(0)
        return m["left"] + m["right"]

    return _INLINE_HYPHEN.sub(join, text) if "-" in text else text


RUNNING_HEADER = "running_header"


def classify(lines: list[SourceLine], rules: Profile | None = None, texts: list[str] | None = None) -> list[Line]:
    """Mark each line as content, blank, or a kind of page furniture (``texts``: the
    lines through :func:`normalise_space`, when already made).

    >>> [l.kind for l in classify([SourceLine(1, " Seite 2 von 6 "), SourceLine(2, "Text 1"),
    ...                            SourceLine(3, "  "), SourceLine(4, "https://x.de/a.pdf")])]
    ['page_number', 'content', 'blank', 'link']
    """
    rules = rules or profile(COMMON)
    result = []
    for i, line in enumerate(lines):
        text = texts[i] if texts is not None else normalise_space(line.text)
        if " " in text:
            text = mend_split_words(text, rules)
        kind = CONTENT if text else BLANK
        if text and line.hint:
            kind = line.hint  # a PDF's header or footer band
        elif text and (furniture := rules.furniture_kind(text)):
            kind = furniture
        result.append(Line(line.number, text, kind, line.official))
    return _mark_running_headers(result, rules)


_DIGITS = re.compile(r"\d+")


def _mark_running_headers(lines: list[Line], rules: Profile) -> list[Line]:
    """A short line naming the conference that repeats on three or more pages is a
    running header, whatever its wording: ``IntMK 2014 – Beschlussniederschrift``."""
    cue = one_of(rules.forms["running_header_cue"])
    keys = {}
    for line in lines:
        if line.kind == CONTENT and cue.search(line.text) and len(line.text.split()) <= 14:
            if not any(rules.match(form, line.text) for form in ("item_header", "sponsors", "decision", "note")):
                keys[line.number] = _DIGITS.sub("#", line.text)
    counts = Counter(keys.values())
    repeated = {n for n, key in keys.items() if counts[key] >= 3}
    marked = [Line(l.number, l.text, RUNNING_HEADER) if l.number in repeated else l for l in lines]
    more = _header_block_lines(marked, rules)
    return [Line(l.number, l.text, RUNNING_HEADER) if l.number in more else l for l in marked]


_NOT_FURNITURE = ("item_header", "sponsors", "decision", "note", "vote_result", "resolution_text", "publication")


def _header_block_lines(lines: list[Line], rules: Profile) -> set[int]:
    """The other lines of a page's header or footer ("13. Integrationsministerkonferenz
    2018" over "am 15. und 16. März 2018 in Nürnberg"): a short line next to furniture,
    worded the same there on three pages."""
    found: set[int] = set()
    while True:
        near: dict[str, set[int]] = {}
        for i, line in enumerate(lines):
            if line.kind in (CONTENT, BLANK) and line.number not in found:
                continue
            for step in (1, -1):
                j = i + step
                while 0 <= j < len(lines) and lines[j].kind == BLANK:
                    j += step
                if 0 <= j < len(lines) and lines[j].kind == CONTENT and lines[j].number not in found:
                    text = lines[j].text
                    if len(text.split()) <= 14 and not any(rules.match(form, text) for form in _NOT_FURNITURE):
                        near.setdefault(text, set()).add(lines[j].number)
        more = {n for numbers in near.values() if len(numbers) >= 3 for n in numbers}
        if not more:
            return found
        found |= more


_LEADING_NUMBER = re.compile(r"^(?P<n>\d{1,4})\s+(?P<text>\S.*)$")


def _trailing_number(text: str) -> tuple[str, int | None]:
    r"""The text before a number of one to four digits that ends it, and the number (what
    ``^(.*?)(?<!\d)(\d{1,4})$`` finds, without trying the pattern at every character)."""
    start = len(text)
    while start and text[start - 1].isdecimal() and len(text) - start < 5:
        start -= 1
    run = len(text) - start
    if not 1 <= run <= 4:  # none, or five digits and more: a year, a postcode, no line number
        return text, None
    return text[:start], int(text[start:])


def strip_line_numbers(lines: list[Line], positional: bool = False,
                       uncounted: Callable[[str], bool] | None = None, step: int = 1) -> list[NumberedLine]:
    """Remove the official line numbers of one resolution's text (``positional``: a
    PDF's layout already separated them, so nothing is guessed; ``uncounted``: the
    lines a numbering leaves out, such as a protocol note's heading; ``step``: the
    numbers print on every n-th line only, see ``sources.Decoded.line_step``).

    A trailing (or, failing that, leading) number counts as a line number only when it
    is the next in sequence, so ``von 1`` / ``1955 würdigen ... 2`` and glued numbers
    like ``Ministe-1`` come out right.

    >>> rows = [Line(1, "Anwerbeabkommens von 1", "content"),
    ...         Line(2, "1955 würdigen die Ministe-2", "content"),
    ...         Line(3, "3 rinnen und Minister", "content")]
    >>> [(n.text, n.official_line) for n in strip_line_numbers(rows)]
    [('Anwerbeabkommens von', 1), ('1955 würdigen die Ministe-', 2), ('rinnen und Minister', 3)]
    """
    if positional:
        return _counted_on([NumberedLine(line.number, line.text, line.official) for line in lines], uncounted, step)
    expected = 1
    result: list[NumberedLine] = []
    for line in lines:
        text, official = line.text, None
        head, number = _trailing_number(text)
        if number == expected:
            text, official = head.rstrip(), expected
        elif text[:1].isdecimal() and (leading := _LEADING_NUMBER.match(text)) and int(leading["n"]) == expected:
            text, official = leading["text"], expected
        if official is not None:
            expected += 1
        result.append(NumberedLine(line.number, text, official))
    # A single "line number" in a longer unnumbered text is a number in the text.
    if len(result) >= 3 and expected == 2:
        return [NumberedLine(l.number, l.text, None) for l in lines]
    return result


def _counted_on(lines: list[NumberedLine], uncounted: Callable[[str], bool] | None = None,
                step: int = 1) -> list[NumberedLine]:
    """Where only every few lines print their number (a word processor's "count by 5"),
    the lines between get theirs by counting: forward from each printed number, and
    back from it to where its count began, never past the step; ``uncounted`` lines
    get none. A text shorter than ``step`` (given for the document) shows no number and
    counts from 1.

    >>> rows = [NumberedLine(i, "x", 5 if i == 5 else 10 if i == 10 else None) for i in range(1, 13)]
    >>> [n.official_line for n in _counted_on(rows)]
    [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
    """
    printed = [(i, line.official_line) for i, line in enumerate(lines) if line.official_line is not None]
    sparse = _common_step(printed) >= 2
    counted = [i for i, line in enumerate(lines) if line.official_line is not None or not (uncounted and uncounted(line.text))]
    if not sparse and step < 2:  # every line numbered (or too few numbers to tell)
        if printed and (k := counted.index(printed[0][0])) and printed[0][1] == k + 1:
            # The first number printed is as far down as the count says: the lines above
            # it are 1, 2, ... whose numbers did not print, or were not read (OCR).
            return _numbered(lines, {**{i: n for n, i in enumerate(counted[:k], start=1)},
                                     **{i: n for i, n in printed}})
        return lines
    if not printed:  # a text too short to reach the first printed number counts from 1
        return lines if len(counted) >= step else _numbered(lines, dict(zip(counted, range(1, len(counted) + 1))))
    numbers = [lines[i].official_line for i in counted]
    printed = [(k, n) for k, n in enumerate(numbers) if n is not None]
    if sparse:  # the step among the counted lines
        step = _common_step(printed)
    for k, (i, n) in enumerate(printed):
        end = printed[k + 1][0] if k + 1 < len(printed) else min(len(numbers), i + step)
        for j in range(i + 1, end):
            numbers[j] = n + j - i
    for k, (i, n) in enumerate(printed):
        begin = max(i - n + 1, i - step + 1, printed[k - 1][0] + 1 if k else 0)
        for j in range(begin, i):
            numbers[j] = n - (i - j)
    return _numbered(lines, dict(zip(counted, numbers)))


def _common_step(printed: Sequence[tuple[int, int | None]]) -> int:
    """How many lines apart printed numbers most often are, where they count on (0: none do)."""
    gaps = Counter(j - i for (i, n), (j, m) in zip(printed, printed[1:]) if n is not None and m is not None
                   and m - n == j - i)
    return gaps.most_common(1)[0][0] if gaps else 0


def _numbered(lines: list[NumberedLine], official: dict[int, int | None]) -> list[NumberedLine]:
    return [NumberedLine(line.source_line, line.text, official.get(i)) for i, line in enumerate(lines)]


def _keeps_hyphen(before: str, after: str, rules: Profile) -> tuple[bool, str]:
    """Decide how a line ending in a hyphen joins the next line: (keep hyphen?, separator)."""
    head = before[:-1]
    if not head or head[-1].isspace():
        return True, " "  # a dash standing alone: "entlasten -" / "es ist"
    next_word = after.split(" ", 1)[0]
    if next_word.rstrip(",;:") in rules.words["conjunctions"]:
        return True, " "  # elliptic compound: "Aus- und Weiterbildung"
    fragment = re.split(r"[\s(/\u2010\u2011-]", head)[-1]
    if after[:1].islower() and fragment not in rules.words["hyphen_prefixes"]:
        return False, ""  # a word broken across lines: "Berufsfor-" + "schung"
    return True, ""  # a real compound hyphen: "Nordrhein-" + "Westfalen", "non-formalen"


def join_lines(lines: list[NumberedLine], rules: Profile | None = None) -> Text:
    """Join cleaned lines into running text with a span per source line.

    >>> rows = [NumberedLine(1, "Institut für Berufsfor-", 7), NumberedLine(2, "schung und Aus-", 8),
    ...         NumberedLine(3, "und Weiterbildung in Nordrhein-", 9), NumberedLine(4, "Westfalen", 10)]
    >>> join_lines(rows).text
    'Institut für Berufsforschung und Aus- und Weiterbildung in Nordrhein-Westfalen'
    """
    rules = rules or profile(COMMON)
    parts: list[str] = []
    spans: list[LineSpan] = []
    length = 0
    pending_sep = ""
    kept = [line for line in lines if line.text]
    texts = [mend_inline_hyphens(line.text, rules) for line in kept]
    for index, line in enumerate(kept):
        text = texts[index]
        if parts:
            parts.append(pending_sep)
            length += len(pending_sep)
        following = texts[index + 1] if index + 1 < len(texts) else None
        pending_sep = " "
        if following is not None and text[-1] in HYPHENS:
            keep, pending_sep = _keeps_hyphen(text, following, rules)
            if not keep:
                text = text[:-1]
        spans.append(LineSpan(length, length + len(text), line.source_line, line.official_line))
        parts.append(text)
        length += len(text)
    return Text("".join(parts), tuple(spans))

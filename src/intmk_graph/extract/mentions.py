"""Dates, monetary amounts and references to other meetings in resolution text.
The words (months, currencies, conferences) come from ``vocab/content.toml``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple

from ..vocab import content_rules
from ..vocab.lexicon import Hit, bodies


@dataclass(frozen=True)
class Span:
    start: int
    end: int


class Found(NamedTuple):
    """A reference as read: the conference (a body key, or "IntMK"), its meeting's number
    or (first) date, the TOP, and the kind of meeting (a special session)."""

    span: Span
    body: str
    number: int | None
    date: date | None
    top: str | None
    kind: str | None = None


class Patterns(NamedTuple):
    months: list[str]
    day: re.Pattern[str]  # 10.05.2023, 10. Mai 2023
    month: re.Pattern[str]  # Juli 2024
    amount: re.Pattern[str]  # 77,5 Mio. Euro
    currencies: dict[str, str]  # surface -> ISO 4217
    multipliers: dict[str, int]  # "Mio." -> 1000000
    numbered: re.Pattern[str]  # 19. IntMK, 101. ASMK unter TOP 6.2
    intmk_labels: frozenset[str]
    conferences: list[str]  # body keys whose dated resolutions are referred to
    numbered_core: re.Pattern[str]  # what every numbered reference has: whether ``numbered`` can match at all
    own_dated_core: re.Pattern[str]  # the same for ``own_dated``
    own_dated: re.Pattern[str]  # Beschluss (der IntMK) vom 5./6. Mai 2015 (TOP 3.1); TOP 2.1 der Sonder-IntMK vom ...
    top_after: re.Pattern[str]  # " unter TOP 6.2", " (TOP 3.1)" after a dated resolution
    special_kind: str
    months_index: dict[str, int]


_DATED = re.compile(r"(?:-Beschluss|\s*\([^)]*\))?\s+(?:vom|am)\s+")  # "MPK-Beschluss vom "
_ANOTHER_DATE = re.compile(r"\s+(?P<next>(?:sowie|und)\s+(?:vom|am)\s+)")  # " sowie vom "


@lru_cache(maxsize=1)
def _patterns() -> Patterns:
    rules = content_rules()
    months = rules["dates"]["months"]
    month_alt = "|".join(months)
    currencies = rules["amounts"]["currencies"]
    multipliers = rules["amounts"]["multipliers"]
    refs = rules["references"]
    conferences = refs["conferences"]
    intmk = refs["intmk_labels"]
    special = sorted(refs["special_labels"], key=len, reverse=True)
    top = r"TOP\s+(?P<{}>[\w.]*\w)"
    # "5./6. Mai 2015", "5. und 6. Mai 2015", "23. – 24. April 2025", "12.11.2015": the first day.
    day_range = (
        rf"(?P<d>\d{{1,2}})\.(?:\s*(?:/|-|–|und|bis)\s*\d{{1,2}}\.)?\s*"
        rf"(?:(?P<mon>{month_alt})\s+|(?P<m>\d{{1,2}})\.\s?)(?P<y>\d{{4}})(?!\d)"
    )
    tops_after = rf"(?:\s+(?:unter|zu)\s+{top.format('after')}|\s*\(\s*{top.format('bracket')}\s*\))?"
    return Patterns(
        months=months,
        # Each begins with what the first character must be (a digit, a month's initial),
        # so re skips to where that is, in C, instead of trying every position: 5x faster.
        # A day is its first digit (no digit before it) and ``d``.
        day=re.compile(
            rf"\d(?<!\d\d)(?P<d>\d?)\.(?:\s?(?P<m>\d{{1,2}})\.\s?(?P<y>\d{{4}})"
            rf"|\s+(?P<mon>{month_alt})\s+(?P<year>\d{{4}}))(?!\d)"
        ),
        month=re.compile(rf"({month_alt})\s+(\d{{4}})(?!\d)"),  # and, checked by _month_at, no word or "5. " before
        amount=re.compile(
            r"(?<![\d.,])(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?\s*("
            + "|".join(re.escape(m) for m in sorted(multipliers, key=len, reverse=True))
            + r")?\s*("
            + "|".join(re.escape(c) for c in sorted(currencies, key=len, reverse=True))
            + r")(?!\w)"
        ),
        currencies=currencies,
        multipliers=multipliers,
        # "19. IntMK", "101. ASMK unter TOP 6.2", "17. IntMK zu TOP 2.3", "18. IntMK (TOP 3.1)",
        # the TOP first: "TOP 4.1 der 15. IntMK", and a special session: "Sondersitzung der 10. IntMK".
        numbered=re.compile(
            rf"(?:{top.format('before')}\s+(?:der|des)\s+)?"
            rf"(?P<special>(?:{'|'.join(map(re.escape, refs['special_prefixes']))})\s+)?"
            r"(?<![\d.])(?P<n>\d{1,3})\.\s*(?P<body>" + "|".join(map(re.escape, intmk + conferences[1:])) + r")\b"
            + tops_after
        ),
        # What every numbered reference has ("15. IntMK"), beginning with its digit so re
        # skips ahead fast: the full pattern runs only on texts with one.
        numbered_core=re.compile(
            r"\d(?<![\d.]\d)\d{0,2}\.\s*(?:" + "|".join(map(re.escape, intmk + conferences[1:])) + r")\b"),
        intmk_labels=frozenset(intmk),
        conferences=conferences,
        # The IntMK's own resolutions and special sessions by date: "Beschluss vom 5./6. Mai
        # 2015", "Beschluss der IntMK vom ... (TOP 3.1)", "TOP 2.1 der Sonder-IntMK vom ...".
        # Not "MPK-Beschluss vom": another conference's, read below.
        own_dated=re.compile(
            rf"(?:{top.format('before')}\s+(?:der|des)\s+)?"
            rf"(?:(?<![-\w])(?:{'|'.join(map(re.escape, refs['resolution_words']))})"
            rf"(?:\s+(?:der|des)\s+(?:{'|'.join(map(re.escape, intmk))}))?"
            rf"|(?P<special>{'|'.join(map(re.escape, special))}))"
            rf"\s+(?:vom|am)\s+{day_range}" + tops_after
        ),
        # What every own dated reference has ("Beschluss (der IntMK) vom 5."): the gate for it.
        own_dated_core=re.compile(
            rf"(?:{'|'.join(map(re.escape, refs['resolution_words'] + special))})"
            rf"(?:\s+(?:der|des)\s+(?:{'|'.join(map(re.escape, intmk))}))?\s+(?:vom|am)\s+\d"
        ),
        top_after=re.compile(tops_after),
        special_kind=refs["special_kind"],
        months_index={m: i for i, m in enumerate(months, start=1)},
    )


def dates(text: str) -> list[tuple[Span, date | tuple[int, int]]]:
    """Days (``10.05.2023``, ``10. Mai 2023``) and months (``Juli 2024``)."""
    pats = _patterns()
    months = pats.months
    found: list[tuple[Span, date | tuple[int, int]]] = []
    taken: list[tuple[int, int]] = []
    for m in pats.day.finditer(text):
        d = int(text[m.start()] + m["d"])
        if m["m"] is not None:
            mo, y = int(m["m"]), int(m["y"])
        else:
            mo, y = months.index(m["mon"]) + 1, int(m["year"])
        try:
            value = date(y, mo, d)
        except ValueError:
            continue  # "31.02." is not a date
        found.append((Span(m.start(), m.end()), value))
        taken.append((m.start(), m.end()))
    for m in pats.month.finditer(text):
        if not _month_at(text, m.start()) or any(s <= m.start() < e for s, e in taken):
            continue
        found.append((Span(m.start(), m.end()), (int(m.group(2)), months.index(m.group(1)) + 1)))
    return sorted(found, key=lambda f: f[0].start)


_WORD_CHAR = re.compile(r"\w")
_DAY_BEFORE = re.compile(r"[\d.]\s")


def _month_at(text: str, start: int) -> bool:
    """A month name at ``start`` begins a word and does not follow "5. " (a day's)."""
    return not (start and _WORD_CHAR.match(text, start - 1)) and not (
        start >= 2 and _DAY_BEFORE.match(text, start - 2))


def amounts(text: str) -> list[tuple[Span, Decimal, str]]:
    """``77,5 Mio. Euro`` -> 77500000 EUR; ``480.000 EUR`` -> 480000 EUR."""
    pats = _patterns()
    found: list[tuple[Span, Decimal, str]] = []
    if not any(c in text for c in pats.currencies):
        return found  # an amount names its currency
    for m in pats.amount.finditer(text):
        value = Decimal(m.group(1).replace(".", "") + ("." + m.group(2) if m.group(2) else ""))
        if m.group(3):
            value *= pats.multipliers[m.group(3)]
        found.append((Span(m.start(), m.end()), value.normalize() if value % 1 else Decimal(int(value)),
                      pats.currencies[m.group(4)]))
    return found


def references(text: str, found_dates: list[tuple[Span, date | tuple[int, int]]] | None = None,
               body_hits: list[Hit] | None = None) -> list[Found]:
    """``19. IntMK``, ``101. ASMK unter TOP 6.2``, ``TOP 4.1 der 15. IntMK``, ``vgl. Beschluss
    vom 5./6. Mai 2015``, ``TOP 2.1 der Sonder-IntMK vom 12.11.2015``, ``MPK-Beschluss vom
    10. Mai 2023 sowie vom 6. November 2023``, ``Beschluss der Ministerpräsidentenkonferenz
    (MPK) vom 10.05.2023``. Callers that have already read the text's ``dates`` and
    ``bodies().find`` pass them in."""
    pats = _patterns()
    found = []
    numbered = pats.numbered.finditer(text) if pats.numbered_core.search(text) else ()  # cheap test first
    for m in numbered:
        body = "IntMK" if m["body"] in pats.intmk_labels else m["body"]
        kind = pats.special_kind if m["special"] and body == "IntMK" else None
        found.append(Found(Span(m.start(), m.end()), body, int(m["n"]), None, _top(m), kind))
    if not re.search(r"\s(?:vom|am)\s+\d", text):
        return found
    taken = [(f.span.start, f.span.end) for f in found]
    for m in pats.own_dated.finditer(text) if pats.own_dated_core.search(text) else ():
        if any(s <= m.start() < e for s, e in taken):
            continue
        month = pats.months_index[m["mon"]] if m["mon"] else int(m["m"])
        try:
            day = date(int(m["y"]), month, int(m["d"]))
        except ValueError:
            continue
        kind = pats.special_kind if m["special"] else None
        found.append(Found(Span(m.start(), m.end()), "IntMK", None, day, _top(m), kind))
    # Dated resolutions of other conferences: the conference, then "vom"/"am" dates.
    days = {span.start: (span, value) for span, value in (dates(text) if found_dates is None else found_dates)
            if isinstance(value, date)}
    for hit in bodies().find(text) if body_hits is None else body_hits:
        if hit.entry.key not in pats.conferences:
            continue
        first, pos = hit.start, hit.end
        after = _DATED.match(text, pos)
        while after and (at := _date_at(text, after.end())) in days:
            span, day = days[at]
            if at != after.end():  # "vom 12./13. Mai 2021": the meeting's first day
                day = day.replace(day=int(text[after.end():at].split(".")[0]))
            top = pats.top_after.match(text, span.end)
            end = top.end() if top and top.group() else span.end
            found.append(Found(Span(first, end), hit.entry.key, None, day, _top(top) if top else None))
            pos = end
            after = _ANOTHER_DATE.match(text, pos)
            first = after.start("next") if after else pos
    return sorted(found, key=lambda f: f.span.start)


_RANGE_START = re.compile(r"\d{1,2}\.\s*(?:/|-|–|und|bis)\s*")  # "12./" of "12./13. Mai 2021"


def _date_at(text: str, pos: int) -> int:
    """Where the (last) date of a day range starting at ``pos`` begins."""
    skip = _RANGE_START.match(text, pos)
    return skip.end() if skip else pos


def _top(m: re.Match[str]) -> str | None:
    groups = m.groupdict()
    return groups.get("before") or groups.get("after") or groups.get("bracket")

"""Dates, monetary amounts and references to other meetings in resolution text.
The words (months, currencies, conferences) come from ``vocab/content.toml``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache

from .lexicon import bodies
from .vocab import content_rules


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@lru_cache(maxsize=1)
def _patterns():
    rules = content_rules()
    months = rules["dates"]["months"]
    month_alt = "|".join(months)
    day = re.compile(
        rf"(?<!\d)(?:(\d{{1,2}})\.\s?(\d{{1,2}})\.\s?(\d{{4}})|(\d{{1,2}})\.\s+({month_alt})\s+(\d{{4}}))(?!\d)"
    )
    month = re.compile(rf"(?<![\d.]\s)\b({month_alt})\s+(\d{{4}})(?!\d)")
    currencies = rules["amounts"]["currencies"]
    multipliers = rules["amounts"]["multipliers"]
    amount = re.compile(
        r"(?<![\d.,])(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?\s*("
        + "|".join(re.escape(m) for m in sorted(multipliers, key=len, reverse=True))
        + r")?\s*("
        + "|".join(re.escape(c) for c in sorted(currencies, key=len, reverse=True))
        + r")(?!\w)"
    )
    conferences = rules["references"]["conferences"]
    intmk = rules["references"]["intmk_labels"]
    numbered = re.compile(
        r"(?<![\d.])(\d{1,3})\.\s*(" + "|".join(map(re.escape, intmk + conferences[1:])) + r")\b"
        r"(?:\s+unter\s+TOP\s+([\w.]*\w))?"
    )
    return months, day, month, amount, currencies, multipliers, numbered, set(intmk), conferences


def dates(text: str) -> list[tuple[Span, date | tuple[int, int]]]:
    """Days (``10.05.2023``, ``10. Mai 2023``) and months (``Juli 2024``)."""
    months, day, month, *_ = _patterns()
    found = []
    taken = []
    for m in day.finditer(text):
        if m.group(1):
            d, mo, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
        else:
            d, mo, y = int(m.group(4)), months.index(m.group(5)) + 1, int(m.group(6))
        try:
            value = date(y, mo, d)
        except ValueError:
            continue  # "31.02." is not a date
        found.append((Span(m.start(), m.end()), value))
        taken.append((m.start(), m.end()))
    for m in month.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        found.append((Span(m.start(), m.end()), (int(m.group(2)), months.index(m.group(1)) + 1)))
    return sorted(found, key=lambda f: f[0].start)


def amounts(text: str) -> list[tuple[Span, Decimal, str]]:
    """``77,5 Mio. Euro`` -> 77500000 EUR; ``480.000 EUR`` -> 480000 EUR."""
    *_, amount, currencies, multipliers, _n, _i, _c = _patterns()
    found = []
    for m in amount.finditer(text):
        value = Decimal(m.group(1).replace(".", "") + ("." + m.group(2) if m.group(2) else ""))
        if m.group(3):
            value *= multipliers[m.group(3)]
        found.append((Span(m.start(), m.end()), value.normalize() if value % 1 else Decimal(int(value)),
                      currencies[m.group(4)]))
    return found


def references(text: str) -> list[tuple[Span, str, int | None, date | None, str | None]]:
    """``19. IntMK``, ``101. ASMK unter TOP 6.2``, ``MPK-Beschluss vom 10. Mai 2023
    sowie vom 6. November 2023``, ``Beschluss der Ministerpräsidentenkonferenz (MPK)
    vom 10.05.2023``: (span, conference, number, date, TOP)."""
    *_, numbered, intmk, conferences = _patterns()
    found = []
    for m in numbered.finditer(text):
        body = "IntMK" if m.group(2) in intmk else m.group(2)
        found.append((Span(m.start(), m.end()), body, int(m.group(1)), None, m.group(3)))
    # Dated resolutions of other conferences: the conference, then "vom"/"am" dates.
    if not re.search(r"\s(?:vom|am)\s+\d", text):
        return sorted(found, key=lambda f: f[0].start)
    day_spans = dates(text)
    for hit in bodies().find(text):
        if hit.entry.key not in conferences:
            continue
        pos = hit.end
        after = re.match(r"(?:-Beschluss|\s*\([^)]*\))?\s+(?:vom|am)\s+", text[pos:])
        first = hit.start
        while after:
            start = pos + after.end()
            match = next((d for d in day_spans if d[0].start == start and isinstance(d[1], date)), None)
            if match is None:
                break
            found.append((Span(first, match[0].end), hit.entry.key, None, match[1], None))
            pos = match[0].end
            after = re.match(r"\s+(?:sowie|und)\s+(?:vom|am)\s+", text[pos:])
            first = pos + after.start() + len(after.group(0)) - len(after.group(0).lstrip()) if after else pos
    return sorted(found, key=lambda f: f[0].start)

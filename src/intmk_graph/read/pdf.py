"""PDF -> numbered lines, from where each word sits on the page (the only module that
imports the PDF library, pypdfium2).

What positions give that text does not:

* the official line numbers are the numbers in a margin column, right of the text (or
  left of it), right-aligned at one x position on many lines — separated by position,
  never guessed from the text;
* running headers and footers are the lines in the top and bottom bands that repeat,
  up to their digits, on most pages; they are handed on as furniture;
* a vertical gap larger than the usual line spacing is a blank line, as in the text
  files, so the same segmentation reads both.

Every line keeps its page and its line on the page.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from ..errors import InputError
from ..model import ReadWarning
from .sources import Decoded, SourceLine

_DIGITS = re.compile(r"\d+")
_NUMBER = re.compile(r"^\d{1,3}$")
# A page number in a band, its digits replaced by #: "#", "- # -", "Seite # von #", "Seite | #", "#/#".
_PAGE_NUMBER = re.compile(r"^(?:Seite\s*\|?\s*)?[-–]?\s*#\s*[-–]?(?:\s*(?:von|/)\s*#)?$")
# A line-number column needs this share of the text lines, so a contents' page column
# (a handful of right-aligned numbers) is never taken for one.
_COLUMN_SHARE = 0.2
_NO_KIDS = re.compile(rb"/Kids\s*\[\s*\]")  # a page tree without pages
_BAND_TOP, _BAND_BOTTOM = 0.09, 0.93  # header and footer bands, as a share of page height


@dataclass
class _Word:
    text: str
    x0: float
    x1: float
    top: float  # distance from the top of the page
    bottom: float
    size: float


@dataclass
class _Row:
    page: int
    words: list[_Word]
    height: float  # of the page

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


def _open(data: bytes, name: str) -> Any:
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        message = str(exc)
        if "password" in message.lower():
            raise InputError("the PDF is encrypted; expected a PDF that opens without a password", name) from None
        if _NO_KIDS.search(data):  # PDFium will not open a document of 0 pages
            raise InputError("the PDF has no pages; expected the pages of a resolution collection", name) from None
        raise InputError(f"not a readable PDF ({message}); expected an unbroken PDF file", name) from None


def _words(page: Any) -> tuple[list[_Word], float]:
    """The words of one page with their boxes, top-down coordinates."""
    width, height = page.get_size()
    textpage = page.get_textpage()
    count = textpage.count_chars()
    text = textpage.get_text_range(0, count) if count else ""
    words: list[_Word] = []
    chars: list[tuple[str, float, float, float, float]] = []

    def flush() -> None:
        if chars:
            words.append(_Word(
                "".join(c[0] for c in chars), min(c[1] for c in chars), max(c[2] for c in chars),
                height - max(c[4] for c in chars), height - min(c[3] for c in chars),
                max(c[4] - c[3] for c in chars),
            ))
            chars.clear()

    for i, ch in enumerate(text[:count]):
        if ch.isspace() or ch == "\x00":
            flush()
            continue
        if ch == "\ufffe":  # PDFium's mark for a hyphen at the end of a line
            ch = "-"
        left, bottom, right, top = textpage.get_charbox(i, loose=True)
        if chars and (left - chars[-1][2] > 0.25 * max(top - bottom, 1) or abs(bottom - chars[-1][3]) > 0.5 * max(top - bottom, 1)):
            flush()  # a gap or a jump to another line without a space between
        chars.append((ch, left, right, bottom, top))
    flush()
    return words, height


def _rows(words: list[_Word], page: int, height: float) -> list[_Row]:
    """Words grouped into lines by their vertical position, each in reading order."""
    rows: list[_Row] = []
    for word in sorted(words, key=lambda w: (w.bottom, w.x0)):
        row = rows[-1] if rows else None
        if row and abs(word.bottom - max(w.bottom for w in row.words)) <= 0.35 * max(word.size, 1):
            row.words.append(word)
        else:
            rows.append(_Row(page, [word], height))
    for row in rows:
        row.words.sort(key=lambda w: w.x0)
    return rows


def _margin_number(row: _Row, side: str) -> _Word | None:
    """A number standing apart at the end (or start) of a line."""
    if len(row.words) < 2:
        return None
    number, neighbour = (row.words[-1], row.words[-2]) if side == "right" else (row.words[0], row.words[1])
    gap = number.x0 - neighbour.x1 if side == "right" else neighbour.x0 - number.x1
    if _NUMBER.match(number.text) and gap >= 2 * max(neighbour.size, 4):
        return number
    return None


def _number_column(rows: list[_Row]) -> tuple[str, str, float] | None:
    """(side, edge, x) of the official line-number column, if the document has one:
    numbers standing apart at the end (or start) of many lines, aligned on their right
    (or left) edge."""
    text_rows = [r for r in rows if len(r.words) > 1]
    best = None
    for side in ("right", "left"):
        numbers = [w for r in text_rows if (w := _margin_number(r, side))]
        for edge in ("x1", "x0"):
            at = Counter(round(getattr(w, edge)) for w in numbers)
            if not at:
                continue
            x, _ = at.most_common(1)[0]
            near = sum(c for e, c in at.items() if abs(e - x) <= 2)
            if near >= max(3, _COLUMN_SHARE * len(text_rows)) and (best is None or near > best[0]):
                best = (near, side, edge, float(x))
    return best[1:] if best else None


def _furniture_rows(rows: list[_Row], pages: int) -> set[int]:
    """Indexes of rows in the header and footer bands that repeat (up to their digits)
    on most pages, or that are page numbers."""
    keyed: dict[int, str] = {}
    for i, row in enumerate(rows):
        if row.top < _BAND_TOP * row.height or row.top > _BAND_BOTTOM * row.height:
            keyed[i] = _DIGITS.sub("#", row.text)
    seen = Counter({key: len({rows[i].page for i, k in keyed.items() if k == key}) for key in set(keyed.values())})
    needed = max(2, pages // 2) if pages > 2 else 1
    return {i for i, key in keyed.items() if seen[key] >= needed or _PAGE_NUMBER.match(key)}


def read_pdf(data: bytes, name: str) -> Decoded:
    """The lines of a PDF with their pages; see the module docstring."""
    doc = _open(data, name)
    try:
        pages = len(doc)
        if pages == 0:
            raise InputError("the PDF has no pages; expected the pages of a resolution collection", name)
        rows: list[_Row] = []
        empty: list[int] = []
        for index in range(pages):
            words, height = _words(doc[index])
            if not words:
                empty.append(index + 1)
            rows += _rows(words, index + 1, height)
    finally:
        doc.close()
    if not rows:
        raise InputError("no text layer on any page; run OCR first, e.g. ocrmypdf", name)
    column = _number_column(rows)
    furniture = _furniture_rows(rows, pages)
    lines: list[SourceLine] = []
    page_lines: Counter[int] = Counter()
    spacing = _spacing([r for i, r in enumerate(rows) if i not in furniture])
    first_top = _first_top(rows, furniture)
    previous: _Row | None = None  # the last row of text, furniture left out
    for i, row in enumerate(rows):
        is_furniture = i in furniture
        if not is_furniture:  # lines on a page are counted below the running header
            page_lines[row.page] += 1
            if previous is not None and previous.page == row.page:
                gap = row.top - previous.top > 1.5 * spacing
            else:  # the first line of a page: lower than usual after a paragraph break
                gap = previous is not None and row.top - first_top > 0.5 * spacing
            if gap:
                lines.append(SourceLine(len(lines) + 1, "", page=row.page))  # a gap is a blank line
            previous = row
        words = row.words
        official = None
        if column and not is_furniture and (w := _margin_number(row, column[0])):
            if abs(getattr(w, column[1]) - column[2]) <= 2:
                official = int(w.text)
                words = words[:-1] if column[0] == "right" else words[1:]
        lines.append(SourceLine(
            len(lines) + 1, " ".join(w.text for w in words), page=row.page,
            page_line=None if is_furniture else page_lines[row.page],
            official=official, hint="running_header" if is_furniture else None,
        ))
    warnings = tuple(ReadWarning(None, f"page {p} has no text; expected text on every page (a scanned page?)")
                     for p in empty)
    return Decoded(lines, "pdf", warnings)


def _first_top(rows: list[_Row], furniture: set[int]) -> float:
    """Where the text usually begins on a page: the most common top of a page's first
    line of text."""
    firsts: dict[int, float] = {}
    for i, row in enumerate(rows):
        if i not in furniture:
            firsts.setdefault(row.page, row.top)
    counts = Counter(round(top) for top in firsts.values())
    return float(min(counts, key=lambda top: (-counts[top], top))) if counts else 0.0


def _spacing(rows: list[_Row]) -> float:
    """The distance between two lines of one paragraph: the smallest step between lines
    that is common (5 % of all steps), since gaps between paragraphs can be the more
    frequent step."""
    steps = Counter(round(b.top - a.top, 1) for a, b in zip(rows, rows[1:]) if a.page == b.page and b.top > a.top)
    total = sum(steps.values())
    common = sorted(step for step, n in steps.items() if n >= 0.05 * total)
    return common[0] if common else 12.0

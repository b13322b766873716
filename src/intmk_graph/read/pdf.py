"""PDF -> numbered lines, from where each word sits on the page (the only module that
imports the PDF library, pypdfium2).

What positions give that text does not:

* the official line numbers are a column of integers that count on at one x position,
  learned over the document (``line_numbers``): taken off the text by position, also
  where they touch it;
* running headers and footers are the lines in the top and bottom bands that repeat,
  up to their digits, on most pages; they are handed on as furniture;
* a vertical gap larger than the usual line spacing is a blank line, as in the text
  files, so the same segmentation reads both.

Every line keeps its page and its line on the page.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from typing import Any

from ..errors import InputError
from ..model import ReadWarning
from . import line_numbers
from .geometry import Row, Word
from .sources import Decoded, SourceLine

_DIGITS = re.compile(r"\d+")
# A page number in a band, its digits replaced by #: "#", "- # -", "Seite # von #", "Seite | #", "#/#".
_PAGE_NUMBER = re.compile(r"^(?:Seite\s*\|?\s*)?[-–]?\s*#\s*[-–]?(?:\s*(?:von|/)\s*#)?$")
_NO_KIDS = re.compile(rb"/Kids\s*\[\s*\]")  # a page tree without pages
_BAND_TOP, _BAND_BOTTOM = 0.09, 0.93  # header and footer bands, as a share of page height


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


def _upright(rotation: int, width: float, height: float) -> Any:
    """Character boxes (left, bottom, right, top, in the page's own space) as the page is
    shown, turned by its /Rotate (clockwise): a landscape annex stored as a portrait page
    turned by 90° reads across, not down. ``width``, ``height``: as shown."""
    if rotation == 90:
        return lambda l, b, r, t: (b, height - r, t, height - l)
    if rotation == 180:
        return lambda l, b, r, t: (width - r, height - t, width - l, height - b)
    if rotation == 270:
        return lambda l, b, r, t: (width - t, l, width - b, r)
    return None


# Digits set raised and small after a word are a footnote mark: written as superscripts
# ("Verwaltung¹"), as the text files have them, never taken for a line number.
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def _words(page: Any) -> tuple[list[Word], float]:
    """The words of one page with their boxes, top-down coordinates."""
    width, height = page.get_size()
    upright = _upright(page.get_rotation(), width, height)
    textpage = page.get_textpage()
    count = textpage.count_chars()
    text = textpage.get_text_range(0, count) if count else ""
    words: list[Word] = []
    chars: list[tuple[str, float, float, float, float]] = []

    def flush() -> None:
        if chars:
            words.append(Word(
                "".join(c[0] for c in chars), min(c[1] for c in chars), max(c[2] for c in chars),
                height - max(c[4] for c in chars), height - min(c[3] for c in chars),
                max(c[4] - c[3] for c in chars), tuple((c[1], c[2], c[4] - c[3]) for c in chars),
            ))
            chars.clear()

    for i, ch in enumerate(text[:count]):
        if ch.isspace() or ch == "\x00":
            flush()
            continue
        if ch == "\ufffe":  # PDFium's mark for a hyphen at the end of a line
            ch = "-"
        left, bottom, right, top = textpage.get_charbox(i, loose=True)
        if upright is not None:
            left, bottom, right, top = upright(left, bottom, right, top)
        if chars and (mark := _raised(ch, left, bottom, top, chars[-1])):
            chars.append((mark, left, right, chars[-1][3], chars[-1][3] + (top - bottom)))
            continue  # on the word's baseline, so that the word keeps its line
        if chars and (left - chars[-1][2] > 0.25 * max(top - bottom, 1) or abs(bottom - chars[-1][3]) > 0.5 * max(top - bottom, 1)):
            flush()  # a gap or a jump to another line without a space between
        chars.append((ch, left, right, bottom, top))
    flush()
    return words, height


def _raised(ch: str, left: float, bottom: float, top: float,
            before: tuple[str, float, float, float, float]) -> str | None:
    """``ch`` as a superscript when it is a digit set small and raised right after the
    character ``before`` (or after a mark already raised), else None."""
    size, height = top - bottom, before[4] - before[3]
    if not (ch.isdecimal() or ch == "*") or not -0.5 <= left - before[2] <= 1.5 or bottom - before[3] > 0.7 * height:
        return None  # not right after it, or not within its line (the stream went elsewhere)
    if before[0] in "⁰¹²³⁴⁵⁶⁷⁸⁹":
        return ch.translate(_SUPERSCRIPT) if abs(bottom - before[3]) < 0.3 * height + 4 and size <= height + 0.5 else None
    if size < 0.8 * height and bottom > before[3] + 0.25 * height and not before[0].isdecimal():
        return ch.translate(_SUPERSCRIPT)
    return None


def _rows(words: list[Word], page: int, height: float) -> list[Row]:
    """Words grouped into lines by their vertical position, each in reading order."""
    rows: list[Row] = []
    for word in sorted(words, key=lambda w: (w.bottom, w.x0)):
        row = rows[-1] if rows else None
        if row and abs(word.bottom - max(w.bottom for w in row.words)) <= 0.35 * max(word.size, 1):
            row.words.append(word)
        else:
            rows.append(Row(page, [word], height))
    for row in rows:
        row.words.sort(key=lambda w: w.x0)
    return _marks_joined(rows)


def _marks_joined(rows: list[Row]) -> list[Row]:
    """A footnote's mark set small and raised before its text ("¹ Vgl. …") sits higher
    than the text's line: it joins that line, as a superscript."""
    kept: list[Row] = []
    for i, row in enumerate(rows):
        after = rows[i + 1] if i + 1 < len(rows) else None
        if (after is not None and all(w.text.isdecimal() and len(w.text) <= 2 for w in row.words)
                and row.words[-1].x1 <= after.words[0].x0 + 1
                and after.top <= row.words[0].bottom < max(w.bottom for w in after.words)
                and max(w.size for w in row.words) < 0.85 * max(w.size for w in after.words)):
            marks = [replace(w, text=w.text.translate(_SUPERSCRIPT)) for w in row.words]
            after.words[:0] = marks
            continue
        kept.append(row)
    return kept


def _furniture_rows(rows: list[Row], pages: int) -> set[int]:
    """Indexes of rows in the header and footer bands that repeat (up to their digits)
    on most pages, or that are page numbers."""
    keyed: dict[int, str] = {}
    for i, row in enumerate(rows):
        if row.top < _BAND_TOP * row.height or row.top > _BAND_BOTTOM * row.height:
            keyed[i] = _DIGITS.sub("#", row.text)
    seen = Counter({key: len({rows[i].page for i, k in keyed.items() if k == key}) for key in set(keyed.values())})
    needed = max(2, pages // 2)  # on two pages at least: a short document's first lines are no header
    return {i for i, key in keyed.items() if seen[key] >= needed or _PAGE_NUMBER.match(key)}


def read_pdf(data: bytes, name: str, ocr: bool = False) -> Decoded:
    """The lines of a PDF with their pages; see the module docstring. With ``ocr``, pages
    without a text layer (scans) are read by OCR (:mod:`.ocr`), their lines carrying
    the recognition confidence."""
    doc = _open(data, name)
    try:
        pages = len(doc)
        if pages == 0:
            raise InputError("the PDF has no pages; expected the pages of a resolution collection", name)
        page_words = [_words(doc[index]) for index in range(pages)]
    finally:
        doc.close()
    empty = [index + 1 for index, (words, _) in enumerate(page_words) if not words]
    recognised: set[int] = set()
    if ocr and empty:
        from ..settings import default_jobs
        from .ocr import recognise  # OCRmyPDF only when asked for and needed

        for page, found in recognise(data, name, empty, default_jobs()).items():
            page_words[page - 1] = found
            recognised.add(page)
        empty = [page for page in empty if not page_words[page - 1][0]]
    rows: list[Row] = []
    for index, (words, height) in enumerate(page_words):
        page_rows = _rows(words, index + 1, height)
        if index + 1 in recognised:
            from .ocr import corrected

            page_rows = corrected(page_rows)
        rows += page_rows
    if not rows:
        raise InputError("no text layer on any page (a scan?); read it with --ocr, which runs OCRmyPDF and Tesseract",
                         name)
    furniture = _furniture_rows(rows, pages)
    lines: list[SourceLine] = []
    page_lines: Counter[int] = Counter()
    spacing = _spacing([r for i, r in enumerate(rows) if i not in furniture])
    numbering = line_numbers.find(rows, furniture, spacing)
    line_of: dict[int, int] = {}  # row index -> its line
    first_top = _first_top(rows, furniture)
    previous: Row | None = None  # the last row of text, furniture left out
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
        words = numbering.words.get(i, row.words)
        line_of[i] = len(lines) + 1
        lines.append(SourceLine(
            len(lines) + 1, " ".join(w.text for w in words), page=row.page,
            page_line=None if is_furniture else page_lines[row.page],
            official=numbering.official.get(i), hint="running_header" if is_furniture else None,
            recognition=_recognition(words),
        ))
    warnings = tuple(ReadWarning(None, f"page {p} has no text; expected text on every page (a scanned page? read it with --ocr)")
                     for p in empty) + tuple(ReadWarning(line_of[i], message) for i, message in numbering.warnings)
    return Decoded(lines, "pdf", warnings, numbering.step)


def _recognition(words: list[Word]) -> float | None:
    """The mean OCR confidence of a line's words (None: read from a text layer)."""
    known = [w.confidence for w in words if w.confidence is not None]
    return round(sum(known) / len(known), 3) if known else None


def _first_top(rows: list[Row], furniture: set[int]) -> float:
    """Where the text usually begins on a page: the most common top of a page's first
    line of text."""
    firsts: dict[int, float] = {}
    for i, row in enumerate(rows):
        if i not in furniture:
            firsts.setdefault(row.page, row.top)
    counts = Counter(round(top) for top in firsts.values())
    return float(min(counts, key=lambda top: (-counts[top], top))) if counts else 0.0


def _spacing(rows: list[Row]) -> float:
    """The distance between two lines of one paragraph: the smallest step between lines
    that is common (5 % of all steps), since gaps between paragraphs can be the more
    frequent step."""
    steps = Counter(round(b.top - a.top, 1) for a, b in zip(rows, rows[1:]) if a.page == b.page and b.top > a.top)
    total = sum(steps.values())
    common = sorted(step for step, n in steps.items() if n >= 0.05 * total)
    return common[0] if common else 12.0

"""Lay out the test documents as PDFs, the way the published ones look: A4, a sans font at
11 pt, the official line numbers right-aligned in the right margin, a running header on
every page and the page number in the footer, the same line breaks and hyphenation as
the text file. Byte-stable (reportlab's invariant mode), so a PDF is made in the test
run rather than committed.

``python tests/pdfdocs.py OUT_DIR`` writes them for a look.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

from helpers import BUNDLED, DATA

from intmk_graph.read.documents import read_document
from intmk_graph.read.segments import read_collection

FURNITURE = {"conference_header", "meeting_header", "page_number", "link", "running_header", "document_heading"}
# DejaVu Sans has every character of the documents (U+2010 too); Debian's fonts-dejavu-core.
FONT_FILES = ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",)


@dataclass
class PdfLine:
    text: str
    official: int | None = None  # printed in the margin
    gap: bool = False  # a blank line before it
    column: tuple[str, str, str] | None = None  # a contents row: id | title | page


def lines_of(path: Path) -> list[PdfLine]:
    """The content lines of a text document with their official numbers, as our reader
    sees them; page furniture is left out (the PDF draws its own)."""
    source = read_document(path)
    collection = read_collection(source.lines, str(path))
    official: dict[int, int] = {}
    for r in collection.resolutions:
        texts = [p.text for p in r.paragraphs] + [n.text for n in r.protocol_notes]
        for text in texts:
            for span in text.spans:
                if span.official_line is not None:
                    official[span.source_line] = span.official_line
    result: list[PdfLine] = []
    gap = False
    title_page = True
    for line, role in zip(source.lines, collection.line_roles):
        text = " ".join(line.text.split())
        title_page = title_page and role != "header"
        if role == "blank" or not text:
            gap = bool(result)
            continue
        if role in FURNITURE and not (title_page and role == "document_heading"):
            continue
        number = official.get(line.number)
        if number is not None:
            text = _without_number(text, number)
        row = None
        if role == "toc" and (m := re.match(r"^(?:TOP\s+)?(\d[\d.]*[a-z]?|[A-Z]\d*)\s+(.*?)\s*(?:\.{3,}\s*)?(\d{1,3})?$", text)):
            row = (m[1], m[2], m[3] or "")
        elif role == "toc" and result and result[-1].column:
            row = ("", text, "")  # a wrapped title, in the title column
        result.append(PdfLine(text, number, gap, row))
        gap = False
    return result


def _without_number(text: str, n: int) -> str:
    if m := re.match(rf"^(.*?)\s*(?<!\d){n}$", text):
        return m[1]
    if m := re.match(rf"^{n}\s+(.*)$", text):
        return m[1]
    return text


@dataclass(frozen=True)
class Numbers:
    """How a producer prints the official line numbers."""

    side: str = "right"  # "right", "left", or "mirrored" (odd pages right, even pages left)
    every: int = 1  # 5: only every fifth line shows its number ("count by 5")
    count: str = "resolution"  # restart in each "resolution", on each "page", or run "through"
    touching: frozenset[int] = frozenset()  # pages where the text runs up to the number


def make_pdf(lines: list[PdfLine], out: Path, header: list[str], footer: str = "Seite {page} von {pages}",
             first_page_header: bool = True, numbers_left: bool = False, numbers: Numbers = Numbers()) -> Path:
    """Draw the lines on A4 pages; ``footer`` may use {page} and {pages}; the line
    numbers go in the right margin, or with ``numbers_left`` in the left one (as word
    processors number lines), as ``numbers`` says."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas

    font = next((f for f in FONT_FILES if Path(f).exists()), None)
    if font is None:
        raise RuntimeError("DejaVu Sans is missing; install Debian's fonts-dejavu-core")
    pdfmetrics.registerFont(TTFont("Sans", font))
    width, height = A4
    if numbers_left:
        numbers = Numbers("left", numbers.every, numbers.count, numbers.touching)
    left, right = (80, 545) if numbers.side != "right" else (56, 525)
    # 11 pt where the lines fit; the 2025 text's lines came from a narrower font.
    widest = max(pdfmetrics.stringWidth(line.text, "Sans", 11) for line in lines)
    size = min(11.0, 11 * (right - left) / widest)
    top, bottom, leading = height - 95, 70, size * 1.45
    pages: list[list[tuple[float, PdfLine]]] = [[]]
    y = top
    for line in lines:
        step = leading * (1.7 if line.gap else 1)
        if y - step < bottom:
            pages.append([])
            y = top + leading  # the first line of a page keeps its paragraph gap
        y -= step
        pages[-1].append((y, line))
    printed = _printed_numbers(pages, numbers.count)
    out.parent.mkdir(parents=True, exist_ok=True)
    canvas = Canvas(str(out), pagesize=A4, invariant=1)
    canvas.setTitle(out.stem)
    for number, page in enumerate(pages, start=1):
        on_right = numbers.side == "right" or (numbers.side == "mirrored" and number % 2 == 1)
        if number > 1 or first_page_header:
            canvas.setFont("Sans", 9)
            for i, text in enumerate(header):
                canvas.drawString(left, height - 45 - 12 * i, text)
        canvas.setFont("Sans", 9)
        canvas.drawCentredString(width / 2, 35, footer.format(page=number, pages=len(pages)))
        canvas.setFont("Sans", size)
        for y, line in page:
            official = printed.get(id(line))
            shown = official is not None and official % numbers.every == 0
            label = str(official) if shown else ""
            if line.column:
                ident, title, page_no = line.column
                canvas.drawString(left, y, ident)
                canvas.drawString(left + 45, y, title)
                if page_no:
                    canvas.drawRightString(right, y, page_no)
            elif shown and on_right and number in numbers.touching and " " in line.text:
                # justified up to 0.8 pt before the number, which the extraction then glues on
                end = right + 35 - pdfmetrics.stringWidth(label, "Sans", 8) - 0.8
                spare = end - left - pdfmetrics.stringWidth(line.text, "Sans", size)
                text = canvas.beginText(left, y)
                text.setFont("Sans", size)
                text.setWordSpace(max(0.0, spare / line.text.count(" ")))
                text.textOut(line.text)
                canvas.drawText(text)
            else:
                canvas.drawString(left, y, line.text)
            if shown:
                canvas.setFont("Sans", 8)
                if on_right:
                    canvas.drawRightString(right + 35, y, label)
                else:
                    canvas.drawRightString(left - 30, y, label)
                canvas.setFont("Sans", size)
        canvas.showPage()
    canvas.save()
    return out


def _printed_numbers(pages: list[list[tuple[float, PdfLine]]], count: str) -> dict[int, int]:
    """The number each numbered line prints: its resolution's own, or counted on each
    page or through the document."""
    printed: dict[int, int] = {}
    through = 0
    for page in pages:
        on_page = 0
        for _, line in page:
            if line.official is None:
                continue
            through, on_page = through + 1, on_page + 1
            printed[id(line)] = {"resolution": line.official, "page": on_page, "through": through}[count]
    return printed


def pdf_2025(out: Path) -> Path:
    """The bundled 2025 collection as the published PDF lays it out."""
    return make_pdf(lines_of(BUNDLED), out, [
        "20. Integrationsministerkonferenz 2025",
        "Hauptkonferenz am 23. – 24. April 2025 in Göttingen",
    ])


def pdf_2014(out: Path) -> Path:
    """The 2014 Beschlussniederschrift: title page, contents as a table, no line numbers,
    'Seite | 2' footers, a running header from the second page on."""
    return make_pdf(lines_of(DATA / "years" / "bn-2014-wernigerode.txt"), out,
                    ["9. Integrationsministerkonferenz am 7./8. Mai 2014 in Wernigerode"],
                    footer="Seite | {page}", first_page_header=False)


if __name__ == "__main__":
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "output/pdf")
    for made in (pdf_2025(folder / "intmk-20-2025-goettingen.pdf"), pdf_2014(folder / "bn-2014-wernigerode.pdf")):
        print(made)

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
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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
    cells: tuple[str, ...] | None = None  # a table's row (cells apart by two spaces in the text file)
    footnote: bool = False  # set small at the foot of the page of its mark
    landscape: bool = False  # on a page of its own, turned by /Rotate 90


def lines_of(path: Path, landscape: str | None = None) -> list[PdfLine]:
    """The content lines of a text document with their official numbers, as our reader
    sees them; page furniture is left out (the PDF draws its own). From a line that
    begins with ``landscape`` to the end of its item, the lines go on turned pages."""
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
    turned = False
    for line, role in zip(source.lines, collection.line_roles):
        text = " ".join(line.text.split())
        title_page = title_page and role != "header"
        turned = (turned and role != "header") or bool(landscape and text.startswith(landscape))
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
        cells = tuple(re.split(r"\s{2,}", line.text.strip())) if re.search(r"\S\s{3,}\S", line.text.strip()) else None
        result.append(PdfLine(text, number, gap, row, cells if role in ("text", "decision") else None,
                              role == "footnote", turned))
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


def make_pdf(lines: list[PdfLine], out: Path, header: list[str],
             footer: str | Callable[[int, int], str] = "Seite {page} von {pages}",
             first_page_header: bool = True, numbers_left: bool = False, numbers: Numbers = Numbers()) -> Path:
    """Draw the lines on A4 pages; ``footer`` may use {page} and {pages} (or make the
    text of a page from both); the line
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
    widest = max(pdfmetrics.stringWidth(line.text, "Sans", 11) for line in lines if not (line.cells or line.footnote))
    size = min(11.0, 11 * (right - left) / widest)
    top, bottom, leading = height - 95, 70, size * 1.45
    note_size = 8.0
    note_leading = note_size * 1.4
    pages: list[list[tuple[float, PdfLine]]] = [[]]
    notes: list[list[PdfLine]] = [[]]  # each page's footnotes, set at its foot
    turned: list[bool] = [bool(lines) and lines[0].landscape]
    y = top
    for line in lines:
        if line.footnote:
            notes[-1].append(line)
            continue
        step = leading * (1.7 if line.gap else 1)
        floor = bottom + (len(notes[-1]) * note_leading + 12 if notes[-1] else 0)
        if y - step < floor or line.landscape != turned[-1]:
            pages.append([])
            notes.append([])
            turned.append(line.landscape)
            y = (width if line.landscape else height) - 95 + leading  # the first line keeps its gap
        y -= step
        pages[-1].append((y, line))
    printed = _printed_numbers(pages, numbers.count)
    columns = _table_columns(lines, size)
    out.parent.mkdir(parents=True, exist_ok=True)
    canvas = Canvas(str(out), pagesize=A4, invariant=1)
    canvas.setTitle(out.stem)
    for number, page in enumerate(pages, start=1):
        page_width = width
        if turned[number - 1]:
            # a landscape annex stored as a portrait page turned by /Rotate 90: its text
            # runs up the page as stored, across it as shown
            canvas.setPageSize((height, width))
            canvas.setPageRotation(90)
            canvas.translate(width, 0)
            canvas.rotate(90)
            page_width = height
        page_top = width if turned[number - 1] else height
        on_right = numbers.side == "right" or (numbers.side == "mirrored" and number % 2 == 1)
        if number > 1 or first_page_header:
            canvas.setFont("Sans", 9)
            for i, text in enumerate(header):
                canvas.drawString(left, page_top - 45 - 12 * i, text)
        canvas.setFont("Sans", 9)
        canvas.drawCentredString(page_width / 2, 35, footer(number, len(pages)) if callable(footer)
                                 else footer.format(page=number, pages=len(pages)))
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
            elif line.cells and id(line) in columns:
                for x, cell in zip(columns[id(line)], line.cells):
                    _draw(canvas, left + x, y, cell, size)
                canvas.setLineWidth(0.4)
                canvas.line(left - 3, y - size * 0.45, left + columns[id(line)][-1] + 90, y - size * 0.45)
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
                _draw(canvas, left, y, line.text, size)
            if shown:
                canvas.setFont("Sans", 8)
                if on_right:
                    canvas.drawRightString(right + 35, y, label)
                else:
                    canvas.drawRightString(left - 30, y, label)
                canvas.setFont("Sans", size)
        if notes[number - 1]:  # the footnotes under a short rule, above the footer
            y = bottom + (len(notes[number - 1]) - 1) * note_leading
            canvas.setLineWidth(0.5)
            canvas.line(left, y + note_leading + 2, left + 120, y + note_leading + 2)
            for line in notes[number - 1]:
                _draw(canvas, left, y, line.text, note_size)
                y -= note_leading
        canvas.showPage()
        if turned[number - 1]:
            canvas.setPageSize(A4)
            canvas.setPageRotation(0)
    canvas.save()
    return out


_FROM_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_MARKS = re.compile(r"([⁰¹²³⁴⁵⁶⁷⁸⁹]+)")


def _draw(canvas: Any, x: float, y: float, text: str, size: float) -> None:
    """A line with its footnote marks set as word processors set them: digits, small
    and raised (not the superscript characters of the text file)."""
    from reportlab.pdfbase import pdfmetrics

    for i, part in enumerate(_MARKS.split(text)):
        if not part:
            continue
        if i % 2:
            part = part.translate(_FROM_SUPERSCRIPT)
            canvas.setFont("Sans", size * 0.6)
            canvas.drawString(x, y + size * 0.38, part)
            x += pdfmetrics.stringWidth(part, "Sans", size * 0.6)
        else:
            canvas.setFont("Sans", size)
            canvas.drawString(x, y, part)
            x += pdfmetrics.stringWidth(part, "Sans", size)
    canvas.setFont("Sans", size)


def _table_columns(lines: list[PdfLine], size: float) -> dict[int, list[float]]:
    """Where each cell of a table's rows begins: consecutive rows with cells are one
    table, each column as wide as its widest cell and a gutter."""
    from reportlab.pdfbase import pdfmetrics

    found: dict[int, list[float]] = {}
    table: list[PdfLine] = []
    for line in [*lines, PdfLine("")]:
        if line.cells and not line.footnote:
            table.append(line)
            continue
        if len(table) >= 2:
            widths = [0.0] * max(len(r.cells or ()) for r in table)
            for row in table:
                for i, cell in enumerate(row.cells or ()):
                    widths[i] = max(widths[i], pdfmetrics.stringWidth(cell, "Sans", size))
            starts = [sum(widths[:i]) + 24 * i for i in range(len(widths))]
            for row in table:
                found[id(row)] = starts
        table = []
    return found


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


def image_only_pdf(source: Path, out: Path, dpi: int = 300, pages: set[int] | None = None) -> Path:
    """``source`` as a scan: its pages (``pages``: only these, 1-based; the others keep
    their text) rendered to grey images (pypdfium2) and wrapped as a PDF without a text
    layer (Pillow). Byte-stable for the same source."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(source))
    try:
        count = len(doc)
        if pages is None:
            images = [doc[i].render(scale=dpi / 72, grayscale=True).to_pil() for i in range(count)]
            images[0].save(out, save_all=True, append_images=images[1:], resolution=dpi)
            return out
        for page in sorted(pages):  # a scanned page in a PDF with text: replace the page's content by its image
            index = page - 1
            bitmap = doc[index].render(scale=dpi / 72, grayscale=True)
            width, height = doc[index].get_size()
            image = pdfium.PdfImage.new(doc)
            image.set_bitmap(bitmap)
            image.set_matrix(pdfium.PdfMatrix().scale(width, height))
            doc.del_page(index)
            fresh = doc.new_page(width, height, index=index)
            fresh.insert_obj(image)
            fresh.gen_content()
        doc.save(str(out))
    finally:
        doc.close()
    return out


def pdf_2014(out: Path) -> Path:
    """The 2014 Beschlussniederschrift: title page, contents as a table, no line numbers,
    'Seite | 2' footers, a running header from the second page on."""
    return make_pdf(lines_of(DATA / "years" / "bn-2014-wernigerode.txt"), out,
                    ["9. Integrationsministerkonferenz am 7./8. Mai 2014 in Wernigerode"],
                    footer="Seite | {page}", first_page_header=False)


def pdf_tables(out: Path) -> Path:
    """The 2019 part with a vote table, footnotes and an annex table on a page turned
    by /Rotate 90."""
    return make_pdf(lines_of(DATA / "years" / "bn-2019-tables.txt", landscape="Anlage"), out,
                    ["14. Integrationsministerkonferenz 2019"], footer="- {page} -", first_page_header=False)


if __name__ == "__main__":
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "output/pdf")
    for made in (pdf_2025(folder / "intmk-20-2025-goettingen.pdf"), pdf_2014(folder / "bn-2014-wernigerode.pdf"),
                 pdf_tables(folder / "bn-2019-tables.pdf")):
        print(made)


# ------------------------------------------------------------ LibreOffice Writer

_FODT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls>
 <style:font-face style:name="DejaVu Sans" svg:font-family="'DejaVu Sans'" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"/>
</office:font-face-decls>
<office:styles>
 <text:linenumbering-configuration text:number-lines="true" text:offset="0.4cm" style:num-format="1"
  text:number-position="{position}" text:increment="{increment}" text:count-empty-lines="false"
  text:count-in-text-boxes="false" text:restart-on-page="false"/>
 <style:style style:name="Standard" style:family="paragraph">
  <style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0cm" fo:line-height="135%"
   fo:hyphenation-ladder-count="no-limit" text:number-lines="false"/>
  <style:text-properties style:font-name="DejaVu Sans" fo:font-size="{size}pt" fo:language="de" fo:country="DE"
   fo:hyphenate="false"/>
 </style:style>
 <style:style style:name="Gap" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:margin-top="0.4cm"/>
 </style:style>
 <style:style style:name="Text" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties text:number-lines="true"/>
 </style:style>
 <style:style style:name="TextGap" style:family="paragraph" style:parent-style-name="Text">
  <style:paragraph-properties fo:margin-top="0.4cm"/>
 </style:style>
 <style:style style:name="Small" style:family="paragraph" style:parent-style-name="Standard">
  <style:text-properties fo:font-size="8pt"/>
 </style:style>
</office:styles>
<office:automatic-styles>
 <style:page-layout style:name="A4">
  <style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="1.2cm"
   fo:margin-bottom="1.2cm" fo:margin-left="{left}cm" fo:margin-right="{right}cm"/>
  <style:header-style><style:header-footer-properties fo:min-height="0cm" fo:margin-bottom="0.5cm"/></style:header-style>
  <style:footer-style><style:header-footer-properties fo:min-height="0cm" fo:margin-top="0.5cm"/></style:footer-style>
 </style:page-layout>
{automatic}
</office:automatic-styles>
<office:master-styles>
 <style:master-page style:name="Standard" style:page-layout-name="A4">
  <style:header>{header}</style:header>
  <style:footer><text:p text:style-name="Small">{footer}</text:p></style:footer>
 </style:master-page>
</office:master-styles>
<office:body><office:text>
{body}
</office:text></office:body>
</office:document>
"""


def writer_pdf(lines: list[PdfLine], out: Path, header: list[str], increment: int = 1, position: str = "left",
               footer: str = "Seite {page} von {pages}") -> Path:
    """The lines as a LibreOffice Writer document, laid out and numbered by Writer itself
    (its line numbering, every ``increment``-th line, at ``position``: left, right,
    inner, outer), exported to PDF by Writer headless. Each line is a paragraph of its
    own, so Writer breaks the lines where the text file does; a resolution's text counts
    from 1 (a paragraph that restarts the numbering), its headings are not counted."""
    import shutil
    import subprocess
    import tempfile
    from xml.sax.saxutils import escape

    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    soffice = shutil.which("soffice")
    if soffice is None:
        raise RuntimeError("LibreOffice is missing; install Debian's libreoffice-writer-nogui")
    pdfmetrics.registerFont(TTFont("Sans", FONT_FILES[0]))
    left, right = 2.4, 2.0
    usable = (21 - left - right) / 2.54 * 72 - 6
    widest = max(pdfmetrics.stringWidth(line.text, "Sans", 10) for line in lines)
    size = round(min(10.0, 10 * usable / widest), 1)
    restarts: list[str] = []  # automatic styles: one per restart value (always 1 here)
    paragraphs: list[str] = []
    for line in lines:
        text = escape(line.text)
        if line.column:
            ident, title, page_no = line.column
            text = f"{escape(ident)}<text:tab/>{escape(title)}" + (f"<text:tab/>{escape(page_no)}" if page_no else "")
        if line.official is None:
            style = "Gap" if line.gap else "Standard"
        elif line.official == 1:
            style = "Restart" + ("Gap" if line.gap else "")
        else:
            style = "TextGap" if line.gap else "Text"
        paragraphs.append(f'<text:p text:style-name="{style}">{text}</text:p>')
    for name, parent in (("Restart", "Text"), ("RestartGap", "TextGap")):
        restarts.append(f'<style:style style:name="{name}" style:family="paragraph" style:parent-style-name="{parent}">'
                        '<style:paragraph-properties text:line-number="1"/></style:style>')
    heading = "".join(f'<text:p text:style-name="Small">{escape(h)}</text:p>' for h in header)
    foot = escape(footer).replace("{page}", "<text:page-number/>").replace("{pages}", "<text:page-count/>")
    document = _FODT.format(position=position, increment=increment, size=size, left=left, right=right,
                            automatic="\n".join(restarts), header=heading, footer=foot, body="\n".join(paragraphs))
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        source = Path(work) / f"{out.stem}.fodt"
        source.write_text(document, encoding="utf-8")
        profile = Path(work) / "profile"  # a fresh user profile: no dialogs, nothing shared between runs
        subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                        "--outdir", work, str(source)], check=True, capture_output=True, timeout=180)
        shutil.move(str(Path(work) / f"{out.stem}.pdf"), out)
    return out


# ------------------------------------------------------------ Chromium

CHROMIUM = "/usr/bin/chromium"


def chromium_pdf(lines: list[PdfLine], out: Path, header: list[str], footer: str = "- {page} -") -> Path:
    """The lines as an HTML page printed to PDF by Chromium (Skia's PDF writer), through
    Playwright: the line numbers right-aligned in the right margin, set in the page
    rather than by a word processor; header and footer from Chromium's print templates."""
    import html


    rows = []
    for line in lines:
        text = html.escape(line.text)
        if line.column:
            ident, title, page_no = (html.escape(part) for part in line.column)
            text = f'<span class="id">{ident}</span><span class="title">{title}</span><span class="p">{page_no}</span>'
        number = f'<span class="n">{line.official}</span>' if line.official is not None else ""
        rows.append(f'<div class="{"gap " if line.gap else ""}l">{text}{number}</div>')
    page = f"""<!doctype html><html lang="de"><meta charset="utf-8"><style>
@font-face {{ font-family: Sans; src: url("file://{FONT_FILES[0]}"); }}
@page {{ size: A4; margin: 2.6cm 2.2cm 2.2cm 2.1cm; }}
body {{ font: 9.5pt/1.4 Sans; margin: 0; }}
.l {{ position: relative; white-space: pre; break-inside: avoid; padding-right: 1.3cm; }}
.gap {{ margin-top: 1.1em; }}
.n {{ position: absolute; right: 0; top: 0.15em; width: 1cm; text-align: right; font-size: 7.5pt; }}
.id {{ display: inline-block; width: 3.2em; }} .p {{ position: absolute; right: 1.3cm; }}
</style><body>{"".join(rows)}</body></html>"""
    template = "font: 7.5pt Sans; width: 100%; margin: 0 2.1cm;"
    head = "".join(f"<div>{html.escape(h)}</div>" for h in header)
    foot = html.escape(footer).replace("{page}", '<span class="pageNumber"></span>')
    out.parent.mkdir(parents=True, exist_ok=True)
    # In a thread of its own: Playwright's sync API refuses to run where an asyncio loop
    # runs already (the browser tests' session-wide Playwright).
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        pool.submit(_print_pdf, page, out, template, head, foot).result()
    return out


def _print_pdf(page: str, out: Path, template: str, head: str, foot: str) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"])
        try:
            tab = browser.new_page()
            tab.set_content(page, wait_until="load")
            tab.pdf(path=str(out), format="A4", display_header_footer=True, print_background=False,
                    header_template=f'<div style="{template}">{head}</div>',
                    footer_template=f'<div style="{template} text-align: center;">{foot}</div>',
                    margin={"top": "2.6cm", "bottom": "2.2cm", "left": "2.1cm", "right": "2.2cm"})
        finally:
            browser.close()

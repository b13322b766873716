"""Pages without a text layer (scans), read by OCR: OCRmyPDF rasterises them and runs
Tesseract with its German model; the hOCR it writes gives every word's box and
recognition confidence, and those words go on as the PDF reader's own (the only module
that imports OCRmyPDF, an optional extra: ``pip install 'intmk-graph[ocr]'``).

hOCR measures in pixels of the page image; the words are given in points, as PDFium's
are, so the PDF reader's rules (line spacing, the header band, the line-number column)
hold for them unchanged. hOCR has no character boxes: a word's characters are spread
evenly over its box, which is enough to cut off a line number glued to a word.
"""

from __future__ import annotations

import re
import tempfile
import tomllib
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from pathlib import Path
from types import ModuleType
from typing import Any

from ..errors import InputError, SetupError
from .geometry import Row, Word

LANGUAGE = "deu"
_BBOX = re.compile(r"bbox (\d+) (\d+) (\d+) (\d+)")
_CONFIDENCE = re.compile(r"x_wconf (\d+)")
_RESOLUTION = re.compile(r"scan_res (\d+)")
_BASELINE = re.compile(r"baseline (-?[\d.]+) (-?[\d.]+)")
_X_SIZE = re.compile(r"x_size ([\d.]+)")
_DESCENDERS = re.compile(r"x_descenders ([\d.]+)")
_LINES = frozenset({"ocr_line", "ocr_textfloat", "ocr_header", "ocr_caption"})
_XHTML = "{http://www.w3.org/1999/xhtml}"
_INSTALL = "pip install 'intmk-graph[ocr]' and Tesseract's German model (Debian: apt install tesseract-ocr-deu)"


@dataclass(frozen=True)
class Misreading:
    """A word OCR reads wrong and what it stands for, where the words around it say so
    (one entry of ocr.toml)."""

    means: str = ""
    read: frozenset[str] = frozenset()
    glued: tuple[str, ...] = ()
    rest: re.Pattern[str] | None = None
    within: re.Pattern[str] | None = None
    letters: dict[str, str] = field(default_factory=dict)
    next: re.Pattern[str] | None = None
    next_is: str | None = None  # "notation"
    first: bool = False
    wider_than: float | None = None

    def fix(self, word: Word, following: Word | None, first: bool, notations: frozenset[str]) -> list[Word] | None:
        """The word(s) meant, or None where this misreading is not the word's."""
        text = word.text
        if self.first and not first:
            return None
        if self.next is not None and (following is None or not self.next.match(following.text)):
            return None
        if self.next_is == "notation" and (following is None or following.text.rstrip(",.;:") not in notations):
            return None
        if self.wider_than is not None and word.x1 - word.x0 <= self.wider_than * word.size:
            return None
        if text in self.read:
            return [replace(word, text=self.means, edges=word.edges[:1] * len(self.means))]
        if self.within is not None and self.within.match(text) and any(c in self.letters for c in text):
            return [replace(word, text="".join(self.letters.get(c, c) for c in text))]
        for start in self.glued:
            if text.startswith(start) and self.rest is not None and self.rest.match(text[len(start):]) \
                    and len(word.edges) == len(text):
                sign = word.cut(0, len(start))
                return [replace(sign, text=self.means, edges=sign.edges[:1] * len(self.means)),
                        word.cut(len(start), len(text))]
        return None


@cache
def misreadings() -> tuple[Misreading, ...]:
    """The misreadings of ocr.toml, in its order."""
    data = tomllib.loads((resources.files("intmk_graph.read") / "ocr.toml").read_text("utf-8"))

    def pattern(m: dict[str, Any], key: str) -> re.Pattern[str] | None:
        return re.compile(m[key]) if key in m else None

    return tuple(Misreading(
        means=m.get("means", ""), read=frozenset(m.get("read", ())), glued=tuple(m.get("glued", ())),
        rest=pattern(m, "rest"), within=pattern(m, "within"), letters=dict(m.get("letters", {})),
        next=pattern(m, "next"), next_is=m.get("next_is"), first=bool(m.get("first", False)),
        wider_than=m.get("wider_than"),
    ) for m in data["misreading"])


@cache
def _notations() -> frozenset[str]:
    from ..vocab.lexicon import bodies, laws, programmes

    return frozenset(e.abbr for lexicon in (laws(), bodies(), programmes())
                     for e in lexicon.entries.values() if e.abbr)


def corrected(rows: list[Row]) -> list[Row]:
    """A page's rows with OCR's known misreadings put right (ocr.toml), in reading
    order: "nach 8 24" is "nach § 24". Also the look-alikes I and l where that makes a
    word of the vocabularies' abbreviations ("AsyIG", "SGB Il", "lAB")."""
    rules, notations = misreadings(), _notations()
    order = [(r, i) for r, row in enumerate(rows) for i in range(len(row.words))]
    fixed: dict[tuple[int, int], list[Word]] = {}
    for k, (r, i) in enumerate(order):
        word = rows[r].words[i]
        following = rows[order[k + 1][0]].words[order[k + 1][1]] if k + 1 < len(order) else None
        for rule in rules:
            if (found := rule.fix(word, following, i == 0, notations)) is not None:
                fixed[(r, i)] = found
                break
        else:
            previous = rows[order[k - 1][0]].words[order[k - 1][1]].text if k else ""
            if (alike := _lookalike(word, previous, notations)) is not None:
                fixed[(r, i)] = [alike]
    for r, row in enumerate(rows):
        row.words = [w for i, word in enumerate(row.words) for w in fixed.get((r, i), [word])]
    return rows


def _lookalike(word: Word, previous: str, notations: frozenset[str]) -> Word | None:
    """``word`` with I and l swapped, where that (alone or after the word before: "SGB
    Il") is an abbreviation of the vocabularies and the word as read is not."""
    text = word.text.rstrip(",.;:)")
    if not ("I" in text or "l" in text) or text in notations or f"{previous} {text}" in notations:
        return None
    for swapped in (text.replace("l", "I"), text.replace("I", "l")):
        if swapped != text and (swapped in notations or f"{previous} {swapped}" in notations):
            return replace(word, text=swapped + word.text[len(text):])
    return None


def recognise(data: bytes, name: str, pages: Iterable[int], jobs: int = 1) -> dict[int, tuple[list[Word], float]]:
    """The words (with confidences) and the height, in points, of each of ``pages``
    (1-based) of the PDF ``data``, read by OCR. The input is never written to: OCRmyPDF
    works on a copy in a folder of its own, removed afterwards."""
    wanted = sorted(set(pages))
    if not wanted:
        return {}
    ocrmypdf = _ocrmypdf()
    with tempfile.TemporaryDirectory(prefix="intmk-ocr-") as folder:
        work = Path(folder)
        source, out = work / "input.pdf", work / "hocr"
        source.write_bytes(data)
        out.mkdir()
        try:
            ocrmypdf.api._pdf_to_hocr(  # experimental in OCRmyPDF 17: the only way to its hOCR with confidences
                source, out, language=[LANGUAGE], pages=",".join(map(str, wanted)), jobs=jobs,
                progress_bar=False, rotate_pages=True, deskew=False,
                # One block of text: the line numbers beside it are read as part of its
                # lines (on their own, as "sparse text", single digits are dropped).
                tesseract_pagesegmode=6,
            )
        except ocrmypdf.exceptions.MissingDependencyError as exc:
            raise SetupError(f"OCR cannot run: {_first_line(exc)}; install {_INSTALL}", name) from None
        except ocrmypdf.exceptions.ExitCodeException as exc:
            raise InputError(f"OCR failed: {_first_line(exc) or type(exc).__name__}", name) from None
        return {page: words_of_hocr((out / f"{page:06d}_ocr_hocr.hocr").read_bytes()) for page in wanted}


def _ocrmypdf() -> ModuleType:
    try:
        import ocrmypdf
        import ocrmypdf.api
        import ocrmypdf.exceptions
    except ImportError:
        raise SetupError(f"--ocr needs OCRmyPDF, which is not installed; {_INSTALL}") from None
    return ocrmypdf


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else ""


def words_of_hocr(data: bytes) -> tuple[list[Word], float]:
    """The words of one hOCR page, in points, each with its confidence (0 to 1), and the
    page's height in points.

    >>> page = (b"<html xmlns='http://www.w3.org/1999/xhtml'><body>"
    ...         b"<div class='ocr_page' title='bbox 0 0 2480 3508; scan_res 300 300'>"
    ...         b"<span class='ocr_line' title='bbox 300 600 600 650; baseline 0 -10; x_size 50; x_descenders 10'>"
    ...         b"<span class='ocrx_word' title='bbox 300 600 600 650; x_wconf 91'>Hessen</span>"
    ...         b"</span></div></body></html>")
    >>> words, height = words_of_hocr(page)
    >>> words[0].text, words[0].x0, words[0].confidence, words[0].bottom, round(height)
    ('Hessen', 72.0, 0.91, 156.0, 842)
    """
    root = ET.fromstring(data)
    page = next(e for e in root.iter() if e.get("class") == "ocr_page")
    title = page.get("title", "")
    found = _RESOLUTION.search(title)
    scale = 72 / int(found[1]) if found else 1.0
    box = _BBOX.search(title)
    height = int(box[4]) * scale if box else 842.0
    words: list[Word] = []
    for line in page.iter(f"{_XHTML}span"):
        if line.get("class") in _LINES:
            words += _words_of_line(line, scale)
    return words, height


def _words_of_line(line: ET.Element, scale: float) -> list[Word]:
    """A line's words, all on the line's baseline: a word's own box stops where its
    letters do (a descender, none), and the PDF reader groups words into rows by where
    they stand."""
    title = line.get("title", "")
    box = _BBOX.search(title)
    if box is None:
        return []
    left, _, _, bottom = (int(v) for v in box.groups())
    slope, offset = (float(v) for v in m.groups()) if (m := _BASELINE.search(title)) else (0.0, 0.0)
    size = float(m[1]) if (m := _X_SIZE.search(title)) else None
    descent = float(m[1]) if (m := _DESCENDERS.search(title)) else 0.0
    words: list[Word] = []
    for element in line:
        if element.get("class") != "ocrx_word":
            continue
        text = "".join(element.itertext()).strip()
        box = _BBOX.search(element.get("title", ""))
        if not text or box is None:
            continue
        x0, y0, x1, y1 = (int(v) for v in box.groups())
        baseline = bottom + offset + slope * ((x0 + x1) / 2 - left)
        height = size if size is not None else float(y1 - y0)
        top, low = baseline - (height - descent), baseline + descent
        confidence = _CONFIDENCE.search(element.get("title", ""))
        # Characters spread evenly over the box, each as high as the line.
        width = (x1 - x0) / len(text)
        edges = tuple(((x0 + i * width) * scale, (x0 + (i + 1) * width) * scale, height * scale)
                      for i in range(len(text)))
        words.append(Word(text, x0 * scale, x1 * scale, top * scale, low * scale, height * scale, edges,
                          int(confidence[1]) / 100 if confidence else None))
    return words

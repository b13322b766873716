"""What a PDF page's text is made of, as the PDF reader and the line-number finder see
it: words with their boxes (and each character's), in lines."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Word:
    text: str
    x0: float
    x1: float
    top: float  # distance from the top of the page
    bottom: float
    size: float
    # each character's left and right edge and height: a number glued to a word
    # ("Ausbildung.52") is cut off where its digits begin
    edges: tuple[tuple[float, float, float], ...] = ()
    confidence: float | None = None  # OCR's recognition confidence, 0 to 1 (None: a text layer)

    def cut(self, start: int, end: int) -> Word:
        """The characters ``start:end`` as a word of their own."""
        edges = self.edges[start:end]
        return Word(self.text[start:end], edges[0][0], edges[-1][1], self.top, self.bottom, self.size, edges,
                    self.confidence)


@dataclass
class Row:
    page: int
    words: list[Word]
    height: float  # of the page

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

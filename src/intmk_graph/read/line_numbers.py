"""The official line numbers of a PDF, found by their sequence and their position.

A document's line numbering is a column of integers at one x position that count on
from line to line. Which column that is, is learned over the whole document (over odd
and even pages apart, for mirrored layouts), and a number is taken from every line
whose end (or start) sits in it, also where it touches the text ("Ausbildung.52",
"52Die"): the character boxes tell where its digits begin. What is read:

* every line numbered, or every 5th (a word processor's "count by 5");
* numbering that restarts (in each resolution, on each page) or runs through;
* numbers right or left of the text, right- or left-aligned, or alternating sides.

Where a numbered stretch skips or repeats a number, or a line in it has none, a warning
names the page and line: the text there may hold a line number or have lost a line.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from .geometry import Row, Word

_DIGITS = "0123456789"
_TOLERANCE = 2.5  # points an aligned number's edge may stray
# Numbers at one position must be this share of the text lines (of a fifth of them when
# only every 5th line is numbered), so a contents' page column is never taken for one.
_SHARE = 0.2
_IN_SEQUENCE = 0.7  # of the steps between numbers at the position


@dataclass(frozen=True)
class Column:
    side: str  # "right": after the text, "left": before it
    edge: str  # "x1": numbers aligned on their right edge, "x0": on their left
    x: float
    step: int  # 1: every line numbered, 5: every 5th


@dataclass(frozen=True)
class _Candidate:
    row: int  # index in the rows
    order: int  # position among the text rows (furniture left out)
    value: int
    number: Word  # the digits' own box
    rest: Word | None  # what is left of a word the digits were glued to


@dataclass
class Numbering:
    official: dict[int, int]  # row index -> its line number
    words: dict[int, list[Word]]  # row index -> its words without the number
    warnings: list[tuple[int, str]]  # (row index, what is wrong)
    columns: dict[int, Column]  # page parity (1 odd, 0 even) -> the column there
    restarts_in_text: bool = False  # the count starts again within pages (with each resolution)

    @property
    def step(self) -> int:
        """Every how many lines a number prints, where the count starts with each text
        (``sources.Decoded.line_step``); else 1."""
        steps = {column.step for column in self.columns.values()}
        return steps.pop() if len(steps) == 1 and self.restarts_in_text else 1


def _candidate(rows: list[Row], index: int, order: int, side: str) -> _Candidate | None:
    """The digits ending (or starting) a line, as a number with its own box."""
    words = rows[index].words
    word = words[-1] if side == "right" else words[0]
    text = word.text
    if side == "right":
        digits = len(text) - len(text.rstrip(_DIGITS))
        start, end = len(text) - digits, len(text)
    else:
        digits = len(text) - len(text.lstrip(_DIGITS))
        start, end = 0, digits
    if not 1 <= digits <= 8:
        return None
    boxed = len(word.edges) == len(text)
    if digits > 1 and boxed:  # "…46" and "64" glued: the number begins where the boxes step apart
        start, end = _number_within(word, start, end, side)
    if end - start > 4 or text[start] == "0":
        return None
    if end - start == len(text):
        return _Candidate(index, order, int(text), word, None)
    if not boxed:
        return None  # no character boxes: a glued number cannot be cut off
    rest = word.cut(0, start) if side == "right" else word.cut(end, len(text))
    return _Candidate(index, order, int(text[start:end]), word.cut(start, end), rest)


def _number_within(word: Word, start: int, end: int, side: str) -> tuple[int, int]:
    """The part of a run of digits that is the line number, where the text's own digits
    run into it: cut at the widest gap between two digits, if it is a gap (a number's
    own digits touch) or the size changes there."""
    edges = word.edges
    cuts = range(start + 1, end)
    cut = max(cuts, key=lambda i: edges[i][0] - edges[i - 1][1])
    gap = edges[cut][0] - edges[cut - 1][1]
    if gap > 0.4 or abs(edges[cut][2] - edges[cut - 1][2]) > 0.15 * max(edges[cut][2], 1):
        return (cut, end) if side == "right" else (start, cut)
    return start, end


def _slots(a: _Candidate, b: _Candidate, rows: list[Row], spacing: float) -> int | None:
    """Line places between two numbers on one page, counted from the distance between
    them: a blank line a word processor counts has no row of its own."""
    if rows[a.row].page != rows[b.row].page or spacing <= 0:
        return None
    return round((rows[b.row].top - rows[a.row].top) / spacing)


def _steps(members: list[_Candidate], rows: list[Row], spacing: float) -> tuple[int, int, Counter[int]]:
    """(in sequence, out of sequence, the steps in sequence) of consecutive numbers: in
    sequence when the number grows by the lines between them. Neither: a number no
    higher than those lines (a new count: a resolution, a page), or one that grows by
    less (lines the count leaves out, such as a heading)."""
    good = bad = 0
    steps: Counter[int] = Counter()
    for a, b in zip(members, members[1:]):
        lines, grown = b.order - a.order, b.value - a.value
        if grown > 0 and (grown == lines or grown == _slots(a, b, rows, spacing)):
            good += 1
            steps[grown] += 1
        elif b.value > lines and not 0 < grown < lines:  # fewer: lines the count leaves out (a heading)
            bad += 1
    return good, bad, steps


def _learn(candidates: dict[str, list[_Candidate]], text_rows: int, rows: list[Row],
           spacing: float) -> Column | None:
    """The column whose numbers count on best, if any does well enough."""
    best: tuple[int, Column] | None = None
    for side, found in candidates.items():
        for edge in ("x1", "x0"):
            at = Counter(round(getattr(c.number, edge)) for c in found)
            for x, _ in at.most_common(3):
                members = [c for c in found if abs(getattr(c.number, edge) - x) <= _TOLERANCE]
                good, bad, steps = _steps(members, rows, spacing)
                if good < 2:
                    continue
                step = steps.most_common(1)[0][0]
                if good < _IN_SEQUENCE * (good + bad) or len(members) < max(3, _SHARE * text_rows / step):
                    continue
                if best is None or good > best[0]:
                    best = (good, Column(side, edge, float(x), step))
    return best[1] if best else None


def find(rows: list[Row], furniture: set[int], spacing: float) -> Numbering:
    """The line numbers of the text rows (``furniture``: the rows of headers and footers)."""
    order = {i: n for n, i in enumerate(i for i in range(len(rows)) if i not in furniture)}
    by_parity: dict[int, dict[str, list[_Candidate]]] = {1: {"right": [], "left": []}, 0: {"right": [], "left": []}}
    for i, n in order.items():
        for side, found in by_parity[rows[i].page % 2].items():
            if (c := _candidate(rows, i, n, side)) is not None:
                found.append(c)
    text_rows = Counter(rows[i].page % 2 for i in order)
    columns = {parity: column for parity, found in by_parity.items()
               if (column := _learn(found, text_rows[parity], rows, spacing)) is not None}
    if len(columns) == 1:  # one parity has too few lines to tell (a title page): the same column
        columns[1 - next(iter(columns))] = next(iter(columns.values()))
    numbering = Numbering({}, {}, [], columns)
    if not columns:
        return numbering
    taken: list[_Candidate] = []
    loose: dict[int, _Candidate] = {}  # numbers off the column, for the sequence to decide
    on_column_side = (c for parity, column in columns.items() for c in by_parity[parity][column.side])
    for c in sorted(on_column_side, key=lambda c: c.order):
        column = columns[rows[c.row].page % 2]
        if abs(getattr(c.number, column.edge) - column.x) <= _TOLERANCE:
            taken.append(c)
        else:
            loose[c.order] = c
    taken = _rescued(taken, loose, columns, rows)
    if not _counts_blank_lines(taken, rows, spacing):
        spacing = 0.0  # from here on, a paragraph gap is no line of the count
    for c in taken:
        numbering.official[c.row] = c.value
        words = rows[c.row].words
        side = columns[rows[c.row].page % 2].side
        kept = [c.rest] if c.rest is not None else []
        numbering.words[c.row] = words[:-1] + kept if side == "right" else kept + words[1:]
    numbering.warnings = list(_breaks(taken, rows, spacing, order, columns))
    for row, value in _between(taken, order, columns, rows):
        numbering.official[row] = value  # the line is that line of the count, its number lost (and warned)
    numbering.restarts_in_text = any(
        b.value <= b.order - a.order and b.value < a.value and rows[a.row].page == rows[b.row].page
        for a, b in zip(taken, taken[1:]))
    return numbering


def _counts_blank_lines(taken: list[_Candidate], rows: list[Row], spacing: float) -> bool:
    """Whether the numbering counts a paragraph gap as lines (as word processors may):
    what most numbers on either side of a gap say."""
    by_lines = by_gaps = 0
    for a, b in zip(taken, taken[1:]):
        lines, slots = b.order - a.order, _slots(a, b, rows, spacing)
        if slots is not None and slots > lines:
            by_lines += b.value - a.value == lines
            by_gaps += b.value - a.value == slots
    return by_gaps > by_lines


def _rescued(taken: list[_Candidate], loose: dict[int, _Candidate], columns: dict[int, Column],
             rows: list[Row]) -> list[_Candidate]:
    """Where every line is numbered, a number off the column that is exactly the one
    missing between its neighbours (a producer set it closer to the text) is the line's."""
    if any(column.step != 1 for column in columns.values()):
        return taken
    result: list[_Candidate] = []
    for a, b in zip(taken, [*taken[1:], None]):
        result.append(a)
        if b is None or b.value - a.value != b.order - a.order:
            continue
        for order in range(a.order + 1, b.order):
            c = loose.get(order)
            if c is not None and c.value == a.value + (order - a.order):
                result.append(c)
    return result


def _between(taken: list[_Candidate], order: dict[int, int], columns: dict[int, Column],
             rows: list[Row]) -> Iterable[tuple[int, int]]:
    """(row, number) of the lines without a number between two numbers that count
    every line on: the count says which line each is."""
    by_order = {n: i for i, n in order.items()}
    for a, b in zip(taken, taken[1:]):
        if b.value - a.value == b.order - a.order > 1 and columns[rows[b.row].page % 2].step == 1:
            for n in range(a.order + 1, b.order):
                yield by_order[n], a.value + n - a.order


def _breaks(taken: list[_Candidate], rows: list[Row], spacing: float, order: dict[int, int],
            columns: dict[int, Column]) -> Iterable[tuple[int, str]]:
    """Warnings where a numbered stretch skips, repeats or leaves out a number."""
    by_order = {n: i for i, n in order.items()}
    for a, b in zip(taken, taken[1:]):
        lines, grown = b.order - a.order, b.value - a.value
        page = rows[b.row].page
        if grown == lines or grown == _slots(a, b, rows, spacing):
            if columns[page % 2].step == 1:  # every line numbered: the lines between lack theirs
                for n in range(a.order + 1, b.order) if grown == lines else ():
                    i = by_order[n]
                    yield i, (f"page {rows[i].page}: no line number on this line, where {a.value + n - a.order} "
                              "was expected; expected the numbers to run on")
            continue
        if b.value <= lines or 0 < grown < lines:
            continue  # a new count, or lines the count leaves out (a protocol note's heading)
        if grown <= 0:
            yield b.row, f"page {page}: line number {b.value} repeats or goes back after {a.value}; expected {a.value + 1}"
        else:
            yield b.row, (f"page {page}: the line numbers skip from {a.value} to {b.value}; "
                          f"expected {a.value + 1} (a line lost, or its number read as text?)")

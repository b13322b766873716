"""Text into numbered lines: encodings and line ends, nothing else."""

from __future__ import annotations

import codecs
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from ..errors import InputError
from ..model import ReadWarning


class SourceLine(NamedTuple):  # a tuple: made for every line of a document, cheaply
    number: int  # 1-based line number in the file (for a PDF: in reading order)
    text: str
    page: int | None = None  # a PDF's page, 1-based
    page_line: int | None = None  # the line on that page, 1-based
    official: int | None = None  # the official line number, where the position gave it
    hint: str | None = None  # furniture kind the position gave ("running_header")
    recognition: float | None = None  # OCR: the mean confidence of the line's words, 0 to 1


@dataclass(frozen=True)
class Decoded:
    """A document's lines and what they were read from."""

    lines: list[SourceLine]
    encoding: str  # "utf-8", "utf-8-sig", "utf-16", "cp1252", or "pdf"
    warnings: tuple[ReadWarning, ...] = ()  # ReadWarnings of the source stage (a PDF page without text)
    # A PDF printing the number of every n-th line only, counted from the start of each
    # text (a word processor's "count by 5"): a text shorter than n shows none.
    line_step: int = 1

    @property
    def positional(self) -> bool:
        """Lines from positions (a PDF): line numbers and furniture are known, not guessed."""
        return self.encoding == "pdf"


# Bytes that mark UTF-16 text.
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# Windows-1252 leaves five bytes undefined; text exported on Windows never has them.
_CP1252_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")
# Up to this many damaged places in text that is not mostly UTF-8 are stray bytes still.
_FEW = 100
_REPLACED = "\ufffd"
_EXPECTED = "UTF-8, UTF-16 or Windows-1252 text"


class _Damage(NamedTuple):
    start: int  # byte position
    end: int
    what: str  # "not valid UTF-8", "a NUL byte"


def _locator(data: bytes) -> Callable[[int], tuple[int, int]]:
    """(line, column) of a byte position, both 1-based: the line ends found once, then
    each position by bisection (a damaged document may have thousands)."""
    import bisect
    import re

    ends = [m.start() for m in re.finditer(b"\n", data)]

    def where(position: int) -> tuple[int, int]:
        line = bisect.bisect_left(ends, position) + 1
        return line, position - (ends[line - 2] + 1 if line > 1 else 0) + 1

    return where


def _warnings(data: bytes, damage: list[_Damage]) -> tuple[ReadWarning, ...]:
    where = _locator(data) if damage else None
    found = []
    for d in damage:
        assert where is not None
        line, column = where(d.start)
        shown = " ".join(f"0x{b:02x}" for b in data[d.start : d.end])
        found.append(ReadWarning(line, f"{'byte' if d.end - d.start == 1 else 'bytes'} {shown} at column {column} "
                                       f"(byte position {d.start}) {'is' if d.end - d.start == 1 else 'are'} "
                                       f"{d.what}, read as U+FFFD; expected {_EXPECTED}"))
    return tuple(found)


_found = threading.local()  # the damaged places of the decode running in this thread


def _record(exc: UnicodeError) -> tuple[str, int]:
    assert isinstance(exc, UnicodeDecodeError)
    _found.places.append(_Damage(exc.start, exc.end, "not valid UTF-8"))
    return _REPLACED, exc.end


codecs.register_error("intmk-graph-record", _record)


def _utf8(data: bytes) -> tuple[str, list[_Damage], int]:
    """The text with each invalid sequence replaced, the damaged places, and how many
    non-ASCII characters decoded well (in one pass, in C)."""
    _found.places = []
    try:
        text = data.decode("utf-8", "intmk-graph-record")
        damage: list[_Damage] = _found.places
    finally:
        _found.places = []
    return text, damage, sum(1 for ch in text if ch > "\x7f") - len(damage)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without its BOM, told by NUL bytes in every other position of mostly
    Latin text."""
    head = data[:4096]
    if len(head) < 16:
        return None
    for codec, zeros in (("utf-16-le", head[1::2]), ("utf-16-be", head[0::2])):
        if zeros.count(0) > 0.9 * len(zeros):
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                return None
    return None


def decode(data: bytes, name: str) -> Decoded:
    """Decode a document: UTF-8 with or without BOM, UTF-16 (with BOM, or told by its
    NUL bytes), or Windows-1252. UTF-8 with a few bad bytes (or stray NUL bytes) is read
    with each replaced by U+FFFD and a warning at its line; only text that is mostly not
    UTF-8 goes on to Windows-1252, or is refused.

    >>> decode("TOP 1\\nTitel\\n".encode(), "x.txt").encoding
    'utf-8'
    >>> d = decode("TOP 1\\nThüringen\\n".encode("cp1252"), "x.txt")
    >>> d.encoding, d.lines[1].text
    ('cp1252', 'Thüringen')
    >>> d = decode("TOP 1\\nThüringen ".encode() + b"\\x81 Sachsen\\n", "x.txt")
    >>> d.lines[1].text, d.warnings[0].line
    ('Thüringen \\ufffd Sachsen', 2)
    """
    damage: list[_Damage] = []
    if data.startswith(_UTF16_BOMS):
        try:
            text, encoding = data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise InputError(
                f"not valid UTF-16 (byte position {exc.start}); expected UTF-16 text after its BOM", name
            ) from None
    elif (utf16 := _utf16_without_bom(data)) is not None:
        text, encoding = utf16, "utf-16"
    else:
        nuls = data.count(b"\x00")
        if nuls > max(_FEW, len(data) // 1000) or nuls * 20 > len(data):
            first = data.find(b"\x00")
            raise InputError(f"binary data (a NUL byte at byte position {first}); expected a text file", name)
        # A few stray NUL bytes (valid UTF-8, but never text) are damage like a bad byte.
        damage = [_Damage(i, i + 1, "a NUL byte") for i in range(len(data)) if data[i] == 0] if nuls else []
        text, bad, well = _utf8(data)
        text = text.replace("\x00", _REPLACED) if nuls else text
        cp1252 = not any(b in _CP1252_UNDEFINED for b in data)
        if not bad:
            encoding = "utf-8-sig" if text.startswith("\ufeff") else "utf-8"
        elif well >= len(bad) or len(bad) <= _FEW and not cp1252:  # mostly UTF-8, or a few stray bytes
            encoding = "utf-8-sig" if text.startswith("\ufeff") else "utf-8"
            damage = sorted(damage + bad)
        elif cp1252:
            text, encoding = data.decode("cp1252").replace("\x00", _REPLACED), "cp1252"
        else:
            line, column = _locator(data)(bad[0].start)
            raise InputError(
                f"not valid UTF-8 (byte 0x{data[bad[0].start]:02x} at column {column}, byte position "
                f"{bad[0].start}, and {len(bad) - 1} more places); expected {_EXPECTED}",
                name, line,
            )
    if not text.strip("\ufeff \t\r\n\f"):
        raise InputError("file is empty; expected an IntMK resolution collection", name, 1)
    text = text.removeprefix("\ufeff")
    # splitlines() would also split on form feeds and U+2028, which PDF extraction
    # produces; only real newlines count as lines so numbers match editors. A form
    # feed (page break) is white space within its line.
    lines = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", " ").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return Decoded([SourceLine(i, t) for i, t in enumerate(lines, start=1)], encoding, _warnings(data, damage))

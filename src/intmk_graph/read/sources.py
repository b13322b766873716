"""Text into numbered lines: encodings and line ends, nothing else."""

from __future__ import annotations

import codecs
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


@dataclass(frozen=True)
class Decoded:
    """A document's lines and what they were read from."""

    lines: list[SourceLine]
    encoding: str  # "utf-8", "utf-8-sig", "utf-16", "cp1252", or "pdf"
    warnings: tuple[ReadWarning, ...] = ()  # ReadWarnings of the source stage (a PDF page without text)

    @property
    def positional(self) -> bool:
        """Lines from positions (a PDF): line numbers and furniture are known, not guessed."""
        return self.encoding == "pdf"


# Bytes that mark UTF-16 text; a BOM is the only way we accept UTF-16.
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# Windows-1252 leaves five bytes undefined; text exported on Windows never has them.
_CP1252_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")


def _undecodable(data: bytes, position: int, name: str, expected: str) -> InputError:
    line = data.count(b"\n", 0, position) + 1
    column = position - (data.rfind(b"\n", 0, position) + 1) + 1
    return InputError(
        f"not valid UTF-8 (byte 0x{data[position]:02x} at column {column}, byte position {position}); "
        f"expected {expected}",
        name,
        line,
    )


def decode(data: bytes, name: str) -> Decoded:
    """Decode a document: UTF-8 with or without BOM, UTF-16 with BOM, or Windows-1252.

    >>> decode("TOP 1\\nTitel\\n".encode(), "x.txt").encoding
    'utf-8'
    >>> d = decode("TOP 1\\nThüringen\\n".encode("cp1252"), "x.txt")
    >>> d.encoding, d.lines[1].text
    ('cp1252', 'Thüringen')
    >>> decode(b"ok\\nbad \\x81", "x.txt")
    Traceback (most recent call last):
    ...
    intmk_graph.errors.InputError: x.txt:2: not valid UTF-8 (byte 0x81 at column 5, byte position 7); expected UTF-8, UTF-16 with BOM or Windows-1252 text
    """
    if data.startswith(_UTF16_BOMS):
        try:
            text, encoding = data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise InputError(
                f"not valid UTF-16 (byte position {exc.start}); expected UTF-16 text after its BOM", name
            ) from None
    elif (nul := data.find(b"\x00")) >= 0:
        raise InputError(f"binary data (a NUL byte at byte position {nul}); expected a text file", name)
    else:
        try:
            text = data.decode("utf-8")
            encoding = "utf-8-sig" if text.startswith("\ufeff") else "utf-8"
        except UnicodeDecodeError:
            bad = next((i for i, b in enumerate(data) if b in _CP1252_UNDEFINED), None)
            if bad is not None:
                raise _undecodable(data, bad, name, "UTF-8, UTF-16 with BOM or Windows-1252 text") from None
            text, encoding = data.decode("cp1252"), "cp1252"
    if not text.strip("\ufeff \t\r\n\f"):
        raise InputError("file is empty; expected an IntMK resolution collection", name, 1)
    text = text.removeprefix("\ufeff")
    # splitlines() would also split on form feeds and U+2028, which PDF extraction
    # produces; only real newlines count as lines so numbers match editors. A form
    # feed (page break) is white space within its line.
    lines = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", " ").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return Decoded([SourceLine(i, t) for i, t in enumerate(lines, start=1)], encoding)


def decode_lines(data: bytes, name: str) -> list[SourceLine]:
    """The lines of :func:`decode`."""
    return decode(data, name).lines

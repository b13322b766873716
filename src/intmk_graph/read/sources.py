"""Read a document into numbered lines. Knows about files and encodings, nothing else."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError


@dataclass(frozen=True)
class SourceLine:
    number: int  # 1-based line number in the file
    text: str


def decode_lines(data: bytes, name: str) -> list[SourceLine]:
    """Decode UTF-8 bytes into lines; a bad byte is reported with its line and column.

    >>> [l.text for l in decode_lines("TOP 1\\nTitel\\n".encode(), "x.txt")]
    ['TOP 1', 'Titel']
    >>> decode_lines(b"ok\\nbad \\xff", "x.txt")
    Traceback (most recent call last):
    ...
    intmk_graph.errors.InputError: x.txt:2: not valid UTF-8 (byte 0xff at column 5); expected UTF-8 text
    """
    if not data.strip():
        raise InputError("file is empty; expected an IntMK resolution collection", name, 1)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError(
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at column {column}); expected UTF-8 text",
            name,
            line,
        ) from None
    text = text.removeprefix("\ufeff")
    # splitlines() would also split on form feeds and U+2028, which PDF extraction
    # produces; only real newlines count as lines so numbers match editors.
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [SourceLine(i, t) for i, t in enumerate(lines, start=1)]


def read_lines(path: Path) -> list[SourceLine]:
    """Read a text file as UTF-8 lines, with clear errors for missing or unreadable files."""
    name = str(path)
    if not path.exists():
        raise InputError("file not found; expected a text file extracted from an IntMK PDF", name)
    if path.is_dir():
        raise InputError("is a directory; expected a text file", name)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror})", name) from None
    return decode_lines(data, name)

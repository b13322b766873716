"""Read a document, a PDF or a text file told apart by content, into numbered lines."""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from .sources import Decoded, decode


def read_document(path: Path, ocr: bool = False) -> Decoded:
    """Read a text file or a PDF (told apart by content), with clear errors for missing
    or unreadable files; ``ocr``: a PDF's pages without a text layer are read by OCR."""
    name = str(path)
    if not path.exists():
        raise InputError("file not found; expected an IntMK resolution collection (PDF or text)", name)
    if path.is_dir():
        raise InputError("is a directory; expected a PDF or a text file", name)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror})", name) from None
    if b"%PDF-" in data[:1024]:  # a PDF by its content, not its name
        from .pdf import read_pdf  # the PDF library only when there is a PDF

        return read_pdf(data, name, ocr)
    return decode(data, name)

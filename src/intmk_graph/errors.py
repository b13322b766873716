"""Named failures. Each carries the file and line it is about, so the CLI can print
one line (``file:line: message``) and exit 2 without a traceback."""

from __future__ import annotations


class IntmkError(Exception):
    """Base class of every error the library raises on purpose."""

    exit_code = 2

    def __init__(self, message: str, file: str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line

    def __reduce__(self) -> tuple[type[IntmkError], tuple[str, str | None, int | None]]:
        """Pickled whole, file and line too: documents are read in worker processes."""
        return type(self), (self.message, self.file, self.line)

    def __str__(self) -> str:
        where = ""
        if self.file is not None:
            where = f"{self.file}:{self.line}: " if self.line is not None else f"{self.file}: "
        return where + self.message


class InputError(IntmkError):
    """The input document cannot be read or does not look like a resolution collection."""


class QueryError(IntmkError):
    """A SPARQL query is malformed or a saved query is misused."""


class UnknownNameError(IntmkError):
    """A law, body or programme named on the command line is not in the vocabularies."""


class OutputError(IntmkError):
    """An output path that must not or cannot be written (an input, a device's place, a full disk)."""


class SetupError(IntmkError):
    """An optional part a command was asked to use is not installed (OCR for ``--ocr``)."""

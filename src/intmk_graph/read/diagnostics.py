"""What the reader tells about a document while reading it: a warning for each thing
it did not understand (with the line), and the role of every line."""

from __future__ import annotations

from ..model import LineReport, ReadWarning


class Notes:
    """Collects warnings and line roles for one document."""

    def __init__(self, name: str):
        self.name = name
        self.warnings: list[ReadWarning] = []
        self.roles: dict[int, str] = {}
        self.reports: list[LineReport] = []

    def warn(self, line: int | None, found: str, expected: str) -> None:
        """``file:line: what was found; what was expected``, kept as a record."""
        self.warnings.append(ReadWarning(line, f"{found}; expected {expected}"))

    def role(self, line: int, role: str) -> None:
        self.roles[line] = role

    def report(self, line: int, text: str, found: str, expected: str) -> None:
        """A line that is neither used nor furniture: reported, and warned about."""
        self.roles[line] = "reported"
        self.reports.append(LineReport(line, text, found))
        self.warn(line, f"{found}: {text!r}", expected)

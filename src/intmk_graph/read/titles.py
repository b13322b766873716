"""An item's title and subtitle: the first group of lines after its header (or the
rest of the header line), and the groups after it up to the header zone."""

from __future__ import annotations

from ..model import Text
from .layout import BLANK, CONTENT, Line, NumberedLine, join_lines
from .profiles import Profile


def untitled(lines: list[Line]) -> tuple[list[Line], int]:
    """An item with no sponsors and no decision (TOP A, reports): its title is the first
    group of lines (with no blank line anywhere, the first line), the rest its text;
    returns the title's lines and where the text begins."""
    i = 0
    while i < len(lines) and lines[i].kind == BLANK:
        i += 1
    start = i
    while i < len(lines) and lines[i].kind == CONTENT:
        i += 1
    if i == len(lines) and i - start > 1:
        i = start + 1
    return list(lines[start:i]), i


def item_title(lines: list[Line], rules: Profile) -> tuple[Text, Text | None]:
    """The first group of title lines is the title; later groups the subtitle."""
    groups: list[list[NumberedLine]] = [[]]
    for line in lines:
        if line.kind == BLANK:
            if groups[-1]:
                groups.append([])
        else:
            groups[-1].append(NumberedLine(line.number, line.text, None))
    groups = [g for g in groups if g]
    if not groups:
        return Text(""), None
    title = join_lines(groups[0], rules)
    subtitle = join_lines([l for g in groups[1:] for l in g], rules) if len(groups) > 1 else None
    return title, subtitle

"""The table of contents read into agenda entries (id, title, page), in every form:
``TOP 2.1 Title …… 3``, id and title on separate lines, a table with the id in its own
column, titles wrapped over several lines, group headings without a page."""

from __future__ import annotations

from typing import Any

from ..model import AgendaEntry
from .diagnostics import Notes
from .layout import CONTENT, Line
from .profiles import Profile


def _clean_title(text: str, rules: Profile) -> str:
    for leaders in rules.toc["leaders"]:
        text = leaders.sub(" ", text)
    return " ".join(text.split()).strip(" .…_")


def read_agenda(lines: list[Line], rules: Profile, notes: Notes) -> tuple[AgendaEntry, ...]:
    """Agenda entries from the lines of a table of contents (heading included)."""
    entries: list[dict[str, Any]] = []
    for line in lines:
        if line.kind != CONTENT:
            continue
        notes.role(line.number, "toc")
        text = line.text
        if any(p.match(text) for p in rules.toc["heading"] + rules.toc["table_header"]):
            continue
        m = rules.first(rules.toc["entry"], text)
        if m and (m["title"] or m["page"] is None or not entries):
            entries.append(
                {"id": m["id"], "title": m["title"], "page": int(m["page"]) if m["page"] else None, "line": line.number}
            )
            continue
        if not entries:
            notes.warn(line.number, f"table of contents line without an id: {text!r}", "'TOP <id> <title> <page>'")
            continue
        # A wrapped title: the rest of the previous entry's title, perhaps with its page.
        current = entries[-1]
        if current["page"] is None and (end := rules.first(rules.toc["page_at_end"], text)):
            current["title"] += " " + end["title"]
            current["page"] = int(end["page"])
        else:
            current["title"] += " " + text
    result = []
    for i, e in enumerate(entries):
        following = entries[i + 1]["id"] if i + 1 < len(entries) else ""
        heading = e["page"] is None and following.startswith(e["id"] + ".")
        result.append(AgendaEntry(e["id"], _clean_title(e["title"], rules), e["page"], e["line"], heading))
    return tuple(result)


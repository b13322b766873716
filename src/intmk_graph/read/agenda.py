"""The table of contents read into agenda entries (id, title, page), in every form:
``TOP 2.1 Title …… 3``, id and title on separate lines, a table with the id in its own
column, titles wrapped over several lines, group headings without a page."""

from __future__ import annotations

import re
from typing import Any

from ..model import AgendaEntry
from .diagnostics import Notes
from .layout import CONTENT, Line, mend_inline_hyphens
from .profiles import Profile

_BARE_PAGE = re.compile(r"^\d{1,3}$")


def is_bare_page(text: str) -> bool:
    """A line that is a number alone: an entry's page on a line of its own, or a page's."""
    return _BARE_PAGE.match(text) is not None


def is_under(item: str, group: str) -> bool:
    """Whether agenda item ``item`` belongs to the group ``group``: 2.1 to 2, A3 to A."""
    rest = item[len(group):] if item.startswith(group) else ""
    return rest.startswith(".") or (group.isalpha() and rest.isdigit())


def _clean_title(text: str, rules: Profile) -> str:
    for leaders in rules.toc["leaders"]:
        text = leaders.sub(" ", text)
    return mend_inline_hyphens(" ".join(text.split()).strip(" .…_"), rules)


def read_agenda(lines: list[Line], rules: Profile, notes: Notes) -> tuple[AgendaEntry, ...]:
    """Agenda entries from the lines of a table of contents (heading included)."""
    entries: list[dict[str, Any]] = []
    wrapped: list[str] = []  # the lines added to the last entry's title since its id
    for line in lines:
        if line.kind != CONTENT:
            continue
        notes.role(line.number, "toc")
        text = line.text
        if any(p.match(text) for p in rules.toc["heading"] + rules.toc["table_header"]):
            continue
        current = entries[-1] if entries else None
        if current is not None and current["page"] is None and is_bare_page(text):
            current["page"] = int(text)  # the page on a line of its own
            continue
        m = rules.first(rules.toc["entry"], text)
        if m and (m["title"] or m["page"] is None or not entries):
            title = m["title"]
        elif m and wrapped and current is not None:
            # A table row whose title wraps around its id and page ("Pandemiebezogene …"
            # over "2.2   14" over "mit Migrationsgeschichte"): the lines above the id
            # begin this entry's title, not the last one's.
            title = " ".join(wrapped)
            current["title"] = current["title"][: -len(title)].rstrip()
        else:
            m = None
        if m:
            entries.append({"id": m["id"], "title": title, "page": int(m["page"]) if m["page"] else None,
                            "line": line.number})
            wrapped = []
            continue
        if current is None:
            notes.warn(line.number, f"table of contents line without an id: {text!r}", "'TOP <id> <title> <page>'")
            continue
        # A wrapped title: the rest of the previous entry's title, perhaps with its page.
        if current["page"] is None and (end := rules.first(rules.toc["page_at_end"], text)):
            current["title"] += " " + end["title"]
            current["page"] = int(end["page"])
        else:
            current["title"] += " " + text
            wrapped.append(text)
    result = []
    for i, e in enumerate(entries):
        following = entries[i + 1]["id"] if i + 1 < len(entries) else ""
        heading = e["page"] is None and is_under(following, e["id"])
        result.append(AgendaEntry(e["id"], _clean_title(e["title"], rules), e["page"], e["line"], heading))
    return tuple(result)


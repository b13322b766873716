"""The one table renderer: rows as a rich table that fits the terminal (cells fold,
never cut to "…"), rows as CSV with their header even when there are none, and the line
that says an empty result is empty."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console

# A column may be folded to this width, no narrower: a table that does not fit so becomes
# one key/value block per row (columns of three letters each help nobody).
MIN_COLUMN_WIDTH = 12


@dataclass(frozen=True)
class Table:
    """What a table shows: its title, headers, rows of text, the headers set flush
    right (numbers), a caption, and what to say when there are no rows."""

    title: str
    headers: Sequence[str]
    rows: Sequence[Sequence[str]]
    right: frozenset[str] = field(default_factory=frozenset)
    caption: str | None = None
    empty: str = "nothing found"


@dataclass(frozen=True)
class View:
    """A report as each format shows it; ``before`` and ``after``: lines a terminal
    shows around the table (and further tables after it)."""

    data: Any
    table: Table
    csv_rows: list[dict[str, Any]]
    columns: Sequence[str]
    before: tuple[str, ...] = ()
    after: tuple[Table | str, ...] = field(default_factory=tuple)


def cell(value: object) -> str:
    """A value as table text: "–" for nothing, numbers and words as they are."""
    if value is None or value == "":
        return "–"
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value) or "–"
    return str(value)


def render(console: Console, table: Table, errors: Console | None = None) -> None:
    """Draw the table to fit ``console``; with no rows, the empty line (on ``errors``)
    instead. On a terminal too narrow for its columns, one key/value block per row."""
    from rich.table import Table as RichTable

    if not table.rows:
        (errors or console).print(table.empty if table.empty.startswith("nothing") else f"nothing found: {table.empty}",
                                  highlight=False, soft_wrap=True)
        return
    drawn = RichTable(title=table.title or None, header_style="bold", caption=table.caption)
    for header in table.headers:
        # fold: a long word (an IRI, a file name) wraps and is never cut to look like another
        drawn.add_column(header, overflow="fold", justify="right" if header in table.right else "left")
    for row in table.rows:
        drawn.add_row(*row)
    if _narrowest(table) > console.width:
        width = max(len(h) for h in table.headers)
        if table.title:
            console.print(table.title, style="bold", highlight=False)
        for i, row in enumerate(table.rows, start=1):
            block = RichTable.grid(padding=(0, 1))
            block.add_column(style="bold", no_wrap=True, min_width=width)
            block.add_column(overflow="fold")
            for header, value in zip(table.headers, row):
                block.add_row(header, value)
            console.rule(f"{i}", style="dim")
            console.print(block)
        return
    console.print(drawn)


def _narrowest(table: Table) -> int:
    """The width of the table with each column folded to at most MIN_COLUMN_WIDTH (a
    narrower one keeps its own), its borders and padding included."""
    widest = [len(h) for h in table.headers]
    for row in table.rows:
        for i, value in enumerate(row):
            widest[i] = max(widest[i], max((len(line) for line in value.splitlines()), default=0))
    return sum(min(w, MIN_COLUMN_WIDTH) for w in widest) + 3 * len(widest) + 1


def csv_text(rows: Sequence[dict[str, Any]], columns: Sequence[str] | None = None) -> str:
    """CSV with a header row: the ``columns`` given (then also for no rows), else the
    first row's keys."""
    import csv
    import io

    out = io.StringIO()
    names = list(columns) if columns is not None else list(rows[0]) if rows else []
    if names:
        writer = csv.DictWriter(out, fieldnames=names, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return out.getvalue()


def json_text(records: object) -> str:
    """Records as indented JSON, non-ASCII as it is."""
    import json

    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"


def show(console: Console, errors: Console, fmt: str, view: View) -> None:
    """A view in the format chosen: JSON of its data, CSV of its rows under its columns
    (the header also when empty), or its table with the lines around it. An empty
    result also says so, on ``errors``."""
    if fmt == "json":
        console.file.write(json_text(view.data))
    elif fmt == "csv":
        console.file.write(csv_text(view.csv_rows, view.columns))
    else:
        for line in view.before:
            console.print(line, highlight=False)
        render(console, view.table, errors)
        for after in view.after:
            if isinstance(after, Table):
                render(console, after, errors)
            else:
                console.print(after, highlight=False)
        return
    if not view.table.rows:
        render(console, view.table, errors)  # only its empty line

"""What the command line writes to the terminal besides its data: progress, reading
warnings, the files written, a SPARQL result, a report in the format chosen. Standard
output holds the data alone; everything else goes to standard error."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.console import Console

if TYPE_CHECKING:
    from ..model import Collection
    from .tables import View

console = Console()
err_console = Console(stderr=True)


@contextmanager
def progress_bar(verb: str, total: int, quiet: bool) -> Iterator[Callable[[str, int, int], None]]:
    """A progress bar on a terminal only (and not with --quiet): yields the callback the
    library calls after each step, with the step's name."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    shown = not quiet and err_console.is_terminal
    with Progress(TextColumn(verb + " {task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=err_console, transient=True, disable=not shown) as bar:
        task = bar.add_task("", total=total or None)

        def advance(name: str, done: int, total: int) -> None:
            bar.update(task, completed=done, total=total, description=name)

        yield advance


@contextmanager
def reading_progress(files: list[Path] | None, quiet: bool) -> Iterator[Callable[[Path, int, int], None]]:
    """The progress bar of reading several documents (one document: a spinner with its
    name, for a large one takes a while): yields the library's callback."""
    if len(files or ()) == 1 and files:
        with working(f"reading {files[0].name}", quiet):
            yield lambda path, done, total: None
        return
    with progress_bar("reading", len(files or ()), quiet or len(files or ()) < 2) as advance:
        yield lambda path, done, total: advance(Path(path).name, done, total)


@contextmanager
def working(what: str, quiet: bool) -> Iterator[None]:
    """A spinner saying what is being done, on a terminal only (and not with --quiet)."""
    if quiet or not err_console.is_terminal:
        yield
        return
    with err_console.status(what):
        yield


def error(message: str) -> None:
    """The one line an error is."""
    err_console.print(f"[bold red]error:[/] {message}", highlight=False, soft_wrap=True)


def note(message: str) -> None:
    """A line of what is being done, beside the data."""
    err_console.print(message, highlight=False, soft_wrap=True)


def say(message: str) -> None:
    """A line of the command's answer."""
    console.print(message, highlight=False, soft_wrap=True)


def report_written(paths: list[Path]) -> None:
    """``wrote PATH`` for each file written, unless it went to standard output, which
    then holds the data alone."""
    for path in paths:
        if str(path) != "-":
            console.print(f"wrote {path}", highlight=False)


def report_reading(collections: list[Collection], strict: bool = False) -> None:
    """Encoding notices and reading warnings on stderr, ``file:line: message``; with
    ``strict``, any warning is an error."""
    warnings = 0
    for c in collections:
        if c.encoding not in ("utf-8", "utf-8-sig", "pdf"):
            from .views import ENCODINGS

            note(f"notice: {c.source}: read as {ENCODINGS.get(c.encoding, c.encoding)}")
        for w in c.warnings:
            where = f"{c.source}:{w.line}" if w.line is not None else c.source
            err_console.print(f"[yellow]warning:[/] {where}: {w.message}", highlight=False, soft_wrap=True)
            warnings += 1
    if strict and warnings:
        from ..errors import InputError

        raise InputError(f"{warnings} reading warning(s) and --strict")


def show(fmt: str, view: View) -> None:
    """The one way a command prints what it found (``tables.show``)."""
    from .tables import show as write

    write(console, err_console, fmt, view)


def show_result(result: Any, fmt: str) -> None:
    """A SPARQL result: SELECT as table/CSV/TSV/JSON, ASK as true/false, graphs as Turtle."""
    import sys

    from ..query.results import compact, rows, serialize
    from .tables import Table, render

    empty = "nothing found: the query gave no results"
    if fmt != "table" or result.type != "SELECT":
        sys.stdout.write(serialize(result, fmt))
        if result.type == "SELECT" and not rows(result)[1] or result.type == "CONSTRUCT" and not len(result.graph):
            note(empty)
        return
    names, data = rows(result)
    render(console, Table("", names, [["" if v is None else compact(v) for v in row] for row in data], empty=empty),
           err_console)
    if data:
        note(f"{len(data)} row(s)")

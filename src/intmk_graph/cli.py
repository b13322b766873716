"""The ``intmk-graph`` command line. It translates: parse arguments, call the library,
print. Library errors become one line on stderr and exit code 2."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

from . import __version__
from .errors import IntmkError
from .exports import csv_text, json_text
from .namespaces import DEFAULT_BASE
from .pipeline import build, parse_all, write_outputs
from .records import flat_record, resolution_records
from .vocab import laender

app = typer.Typer(
    name="intmk-graph",
    help="Turn IntMK resolution collections into an RDF knowledge graph and query it.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)
console = Console()
err_console = Console(stderr=True)

FilesArg = Annotated[
    Optional[list[Path]],
    typer.Argument(
        help="Text files of resolution collections (default: the bundled 2025 collection).",
        show_default=False,
    ),
]
OutOpt = Annotated[Path, typer.Option("--out", "-o", help="Output folder.")]
BaseOpt = Annotated[str, typer.Option("--base", help="Base IRI for the instance data.")]


class RecordFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


@contextmanager
def library_errors():
    """Turn the library's named errors into one line on stderr and exit code 2."""
    try:
        yield
    except IntmkError as exc:
        err_console.print(f"[bold red]error:[/] {exc}", highlight=False, soft_wrap=True)
        raise typer.Exit(exc.exit_code) from None


def version_callback(value: bool):
    if value:
        console.print(f"intmk-graph {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: Annotated[
        bool, typer.Option("--version", callback=version_callback, is_eager=True, help="Show the version.")
    ] = False,
):
    """Turn IntMK resolution collections into an RDF knowledge graph and query it."""


@app.command("build")
def build_command(files: FilesArg = None, out: OutOpt = Path("output"), base: BaseOpt = DEFAULT_BASE):
    """Read resolution collections and write the knowledge graph to OUT.

    Writes graph.ttl (all triples), graph.trig (one named graph per document) and
    resolutions.json, and prints a summary.
    """
    with library_errors():
        result = build(files, base)
        written = write_outputs(result, out)
    resolutions = result.resolutions
    table = Table(title="intmk-graph build", header_style="bold")
    table.add_column("document")
    for column in ("TOPs", "sponsor-\nships", "unani-\nmous", "major-\nity", "protocol\nnotes"):
        table.add_column(column, justify="right")
    for c in result.collections:
        conf = c.conference
        label = f"{conf.number}. IntMK {conf.place or ''} {conf.start or ''}".strip()
        decided = [r.decision.value for r in c.resolutions if r.decision]
        table.add_row(
            f"{Path(c.source).name}\n{label}",
            str(len(c.resolutions)),
            str(sum(len(r.sponsors) for r in c.resolutions)),
            str(decided.count("unanimous")),
            str(decided.count("majority")),
            str(sum(len(r.protocol_notes) for r in c.resolutions)),
        )
        for report in c.reports:
            err_console.print(
                f"[yellow]warning:[/] {c.source}:{report.line}: {report.reason}: {report.text!r}",
                highlight=False,
            )
    console.print(table)
    triples = len(result.dataset)
    total = sum(result.timings.values())
    console.print(
        f"{len(resolutions)} resolutions, {triples} triples in "
        f"{len(result.collections)} document graph(s); "
        f"parse {result.timings['parse']*1000:.0f} ms, graph {result.timings['graph']*1000:.0f} ms, "
        f"write {result.timings['write']*1000:.0f} ms, total {total:.2f} s",
        highlight=False,
    )
    for path in written:
        console.print(f"wrote {path}", highlight=False)


def print_records(records: list[dict], fmt: RecordFormat, columns: list[tuple[str, str]], title: str):
    """Records as JSON, CSV, or a rich table of the given (key, header) columns."""
    if fmt is RecordFormat.json:
        sys.stdout.write(json_text(records))
    elif fmt is RecordFormat.csv:
        sys.stdout.write(csv_text([flat_record(r) for r in records]))
    else:
        table = Table(title=title, header_style="bold")
        for _, header in columns:
            table.add_column(header)
        for record in records:
            flat = flat_record(record)
            table.add_row(*(str(flat.get(key, "")) for key, _ in columns))
        console.print(table)


def land_codes(names: list[str]) -> str:
    """Compact sponsor list for tables: 'BE HH ST', or 'all 16'."""
    lands = laender()
    if len(names) == len(lands):
        return "all 16"
    return " ".join(lands.by_name[n].code.removeprefix("DE-") for n in names)


@app.command("resolutions")
def resolutions_command(
    files: FilesArg = None,
    format: Annotated[RecordFormat, typer.Option("--format", "-f", help="Output format.")] = RecordFormat.table,
):
    """List the resolutions, one record each in document order."""
    with library_errors():
        records = resolution_records(parse_all(files))
    if format is not RecordFormat.table:
        print_records(records, format, [], "")
        return
    several = len({r["conference"] for r in records}) > 1
    table = Table(title="Resolutions", header_style="bold")
    if several:
        table.add_column("Conf.")
    table.add_column("TOP", no_wrap=True)
    table.add_column("Title", ratio=2)
    table.add_column("Sponsors", max_width=24)
    table.add_column("Decision")
    table.add_column("Z.", justify="right")
    table.add_column("Notes")
    for r in records:
        notes = ", ".join(
            "+".join(land_codes([b]) for b in n["by"])
            + (f" (Z. {n['paragraph']})" if n["paragraph"] is not None else "")
            for n in r["protocol_notes"]
        )
        row = [r["id"], r["title"], land_codes(r["sponsors"]), r["decision"] or "–", str(r["paragraphs"]), notes]
        table.add_row(*([r["conference"]] if several else []), *row)
    console.print(table)


def main():
    app()


if __name__ == "__main__":
    main()

"""The ``intmk-graph`` command line. It translates: parse arguments, call the library,
print. Library errors become one line on stderr and exit code 2."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, Optional

import typer
from rich.console import Console

from . import __version__
from .errors import IntmkError

if TYPE_CHECKING:
    from .model import Collection
    from .publish.views import View

# Only light imports here: the library's stages (rdflib, pyoxigraph, networkx, ...) are
# imported in the commands that use them, so --help and completion start fast.
from .publish.tables import Table as TableData
from .settings import DEFAULT_BASE, Decision, StoreKind, default_jobs

app = typer.Typer(
    name="intmk-graph",
    help="Turn IntMK resolution collections into an RDF knowledge graph and query it.",
    no_args_is_help=True,
    add_completion=True,  # --install-completion, --show-completion (typer)
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
LayoutOpt = Annotated[
    Optional[str],
    typer.Option(
        "--layout",
        help="Read with this layout family instead of detecting it: "
        "beschluesse, beschlussniederschrift, ergebnisprotokoll, umlaufverfahren.",
    ),
]
StrictOpt = Annotated[bool, typer.Option("--strict", help="Exit 2 when reading gives any warning.")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")]
JobsOpt = Annotated[int | None, typer.Option("--jobs", "-j", min=1,
                                             help="Processes to read with: several documents side by side, a large one in parts (default: one per core).")]


@contextmanager
def progress_bar(verb: str, total: int, quiet: bool) -> Iterator[Callable[[str, int, int], None]]:
    """A progress bar on a terminal only (and not with --quiet): yields the callback the
    library calls after each step, with the step's name."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

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


BaseOpt = Annotated[str, typer.Option("--base", help="Base IRI for the instance data.")]


class RecordFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


FormatOpt = Annotated[RecordFormat, typer.Option("--format", "-f", help="Output format: table, csv or json.")]


@contextmanager
def library_errors() -> Iterator[None]:
    """Turn the library's named errors into one line on stderr and exit code 2."""
    try:
        yield
    except IntmkError as exc:
        err_console.print(f"[bold red]error:[/] {exc}", highlight=False, soft_wrap=True)
        raise typer.Exit(exc.exit_code) from None


DEFAULT_OUT = Path("output")


def ensure_built(store: str, out: Path | None) -> Path:
    """The build folder to query: OUT (an error when nothing of kind ``store`` is built
    there: the Oxigraph store; "memory": the TriG file), or without --out ``output/``,
    where the bundled data is built first if need be, as a new user expects."""
    from .query.store import has_store

    folder = out or DEFAULT_OUT
    if has_store(store, folder):
        return folder
    if out is not None:
        fail(f"{out}: no build here; run 'intmk-graph build --out {out}' first")
    from .outputs import check_output
    from .pipeline import build_bundled, build_output, default_inputs

    err_console.print(f"no build under {folder}: building the bundled data first", highlight=False)
    with library_errors():
        check_output(build_output(folder), default_inputs())
        build_bundled(folder)
    return folder


def fail(message: str) -> NoReturn:
    """One line on stderr and exit 2."""
    err_console.print(f"[bold red]error:[/] {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(2)


@contextmanager
def opened(store: str, out: Path | None) -> Iterator[Any]:
    """The graph to query (see ``query.store.open_dataset``), closed afterwards; see
    :func:`ensure_built` for where it is."""
    from .query.store import open_dataset

    dataset = open_dataset(store, ensure_built(store, out))
    try:
        yield dataset
    finally:
        dataset.close()


ForceOpt = Annotated[bool, typer.Option("--force", help="Replace an existing output of another kind (a file where a folder goes, a page name without .html).")]


def checked(outputs: list[Any], inputs: list[Path] | None = None, force: bool = False) -> None:
    """Check the output paths before any work (``outputs.check_output``): a mistake is
    one line and exit 2."""
    from .outputs import check_output

    with library_errors():
        if inputs is None:
            from .pipeline import default_inputs

            inputs = default_inputs()
        for output in outputs:
            check_output(output, inputs, force)


def report_written(paths: list[Path]) -> None:
    """``wrote PATH`` for each file written, unless it went to standard output, which
    then holds the data alone."""
    for path in paths:
        if str(path) != "-":
            console.print(f"wrote {path}", highlight=False)


def report_reading(collections: list[Collection], strict: bool = False) -> None:
    """Encoding notices and reading warnings on stderr, ``file:line: message``; with
    ``strict``, any warning ends the command with exit 2."""
    warnings = 0
    for c in collections:
        if c.encoding not in ("utf-8", "utf-8-sig", "pdf"):
            from .publish.views import ENCODINGS

            err_console.print(f"notice: {c.source}: read as {ENCODINGS.get(c.encoding, c.encoding)}", highlight=False, soft_wrap=True)
        for w in c.warnings:
            where = f"{c.source}:{w.line}" if w.line is not None else c.source
            err_console.print(f"[yellow]warning:[/] {where}: {w.message}", highlight=False, soft_wrap=True)
            warnings += 1
    if strict and warnings:
        err_console.print(f"[bold red]error:[/] {warnings} reading warning(s) and --strict", highlight=False)
        raise typer.Exit(2)


def show(fmt: RecordFormat | ResultFormat, view: View) -> None:
    """The one way a command prints what it found (``publish.tables.show``)."""
    from .publish.tables import show as write

    write(console, err_console, fmt.value, view)


def version_callback(value: bool) -> None:
    if value:
        console.print(f"intmk-graph {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: Annotated[
        bool, typer.Option("--version", callback=version_callback, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Turn IntMK resolution collections into an RDF knowledge graph and query it."""


@app.command("build")
def build_command(
    files: FilesArg = None,
    out: OutOpt = Path("output"),
    base: BaseOpt = DEFAULT_BASE,
    layout: LayoutOpt = None,
    strict: StrictOpt = False,
    quiet: QuietOpt = False,
    jobs: JobsOpt = None,
    force: ForceOpt = False,
) -> None:
    """Read resolution collections and write the knowledge graph to OUT.

    Writes graph.ttl (all triples), graph.trig (one named graph per document) and
    resolutions.json, and prints a summary.

    Example: intmk-graph build beschluesse-2025.pdf beschlussniederschrift-2014.txt --out output
    """
    from .pipeline import build, build_output, write_all

    checked([build_output(out)], files, force)
    with library_errors():
        with reading_progress(files, quiet) as progress:
            result = build(files, base, layout, progress, jobs or default_jobs())
        report_reading(result.collections, strict)
        with working("writing graph.ttl, graph.trig and resolutions.json and loading the store", quiet):
            written = write_all(result, out)
    from .publish.tables import render
    from .publish.views import build_summary

    table, figures = build_summary(result.collections, len(result.quads), result.timings)
    render(console, table)
    console.print(figures, highlight=False)
    report_written(written)


@app.command("resolutions")
def resolutions_command(
    files: FilesArg = None,
    format: FormatOpt = RecordFormat.table,
    layout: LayoutOpt = None,
    strict: StrictOpt = False,
    top: Annotated[Optional[list[str]], typer.Option("--top", "-t", help="Only this agenda item (TOP id, e.g. 6.5); may be repeated.")] = None,
) -> None:
    """List the resolutions, one record each in document order.

    Example: intmk-graph resolutions --top 6.5 --format json
    """
    from .pipeline import parse_all
    from .publish import views
    from .publish.records import resolution_records

    with library_errors():
        collections = parse_all(files, layout)
        report_reading(collections, strict)
        records = resolution_records(collections)
    if top:
        records = [r for r in records if r["id"] in top]
    show(format, views.resolutions(records, top or ()))


@app.command("conferences")
def conferences_command(
    files: FilesArg = None,
    format: FormatOpt = RecordFormat.table,
    layout: LayoutOpt = None,
    strict: StrictOpt = False,
) -> None:
    """One record per document: its conference (number, kind, dates, place, chair), the
    agenda from its table of contents, and how it was read (layout, lines, warnings).

    Example: intmk-graph conferences minutes-2014.txt minutes-2016.txt --format json
    """
    from .pipeline import read_documents
    from .publish import views
    from .publish.records import conference_record

    with library_errors():
        collections = read_documents(files, layout)
        report_reading(collections, strict)
    show(format, views.conferences([conference_record(c) for c in collections]))


@app.command("check")
def check_command(
    files: Annotated[list[Path], typer.Argument(help="Documents to check.", show_default=False)],
    layout: LayoutOpt = None,
) -> None:
    """How well each file was read, to decide whether to trust it: the layout family,
    line coverage, every warning with its line, and the lines not understood in context.
    Exit 0 clean, 1 with warnings, 2 unreadable.

    Example: intmk-graph check minutes-2014.txt
    """
    from .pipeline import inspect
    from .publish import views

    worst = 0
    for path in files:
        try:
            with library_errors():
                seen = inspect(path, layout)
        except typer.Exit:
            worst = 2
            continue
        for line in views.check_lines(str(path), seen):
            console.print(line, highlight=False, soft_wrap=True)
        worst = max(worst, 1 if seen.collection.warnings else 0)
    raise typer.Exit(worst)


def _store_kind(value: str) -> str:
    from .query.store import is_endpoint

    if value in (k.value for k in StoreKind) or is_endpoint(value):
        return value
    raise typer.BadParameter(f"{value!r}: expected oxigraph, memory, or the http(s) URL of a SPARQL endpoint")


StoreOpt = Annotated[
    str,
    typer.Option(
        "--store",
        callback=_store_kind,
        help="oxigraph (embedded store under OUT/store), memory (rdflib), or the URL of a SPARQL endpoint.",
    ),
]
OutDirOpt = Annotated[Optional[Path], typer.Option("--out", "-o", help="Folder of the built graph and store (default: output, where the bundled data is built if nothing is).")]
ConferenceOpt = Annotated[Optional[int], typer.Option("--conference", "-c", help="Only this conference number.")]


class ResultFormat(str, Enum):
    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"


def print_result(result: Any, fmt: ResultFormat) -> None:
    """A SPARQL result: SELECT as table/CSV/TSV/JSON, ASK as true/false, graphs as Turtle."""
    from .publish.tables import render
    from .query.results import compact, rows, serialize

    empty = "nothing found: the query gave no results"
    if fmt is not ResultFormat.table or result.type != "SELECT":
        sys.stdout.write(serialize(result, fmt.value))
        if result.type == "SELECT" and not rows(result)[1] or result.type == "CONSTRUCT" and not len(result.graph):
            err_console.print(empty, highlight=False)
        return
    names, data = rows(result)
    render(console, TableData("", names, [["" if v is None else compact(v) for v in row] for row in data], empty=empty),
           err_console)
    if data:
        err_console.print(f"{len(data)} row(s)", highlight=False)


@app.command("query")
def query_command(
    query: Annotated[Optional[str], typer.Argument(help="A SPARQL query, or the name of a saved query.")] = None,
    file: Annotated[Optional[Path], typer.Option("--file", help="Read the query from this file.")] = None,
    param: Annotated[
        Optional[list[str]], typer.Option("--param", "-p", help="NAME=VALUE for a saved query's parameter.")
    ] = None,
    format: Annotated[ResultFormat, typer.Option("--format", "-f", help="Output format.")] = ResultFormat.table,
    allow_service: Annotated[
        bool, typer.Option("--allow-service", help="Allow SERVICE clauses (federated queries to other endpoints).")
    ] = False,
    timeout: Annotated[float, typer.Option("--timeout", min=0.1, help="Seconds the query may run before it is stopped (the embedded store).")] = 60.0,
    store: StoreOpt = StoreKind.oxigraph.value,
    out: OutDirOpt = None,
) -> None:
    """Run a SPARQL query (string, --file, or a saved query's name) on the graph.

    The default graph is the union of all documents. Saved queries take --param
    NAME=VALUE; values are bound as RDF terms, never pasted into the query. The store is
    read-only: updates are refused, and SERVICE unless --allow-service.

    Example: intmk-graph query sponsored-by -p land=Sachsen -f csv
    """
    from .query.saved import query_text, run
    from .query.sparql import check

    with library_errors():
        text = query_text(query, file, param or [])
        check(text, allow_service)  # before a store is opened or built
        if store == StoreKind.oxigraph.value:  # in a worker process, killed at its deadline
            from .query.store import store_path
            from .query.workers import query_in_worker

            result = query_in_worker(store_path(ensure_built(store, out)), text, timeout)
        else:
            with opened(store, out) as dataset:
                result = run(dataset, text, allow_service)
        print_result(result, format)


@app.command("queries")
def queries_command() -> None:
    """List the saved queries with their parameters.

    Example: intmk-graph queries
    """
    from .publish import views
    from .publish.tables import render
    from .query.saved import saved_queries

    render(console, views.saved_queries_table(list(saved_queries().values())))


@app.command("coalitions")
def coalitions_command(
    conference: ConferenceOpt = None,
    decision: Annotated[
        Optional[Decision], typer.Option("--decision", help="Only unanimous or majority resolutions.")
    ] = None,
    without_joint: Annotated[
        bool, typer.Option("--without-joint", help="Leave out joint motions of all 16 Länder.")
    ] = False,
    by_conference: Annotated[
        bool, typer.Option("--by-conference", help="Pairs and communities per conference, and how stable each Land's community is.")
    ] = False,
    format: FormatOpt = RecordFormat.table,
    store: StoreOpt = StoreKind.oxigraph.value,
    out: OutDirOpt = None,
) -> None:
    """Co-sponsorship among the Länder: pairs, communities, centrality, lone sponsors.

    Example: intmk-graph coalitions --without-joint --format json
    """
    from .publish import views
    from .query.reports import coalitions, coalitions_by_conference

    with library_errors():
        with opened(store, out) as dataset:
            if by_conference:
                view = views.coalitions_by_conference(
                    coalitions_by_conference(dataset, decision.value if decision else None, without_joint))
            else:
                view = views.coalitions(coalitions(dataset, conference, decision.value if decision else None,
                                                   without_joint), conference)
    show(format, view)


@app.command("dissent")
def dissent_command(
    conference: ConferenceOpt = None,
    land: Annotated[Optional[str], typer.Option("--land", help="Only notes of this Land.")] = None,
    format: FormatOpt = RecordFormat.table,
    store: StoreOpt = StoreKind.oxigraph.value,
    out: OutDirOpt = None,
) -> None:
    """Protocol notes: who dissented from which resolution and paragraph, and why.

    Example: intmk-graph dissent --land Bayern
    """
    from .publish import views
    from .query.reports import dissent

    with library_errors():
        with opened(store, out) as dataset:
            records = dissent(dataset, conference, land)
    show(format, views.dissent(records, land, conference))


@app.command("cites")
def cites_command(
    law: Annotated[str, typer.Argument(help='A law or section: AufenthG, Beschäftigungsverordnung, "§ 24 AufenthG", "§ 32 Abs. 2 Nr. 5 BeschV".')],
    conference: ConferenceOpt = None,
    format: FormatOpt = RecordFormat.table,
    store: StoreOpt = StoreKind.oxigraph.value,
    out: OutDirOpt = None,
) -> None:
    """The resolutions citing a law (all its sections) or one section, with the citing text and line.

    Example: intmk-graph cites "§ 24 AufenthG"
    """
    from .publish import views
    from .query.reports import cites

    with library_errors():
        with opened(store, out) as dataset:
            records = cites(dataset, law, conference)
    show(format, views.cites(records, law, conference))


@app.command("demands")
def demands_command(
    to: Annotated[Optional[str], typer.Option("--to", help="Only demands addressed to this body, Land or 'Länder', e.g. Bund, BAMF.")] = None,
    about: Annotated[Optional[str], typer.Option("--about", help="Only demands concerning this programme or law, e.g. MBE, AufenthG.")] = None,
    conference: ConferenceOpt = None,
    format: FormatOpt = RecordFormat.table,
    store: StoreOpt = StoreKind.oxigraph.value,
    out: OutDirOpt = None,
) -> None:
    """What the conference demands of whom: verb, addressees, paragraph and sentence.

    Example: intmk-graph demands --to Bund --about MBE
    """
    from .publish import views
    from .query.reports import demands

    with library_errors():
        with opened(store, out) as dataset:
            records = demands(dataset, to, about, conference)
    show(format, views.demands(records, to, about, conference))


@app.command("history")
def history_command(
    law: Annotated[Optional[str], typer.Option("--law", help='A law or section: AufenthG, "§ 60c AufenthG".')] = None,
    programme: Annotated[Optional[str], typer.Option("--programme", help="A programme (or law) as a topic: MBE.")] = None,
    to: Annotated[Optional[str], typer.Option("--to", help="An addressee: Bund, Bundesregierung, BAMF, Länder.")] = None,
    land: Annotated[Optional[str], typer.Option("--land", help="A Land: Bayern, BY.")] = None,
    demand: Annotated[Optional[str], typer.Option("--demand", help="A demand's IRI: it, what it repeats and what repeats it.")] = None,
    format: FormatOpt = RecordFormat.table,
    store: StoreOpt = StoreKind.oxigraph.value,
    out: OutDirOpt = None,
) -> None:
    """The record over the years of one thing: one row per conference with its year,
    resolutions (and demands, sponsorships or notes) and TOPs.

    Example: intmk-graph history --law "§ 60c AufenthG"
    """
    from .publish import views
    from .query.reports import history, history_columns

    with library_errors():
        with opened(store, out) as dataset:
            years = history(dataset, law, programme, to, land, demand)
    thing = next(f"{option} {value}" for option, value in (("--law", law), ("--programme", programme), ("--to", to),
                                                              ("--land", land), ("--demand", demand)) if value)
    show(format, views.history(years, history_columns(programme, to, land, demand), thing))


@app.command("evaluate")
def evaluate_command(
    expected: Annotated[Path, typer.Argument(help="A hand annotation (TOML), e.g. tests/data/expected-2025.toml.")],
    file: Annotated[Optional[Path], typer.Argument(help="The annotated document (default: the bundled 2025 collection).")] = None,
    format: FormatOpt = RecordFormat.table,
    show_items: Annotated[bool, typer.Option("--show", help="List every missed and spurious item.")] = False,
) -> None:
    """Measure the reader against a hand annotation: precision, recall and F1 per kind of finding.

    Example: intmk-graph evaluate tests/data/expected-2025.toml --show
    """
    from .extract.evaluation import evaluate, load_expectations
    from .pipeline import parse_all
    from .publish import views

    with library_errors():
        (collection,) = parse_all([file] if file else None)
        report = evaluate(collection, load_expectations(expected))
    show(format, views.evaluation(report, expected.name, show_items))


def _visual(value: str) -> str:
    from .publish.pages import KINDS

    if value == "all" or value in KINDS:
        return value
    raise typer.BadParameter(f"{value!r}: expected {', '.join(KINDS)} or all")


@app.command("serve")
def serve_command(
    host: Annotated[str, typer.Option("--host", help="Address to listen on; 127.0.0.1 keeps it to this machine.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.", min=1, max=65535)] = 7878,
    timeout: Annotated[float, typer.Option("--timeout", help="Seconds a query may run before it is stopped.", min=0.1)] = 10.0,
    max_rows: Annotated[int, typer.Option("--max-rows", help="At most this many results per query (a header says when cut).", min=1)] = 10_000,
    workers: Annotated[int, typer.Option("--workers", help="Query worker processes.", min=1, max=32)] = 2,
    allow_service: Annotated[bool, typer.Option("--allow-service", help="Allow SERVICE clauses (federated queries).")] = False,
    cors: Annotated[Optional[str], typer.Option("--cors", help="Allow scripts from this origin (e.g. https://yasgui.example.org).")] = None,
    out: OutDirOpt = None,
) -> None:
    """Serve the built graph read-only: a SPARQL 1.1 endpoint at /sparql, a query page
    at / (YASGUI with every saved query as a tab), the pages under /pages/, and every
    resolution at its IRI (/data/conference/20/top/6.5, as HTML, Turtle or JSON-LD).

    Example: intmk-graph serve --port 7878
    """
    from .publish.server import ServeConfig, serve

    out = ensure_built(StoreKind.oxigraph.value, out)
    config = ServeConfig(out, host, port, timeout, max_rows, workers, allow_service, cors)
    shown = f"[{host}]" if ":" in host else host
    err_console.print(f"serving {out} at http://{shown}:{port}/ (SPARQL: http://{shown}:{port}/sparql); "
                      "read-only; Ctrl-C stops", highlight=False)
    with library_errors():
        serve(config)


@app.command("push")
def push_command(
    to: Annotated[str, typer.Option("--to", help="The store's Graph Store Protocol endpoint (Oxigraph: http://host:7878/store; Virtuoso: .../sparql-graph-crud-auth).")],
    graph_prefix: Annotated[Optional[str], typer.Option("--graph-prefix", help="Name the graphs PREFIX + their last part (default: their own names).")] = None,
    replace: Annotated[bool, typer.Option("--replace", help="Replace each graph (PUT) instead of adding to it (POST).")] = False,
    user: Annotated[Optional[str], typer.Option("--user", help="User name for the store (Basic or Digest).")] = None,
    password: Annotated[Optional[str], typer.Option("--password", help="Password for --user (or the environment variable INTMK_GRAPH_PASSWORD).", envvar="INTMK_GRAPH_PASSWORD")] = None,
    quiet: QuietOpt = False,
    out: OutDirOpt = None,
) -> None:
    """Load the built graphs into another triple store by the SPARQL 1.1 Graph Store HTTP
    Protocol: one named graph per document, plus the reference graph. Safe to repeat. A
    bearer token may come from the environment variable INTMK_GRAPH_TOKEN.

    Example: intmk-graph push --to http://localhost:7878/store --replace
    """

    from .publish.push import TOKEN_VARIABLE, push

    out = ensure_built(StoreKind.memory.value, out)  # push sends the TriG file
    with library_errors(), progress_bar("pushing", 0, quiet) as advance:
        pushed = push(to, out / "graph.trig", replace=replace, prefix=graph_prefix, user=user, password=password,
                      token=os.environ.get(TOKEN_VARIABLE),
                      progress=lambda name, done, total: advance(name.rsplit("/", 1)[-1], done, total))
    for p in pushed:
        console.print(f"{'replaced' if replace else 'added to'} <{p.graph}>: {p.triples:,} triples (HTTP {p.status})",
                      highlight=False, soft_wrap=True)


@app.command("visualise")
def visualise_command(
    what: Annotated[str, typer.Argument(callback=_visual, help="coalitions, citations, timeline, graph, matrix, or all.")],
    out_file: Annotated[
        Optional[Path],
        typer.Option("--out-file", "-O", help="Where to write (default OUT/<what>.html; matrix: OUT/matrix.png and .svg)."),
    ] = None,
    conference: ConferenceOpt = None,
    store: StoreOpt = StoreKind.oxigraph.value,
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="Folder of the built graph and store; the pages are written there.")] = None,
    force: ForceOpt = False,
) -> None:
    """Self-contained interactive HTML pages (work offline) and a co-sponsorship heat map.

    Example: intmk-graph visualise all
    """
    from .publish.pages import KINDS, visual_outputs, write_visual

    kinds = list(KINDS) if what == "all" else [what]
    if out_file is not None and len(kinds) > 1:
        raise typer.BadParameter("--out-file names one file; leave it out with 'all'")
    folder = out or DEFAULT_OUT
    checked([o for kind in kinds for o in visual_outputs(kind, folder, out_file)], [], force)
    with library_errors():
        with opened(store, out) as dataset:
            for kind in kinds:
                report_written(write_visual(kind, dataset, folder, out_file, conference))


@app.command("validate")
def validate_command(
    graph: Annotated[
        Optional[Path], typer.Argument(help="A Turtle/TriG/N-Triples file (default: build the bundled data).")
    ] = None,
) -> None:
    """Check a graph against ontology/shapes.ttl (exit 0 conforms, 1 violations, 2 bad input).

    Example: intmk-graph validate output/graph.ttl
    """
    from .graph.validation import validate_graph
    from .pipeline import build
    from .publish import views
    from .publish.exports import read_rdf, union_graph

    with library_errors():
        if graph is None:
            data = union_graph(build().dataset)
            name = "bundled data"
        else:
            data = read_rdf(graph)
            name = str(graph)
        result = validate_graph(data)
    if result.conforms:
        console.print(f"{name}: conforms to the shapes ({len(data)} triples)", highlight=False)
        return
    from .publish.tables import render

    render(console, views.violations_table(name, result.violations))
    raise typer.Exit(1)


class ExportFormat(str, Enum):
    ttl = "ttl"
    nt = "nt"
    jsonld = "jsonld"
    trig = "trig"
    graphml = "graphml"
    gexf = "gexf"
    csv = "csv"


@app.command("export")
def export_command(
    files: FilesArg = None,
    layout: LayoutOpt = None,
    strict: StrictOpt = False,
    quiet: QuietOpt = False,
    format: Annotated[ExportFormat, typer.Option("--format", "-f", help="Output format.")] = ExportFormat.ttl,
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="Output file (a folder for csv).")] = None,
    base: BaseOpt = DEFAULT_BASE,
    force: ForceOpt = False,
) -> None:
    """Export the graph as RDF (ttl, nt, jsonld, trig), for Gephi (graphml, gexf) or as CSV node/edge tables.

    Example: intmk-graph export --format graphml --out graph.graphml
    """
    from .outputs import Output
    from .pipeline import build
    from .publish.exports import export

    csv_tables = format is ExportFormat.csv
    target = out or DEFAULT_OUT / ("graph-csv" if csv_tables else f"graph.{format.value}")
    checked([Output(target, "--out", folder=csv_tables, files=("nodes.csv", "edges.csv") if csv_tables else ())],
            files, force)
    with library_errors():
        with reading_progress(files, quiet) as progress:
            result = build(files, base, layout, progress)
        report_reading(result.collections, strict)
        with working(f"writing {target}", quiet):
            written = export(result.dataset, format.value, target)
    report_written(written)


def main() -> None:
    """The command line, stoppable: Ctrl-C and SIGTERM end any command within a second
    (exit 130, 143), with no traceback and no half-written output (``stops``)."""
    from .stops import Stopped, finish, install

    install()
    try:
        app()
    except Stopped as stop:
        finish(stop)


if __name__ == "__main__":
    main()

"""The ``intmk-graph`` command line. It translates: parse arguments (``options``), call
the library, print (``publish.terminal``). Library errors become one line on stderr and
exit code 2."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from . import __version__
from . import options as o
from .errors import IntmkError

# Only light imports here: the library's stages (rdflib, pyoxigraph, networkx, ...) are
# imported in the commands that use them, so --help and completion start fast.
from .publish import terminal as t
from .publish.terminal import console, err_console
from .settings import DEFAULT_BASE, StoreKind, default_jobs

if TYPE_CHECKING:

    from .publish.tables import View
    from .query.store import Store

__all__ = ["app", "console", "err_console", "main"]

app = typer.Typer(
    name="intmk-graph",
    help="Turn IntMK resolution collections into an RDF knowledge graph and query it.",
    no_args_is_help=True,
    add_completion=True,  # --install-completion, --show-completion (typer)
    rich_markup_mode=None,
)
DEFAULT_OUT = Path("output")
OXIGRAPH = StoreKind.oxigraph.value


@contextmanager
def library_errors() -> Iterator[None]:
    """Turn the library's named errors into one line on stderr and exit code 2."""
    try:
        yield
    except IntmkError as exc:
        t.error(str(exc))
        raise typer.Exit(exc.exit_code) from None


def ensure_built(store: str, out: Path | None) -> Path:
    """The build folder to query: OUT, or ``output/`` (see ``pipeline.build_to_query``)."""
    from .query.store import has_store

    folder = out or DEFAULT_OUT
    if not has_store(store, folder):
        from .pipeline import build_to_query  # only then: the stages take a while to import
        with library_errors():
            build_to_query(out, folder, t.note)
    return folder


@contextmanager
def opened(store: str, out: Path | None) -> Iterator[Store]:
    """The graph to query (``query.store.open_store``) where :func:`ensure_built` finds it, closed afterwards."""
    from .query.store import open_store

    with open_store(store, ensure_built(store, out)) as opened_store:
        yield opened_store


def answer(store: str, out: Path | None, fmt: o.RecordFormat, view: Callable[[Store], View]) -> None:
    """Ask the built graph for a report and show it in the format chosen."""
    with library_errors(), opened(store, out) as dataset:
        shown = view(dataset)
    t.show(fmt.value, shown)


def checked(outputs: list[Any], inputs: list[Path] | None = None, force: bool = False) -> None:
    """Check the output paths before any work (``outputs.check_output``)."""
    from .outputs import check_output
    from .pipeline import default_inputs

    with library_errors():
        for output in outputs:
            check_output(output, default_inputs() if inputs is None else inputs, force)


def version_callback(value: bool) -> None:
    if value:
        t.say(f"intmk-graph {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(version: Annotated[bool, typer.Option("--version", callback=version_callback, is_eager=True,
                                                        help="Show the version.")] = False) -> None:
    """Turn IntMK resolution collections into an RDF knowledge graph and query it."""


@app.command("build")
def build_command(files: o.Files = None, out: o.Out = DEFAULT_OUT, base: o.Base = DEFAULT_BASE,
                  layout: o.Layout = None, strict: o.Strict = False, quiet: o.Quiet = False, jobs: o.Jobs = None,
                  force: o.Force = False, ocr: o.Ocr = False) -> None:
    """Read resolution collections and write the knowledge graph to OUT.

    Writes graph.ttl (all triples), graph.trig (one named graph per document) and
    resolutions.json, and prints a summary.

    Example: intmk-graph build beschluesse-2025.pdf beschlussniederschrift-2014.txt --out output
    """
    from .pipeline import build, build_output, write_all
    from .publish.tables import render
    from .publish.views import build_summary

    checked([build_output(out)], files, force)
    with library_errors():
        with t.reading_progress(files, quiet) as progress:
            result = build(files, base, layout, progress, jobs or default_jobs(), ocr)
        t.report_reading(result.collections, strict)
        with t.working("writing graph.ttl, graph.trig and resolutions.json and loading the store", quiet):
            written = write_all(result, out)
    table, figures = build_summary(result.collections, len(result.quads), result.timings)
    render(console, table)
    t.say(figures)
    t.report_written(written)


@app.command("resolutions")
def resolutions_command(files: o.Files = None, format: o.Format = o.RecordFormat.table, layout: o.Layout = None,
                        strict: o.Strict = False, top: o.Top = None, ocr: o.Ocr = False) -> None:
    """List the resolutions, one record each in document order.

    Example: intmk-graph resolutions --top 6.5 --format json
    """
    from .pipeline import parse_all
    from .publish import views
    from .publish.records import resolution_records

    with library_errors():
        collections = parse_all(files, layout, ocr=ocr)
        t.report_reading(collections, strict)
        records = resolution_records(collections)
    t.show(format.value, views.resolutions([r for r in records if r["id"] in top] if top else records, top or ()))


@app.command("conferences")
def conferences_command(files: o.Files = None, format: o.Format = o.RecordFormat.table, layout: o.Layout = None,
                        strict: o.Strict = False, ocr: o.Ocr = False) -> None:
    """One record per document: its conference (number, kind, dates, place, chair), the
    agenda from its table of contents, and how it was read (layout, lines, warnings).

    Example: intmk-graph conferences minutes-2014.txt minutes-2016.txt --format json
    """
    from .pipeline import read_documents
    from .publish import views
    from .publish.records import conference_record

    with library_errors():
        collections = read_documents(files, layout, ocr=ocr)
        t.report_reading(collections, strict)
    t.show(format.value, views.conferences([conference_record(c) for c in collections]))


@app.command("check")
def check_command(files: o.CheckedFiles, layout: o.Layout = None, format: o.Format = o.RecordFormat.table,
                  ocr: o.Ocr = False) -> None:
    """How well each file was read, to decide whether to trust it: layout, line coverage,
    confidence and the weakest pages, every warning with its line, and the lines not
    understood in context. Exit 0 clean, 1 with warnings, 2 unreadable.

    Example: intmk-graph check minutes-2014.txt --format json
    """
    from .pipeline import inspect
    from .publish import views
    from .publish.records import check_record

    worst, records = 0, []
    for path in files:
        try:
            with library_errors():
                seen = inspect(path, layout, ocr)
        except typer.Exit:
            worst = 2
            continue
        if format is o.RecordFormat.table:
            t.say("\n".join(views.check_lines(str(path), seen)))
        records.append(check_record(seen.collection))
        worst = max(worst, 1 if seen.collection.warnings else 0)
    if format is not o.RecordFormat.table:
        t.show(format.value, views.conferences(records))
    raise typer.Exit(worst)


@app.command("query")
def query_command(query: o.Query = None, file: o.QueryFile = None, param: o.Params = None,
                  format: o.ResultAs = o.ResultFormat.table, allow_service: o.AllowService = False,
                  timeout: o.QueryTimeout = 60.0, store: o.Store = OXIGRAPH, out: o.Built = None) -> None:
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
        if store == OXIGRAPH:  # in a worker process, killed at its deadline
            from .query.store import store_path
            from .query.workers import query_in_worker

            result = query_in_worker(store_path(ensure_built(store, out)), text, timeout)
        else:
            with opened(store, out) as dataset:
                result = run(dataset, text, allow_service)
        t.show_result(result, format.value)


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
def coalitions_command(conference: o.Conference = None, decision: o.DecisionOpt = None,
                       without_joint: o.WithoutJoint = False, by_conference: o.ByConference = False,
                       format: o.Format = o.RecordFormat.table, store: o.Store = OXIGRAPH, out: o.Built = None) -> None:
    """Co-sponsorship among the Länder: pairs, communities, centrality, lone sponsors.

    Example: intmk-graph coalitions --without-joint --format json
    """
    from .publish import views
    from .query.reports import coalitions, coalitions_by_conference

    kind = decision.value if decision else None
    if by_conference:
        answer(store, out, format, lambda g: views.coalitions_by_conference(
            coalitions_by_conference(g, kind, without_joint)))
    else:
        answer(store, out, format, lambda g: views.coalitions(coalitions(g, conference, kind, without_joint),
                                                              conference))


@app.command("dissent")
def dissent_command(conference: o.Conference = None, land: o.NotesOf = None, format: o.Format = o.RecordFormat.table,
                    store: o.Store = OXIGRAPH, out: o.Built = None) -> None:
    """Protocol notes: who dissented from which resolution and paragraph, and why.

    Example: intmk-graph dissent --land Bayern
    """
    from .publish import views
    from .query.reports import dissent

    answer(store, out, format, lambda g: views.dissent(dissent(g, conference, land), land, conference))


@app.command("cites")
def cites_command(law: o.Law, conference: o.Conference = None, format: o.Format = o.RecordFormat.table,
                  store: o.Store = OXIGRAPH, out: o.Built = None) -> None:
    """The resolutions citing a law (all its sections) or one section, with the citing text and line.

    Example: intmk-graph cites "§ 24 AufenthG"
    """
    from .publish import views
    from .query.reports import cites

    answer(store, out, format, lambda g: views.cites(cites(g, law, conference), law, conference))


@app.command("demands")
def demands_command(to: o.DemandsTo = None, about: o.About = None, conference: o.Conference = None,
                    format: o.Format = o.RecordFormat.table, store: o.Store = OXIGRAPH, out: o.Built = None) -> None:
    """What the conference demands of whom: verb, addressees, paragraph and sentence.

    Example: intmk-graph demands --to Bund --about MBE
    """
    from .publish import views
    from .query.reports import demands

    answer(store, out, format, lambda g: views.demands(demands(g, to, about, conference), to, about, conference))


@app.command("history")
def history_command(law: o.FollowLaw = None, programme: o.FollowProgramme = None, to: o.FollowTo = None,
                    land: o.FollowLand = None, demand: o.FollowDemand = None, format: o.Format = o.RecordFormat.table,
                    store: o.Store = OXIGRAPH, out: o.Built = None) -> None:
    """The record over the years of one thing: one row per conference with its year,
    resolutions (and demands, sponsorships or notes) and TOPs.

    Example: intmk-graph history --law "§ 60c AufenthG"
    """
    from .publish import views
    from .query.reports import history, history_columns

    followed = (("--law", law), ("--programme", programme), ("--to", to), ("--land", land), ("--demand", demand))
    thing = next((f"{option} {value}" for option, value in followed if value), "")
    answer(store, out, format, lambda g: views.history(history(g, law, programme, to, land, demand),
                                                       history_columns(programme, to, land, demand), thing))


@app.command("evaluate")
def evaluate_command(expected: o.Expected, file: o.AnnotatedFile = None, format: o.Format = o.RecordFormat.table,
                     show_items: o.ShowItems = False) -> None:
    """Measure the reader against a hand annotation: precision, recall and F1 per kind of finding.

    Example: intmk-graph evaluate tests/data/expected-2025.toml --show
    """
    from .pipeline import evaluate
    from .publish import views

    with library_errors():
        report = evaluate(expected, file)
    t.show(format.value, views.evaluation(report, expected.name, show_items))


@app.command("serve")
def serve_command(host: o.Host = "127.0.0.1", port: o.Port = 7878, timeout: o.ServeTimeout = 10.0,
                  max_rows: o.MaxRows = 10_000, workers: o.Workers = 2, allow_service: o.ServeService = False,
                  cors: o.Cors = None, out: o.Built = None) -> None:
    """Serve the built graph read-only: a SPARQL 1.1 endpoint at /sparql, a query page
    at / (YASGUI with every saved query as a tab), the pages under /pages/, and every
    resolution at its IRI (/data/conference/20/top/6.5, as HTML, Turtle or JSON-LD).

    Example: intmk-graph serve --port 7878
    """
    from .publish.server import ServeConfig, serve

    out = ensure_built(OXIGRAPH, out)
    shown = f"[{host}]" if ":" in host else host
    t.note(f"serving {out} at http://{shown}:{port}/ (SPARQL: http://{shown}:{port}/sparql); read-only; Ctrl-C stops")
    with library_errors():
        serve(ServeConfig(out, host, port, timeout, max_rows, workers, allow_service, cors))


@app.command("push")
def push_command(to: o.PushTo, graph_prefix: o.GraphPrefix = None, replace: o.Replace = False, user: o.User = None,
                 password: o.Password = None, quiet: o.Quiet = False, out: o.Built = None) -> None:
    """Load the built graphs into another triple store by the SPARQL 1.1 Graph Store HTTP
    Protocol: one named graph per document, plus the reference graph. Safe to repeat. A
    bearer token may come from the environment variable INTMK_GRAPH_TOKEN.

    Example: intmk-graph push --to http://localhost:7878/store --replace
    """
    from .publish.push import TOKEN_VARIABLE, push

    out = ensure_built(StoreKind.memory.value, out)  # push sends the TriG file
    with library_errors(), t.progress_bar("pushing", 0, quiet) as advance:
        pushed = push(to, out / "graph.trig", replace=replace, prefix=graph_prefix, user=user, password=password,
                      token=os.environ.get(TOKEN_VARIABLE),
                      progress=lambda name, done, total: advance(name.rsplit("/", 1)[-1], done, total))
    for p in pushed:
        t.say(f"{'replaced' if replace else 'added to'} <{p.graph}>: {p.triples:,} triples (HTTP {p.status})")


@app.command("visualise")
def visualise_command(what: o.Visual, out_file: o.OutFile = None, conference: o.Conference = None,
                      store: o.Store = OXIGRAPH, out: o.PagesOut = None, force: o.Force = False) -> None:
    """Self-contained interactive HTML pages (work offline) and a co-sponsorship heat map.

    Example: intmk-graph visualise all
    """
    from .publish.pages import KINDS, visual_outputs, write_visual

    kinds = list(KINDS) if what == "all" else [what]
    if out_file is not None and len(kinds) > 1:
        raise typer.BadParameter("--out-file names one file; leave it out with 'all'")
    folder = out or DEFAULT_OUT
    checked([output for kind in kinds for output in visual_outputs(kind, folder, out_file)], [], force)
    with library_errors(), opened(store, out) as dataset:
        for kind in kinds:
            t.report_written(write_visual(kind, dataset, folder, out_file, conference))


@app.command("validate")
def validate_command(graph: o.GraphFile = None) -> None:
    """Check a graph against ontology/shapes.ttl (exit 0 conforms, 1 violations, 2 bad input).

    Example: intmk-graph validate output/graph.ttl
    """
    from .graph.validation import validate_graph
    from .pipeline import build
    from .publish import views
    from .publish.exports import read_rdf, union_graph
    from .publish.tables import render

    with library_errors():
        data = union_graph(build().dataset) if graph is None else read_rdf(graph)
        result = validate_graph(data)
    name = "bundled data" if graph is None else str(graph)
    if result.conforms:
        t.say(f"{name}: conforms to the shapes ({len(data)} triples)")
        return
    render(console, views.violations_table(name, result.violations))
    raise typer.Exit(1)


@app.command("export")
def export_command(files: o.Files = None, layout: o.Layout = None, strict: o.Strict = False, quiet: o.Quiet = False,
                   format: o.ExportAs = o.ExportFormat.ttl, out: o.ExportOut = None, base: o.Base = DEFAULT_BASE,
                   force: o.Force = False, ocr: o.Ocr = False) -> None:
    """Export the graph as RDF (ttl, nt, jsonld, trig), for Gephi (graphml, gexf) or as CSV node/edge tables.

    Example: intmk-graph export --format graphml --out graph.graphml
    """
    from .outputs import Output
    from .pipeline import build
    from .publish.exports import export

    csv_tables = format is o.ExportFormat.csv
    target = out or DEFAULT_OUT / ("graph-csv" if csv_tables else f"graph.{format.value}")
    checked([Output(target, "--out", folder=csv_tables, files=("nodes.csv", "edges.csv") if csv_tables else ())],
            files, force)
    with library_errors():
        with t.reading_progress(files, quiet) as progress:
            result = build(files, base, layout, progress, ocr=ocr)
        t.report_reading(result.collections, strict)
        with t.working(f"writing {target}", quiet):
            written = export(result.dataset, format.value, target)
    t.report_written(written)


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

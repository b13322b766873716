"""The command line's options and formats, each declared once and shared by the
commands that take it (``cli``). Typer reads its parameters from these annotations."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from .settings import Decision


def _store_kind(value: str) -> str:
    from .query.store import is_endpoint
    from .settings import StoreKind

    if value in (k.value for k in StoreKind) or is_endpoint(value):
        return value
    raise typer.BadParameter(f"{value!r}: expected oxigraph, memory, or the http(s) URL of a SPARQL endpoint")


def _visual(value: str) -> str:
    from .publish.pages import KINDS

    if value == "all" or value in KINDS:
        return value
    raise typer.BadParameter(f"{value!r}: expected {', '.join(KINDS)} or all")


class RecordFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


class ResultFormat(str, Enum):
    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"


class ExportFormat(str, Enum):
    ttl = "ttl"
    nt = "nt"
    jsonld = "jsonld"
    trig = "trig"
    graphml = "graphml"
    gexf = "gexf"
    csv = "csv"


# reading
Files = Annotated[Optional[list[Path]], typer.Argument(
    help="Text files of resolution collections (default: the bundled 2025 collection).", show_default=False)]
CheckedFiles = Annotated[list[Path], typer.Argument(help="Documents to check.", show_default=False)]
Layout = Annotated[Optional[str], typer.Option(
    "--layout", help="Read with this layout family instead of detecting it: "
    "beschluesse, beschlussniederschrift, ergebnisprotokoll, umlaufverfahren.")]
Ocr = Annotated[bool, typer.Option("--ocr", help="Read PDF pages without a text layer (scans) by OCR: "
                                   "OCRmyPDF and Tesseract's German model (pip install 'intmk-graph[ocr]').")]
Strict = Annotated[bool, typer.Option("--strict", help="Exit 2 when reading gives any warning.")]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")]
Jobs = Annotated[int | None, typer.Option("--jobs", "-j", min=1, help="Processes to read with: several documents "
                                          "side by side, a large one in parts (default: one per core).")]
Base = Annotated[str, typer.Option("--base", help="Base IRI for the instance data.")]
Top = Annotated[Optional[list[str]], typer.Option("--top", "-t", help="Only this agenda item (TOP id, e.g. 6.5); may be repeated.")]

# writing
Out = Annotated[Path, typer.Option("--out", "-o", help="Output folder.")]
Force = Annotated[bool, typer.Option("--force", help="Replace an existing output of another kind (a file where a folder goes, a page name without .html).")]
Format = Annotated[RecordFormat, typer.Option("--format", "-f", help="Output format: table, csv or json.")]
ExportAs = Annotated[ExportFormat, typer.Option("--format", "-f", help="Output format.")]
ExportOut = Annotated[Optional[Path], typer.Option("--out", "-o", help="Output file (a folder for csv).")]

# the built graph
Store = Annotated[str, typer.Option("--store", callback=_store_kind, help="oxigraph (embedded store under OUT/store), memory (rdflib), or the URL of a SPARQL endpoint.")]
Built = Annotated[Optional[Path], typer.Option("--out", "-o", help="Folder of the built graph and store (default: output, where the bundled data is built if nothing is).")]
PagesOut = Annotated[Optional[Path], typer.Option("--out", "-o", help="Folder of the built graph and store; the pages are written there.")]

# what to ask
Conference = Annotated[Optional[int], typer.Option("--conference", "-c", help="Only this conference number.")]
Query = Annotated[Optional[str], typer.Argument(help="A SPARQL query, or the name of a saved query.")]
QueryFile = Annotated[Optional[Path], typer.Option("--file", help="Read the query from this file.")]
Params = Annotated[Optional[list[str]], typer.Option("--param", "-p", help="NAME=VALUE for a saved query's parameter.")]
ResultAs = Annotated[ResultFormat, typer.Option("--format", "-f", help="Output format.")]
AllowService = Annotated[bool, typer.Option("--allow-service", help="Allow SERVICE clauses (federated queries to other endpoints).")]
QueryTimeout = Annotated[float, typer.Option("--timeout", min=0.1, help="Seconds the query may run before it is stopped (the embedded store).")]
DecisionOpt = Annotated[Optional[Decision], typer.Option("--decision", help="Only unanimous or majority resolutions.")]
WithoutJoint = Annotated[bool, typer.Option("--without-joint", help="Leave out joint motions of all 16 Länder.")]
ByConference = Annotated[bool, typer.Option("--by-conference", help="Pairs and communities per conference, and how stable each Land's community is.")]
NotesOf = Annotated[Optional[str], typer.Option("--land", help="Only notes of this Land.")]
Law = Annotated[str, typer.Argument(help='A law or section: AufenthG, Beschäftigungsverordnung, "§ 24 AufenthG", "§ 32 Abs. 2 Nr. 5 BeschV".')]
DemandsTo = Annotated[Optional[str], typer.Option("--to", help="Only demands addressed to this body, Land or 'Länder', e.g. Bund, BAMF.")]
About = Annotated[Optional[str], typer.Option("--about", help="Only demands concerning this programme or law, e.g. MBE, AufenthG.")]
FollowLaw = Annotated[Optional[str], typer.Option("--law", help='A law or section: AufenthG, "§ 60c AufenthG".')]
FollowProgramme = Annotated[Optional[str], typer.Option("--programme", help="A programme (or law) as a topic: MBE.")]
FollowTo = Annotated[Optional[str], typer.Option("--to", help="An addressee: Bund, Bundesregierung, BAMF, Länder.")]
FollowLand = Annotated[Optional[str], typer.Option("--land", help="A Land: Bayern, BY.")]
FollowDemand = Annotated[Optional[str], typer.Option("--demand", help="A demand's IRI: it, what it repeats and what repeats it.")]
Expected = Annotated[Path, typer.Argument(help="A hand annotation (TOML), e.g. tests/data/expected-2025.toml.")]
AnnotatedFile = Annotated[Optional[Path], typer.Argument(help="The annotated document (default: the bundled 2025 collection).")]
ShowItems = Annotated[bool, typer.Option("--show", help="List every missed and spurious item.")]

# pages, serving and pushing
Visual = Annotated[str, typer.Argument(callback=_visual, help="coalitions, citations, timeline, graph, matrix, or all.")]
OutFile = Annotated[Optional[Path], typer.Option("--out-file", "-O", help="Where to write (default OUT/<what>.html; matrix: OUT/matrix.png and .svg).")]
GraphFile = Annotated[Optional[Path], typer.Argument(help="A Turtle/TriG/N-Triples file (default: build the bundled data).")]
Host = Annotated[str, typer.Option("--host", help="Address to listen on; 127.0.0.1 keeps it to this machine.")]
Port = Annotated[int, typer.Option("--port", help="Port to listen on.", min=1, max=65535)]
ServeTimeout = Annotated[float, typer.Option("--timeout", help="Seconds a query may run before it is stopped.", min=0.1)]
MaxRows = Annotated[int, typer.Option("--max-rows", help="At most this many results per query (a header says when cut).", min=1)]
Workers = Annotated[int, typer.Option("--workers", help="Query worker processes.", min=1, max=32)]
ServeService = Annotated[bool, typer.Option("--allow-service", help="Allow SERVICE clauses (federated queries).")]
Cors = Annotated[Optional[str], typer.Option("--cors", help="Allow scripts from this origin (e.g. https://yasgui.example.org).")]
PushTo = Annotated[str, typer.Option("--to", help="The store's Graph Store Protocol endpoint (Oxigraph: http://host:7878/store; Virtuoso: .../sparql-graph-crud-auth).")]
GraphPrefix = Annotated[Optional[str], typer.Option("--graph-prefix", help="Name the graphs PREFIX + their last part (default: their own names).")]
Replace = Annotated[bool, typer.Option("--replace", help="Replace each graph (PUT) instead of adding to it (POST).")]
User = Annotated[Optional[str], typer.Option("--user", help="User name for the store (Basic or Digest).")]
Password = Annotated[Optional[str], typer.Option("--password", help="Password for --user (or the environment variable INTMK_GRAPH_PASSWORD).", envvar="INTMK_GRAPH_PASSWORD")]

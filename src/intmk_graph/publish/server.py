"""``intmk-graph serve``: the built store over HTTP, read-only.

- ``/sparql``: the SPARQL 1.1 Protocol (GET, POST form, POST ``application/sparql-query``;
  ``default-graph-uri`` and ``named-graph-uri``; results and graphs by content
  negotiation; the service description when no query is given). The default graph is
  the union of all documents, as for ``intmk-graph query``. Queries run in worker
  processes that are killed at their deadline (``query/workers.py``).
- ``/``: the query page (YASGUI, served from this package, never from a CDN) with a tab
  for every saved query; ``/pages/…``: the coalitions, citations, timeline and graph pages.
- ``/data/…`` and ``/id/…``: the IRIs minted under the data base and the vocabularies,
  dereferenceable: HTML for browsers, Turtle, N-Triples or JSON-LD by content negotiation;
  ``/resolution/{conference}/{top}`` leads to a resolution.

Updates are refused (403), SERVICE too unless allowed (400); it binds to 127.0.0.1 and
sends no CORS headers unless told otherwise.
"""

from __future__ import annotations

import html
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote

import anyio
from rdflib import Graph
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request as HttpRequest
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from ..namespaces import DEFAULT_BASE, ID
from ..query.results import Queryable
from ..query.sparql import MAX_QUERY_CHARS, Refused, check
from ..query.store import Store, store_path
from ..query.workers import GRAPH_TYPES, RESULT_TYPES, Answer, QueryPool, QueryTimeout, Request

SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS = "http://www.w3.org/ns/formats/"
PAGE_CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            "font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'")
VENDOR = ("yasgui.min.js", "yasgui.min.css")
RDF_FORMATS = {"turtle": "text/turtle", "nt": "application/n-triples", "jsonld": "application/ld+json"}


@dataclass(frozen=True)
class ServeConfig:
    out: Path  # the build folder: its store, its pages
    host: str = "127.0.0.1"
    port: int = 7878
    timeout: float = 10.0
    max_rows: int = 10_000
    workers: int = 2
    allow_service: bool = False
    cors: str | None = None
    base: str = DEFAULT_BASE


def vendor_dir() -> Path:
    """Where scripts/setup.sh puts YASGUI from the npm registry."""
    return Path(str(resources.files("intmk_graph.publish") / "web" / "vendor"))


def negotiate(accept: str | None, offered: list[str]) -> str | None:
    """The offered media type the Accept header likes best (its order breaks ties; the
    first offered when there is no header or it accepts anything)."""
    if not accept:
        return offered[0]
    best, best_q = None, 0.0
    for part in accept.split(","):
        fields = [f.strip() for f in part.split(";")]
        kind, q = fields[0].lower(), 1.0
        for f in fields[1:]:
            if f.startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        if q <= best_q:
            continue
        match: str | None
        if kind in ("*/*", ""):
            match = offered[0]
        elif kind.endswith("/*"):
            match = next((o for o in offered if o.startswith(kind[:-1])), None)
        else:
            match = kind if kind in offered else None
        if match is not None:
            best, best_q = match, q
    return best


def create_app(config: ServeConfig) -> Starlette:
    """The ASGI app serving the build in ``config.out``: the routes below, with the
    store, its query workers and the caches opened for as long as it runs."""
    middleware = [Middleware(_SafeHeaders)]
    if config.cors:
        middleware.append(Middleware(CORSMiddleware, allow_origins=[config.cors], allow_methods=["GET", "POST"],
                                     allow_headers=["Accept", "Content-Type"]))
    routes = [
        Route("/", query_page),
        Route("/favicon.ico", no_icon),
        Route("/sparql", sparql, methods=["GET", "POST"], name="sparql"),
        Route("/assets/{name}", asset),
        Route("/pages/{kind}.html", page),
        Route("/resolution/{conference}/{top}", resolution),
        Route("/{space:str}/{rest:path}", dereference),
    ]
    app = Starlette(routes=routes, middleware=middleware, lifespan=_lifespan)
    app.state.config = config
    return app


@dataclass
class _Served:
    """What the routes share while the server runs (the store is read-only: nothing of
    it changes)."""

    config: ServeConfig
    pool: QueryPool  # strangers' queries, killable
    dataset: Store  # our own, bounded queries
    build: str  # the build's identity, for ETags
    answers: AnswerCache = field(default_factory=lambda: AnswerCache())
    pages: dict[str, str] = field(default_factory=dict)
    query_page: str | None = None


@asynccontextmanager
async def _lifespan(app: Starlette) -> AsyncIterator[None]:
    config: ServeConfig = app.state.config
    app.state.served = served = _Served(config, QueryPool(store_path(config.out), config.workers, config.timeout),
                                        Store.embedded(store_path(config.out)), build_identity(config.out))
    try:
        yield
    finally:
        served.pool.close()
        served.dataset.close()


def refuse(status: int, message: str) -> Response:
    return PlainTextResponse(message + "\n", status_code=status)


async def sparql(request: HttpRequest) -> Response:
    served: _Served = request.app.state.served
    config = served.config
    params = request.query_params
    default_graphs, named_graphs = params.getlist("default-graph-uri"), params.getlist("named-graph-uri")
    text = params.get("query")
    if "update" in params:
        return refuse(403, "updates are not allowed: the store is read-only")
    if request.method == "POST":
        length = int(request.headers.get("content-length") or 0)
        if length > 4 * MAX_QUERY_CHARS:
            return refuse(413, f"the request is {length:,} bytes long; at most {4 * MAX_QUERY_CHARS:,} are accepted")
        kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if kind == "application/x-www-form-urlencoded":
            # parsed here: Starlette's form parser would need python-multipart
            form = parse_qs((await request.body()).decode("utf-8", "replace"), keep_blank_values=True)
            if "update" in form:
                return refuse(403, "updates are not allowed: the store is read-only")
            text = (form.get("query") or [""])[0]
            default_graphs += form.get("default-graph-uri", [])
            named_graphs += form.get("named-graph-uri", [])
        elif kind == "application/sparql-query":
            text = (await request.body()).decode("utf-8", "replace")
        elif kind == "application/sparql-update":
            return refuse(403, "updates are not allowed: the store is read-only")
        else:
            return refuse(415, f"unsupported content type {kind!r}; expected "
                               "application/x-www-form-urlencoded or application/sparql-query")
    if not text:
        if request.method == "GET":
            wanted = negotiate(request.headers.get("accept"), ["text/turtle", "text/html"])
            if wanted == "text/html":
                return RedirectResponse("/", status_code=303)
            return Response(service_description(config, str(request.url_for("sparql")), served.dataset),
                            media_type="text/turtle")
        return refuse(400, "no query: expected the 'query' parameter or an application/sparql-query body")
    try:
        kind_of_query = check(text, config.allow_service)
    except Refused as exc:
        return refuse(exc.status, str(exc))
    offered = list(GRAPH_TYPES if kind_of_query.graph else RESULT_TYPES)
    media_type = negotiate(request.headers.get("accept"), offered)
    if media_type is None:
        return refuse(406, f"cannot answer in {request.headers.get('accept')}; expected one of {', '.join(offered)}")
    job = Request(text, kind_of_query, media_type, default_graphs, named_graphs, config.max_rows)
    tag = etag(served.build, job.key())
    if request.method == "GET" and not_modified(request, tag):
        return Response(status_code=304, headers=cache_headers(tag))
    answer = served.answers.get(job.key())
    hit = answer is not None
    if answer is None:
        try:
            answer = await anyio.to_thread.run_sync(served.pool.run, job)
        except QueryTimeout as exc:
            return refuse(503, str(exc))
        except Exception as exc:  # noqa: BLE001 - QueryError: a syntax error with its position, a failure
            return refuse(400, str(exc))
        served.answers.put(job.key(), answer)
    headers = {"X-Result-Count": str(answer.rows), "X-Cache": "hit" if hit else "miss", **cache_headers(tag)}
    if answer.truncated:
        headers["X-Result-Truncated"] = f"true; only the first {config.max_rows} results (--max-rows)"
    return Response(answer.body, media_type=_with_charset(answer.media_type), headers=headers)


async def query_page(request: HttpRequest) -> Response:
    """The query page, the same for every visitor: made once."""
    served: _Served = request.app.state.served
    if served.query_page is None:
        served.query_page = _query_page(served.config)
    return Response(served.query_page, media_type="text/html; charset=utf-8",
                    headers={"Content-Security-Policy": PAGE_CSP})


async def asset(request: HttpRequest) -> Response:
    name = request.path_params["name"]
    if name in VENDOR:
        path = vendor_dir() / name
        if not path.is_file():
            return refuse(404, f"{name} is not installed; run scripts/setup.sh (it takes YASGUI from the npm registry)")
        body = path.read_bytes()
    elif name in ("query.js", "query.css"):
        body = (resources.files("intmk_graph.publish") / "web" / name).read_bytes()
    else:
        return refuse(404, f"no asset {name!r}")
    kind = "text/javascript" if name.endswith(".js") else "text/css"
    return Response(body, media_type=kind + "; charset=utf-8", headers={"Cache-Control": "max-age=3600"})


async def page(request: HttpRequest) -> Response:
    served: _Served = request.app.state.served
    from .pages import PAGES
    from .pages import page as draw

    kind = request.path_params["kind"]
    if kind not in PAGES:
        return refuse(404, f"no page {kind!r}; expected one of {', '.join(PAGES)}")
    tag = etag(served.build, ("page", kind))
    if not_modified(request, tag):
        return Response(status_code=304, headers=cache_headers(tag))
    if kind not in served.pages:
        graph: Any = served.dataset  # the pages ask it SPARQL only, as they would a Graph
        served.pages[kind] = await anyio.to_thread.run_sync(draw, kind, graph)
    return Response(served.pages[kind], media_type="text/html; charset=utf-8", headers=cache_headers(tag))


async def resolution(request: HttpRequest) -> Response:
    c, top = request.path_params["conference"], request.path_params["top"]
    return RedirectResponse(f"/data/conference/{quote(c)}/top/{quote(top)}", status_code=303)


async def dereference(request: HttpRequest) -> Response:
    served: _Served = request.app.state.served
    config = served.config
    space, rest = request.path_params["space"], request.path_params["rest"]
    iri = (config.base if space == "data" else str(ID)) + rest
    wanted = request.query_params.get("format") or ""
    media_type = RDF_FORMATS.get(wanted) or negotiate(request.headers.get("accept"),
                                                      ["text/html", *RDF_FORMATS.values()])
    if media_type is None:
        return refuse(406, f"expected one of text/html, {', '.join(RDF_FORMATS.values())}")
    tag = etag(served.build, ("resource", iri, media_type))
    if not_modified(request, tag):
        return Response(status_code=304, headers=cache_headers(tag))
    described = await anyio.to_thread.run_sync(_describe, served.dataset, iri)
    if not len(described):
        return refuse(404, f"nothing is known of {iri}")
    if media_type == "text/html":
        from rdflib import URIRef

        from .resource import CSP, resource_page

        links = {name: f"{request.url.path}?format={name}" for name in RDF_FORMATS}
        body = resource_page(URIRef(iri), described, lambda node: _local(config, str(node)), links)
        return Response(body, media_type="text/html; charset=utf-8",
                        headers={"Content-Security-Policy": CSP, **cache_headers(tag)})
    from .exports import serialized

    fmt = {"text/turtle": "ttl", "application/n-triples": "nt", "application/ld+json": "jsonld"}[media_type]
    return Response(serialized(described, fmt), media_type=_with_charset(media_type), headers=cache_headers(tag))


async def no_icon(request: HttpRequest) -> Response:
    return Response(status_code=204)


def build_identity(out: Path) -> str:
    """What identifies the build being served: a digest of its TriG file (the same
    input gives the same bytes, so the same identity), or of the store's files."""
    import hashlib

    digest = hashlib.sha256()
    trig = out / "graph.trig"
    if trig.is_file():
        with trig.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                digest.update(chunk)
    else:
        for path in sorted((out / "store").iterdir()):
            digest.update(f"{path.name}:{path.stat().st_size}:{path.stat().st_mtime_ns}".encode())
    return digest.hexdigest()[:20]


def etag(build: str, key: object) -> str:
    """A strong ETag of one representation: the build's identity and what was asked
    (query, result format, graphs), so no two representations share one."""
    import hashlib

    return f'"{build}-{hashlib.sha256(repr(key).encode()).hexdigest()[:12]}"'


def not_modified(request: Any, tag: str) -> bool:
    """Whether the client's If-None-Match names this representation already."""
    asked = request.headers.get("if-none-match")
    if not asked:
        return False
    return asked.strip() == "*" or tag in (t.strip().removeprefix("W/") for t in asked.split(","))


def cache_headers(tag: str) -> dict[str, str]:
    """The store is read-only: an answer holds for as long as the build is served. A
    minute in the client's cache, then revalidated with the ETag (304, no body)."""
    return {"ETag": tag, "Cache-Control": "public, max-age=60", "Vary": "Accept"}


class AnswerCache:
    """The last answers by request, at most ``entries`` of them and ``size`` bytes of
    bodies: what cannot change is computed once. Used from the event loop only."""

    def __init__(self, entries: int = 1024, size: int = 64 << 20):
        from collections import OrderedDict

        self.entries, self.size = entries, size
        self._answers: OrderedDict[object, Answer] = OrderedDict()
        self._bytes = 0

    def get(self, key: object) -> Answer | None:
        answer = self._answers.get(key)
        if answer is not None:
            self._answers.move_to_end(key)
        return answer

    def put(self, key: object, answer: Answer) -> None:
        if len(answer.body) > self.size // 4:
            return  # one huge answer would push out everything else
        if key in self._answers:
            self._bytes -= len(self._answers.pop(key).body)
        self._answers[key] = answer
        self._bytes += len(answer.body)
        while len(self._answers) > self.entries or self._bytes > self.size:
            _, dropped = self._answers.popitem(last=False)
            self._bytes -= len(dropped.body)

    def __len__(self) -> int:
        return len(self._answers)


class _SafeHeaders:
    """Every response: no content sniffing, no referrer sent on."""

    def __init__(self, app: Any):
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        async def sending(message: Any) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], (b"x-content-type-options", b"nosniff"),
                                      (b"referrer-policy", b"no-referrer")]
            await send(message)

        await self.app(scope, receive, sending if scope["type"] == "http" else send)


def _with_charset(media_type: str) -> str:
    return media_type + "; charset=utf-8" if media_type.startswith("text/") else media_type


def _local(config: ServeConfig, iri: str) -> str:
    """Links between our own resources stay on this server."""
    if iri.startswith(config.base):
        return "/data/" + iri[len(config.base):]
    if iri.startswith(str(ID)):
        return "/id/" + iri[len(str(ID)):]
    return iri


def _describe(dataset: Queryable, iri: str) -> Graph:
    from ..graph.rdf import bind_prefixes
    from ..query.saved import run_saved

    graph = run_saved(dataset, "describe", resource=iri).graph or Graph()
    bind_prefixes(graph, DEFAULT_BASE)
    return graph


def service_description(config: ServeConfig, endpoint: str, dataset: Queryable) -> bytes:
    """A SPARQL 1.1 Service Description of this endpoint, in Turtle."""
    from rdflib import BNode, Graph, Namespace, URIRef
    from rdflib.namespace import RDF

    sd, fmt = Namespace(SD), Namespace(FORMATS)
    g = Graph()
    g.bind("sd", sd)
    g.bind("formats", fmt)
    service = URIRef(endpoint)
    g.add((service, RDF.type, sd.Service))
    g.add((service, sd.endpoint, service))
    g.add((service, sd.supportedLanguage, sd.SPARQL11Query))
    for name in ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                 "Turtle", "N-Triples", "JSON-LD", "TriG", "RDF_XML"):
        g.add((service, sd.resultFormat, fmt[name]))
    g.add((service, sd.feature, sd.UnionDefaultGraph))
    if config.allow_service:
        g.add((service, sd.feature, sd.BasicFederatedQuery))
    data, default = BNode("dataset"), BNode("default")
    g.add((service, sd.defaultDataset, data))
    g.add((data, RDF.type, sd.Dataset))
    g.add((data, sd.defaultGraph, default))
    g.add((default, RDF.type, sd.Graph))
    from ..query.saved import solutions

    graphs = solutions(dataset.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }"))
    for i, name in enumerate(sorted(str(row.g) for row in graphs if str(row.g).startswith("http"))):
        named = BNode(f"graph{i}")
        g.add((data, sd.namedGraph, named))
        g.add((named, sd.name, URIRef(name)))
    return g.serialize(format="turtle", encoding="utf-8")


def _query_page(config: ServeConfig) -> str:
    """The query page: YASGUI pointed at /sparql with a tab per saved query (parameters
    as VALUES placeholders), or a plain form where YASGUI is not installed."""
    from .. import __version__
    from ..query.saved import bind, saved_queries
    from .pages import PAGES, script_json

    tabs = [{"name": q.name, "title": q.title, "description": q.description,
             "query": bind(q, {}, placeholders=True)} for q in saved_queries().values()]
    installed = all((vendor_dir() / name).is_file() for name in VENDOR)
    links = " · ".join(f'<a href="/pages/{k}.html">{html.escape(k)}</a>' for k in PAGES)
    head = ('<link rel="stylesheet" href="/assets/yasgui.min.css">' if installed else "")
    fallback = "" if installed else (
        '<p class="note">YASGUI is not installed (scripts/setup.sh takes it from the npm registry); a plain form:</p>'
        '<form method="post" action="/sparql"><textarea name="query" rows="14" cols="100">'
        + html.escape(tabs[0]["query"]) + '</textarea><br><button type="submit">Run</button></form>')
    scripts = ('<script src="/assets/yasgui.min.js"></script><script src="/assets/query.js"></script>'
               if installed else "")
    return f"""<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>intmk-graph – SPARQL</title>{head}<link rel="stylesheet" href="/assets/query.css"></head>
<body><header><h1>intmk-graph SPARQL endpoint</h1>
<p>Query the IntMK resolutions at <code>/sparql</code> (read-only; the default graph is the union of all documents).
Every saved query is a tab. Pages: {links}.</p></header>
{fallback}<div id="yasgui"></div>
<script type="application/json" id="intmk-queries">{script_json({"tabs": tabs, "endpoint": "/sparql"})}</script>
{scripts}<footer>intmk-graph {__version__} · YASGUI (MIT, Triply and Zazuko), served from this machine</footer>
</body></html>
"""


def serve(config: ServeConfig) -> None:
    import uvicorn

    uvicorn.run(create_app(config), host=config.host, port=config.port, log_level="warning",
                server_header=False, date_header=False)

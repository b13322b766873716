"""Queries from strangers, run where they can be stopped: a pool of worker processes,
each with the store opened read-only.

Oxigraph cannot be interrupted from Python while it evaluates, so a query that runs past
its time (a runaway property path) would hold a thread forever. A worker process can be
killed: the pool does so at the deadline and starts a fresh one, and the caller gets
:class:`QueryTimeout`. Answers come back serialised, at most ``max_rows`` results, with
whether more were cut.
"""

from __future__ import annotations

import multiprocessing
import queue
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import QueryError
from .sparql import Form

if TYPE_CHECKING:
    from rdflib.query import Result

    from .store import PlainResult

# Result formats by media type; the first of each kind is the default.
RESULT_TYPES = {
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
    "application/json": "json",
}
GRAPH_TYPES = {
    "text/turtle": "turtle",
    "application/n-triples": "ntriples",
    "application/ld+json": "jsonld",
    "application/trig": "trig",
    "application/rdf+xml": "rdfxml",
}


PLAIN = "x-intmk/plain"  # the command line's own: the result as terms (store.plain_result)


class QueryTimeout(QueryError):
    pass


@dataclass
class Request:
    text: str
    form: Form
    media_type: str  # one of RESULT_TYPES or GRAPH_TYPES
    default_graphs: list[str] = field(default_factory=list)  # default-graph-uri: else the union
    named_graphs: list[str] = field(default_factory=list)  # named-graph-uri: else all
    max_rows: int | None = 10_000  # None: all
    prefixes: dict[str, str] = field(default_factory=dict)  # usable without a PREFIX line

    def key(self) -> tuple[object, ...]:
        """What the answer depends on (the store being read-only): for caching it."""
        return (self.text, self.media_type, tuple(self.default_graphs), tuple(self.named_graphs), self.max_rows,
                tuple(sorted(self.prefixes.items())))


@dataclass
class Answer:
    body: bytes
    media_type: str
    rows: int  # results (or triples) in the body
    truncated: bool  # more than max_rows: the rest was left out
    plain: PlainResult | None = None  # for PLAIN: the result itself, not serialised


# ----------------------------------------------------------------- in the worker


def _serve(path: str, requests: Any, answers: Any) -> None:
    """A worker: open the store read-only, then answer requests until told to stop."""
    import pyoxigraph as ox

    from ..stops import ignore_in_worker

    ignore_in_worker()
    try:
        store = ox.Store.read_only(path)
    except OSError as exc:
        answers.put(("failed", f"cannot open the store ({exc})"))
        return
    answers.put(("ready", None))
    while True:
        request = requests.get()
        if request is None:
            return
        try:
            answers.put(("ok", _answer(store, request)))
        except SyntaxError as exc:
            answers.put(("syntax", str(exc)))
        except Exception as exc:  # noqa: BLE001 - anything the store raises is the query's fault
            answers.put(("failed", str(exc)))


def _answer(store: Any, request: Request) -> Answer:
    import pyoxigraph as ox

    options: dict[str, Any] = {}
    if request.default_graphs:
        options["default_graph"] = [ox.NamedNode(g) for g in request.default_graphs]
    else:
        options["use_default_graph_as_union"] = True
    if request.named_graphs:
        options["named_graphs"] = [ox.NamedNode(g) for g in request.named_graphs]
    if request.prefixes:
        options["prefixes"] = request.prefixes
    result = store.query(request.text, **options)
    if request.media_type == PLAIN:
        from .store import plain_result

        found = plain_result(result)
        return Answer(b"", PLAIN, len(found[2]), False, found)
    from .results import engine_serialized  # imports rdflib: not for the command line's PLAIN

    body, count, truncated = engine_serialized(result, RESULT_TYPES.get(request.media_type)
                                               or GRAPH_TYPES[request.media_type], request.max_rows)
    return Answer(body, request.media_type, count, truncated)


# -------------------------------------------------------------------- the pool


class _Worker:
    def __init__(self, context: Any, path: str):
        self.requests = context.Queue()
        self.answers = context.Queue()
        self.process = context.Process(target=_serve, args=(path, self.requests, self.answers), daemon=True)
        self.process.start()

    def ready(self, timeout: float = 60) -> None:
        """Wait until the worker has its store open (a spawned Python takes a moment)."""
        try:
            status, value = self.answers.get(timeout=timeout)
        except queue.Empty:
            self.stop(kill=True)
            raise QueryError("a query worker did not start") from None
        if status != "ready":
            self.stop(kill=True)
            raise QueryError(value)

    def stop(self, kill: bool = False) -> None:
        """End the worker (``kill``: at once, even mid-query) and release its queues, whose
        semaphores would otherwise be reported leaked when the server exits."""
        if kill:
            self.process.kill()
        else:
            self.requests.put(None)
        self.process.join(timeout=1)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        for q in (self.requests, self.answers):
            q.close()
            q.join_thread()
        self.process.close()


class QueryPool:
    """``size`` worker processes over the store at ``path``; ``run`` blocks the calling
    thread until the answer, a QueryError, or QueryTimeout after ``timeout`` seconds."""

    def __init__(self, path: Path, size: int = 2, timeout: float = 10.0, start: str = "spawn"):
        if not Path(path).is_dir():
            raise QueryError(f"no store at {path}; run 'intmk-graph build' first")
        self.path, self.timeout = str(path), timeout
        # spawn: a fork of a process with threads (the web server) is not safe. The
        # command line forks (a spawned Python costs 0.3 s of every query): its only
        # other thread, the stop watchdog, holds no lock.
        self._context = multiprocessing.get_context(start)
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._lock = threading.Lock()
        self._workers = [_Worker(self._context, self.path) for _ in range(size)]
        for w in self._workers:
            w.ready()
            self._idle.put(w)
        self.restarted = 0  # workers killed at their deadline

    def run(self, request: Request, timeout: float | None = None) -> Answer:
        limit = self.timeout if timeout is None else timeout
        started = time.monotonic()
        try:
            worker = self._idle.get(timeout=limit)
        except queue.Empty:
            raise QueryTimeout(f"the query did not start within {limit:g} s: every worker is busy") from None
        try:
            worker.requests.put(request)
            try:
                status, value = worker.answers.get(timeout=max(0.0, limit - (time.monotonic() - started)))
            except queue.Empty:
                worker = self._replace(worker)
                raise QueryTimeout(f"the query ran longer than {limit:g} s and was stopped") from None
        finally:
            self._idle.put(worker)
        if status == "syntax":
            raise QueryError(f"SPARQL syntax error: {value}")
        if status == "failed":
            raise QueryError(f"the query failed: {value}")
        assert isinstance(value, Answer)
        return value

    def _replace(self, worker: _Worker) -> _Worker:
        worker.stop(kill=True)
        fresh = _Worker(self._context, self.path)
        fresh.ready()
        with self._lock:
            self._workers[self._workers.index(worker)] = fresh
            self.restarted += 1
        return fresh

    def close(self) -> None:
        """Stop the workers: idle ones are told to, busy ones killed (a shutdown does not
        wait for a stranger's query)."""
        idle = set()
        while True:
            try:
                idle.add(id(self._idle.get_nowait()))
            except queue.Empty:
                break
        for w in self._workers:
            w.stop(kill=id(w) not in idle)
        self._workers = []

    def __enter__(self) -> QueryPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def query_in_worker(path: Path, text: str, timeout: float) -> Result:
    """A query of the command line in a worker process over the store at ``path``: the
    same rdflib Result as in-process, but stopped after ``timeout`` seconds
    (QueryTimeout) and killed with the command when it is stopped."""
    from .sparql import form_of
    from .store import rdflib_prefixes, rdflib_result

    start = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    with QueryPool(path, size=1, timeout=timeout, start=start) as pool:
        answer = pool.run(Request(text, form_of(text), PLAIN, max_rows=None, prefixes=rdflib_prefixes()))
    assert answer.plain is not None
    return rdflib_result(*answer.plain)

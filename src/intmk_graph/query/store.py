"""Where the graph lives for querying: an embedded, persistent Oxigraph store (default)
or rdflib's in-memory store. Both are used through rdflib's Dataset API, and the default
graph of a query is the union of all named graphs on both."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..chunks import batches
from ..errors import InputError
from ..outputs import failure, replaced_folder
from ..parallel import map_in_threads
from ..settings import StoreKind, default_jobs  # noqa: F401 (StoreKind re-exported)

if TYPE_CHECKING:  # rdflib only to query: filling the store is part of a build, which needs none
    import pyoxigraph as ox
    from rdflib import Dataset
    from rdflib.query import Result

    from .results import Queryable


def store_path(out_dir: Path) -> Path:
    return out_dir / "store"


def load_oxigraph(data: bytes | Iterable[bytes], path: Path, threads: int | None = None) -> Dataset:
    """(Re)create a persistent Oxigraph store at ``path`` holding the data (see
    :func:`fill_oxigraph`), open for querying."""
    fill_oxigraph(data, path, threads)
    return open_oxigraph(path)


def fill_oxigraph(data: bytes | Iterable[bytes], path: Path, threads: int | None = None) -> None:
    """(Re)create a persistent Oxigraph store at ``path`` holding the data: TriG bytes,
    or a build's N-Quads in chunks cut at line ends, loaded by ``threads`` threads
    (default: one per core). The store is closed again: a build opens no Dataset."""
    import pyoxigraph as ox

    # Made beside the old store and put in its place when whole: a build stopped
    # halfway leaves the previous store as it was.
    with replaced_folder(path) as tmp:
        # Oxigraph's bulk loader is twice as fast as parsing through rdflib's Dataset API.
        try:
            store = ox.Store(str(tmp))
        except OSError as exc:
            raise failure(exc, path) from None
        if isinstance(data, bytes):
            store.bulk_load(data, format=ox.RdfFormat.TRIG)
            loads = 1
        else:
            loads = _bulk_load_in_parallel(store, data, threads or default_jobs())
        if loads > 1:
            # Each load adds its own overlapping files to every index; queries on a store of
            # eleven loads ran 1.5-3x slower than on one. Compacting costs a third of loading.
            store.optimize()
        store.flush()
        del store  # the last reference: closes the store and releases the lock on the folder


# A load of some 8 MB of N-Quads at a time, several at once: one bulk load parses and
# then writes its indexes one after the other, and holds all it is given (all of a
# 100 MB corpus at once took over 3 GB). Loads in parallel threads (Rust, without the
# GIL) took 1.3-1.7 s for the 355,000 quads of 10 MB, one load 2.5-3 s.
_LOAD_BATCH = 8 << 20


def _bulk_load_in_parallel(store: ox.Store, chunks: Iterable[bytes], threads: int) -> int:
    """How many loads it took."""
    import pyoxigraph as ox  # noqa: F811 (at run time)

    def load(batch: list[bytes]) -> None:
        store.bulk_load(b"".join(batch), format=ox.RdfFormat.N_QUADS)

    return map_in_threads(load, batches(chunks, _LOAD_BATCH), threads)


def open_oxigraph(path: Path) -> Dataset:
    if not path.is_dir():
        raise InputError(f"no store at {path}; run 'intmk-graph build' first", str(path))
    from rdflib import Dataset

    dataset = Dataset(store="Oxigraph", default_union=True)
    try:
        dataset.open(str(path), create=False)
    except OSError as exc:
        raise InputError(f"cannot open the store ({exc})", str(path)) from None
    return dataset


class Store:
    """The one type a graph is queried through, whatever holds it: the embedded store
    read-only (:meth:`embedded`), a remote endpoint (:meth:`endpoint`) or an rdflib Graph
    or Dataset (:meth:`of`). ``query`` gives rdflib's Result with the default graph the
    union of the named graphs, and the prefixes an rdflib Dataset knows (``owl:``,
    ``skos:``, ...) need no PREFIX line on any of them. Closed with ``close`` or ``with``."""

    def __init__(self, answer: Callable[[str], Result], close: Callable[[], None], where: str):
        self._answer: Callable[[str], Result] | None = answer
        self._close = close
        self.where = where  # for messages: the folder, the URL or "memory"

    @classmethod
    def embedded(cls, path: Path) -> Store:
        """The Oxigraph store at ``path``, read-only, queried through pyoxigraph itself:
        oxrdflib gives the same results but first imports rdflib's own SPARQL engine (about
        115 ms of every command's start), which Oxigraph never uses. Any number of
        processes may open it at once."""
        store: ox.Store | None = _read_only(path)

        def answer(text: str) -> Result:
            if store is None:
                raise ValueError("the store is closed")
            found = store.query(text, use_default_graph_as_union=True, prefixes=rdflib_prefixes())
            return rdflib_result(*plain_result(found))

        def close() -> None:
            nonlocal store
            store = None  # the last reference: RocksDB closes

        return cls(answer, close, str(path))

    @classmethod
    def endpoint(cls, url: str) -> Store:
        """A SPARQL 1.1 endpoint (e.g. ``oxigraph serve-read-only --union-default-graph``);
        its default graph should be the union of the named graphs, as in our stores.
        Nothing is ever sent but queries."""
        remote = _Endpoint(url)
        return cls(remote.query, remote.close, url)

    @classmethod
    def of(cls, graph: Queryable, where: str = "memory") -> Store:
        """An rdflib Graph or Dataset (in memory, or over Oxigraph through oxrdflib)."""
        return cls(graph.query, getattr(graph, "close", lambda: None), where)

    def query(self, text: str, /) -> Result:
        if self._answer is None:
            raise ValueError("the store is closed")
        return self._answer(text)

    def close(self) -> None:
        if self._answer is not None:
            self._answer = None
            self._close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


PlainResult = tuple[str, list[str], list[Any]]  # form, variables, rows of pyoxigraph terms


def plain_result(found: Any) -> PlainResult:
    """An Oxigraph query result, read whole, in a form that pickles (to come back from a
    query worker): ("ASK", [], [bool]), ("SELECT", variables, rows of terms or None) or
    ("CONSTRUCT", [], triples as tuples)."""
    import pyoxigraph as ox

    if isinstance(found, ox.QueryBoolean):
        return "ASK", [], [bool(found)]
    if isinstance(found, ox.QuerySolutions):
        names = [v.value for v in found.variables]
        return "SELECT", names, [tuple(solution) for solution in found]
    return "CONSTRUCT", [], [(t.subject, t.predicate, t.object) for t in found]


def rdflib_result(form: str, names: list[str], rows: list[Any]) -> Result:
    """A :func:`plain_result` as rdflib's Result, as oxrdflib would give it."""
    from rdflib import Graph, Variable
    from rdflib.query import Result

    from ..graph.terms import to_rdflib

    result = Result(form)
    if form == "ASK":
        result.askAnswer = rows[0]
    elif form == "SELECT":
        variables = [Variable(n) for n in names]
        result.vars = variables
        result.bindings = [{v: to_rdflib(term) for v, term in zip(variables, row) if term is not None}
                           for row in rows]
    else:  # CONSTRUCT, DESCRIBE
        result.graph = Graph()
        for s, p, o in rows:
            result.graph.add((to_rdflib(s), to_rdflib(p), to_rdflib(o)))
    return result


@lru_cache(maxsize=1)
def rdflib_prefixes() -> dict[str, str]:
    """The prefixes an rdflib Dataset binds, which rdflib lets a query use undeclared."""
    from rdflib import Dataset

    return {prefix: str(namespace) for prefix, namespace in Dataset().namespaces()}


def open_read_only(path: Path) -> Dataset:
    """The Oxigraph store at ``path`` opened read-only as an rdflib Dataset (the whole
    Dataset API, through oxrdflib); any number of processes may open it at once, none
    may write. The commands and the server query through :meth:`Store.embedded`."""
    from oxrdflib import OxigraphStore
    from rdflib import Dataset

    return Dataset(store=OxigraphStore(store=_read_only(path)), default_union=True)


def _read_only(path: Path) -> ox.Store:
    """The Oxigraph store at ``path``, read-only; a missing or unopenable one is an input error."""
    import pyoxigraph as ox

    if not path.is_dir():
        raise InputError(f"no store at {path}; run 'intmk-graph build' first", str(path))
    try:
        return ox.Store.read_only(str(path))
    except OSError as exc:
        raise InputError(f"cannot open the store ({exc})", str(path)) from None


def in_memory(source: Dataset) -> Dataset:
    """A copy of ``source`` in rdflib's memory store, named graphs kept."""
    from rdflib import Dataset

    dataset = Dataset(default_union=True)
    for prefix, namespace in source.namespaces():
        dataset.bind(prefix, namespace)
    for s, p, o, g in source.quads((None, None, None, None)):
        target = dataset.graph(g) if g is not None else dataset
        target.add((s, p, o))
    return dataset


def is_endpoint(kind: str) -> bool:
    return str(kind).startswith(("http://", "https://"))


class _Endpoint:
    """A remote SPARQL endpoint, asked through rdflib's SPARQLStore."""

    def __init__(self, url: str):
        from rdflib import Graph
        from rdflib.plugins.stores.sparqlstore import SPARQLStore

        self.url = url
        self._store = SPARQLStore(query_endpoint=url, returnFormat="json")
        self._graph = Graph(store=self._store)

    def query(self, text: str, /) -> Result:
        from urllib.error import HTTPError, URLError

        from ..errors import QueryError
        from .sparql import form_of

        # JSON results for SELECT and ASK; RDF/XML (which rdflib reads) for graphs.
        self._store.returnFormat = "xml" if form_of(text).graph else "json"
        try:
            return self._graph.query(text)
        except (URLError, ConnectionError, OSError, ValueError) as exc:
            # rdflib wraps HTTP failures in ValueError; the cause tells which it was.
            cause = exc if isinstance(exc, OSError) else (exc.__cause__ or exc.__context__)
            if isinstance(cause, HTTPError):
                detail = cause.read().decode("utf-8", "replace").strip()[:300]
                raise QueryError(f"the SPARQL endpoint {self.url} rejected the query: {cause.code} {detail}") from None
            if isinstance(cause, (URLError, ConnectionError, OSError)):
                raise InputError(f"cannot reach the SPARQL endpoint ({getattr(cause, 'reason', cause)})", self.url) from None
            raise

    def close(self) -> None:
        self._graph.close()


def has_store(kind: str, out_dir: Path) -> bool:
    """Whether the graph :func:`open_store` would open is there (an endpoint always is)."""
    if is_endpoint(kind):
        return True
    if StoreKind(kind) is StoreKind.memory:
        return (out_dir / "graph.trig").is_file()
    return store_path(out_dir).is_dir()


def open_store(kind: str, out_dir: Path) -> Store:
    """The graph to query: the Oxigraph store under ``out_dir``, an rdflib memory copy of
    ``out_dir/graph.trig``, or a remote SPARQL endpoint when ``kind`` is its URL. Opening
    never builds: :func:`has_store` tells whether there is something to open."""
    if is_endpoint(kind):
        return Store.endpoint(str(kind))
    if StoreKind(kind) is StoreKind.oxigraph:
        path = store_path(out_dir)
        if not path.is_dir():
            raise InputError(f"no store at {path}; expected 'intmk-graph build' to have made one")
        return Store.embedded(path)
    trig_file = out_dir / "graph.trig"
    if not trig_file.is_file():
        raise InputError(f"no graph at {trig_file}; expected 'intmk-graph build' to have made one")
    from rdflib import Dataset

    dataset = Dataset()
    dataset.parse(trig_file, format="trig")
    return Store.of(in_memory(dataset), str(trig_file))

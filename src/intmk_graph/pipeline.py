"""``build(paths)``: the one place that knows the order of the stages.

read (sources, layout, segments) -> extract (content) -> graph (RDF) -> publish (files) and
query (the store).
"""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import InputError
from .extract.calendar import link_dated_references
from .extract.content import own_conference, own_conference_of, read_content, read_contents
from .graph.quads import QuadSet
from .graph.rdf import build_quads
from .model import Collection, Conference, Content, Resolution
from .namespaces import DEFAULT_BASE
from .outputs import Output, write_atomic
from .publish.exports import json_chunks, trig_chunks, turtle_chunks
from .publish.records import resolution_records
from .read.documents import read_document
from .read.segments import read_collection
from .read.sources import Decoded
from .stops import ignore_in_worker, kill_workers

if TYPE_CHECKING:
    from rdflib import Dataset


def default_inputs() -> list[Path]:
    """The bundled resolution collections (the 2025 Göttingen conference)."""
    folder = Path(str(resources.files("intmk_graph") / "data"))
    return sorted(folder.glob("*.txt"))


@contextmanager
def _without_cycle_collection() -> Iterator[None]:
    """A build makes millions of objects that live until it ends and form no cycles; the
    cycle collector would walk them again and again (15 % of reading). It runs again
    afterwards, and finds whatever cycles there were then."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def parse(path: Path, layout: str | None = None, source: Decoded | None = None, workers: int = 1) -> Collection:
    """Read one document: its structure, then what each resolution says (``source``: its
    lines, when already read). With ``workers`` > 1 and a document of some size, what the
    resolutions say is read in that many parts at once, one in this process."""
    with _without_cycle_collection():  # also in a worker process
        source = source or read_document(path)
        text = sum(len(line.text) for line in source.lines)
        if workers < 2 or text < IN_PARTS_FROM_BYTES:
            collection = read_collection(source.lines, str(path), layout, source.encoding, source.warnings)
            return replace(collection, content=read_content(collection))
        with _pool(workers - 1) as pool:
            # The workers start, and compile their patterns, while this process reads the
            # layout; they read what resolutions say as soon as the layout has them.
            for _ in range(workers - 1):
                pool.submit(_warm)
            parts = _Parts(pool, workers, text)
            collection = read_collection(source.lines, str(path), layout, source.encoding, source.warnings,
                                         on_resolution=parts.add)
            return replace(collection, content=parts.join(own_conference(collection)))


class _Parts:
    """:func:`read_content` of one document in parts. The resolutions are cut into runs
    of about equal text as the layout reads them; a run goes to the pool while it keeps
    up (a few runs in hand per worker) and is kept otherwise. When the layout is read,
    the pool takes the kept runs from the front and this process from the back, so each
    side reads what it has time for (a run sent to a worker also costs its copying there
    and back). The results are joined in order."""

    def __init__(self, pool: Executor, parts: int, text: int):
        self.pool, self.in_hand = pool, 2 * (parts - 1)
        self.run_text = max(1, text // (parts * _RUNS_PER_PART))
        self.runs = 0
        self.run: list[Resolution] = []
        self.held = 0
        self.sent: list[tuple[int, Future[dict[str, Content]]]] = []
        self.kept: list[tuple[int, list[Resolution]]] = []

    def add(self, resolution: Resolution, conference: Conference) -> None:
        self.run.append(resolution)
        self.held += _text_of(resolution)
        if self.held >= self.run_text:
            self._close(own_conference_of(conference), sending=True)

    def _close(self, own: tuple[int | None, str], sending: bool) -> None:
        if not self.run:
            return
        index, run = self.runs, self.run
        self.runs, self.run, self.held = self.runs + 1, [], 0
        if sending and self._room():
            self.sent.append((index, self.pool.submit(_read_contents, run, own)))
        else:
            self.kept.append((index, run))

    def _room(self) -> bool:
        return sum(not f.done() for _, f in self.sent) < self.in_hand

    def join(self, own: tuple[int | None, str]) -> dict[str, Content]:
        self._close(own, sending=False)
        results: dict[int, dict[str, Content]] = {}
        front, back = 0, len(self.kept)
        while front < back:
            while front < back and self._room():
                index, run = self.kept[front]
                self.sent.append((index, self.pool.submit(_read_contents, run, own)))
                front += 1
            if front < back:
                back -= 1
                index, run = self.kept[back]
                results[index] = read_contents(run, own)
        for index, future in self.sent:
            results[index] = future.result()
        content: dict[str, Content] = {}
        for index in sorted(results):
            content.update(results[index])
        return content


_RUNS_PER_PART = 8


def _text_of(resolution: Resolution) -> int:
    return sum(len(p.text.text) for p in resolution.paragraphs) + len(resolution.title.text)


def _read_contents(resolutions: list[Resolution], own: tuple[int | None, str]) -> dict[str, Content]:
    with _without_cycle_collection():
        return read_contents(resolutions, own)


def _warm() -> None:
    """Compile what reading compiles on first use, by reading the bundled document."""
    parse(default_inputs()[0])


@contextmanager
def _pool(workers: int) -> Iterator[ProcessPoolExecutor]:
    """Reading is pure Python, so threads would wait on the GIL: processes, started from
    a fork server that has the reader imported (no fork of a process with threads), or
    spawned where there is none (Windows). Stopped (Ctrl-C, an error), the workers are
    killed at once rather than waited for."""
    import multiprocessing

    context: multiprocessing.context.BaseContext
    if "forkserver" not in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("spawn")
    else:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["intmk_graph.pipeline"])
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=ignore_in_worker)
    try:
        yield pool
    except BaseException:
        kill_workers()
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()


Progress = Callable[[Path, int, int], None]  # (document just read, how many read, how many in all)


# Below this much text, starting worker processes (and compiling the patterns in each)
# costs what it saves. Several documents on two cores: 19 of 100 kB were read in 1.08 s
# against 1.50, 10 in 0.72 against 0.70, 5 in 0.56 against 0.39. One document in parts:
# 4 MB in 2.39 s against 2.38, 10 MB in about 5.3 against 6.1.
PARALLEL_FROM_BYTES = 1_500_000
IN_PARTS_FROM_BYTES = 5_000_000


def read_documents(paths: list[Path] | None, layout: str | None = None,
                   progress: Progress | None = None, workers: int = 1) -> list[Collection]:
    """Parse each file on its own (default: the bundled data); ``progress`` is told of
    each document read. With ``workers`` > 1, several documents of some size are read in
    parallel, one per process, in the order given. (Worker processes import the
    caller's main module, as multiprocessing does: a script needs its
    ``if __name__ == "__main__"``; the command line has it.)"""
    paths = [Path(p) for p in (paths or default_inputs())]
    size = sum(p.stat().st_size for p in paths if p.is_file())
    if workers > 1 and len(paths) > 1 and size >= PARALLEL_FROM_BYTES:
        return _read_in_parallel(paths, layout, progress, min(workers, len(paths)))
    collections = []
    for i, path in enumerate(paths, start=1):
        collections.append(parse(path, layout, workers=workers))  # one document: in parts
        if progress is not None:
            progress(path, i, len(paths))
    return collections


def _read_in_parallel(paths: list[Path], layout: str | None, progress: Progress | None,
                      workers: int) -> list[Collection]:
    """One document per process, in the order given."""
    collections = []
    with _pool(workers) as pool:
        for i, collection in enumerate(pool.map(parse, paths, [layout] * len(paths)), start=1):
            collections.append(collection)
            if progress is not None:
                progress(paths[i - 1], i, len(paths))
    return collections


@dataclass(frozen=True)
class Inspection:
    """A document as read, with its source lines, for showing what was not understood."""

    collection: Collection
    lines: list[str]

    def context(self, line: int, around: int = 2) -> list[tuple[int, str]]:
        """The numbered source lines around ``line``."""
        first, last = max(1, line - around), min(len(self.lines), line + around)
        return [(n, self.lines[n - 1]) for n in range(first, last + 1)]


def inspect(path: Path, layout: str | None = None) -> Inspection:
    """Read one document and keep its lines (``intmk-graph check``)."""
    source = read_document(Path(path))
    return Inspection(parse(Path(path), layout, source), [l.text for l in source.lines])


def parse_all(paths: list[Path] | None, layout: str | None = None,
              progress: Progress | None = None, workers: int = 1) -> list[Collection]:
    """Parse each file. Two documents of one conference meeting are parts of one
    publication (the contents in one, the resolutions in another) and are read into
    that one conference; when both print the same TOP, that is an error."""
    collections = read_documents(paths, layout, progress, workers)
    seen: dict[tuple[object, ...], Collection] = {}
    for c in collections:
        key = (c.conference.number, c.conference.kind) if c.conference.number else (c.slug,)
        if key in seen:
            both = {r.id for r in seen[key].resolutions} & {r.id for r in c.resolutions}
            if both:
                raise InputError(
                    f"describes the same conference as {seen[key].source} and prints TOP "
                    f"{', '.join(sorted(both))} again; expected one file per conference",
                    c.source,
                )
        seen.setdefault(key, c)
    return link_dated_references(collections)


@dataclass
class BuildResult:
    collections: list[Collection]
    quads: QuadSet  # what the RDF stage wrote: the files and the store are made from it
    timings: dict[str, float] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)

    @cached_property
    def dataset(self) -> Dataset:
        """The graphs as an rdflib Dataset, made on first use (the build itself needs none)."""
        return self.quads.to_dataset()

    @property
    def resolutions(self) -> list[Resolution]:
        return [r for c in self.collections for r in c.resolutions]


def build(paths: list[Path] | None = None, base: str = DEFAULT_BASE, layout: str | None = None,
          progress: Progress | None = None, workers: int = 1) -> BuildResult:
    """Parse the documents (``workers``: processes to read them with, see
    :func:`read_documents`) and build the RDF dataset (nothing is written)."""
    with _without_cycle_collection():
        t0 = time.perf_counter()
        collections = parse_all(paths, layout, progress, workers)
        t1 = time.perf_counter()
        try:
            quads = build_quads(collections, base)
        except ValueError as exc:
            raise InputError(str(exc)) from None
        t2 = time.perf_counter()
    return BuildResult(collections, quads, {"parse": t1 - t0, "graph": t2 - t1})


OUTPUT_FILES = ("graph.ttl", "graph.trig", "resolutions.json")
STORE_FOLDER = "store"


def build_output(out_dir: Path) -> Output:
    """What a build writes under ``out_dir``, for checking before any work."""
    return Output(out_dir, "--out", folder=True, files=OUTPUT_FILES, stores=(STORE_FOLDER,))


def write_outputs(result: BuildResult, out_dir: Path) -> list[Path]:
    """graph.ttl (all triples), graph.trig (one named graph per document) and
    resolutions.json; each written atomically and byte-identical across runs."""
    t0 = time.perf_counter()
    files = [
        write_atomic(out_dir / "graph.ttl", turtle_chunks(result.quads)),
        write_atomic(out_dir / "graph.trig", trig_chunks(result.quads)),
        write_atomic(
            out_dir / "resolutions.json",
            json_chunks(resolution_records(result.collections)),
        ),
    ]
    result.timings["write"] = time.perf_counter() - t0
    result.files = files
    return files


def load_store(result: BuildResult, out_dir: Path) -> Path:
    """Load the built dataset into the persistent Oxigraph store under ``out_dir``."""
    from .query.store import fill_oxigraph, store_path

    t0 = time.perf_counter()
    path = store_path(out_dir)
    fill_oxigraph(result.quads.nquads_chunks(), path)
    result.timings["store"] = time.perf_counter() - t0
    return path


def write_all(result: BuildResult, out_dir: Path) -> list[Path]:
    """The files and the store. Oxigraph loads in a thread of its own while the files are
    written: its bulk loader runs in Rust without the GIL, so the two overlap."""
    t0 = time.perf_counter()
    loaded: list[Path | BaseException] = []

    def load() -> None:
        try:
            loaded.append(load_store(result, out_dir))
        except BaseException as exc:  # handed to the caller's thread below
            loaded.append(exc)

    with _without_cycle_collection():
        result.quads.sort()  # here, before the thread: the loader and the writers read the same rows
        loader = threading.Thread(target=load, name="store-load")
        loader.start()
        try:
            files = write_outputs(result, out_dir)
        finally:
            loader.join()
    if isinstance(loaded[0], BaseException):
        raise loaded[0]
    result.timings["outputs"] = time.perf_counter() - t0
    return [*files, loaded[0]]


def build_bundled(out_dir: Path) -> BuildResult:
    """Build the bundled data into ``out_dir``: the files and the store."""
    result = build()
    write_all(result, out_dir)
    return result

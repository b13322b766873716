"""``build(paths)``: the one place that knows the order of the stages.

read (sources, layout, segments) -> extract (content; across documents: dated references,
demands made again) -> graph (RDF) -> publish (files) and query (the store). How the
work is shared among processes and threads is ``parallel``'s.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cached_property, partial
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from . import parallel
from .errors import InputError, OutputError
from .extract.calendar import link_dated_references
from .extract.content import own_conference_of, read_content, read_contents
from .extract.repeats import find_repeats
from .graph.quads import QuadSet
from .graph.rdf import build_quads
from .model import Collection, Content, Resolution
from .namespaces import DEFAULT_BASE
from .outputs import Output, check_output, write_atomic
from .parallel import Background, Parts, process_pool, without_cycle_collection
from .publish.exports import json_chunks, trig_chunks, turtle_chunks
from .publish.records import resolution_records
from .read.documents import read_document
from .read.segments import Reading
from .read.sources import Decoded

if TYPE_CHECKING:
    from rdflib import Dataset

    from .extract.evaluation import Report as EvaluationReport


def default_inputs() -> list[Path]:
    """The bundled resolution collections (the 2025 Göttingen conference)."""
    folder = Path(str(resources.files("intmk_graph") / "data"))
    return sorted(folder.glob("*.txt"))


def parse(path: Path, layout: str | None = None, source: Decoded | None = None, workers: int = 1,
          ocr: bool = False) -> Collection:
    """Read one document: its structure, then what each resolution says (``source``: its
    lines, when already read; ``ocr``: pages without a text layer are read by OCR). With ``workers`` > 1 and a document of some size, what the
    resolutions say is read in that many parts at once, one in this process."""
    with without_cycle_collection():  # also in a worker process
        source = source or read_document(path, ocr)
        text = sum(len(line.text) for line in source.lines)
        if workers < 2 or text < parallel.IN_PARTS_FROM_BYTES:
            collection = Reading(source, str(path), layout).collection()
            return replace(collection, content=read_content(collection))
        with process_pool(workers - 1, preload=["intmk_graph.pipeline"]) as pool:
            # The workers start, and compile their patterns, while this process reads the
            # layout; they read what resolutions say as soon as the layout has them.
            for _ in range(workers - 1):
                pool.submit(_warm)
            reading = Reading(source, str(path), layout)
            parts = Parts(pool, workers, text, partial(_read_contents, own=own_conference_of(reading.conference)),
                          weight=_text_of)
            for resolution in reading.resolutions():
                parts.add(resolution)
            content: dict[str, Content] = {}
            for found in parts.join():
                content.update(found)
            return replace(reading.collection(), content=content)


def _text_of(resolution: Resolution) -> int:
    return sum(len(p.text.text) for p in resolution.paragraphs) + len(resolution.title.text)


def _read_contents(resolutions: list[Resolution], own: tuple[int | None, str]) -> dict[str, Content]:
    with without_cycle_collection():
        return read_contents(resolutions, own)


def _warm() -> None:
    """Compile what reading compiles on first use, by reading the bundled document."""
    parse(default_inputs()[0])


Progress = Callable[[Path, int, int], None]  # (document just read, how many read, how many in all)



def read_documents(paths: list[Path] | None, layout: str | None = None,
                   progress: Progress | None = None, workers: int = 1, ocr: bool = False) -> list[Collection]:
    """Parse each file on its own (default: the bundled data); ``progress`` is told of
    each document read. With ``workers`` > 1, several documents of some size are read in
    parallel, one per process, in the order given. (Worker processes import the
    caller's main module, as multiprocessing does: a script needs its
    ``if __name__ == "__main__"``; the command line has it.)"""
    paths = [Path(p) for p in (paths or default_inputs())]
    size = sum(p.stat().st_size for p in paths if p.is_file())
    if workers > 1 and len(paths) > 1 and size >= parallel.PARALLEL_FROM_BYTES:
        return _read_in_parallel(paths, layout, progress, min(workers, len(paths)), ocr)
    collections = []
    for i, path in enumerate(paths, start=1):
        collections.append(parse(path, layout, workers=workers, ocr=ocr))  # one document: in parts
        if progress is not None:
            progress(path, i, len(paths))
    return collections


def _read_in_parallel(paths: list[Path], layout: str | None, progress: Progress | None,
                      workers: int, ocr: bool = False) -> list[Collection]:
    """One document per process, in the order given."""
    collections = []
    with process_pool(workers, preload=["intmk_graph.pipeline"]) as pool:
        for i, collection in enumerate(pool.map(partial(parse, layout=layout, ocr=ocr), paths), start=1):
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


def inspect(path: Path, layout: str | None = None, ocr: bool = False) -> Inspection:
    """Read one document and keep its lines (``intmk-graph check``)."""
    source = read_document(Path(path), ocr)
    return Inspection(parse(Path(path), layout, source), [l.text for l in source.lines])


def parse_all(paths: list[Path] | None, layout: str | None = None,
              progress: Progress | None = None, workers: int = 1, ocr: bool = False) -> list[Collection]:
    """Parse each file, then link them by date (``vgl. Beschluss vom 5./6. Mai 2015``
    names the conference that sat then). Two documents of one conference meeting are
    parts of one publication (the contents in one, the resolutions in another) and are
    read into that one conference; when both print the same TOP, that is an error."""
    collections = read_documents(paths, layout, progress, workers, ocr)
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

    @cached_property
    def dataset(self) -> Dataset:
        """The graphs as an rdflib Dataset, made on first use (the build itself needs none)."""
        return self.quads.to_dataset()

    @property
    def resolutions(self) -> list[Resolution]:
        return [r for c in self.collections for r in c.resolutions]


def build(paths: list[Path] | None = None, base: str = DEFAULT_BASE, layout: str | None = None,
          progress: Progress | None = None, workers: int = 1, ocr: bool = False) -> BuildResult:
    """Read the documents and what they say (``workers``: processes to read them with,
    see :func:`read_documents`; ``ocr``: scanned pages by OCR), link them (by date, and the demands made again), and
    build the RDF dataset (nothing is written)."""
    with without_cycle_collection():
        t0 = time.perf_counter()
        collections = parse_all(paths, layout, progress, workers, ocr)
        repeats = find_repeats(collections)
        t1 = time.perf_counter()
        try:
            quads = build_quads(collections, base, repeats)
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
    with without_cycle_collection():
        result.quads.sort()  # here, before the thread: the loader and the writers read the same rows
        loading = Background(lambda: load_store(result, out_dir), name="store-load")
        try:
            files = write_outputs(result, out_dir)
        except Exception:
            loading.join()  # the files' error is the one to tell (a Stopped build does not wait)
            raise
        store = loading.result()
    result.timings["outputs"] = time.perf_counter() - t0
    return [*files, store]


def evaluate(expected: Path, path: Path | None = None) -> EvaluationReport:
    """The reader measured against a hand annotation of ``path`` (default: the bundled
    collection)."""
    from .extract.evaluation import evaluate as measure
    from .extract.evaluation import load_expectations

    (collection,) = parse_all([path] if path else None)
    return measure(collection, load_expectations(expected))


def build_bundled(out_dir: Path) -> BuildResult:
    """Build the bundled data into ``out_dir``: the files and the store."""
    result = build()
    write_all(result, out_dir)
    return result


def build_to_query(out: Path | None, default: Path, announce: Callable[[str], None]) -> None:
    """Nothing is built where a query looks: with ``out`` given, an error; without,
    the bundled data is built into ``default`` first, as a new user expects (said
    through ``announce``)."""
    if out is not None:
        raise OutputError(f"no build here; run 'intmk-graph build --out {out}' first", str(out))
    announce(f"no build under {default}: building the bundled data first")
    check_output(build_output(default), default_inputs())
    build_bundled(default)

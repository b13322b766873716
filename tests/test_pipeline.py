"""Reading documents in worker processes gives the build one process gives."""

from __future__ import annotations

import pytest
from helpers import BUNDLED, ROOT

from intmk_graph import parallel, pipeline
from intmk_graph.errors import InputError

SERIES = sorted((ROOT / "tests" / "data" / "series").glob("*.txt"))


def test_documents_read_in_parallel_give_the_same_build(monkeypatch, tmp_path):
    monkeypatch.setattr(parallel, "PARALLEL_FROM_BYTES", 0)  # the test documents are small
    paths = [*SERIES, BUNDLED]
    alone, together = pipeline.build(paths, workers=1), pipeline.build(paths, workers=2)
    assert together.collections == alone.collections
    assert together.quads.nquads() == alone.quads.nquads()


@pytest.mark.parametrize("workers", [2, 3])
def test_one_document_read_in_parts_gives_the_same_build(monkeypatch, workers):
    """What the resolutions say, read in runs by this process and the pool, joins into
    what one process reads, in the same order (TOP 6.5 still cites § 104c AufenthG)."""
    monkeypatch.setattr(parallel, "IN_PARTS_FROM_BYTES", 0)
    monkeypatch.setattr(parallel, "RUNS_PER_PART", 3)  # runs of two or three resolutions
    alone, in_parts = pipeline.parse(BUNDLED), pipeline.parse(BUNDLED, workers=workers)
    assert list(in_parts.content) == list(alone.content) == [r.key for r in alone.resolutions]
    assert in_parts == alone
    cited = {(c.law.key, c.section) for c in in_parts.content["6.5"].citations}
    assert ("AufenthG", "104c") in cited


def test_runs_cut_the_resolutions_in_order_by_their_text(collection_2025):
    """With no worker to send to, every run is kept and read here: eight runs of about
    equal text, in order, whose content is what one reading gives."""
    from concurrent.futures import ThreadPoolExecutor
    from functools import partial

    from intmk_graph.extract.content import own_conference, read_content, read_contents

    resolutions = collection_2025.resolutions
    with ThreadPoolExecutor(1) as pool:
        parts = parallel.Parts(pool, 1, sum(map(pipeline._text_of, resolutions)),
                               partial(read_contents, own=own_conference(collection_2025)), pipeline._text_of)
        for r in resolutions:
            parts.add(r)
        content = {key: c for found in parts.join() for key, c in found.items()}
    runs = [run for _, run in parts.kept]
    assert not parts.sent and [r for run in runs for r in run] == list(resolutions)
    assert 7 <= len(runs) <= 9
    sizes = [sum(map(pipeline._text_of, run)) for run in runs[:-1]]
    assert max(sizes) < 2 * min(sizes)
    assert content == read_content(collection_2025) and list(content) == [r.key for r in resolutions]


def test_where_there_is_no_fork_server_workers_are_spawned(monkeypatch):
    """Windows has no fork server: the same build, from spawned workers."""
    import multiprocessing

    started = []

    import concurrent.futures

    class Recorded(concurrent.futures.ProcessPoolExecutor):
        def __init__(self, workers, mp_context, **options):
            started.append(mp_context.get_start_method())
            super().__init__(workers, mp_context=mp_context, **options)

    monkeypatch.setattr(parallel, "PARALLEL_FROM_BYTES", 0)
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", Recorded)
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    paths = [*SERIES[:1], BUNDLED]
    assert pipeline.build(paths, workers=2).quads.nquads() == pipeline.build(paths, workers=1).quads.nquads()
    assert started == ["spawn"]


def test_an_error_read_in_a_worker_keeps_its_file_and_line(monkeypatch, tmp_path):
    monkeypatch.setattr(parallel, "PARALLEL_FROM_BYTES", 0)
    junk = tmp_path / "einkaufsliste.txt"
    junk.write_text("Milch\nBrot\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        pipeline.build([BUNDLED, junk], workers=2)
    assert caught.value.file == str(junk) and caught.value.line == 1
    assert "not a resolution document" in str(caught.value)


def test_the_command_line_takes_a_number_of_jobs(tmp_path):
    from typer.testing import CliRunner

    from intmk_graph.cli import app

    runner = CliRunner()
    done = runner.invoke(app, ["build", str(BUNDLED), "--out", str(tmp_path), "--jobs", "2", "--quiet"])
    assert done.exit_code == 0, done.output
    assert "27 resolutions" in done.output
    refused = runner.invoke(app, ["build", str(BUNDLED), "--out", str(tmp_path), "--jobs", "0"])
    assert refused.exit_code == 2 and "--jobs" in refused.output


@pytest.mark.parametrize("command, absent", [
    # --help needs neither the model nor any RDF library.
    ("import sys; from intmk_graph.cli import app\n"
     "try:\n    app(['--help'])\nexcept SystemExit:\n    pass", ("rdflib", "pyoxigraph", "intmk_graph.model")),
    # A build reads, mints and writes with no rdflib (its import alone was a sixth of a small build).
    ("import sys, tempfile; from pathlib import Path; from intmk_graph.pipeline import build, write_all\n"
     "write_all(build(), Path(tempfile.mkdtemp()))", ("rdflib", "oxrdflib", "networkx", "matplotlib", "pyshacl")),
])
def test_start_up_imports_only_what_the_work_needs(command, absent):
    import subprocess
    import sys

    probe = f"{command}\nprint(sorted(m for m in sys.modules if m.split('.')[0] in {absent!r} or m in {absent!r}))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"

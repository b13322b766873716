"""Benchmark: loading and the saved queries on the embedded Oxigraph store vs rdflib's
memory store, at several sizes, in the same run. Memory is the peak resident set of a
child process (a fresh interpreter) that only loads that store (minus its size
before loading), so the two stores are measured alike.

    .venv/bin/python bench/bench_store.py [--copies 2 18 180] [--budget 120]

One copy of the 2025 collection is ~5,700 triples: 2 copies ~11k, 18 ~100k, 180 ~1M.
rdflib queries that exceed --budget seconds are stopped and reported as "> budget".
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import resource
import signal
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from synthetic import write_synthetic  # noqa: E402

from intmk_graph.pipeline import build  # noqa: E402
from intmk_graph.publish.exports import trig  # noqa: E402
from intmk_graph.query.saved import bind, saved_queries  # noqa: E402
from intmk_graph.query.store import load_oxigraph  # noqa: E402

PARAMS = {"sponsored-by": {"land": "Bayern"}, "cites": {"law": "AufenthG"}}


def _rss_mb() -> float:
    """Peak resident set of this process image (VmHWM); unlike ru_maxrss it does not
    carry the parent's peak across exec."""
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc/self/status")


def _current_rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * resource.getpagesize() / 2**20


class Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise Timeout


def _child(kind: str, trig_file: str, store_dir: str, budget: float, queue) -> None:
    from rdflib import Dataset

    before = _current_rss_mb()
    t0 = time.perf_counter()
    if kind == "oxigraph":
        dataset = load_oxigraph(Path(trig_file).read_bytes(), Path(store_dir))
    else:
        dataset = Dataset(default_union=True)
        dataset.parse(trig_file, format="trig")
    load = time.perf_counter() - t0
    memory = _rss_mb() - before
    times = {}
    signal.signal(signal.SIGALRM, _alarm)
    for name, query in sorted(saved_queries().items()):
        text = bind(query, PARAMS.get(name, {}))
        signal.setitimer(signal.ITIMER_REAL, budget)
        t0 = time.perf_counter()
        try:
            list(dataset.query(text))
            times[name] = time.perf_counter() - t0
        except Timeout:
            times[name] = None
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    dataset.close()
    queue.put((load, memory, times))


def measure(kind: str, trig_file: Path, store_dir: Path, budget: float):
    queue = mp.Queue()
    proc = mp.Process(target=_child, args=(kind, str(trig_file), str(store_dir), budget, queue))
    proc.start()
    result = queue.get()
    proc.join()
    return result


def fmt(seconds, budget):
    return f"> {budget:.0f}" if seconds is None else f"{seconds:.3f}"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--copies", type=int, nargs="+", default=[2, 18])
    ap.add_argument("--budget", type=float, default=120.0)
    args = ap.parse_args()
    print("| triples | step | oxigraph | rdflib memory | rdflib / oxigraph |")
    print("|---:|---|---:|---:|---:|")
    for copies in args.copies:
        with tempfile.TemporaryDirectory() as tmp:
            source = write_synthetic(Path(tmp) / "synthetic.txt", copies)
            t0 = time.perf_counter()
            result = build([source])
            built = time.perf_counter() - t0
            trig_file = Path(tmp) / "graph.trig"
            trig_file.write_bytes(trig(result.dataset))
            n = len(result.dataset)
            del result
            print(f"| {n:,} | build (text → RDF, once) | {built:.1f} s | | |")
            ox = measure("oxigraph", trig_file, Path(tmp) / "store", args.budget)
            mem = measure("memory", trig_file, Path(tmp) / "unused", args.budget)
            print(f"| {n:,} | load TriG, s | {ox[0]:.2f} | {mem[0]:.2f} | {mem[0] / ox[0]:.1f} |")
            print(f"| {n:,} | peak memory while loading, MB | {ox[1]:.0f} | {mem[1]:.0f} | {mem[1] / max(ox[1], 1):.1f} |")
            for name in sorted(ox[2]):
                a, b = ox[2][name], mem[2][name]
                ratio = f"{b / a:.0f}" if a and b else (f"> {args.budget / a:.0f}" if a else "")
                print(f"| {n:,} | {name}, s | {fmt(a, args.budget)} | {fmt(b, args.budget)} | {ratio} |")
            sys.stdout.flush()


if __name__ == "__main__":
    mp.set_start_method("spawn")  # fresh interpreters: forked children reuse the parent's freed heap
    main()

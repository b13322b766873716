"""Benchmark: loading and the saved queries on the embedded Oxigraph store vs rdflib's
memory store, on synthetic collections of several sizes, in the same run.

    .venv/bin/python bench/bench_store.py [--copies 6 60 600]

One copy of the 2025 collection is ~1,650 triples: 6 copies ~10k, 60 ~100k, 600 ~1M.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from synthetic import write_synthetic  # noqa: E402

from intmk_graph.exports import trig  # noqa: E402
from intmk_graph.pipeline import build  # noqa: E402
from intmk_graph.queries import bind, saved_queries  # noqa: E402
from intmk_graph.store import in_memory, load_oxigraph  # noqa: E402

PARAMS = {"sponsored-by": {"land": "Bayern"}}


def timed(fn):
    t0 = time.perf_counter()
    value = fn()
    return time.perf_counter() - t0, value


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--copies", type=int, nargs="+", default=[6, 60])
    args = ap.parse_args()
    print("| triples | step | oxigraph s | rdflib memory s | memory / oxigraph |")
    print("|---:|---|---:|---:|---:|")
    for copies in args.copies:
        with tempfile.TemporaryDirectory() as tmp:
            source = write_synthetic(Path(tmp) / "synthetic.txt", copies)
            result = build([source])
            data = trig(result.dataset)
            n = len(result.dataset)
            t_ox, ox = timed(lambda: load_oxigraph(data, Path(tmp) / "store"))
            t_mem, mem = timed(lambda: in_memory(result.dataset))
            print(f"| {n:,} | load | {t_ox:.3f} | {t_mem:.3f} | {t_mem / t_ox:.1f} |")
            for name, query in saved_queries().items():
                text = bind(query, PARAMS.get(name, {}))
                a, _ = timed(lambda: list(ox.query(text)))
                b, _ = timed(lambda: list(mem.query(text)))
                print(f"| {n:,} | {name} | {a:.3f} | {b:.3f} | {b / a:.1f} |")
            ox.close()


if __name__ == "__main__":
    main()

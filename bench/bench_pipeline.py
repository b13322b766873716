"""Benchmark: ``build`` end to end (all outputs written, the store loaded), stage by
stage, on the bundled document and synthetic collections of about 1, 10 (and with
``--big`` 100) MB; MB/s, cost per MB and peak memory, and the ratio to a baseline in the
same run (reading the files and scanning them once with a regular expression). 100 MB
is a corpus of ten 10 MB conferences (21st to 30th), as a year-by-year corpus is: one
document of 1,000 copies would give TOP ids no minutes have. The build reads with one
process per core, as ``intmk-graph build`` does: several documents side by side, one
large document in parts.

    .venv/bin/python bench/bench_pipeline.py [--big]

Each size runs in a fresh interpreter, so peak memory (VmHWM) is that build's own.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

STAGES = ("read", "rdf", "graph.ttl", "graph.trig", "resolutions.json", "store", "files + store")


def one(paths: list[Path], out: Path) -> dict:
    """Run in a child process: every stage of one build, timed; and the baseline."""
    from intmk_graph.outputs import write_atomic
    from intmk_graph.pipeline import build, load_store, write_all
    from intmk_graph.publish.exports import json_chunks, trig_chunks, turtle_chunks
    from intmk_graph.publish.records import resolution_records

    t0 = time.perf_counter()
    for path in paths:
        sum(1 for _ in re.finditer(r"\w+", path.read_text(encoding="utf-8")))
    baseline = time.perf_counter() - t0
    times = {}
    started = time.perf_counter()
    result = build(paths, workers=len(os.sched_getaffinity(0)))  # as `intmk-graph build` reads
    times["read"], times["rdf"] = result.timings["parse"], result.timings["graph"]
    write_all(result, out)  # what `build` does: the store loads while the files are written
    times["files + store"] = result.timings["outputs"]
    total = time.perf_counter() - started
    peak = next(int(line.split()[1]) for line in Path("/proc/self/status").read_text().splitlines()
                if line.startswith("VmHWM")) / 1024  # the build's own: before the stage figures below
    # Then each output on its own, for the stage figures.
    for name, make in (("graph.ttl", lambda: turtle_chunks(result.quads)), ("graph.trig", lambda: trig_chunks(result.quads)),
                       ("resolutions.json", lambda: json_chunks(resolution_records(result.collections)))):
        t = time.perf_counter()
        write_atomic(out / name, make())
        times[name] = time.perf_counter() - t
    load_store(result, out)
    times["store"] = result.timings["store"]
    return {"MB": sum(p.stat().st_size for p in paths) / 1e6, "triples": len(result.quads), "baseline": baseline,
            "total": total, "peak_MB": peak, **times}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--big", action="store_true", help="also 100 MB (about 2 GB of memory and two minutes)")
    ap.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(one([Path(p) for p in args.child[1:]], Path(args.child[0]))))
        return
    from synthetic import write_synthetic

    from intmk_graph.pipeline import default_inputs

    sizes = [("bundled", None), ("x10 (1 MB)", 10), ("x100 (10 MB)", 100)] + (
        [("10 × x100 (100 MB)", 1000)] if args.big else [])
    rows = {}
    with tempfile.TemporaryDirectory() as tmp:
        for label, copies in sizes:
            if copies is None:
                sources = [default_inputs()[0]]
            elif copies <= 100:
                sources = [write_synthetic(Path(tmp) / f"s{copies}.txt", copies)]
            else:  # ten conferences of 100 copies each
                sources = [write_synthetic(Path(tmp) / f"s100-{n}.txt", 100, conference=n) for n in range(21, 31)]
            out = Path(tmp) / f"out-{copies}"
            done = subprocess.run([sys.executable, __file__, "--child", str(out), *map(str, sources)],
                                  check=True, capture_output=True, text=True)
            rows[label] = json.loads(done.stdout.strip().splitlines()[-1])
    print("| | " + " | ".join(rows) + " |")
    print("|---|" + "---:|" * len(rows))
    print("| MB | " + " | ".join(f"{r['MB']:.2f}" for r in rows.values()) + " |")
    print("| triples | " + " | ".join(f"{r['triples']:,}" for r in rows.values()) + " |")
    for stage in STAGES:
        print(f"| {stage}, s | " + " | ".join(f"{r[stage]:.3f}" for r in rows.values()) + " |")
    print("| **build end to end, s** | " + " | ".join(f"{r['total']:.2f}" for r in rows.values()) + " |")
    print("| end to end, MB/s | " + " | ".join(f"{r['MB'] / r['total']:.2f}" for r in rows.values()) + " |")
    print("| text → model (read), MB/s | " + " | ".join(f"{r['MB'] / r['read']:.2f}" for r in rows.values()) + " |")
    print("| text → store (read, RDF, store), MB/s | "
          + " | ".join(f"{r['MB'] / (r['read'] + r['rdf'] + r['store']):.2f}" for r in rows.values()) + " |")
    print("| s per MB | " + " | ".join(f"{r['total'] / r['MB']:.2f}" for r in rows.values()) + " |")
    print("| end to end / baseline | " + " | ".join(f"{r['total'] / r['baseline']:.0f}" for r in rows.values()) + " |")
    print("| peak memory, MB | " + " | ".join(f"{r['peak_MB']:.0f}" for r in rows.values()) + " |")
    per_mb = [r["total"] / r["MB"] for r in rows.values()]
    if len(per_mb) == 4:
        print(f"\ncost per MB, 100 MB against 10 MB: {per_mb[3] / per_mb[2]:.2f}×")


if __name__ == "__main__":
    main()

"""Benchmark: text -> model -> RDF, on the bundled document and a synthetic collection
100 times its size. Reported as MB/s and as ratios to a baseline measured in the same
run: reading the same file and scanning it once with a regular expression.

    .venv/bin/python bench/bench_build.py [--copies 100]
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from synthetic import write_synthetic  # noqa: E402
from timing import best_of  # noqa: E402

from intmk_graph.graph.rdf import build_quads  # noqa: E402
from intmk_graph.pipeline import default_inputs, parse  # noqa: E402

WORD = re.compile(r"\w+")


def baseline(path: Path) -> None:
    sum(1 for _ in WORD.finditer(path.read_text(encoding="utf-8")))


def measure(path: Path, repeat: int) -> dict:
    size = path.stat().st_size / 1e6
    base = best_of(lambda: baseline(path), repeat)
    parse_t = best_of(lambda: parse(path), repeat)
    collection = parse(path)
    graph_t = best_of(lambda: build_quads([collection]), repeat)
    triples = len(build_quads([collection]))
    return {
        "MB": size,
        "resolutions": len(collection.resolutions),
        "triples": triples,
        "baseline s": base,
        "parse s": parse_t,
        "rdf s": graph_t,
        "parse MB/s": size / parse_t,
        "text->rdf MB/s": size / (parse_t + graph_t),
        "parse / baseline": parse_t / base,
        "text->rdf / baseline": (parse_t + graph_t) / base,
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--copies", type=int, default=100)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    rows = {"bundled 2025": measure(default_inputs()[0], args.repeat)}
    with tempfile.TemporaryDirectory() as tmp:
        big = write_synthetic(Path(tmp) / "synthetic.txt", args.copies)
        rows[f"synthetic x{args.copies}"] = measure(big, max(1, args.repeat // 3))
    keys = list(next(iter(rows.values())))
    print("| metric | " + " | ".join(rows) + " |")
    print("|---|" + "---:|" * len(rows))
    for key in keys:
        cells = []
        for row in rows.values():
            v = row[key]
            cells.append(f"{v:,.3f}" if isinstance(v, float) else f"{v:,}")
        print(f"| {key} | " + " | ".join(cells) + " |")
    print(f"\n(python {sys.version.split()[0]}, best of {args.repeat} / {max(1, args.repeat // 3)} runs)")


if __name__ == "__main__":
    main()

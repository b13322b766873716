"""Benchmark: text -> model -> RDF, on the bundled document and a synthetic collection
100 times its size. Reported as MB/s and as ratios to a baseline measured in the same
run: reading the same file and scanning it once with a regular expression; and, when
it is installed (``pip install -e '.[peers]'``), to refex (legal-reference-extraction)
finding the law references in the same text, its one pass against our whole parse.

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


def refex_pass():
    """refex's law-reference extraction over a text, or None when it is not installed."""
    try:
        from refex.orchestrator import CitationExtractor
    except ImportError:
        return None
    extractor = CitationExtractor()
    return lambda text: extractor.extract(text)


def measure(path: Path, repeat: int, refex=None) -> dict:
    size = path.stat().st_size / 1e6
    base = best_of(lambda: baseline(path), repeat)
    parse(path)  # vocabularies and patterns compiled, as for every document after the first
    parse_t = best_of(lambda: parse(path), repeat)
    collection = parse(path)
    graph_t = best_of(lambda: build_quads([collection]), repeat)
    triples = len(build_quads([collection]))
    peer = {}
    if refex is not None:
        text = path.read_text(encoding="utf-8")
        refex_t = best_of(lambda: refex(text), repeat)
        peer = {"refex law references s": refex_t, "parse / refex": parse_t / refex_t}
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
        **peer,
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--copies", type=int, default=100)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    rows = {"bundled 2025": measure(default_inputs()[0], args.repeat, refex_pass())}
    with tempfile.TemporaryDirectory() as tmp:
        big = write_synthetic(Path(tmp) / "synthetic.txt", args.copies)
        rows[f"synthetic x{args.copies}"] = measure(big, max(1, args.repeat // 3))
    keys = list(dict.fromkeys(k for row in rows.values() for k in row))
    print("| metric | " + " | ".join(rows) + " |")
    print("|---|" + "---:|" * len(rows))
    for key in keys:
        cells = []
        for row in rows.values():
            v = row.get(key, "")
            cells.append(f"{v:,.3f}" if isinstance(v, float) else f"{v:,}" if isinstance(v, int) else "–")
        print(f"| {key} | " + " | ".join(cells) + " |")
    print(f"\n(python {sys.version.split()[0]}, best of {args.repeat} / {max(1, args.repeat // 3)} runs)")


if __name__ == "__main__":
    main()

"""Benchmark: how long the commands people type take, start-up included, against
``python -c pass`` in the same venv as the baseline: ``--help``, ``query laws-ranked``
on a built store, ``check`` and ``build`` of the bundled document.

Each command runs as a fresh process, in rounds (every command once per round, so a
machine that slows down slows all alike); the median of the rounds is reported.

    .venv/bin/python bench/bench_startup.py [--rounds 9]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def commands(out: Path) -> dict[str, list[str]]:
    cli = [sys.executable, "-m", "intmk_graph"]
    bundled = str(ROOT / "data" / "intmk-20-2025-goettingen.txt")
    return {
        "python -c pass": [sys.executable, "-c", "pass"],
        "intmk-graph --help": [*cli, "--help"],
        "query laws-ranked": [*cli, "query", "laws-ranked", "--out", str(out)],
        "check (bundled)": [*cli, "check", bundled],
        "build (bundled)": [*cli, "build", "--quiet", "--out", str(out / "rebuilt")],
    }


def run(argv: list[str]) -> float:
    t = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=9)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        subprocess.run([sys.executable, "-m", "intmk_graph", "build", "--quiet", "--out", str(out)], check=True,
                       stdout=subprocess.DEVNULL)
        todo = commands(out)
        for argv in todo.values():  # warm the file cache and the bytecode
            run(argv)
        times: dict[str, list[float]] = {name: [] for name in todo}
        for _ in range(args.rounds):
            for name, argv in todo.items():
                times[name].append(run(argv))
    medians = {name: statistics.median(ts) for name, ts in times.items()}
    base = medians["python -c pass"]
    print(f"Median of {args.rounds} rounds; the baseline is python -c pass ({base:.3f} s).\n")
    print("| command | s | over the baseline, s | × baseline |")
    print("|---|---:|---:|---:|")
    for name, median in medians.items():
        print(f"| {name} | {median:.3f} | {median - base:.3f} | {median / base:.1f} |")


if __name__ == "__main__":
    main()

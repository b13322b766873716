"""Regenerate tests/data/golden-2025.ttl from the bundled data. Review the diff before committing."""

from pathlib import Path

from intmk_graph.outputs import write_atomic
from intmk_graph.pipeline import build
from intmk_graph.publish.exports import turtle, union_graph

if __name__ == "__main__":
    target = Path(__file__).parent / "data" / "golden-2025.ttl"
    write_atomic(target, turtle(union_graph(build().dataset)))
    print(f"wrote {target}")

"""Regenerate tests/data/golden-2025.ttl from the bundled data. Review the diff before committing."""


from helpers import DATA

from intmk_graph.outputs import write_atomic
from intmk_graph.pipeline import build
from intmk_graph.publish.exports import turtle, union_graph

if __name__ == "__main__":
    target = DATA / "golden-2025.ttl"
    write_atomic(target, turtle(union_graph(build().dataset)))
    print(f"wrote {target}")

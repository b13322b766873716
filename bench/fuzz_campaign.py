"""A fuzz campaign on the bundled document, not a test: N mutated copies (lines deleted,
duplicated, swapped, cut off; bytes of any kind inserted or overwritten; line ends
changed), each read, its content extracted, its RDF built and its records written, as
``intmk-graph build`` does. Reports how many raised anything but a clean InputError
(a traceback: 0 is the target), how many were refused, and the share of the clean
document's resolutions each mutated copy kept.

    .venv/bin/python bench/fuzz_campaign.py [--runs 10000] [--jobs 2] [--seed 0]

A run is reproduced from its seed: ``--only SEED`` reads that one and shows the error.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
import traceback
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace

from intmk_graph.errors import InputError
from intmk_graph.extract.content import read_content
from intmk_graph.graph.rdf import build_quads
from intmk_graph.pipeline import default_inputs
from intmk_graph.publish.records import resolution_records
from intmk_graph.read.segments import read_collection
from intmk_graph.read.sources import decode

ORIGINAL = default_inputs()[0].read_bytes()


def mutate(data: bytes, rng: random.Random) -> tuple[bytes, set[str]]:
    """The mutated bytes and the kinds of mutation done."""
    lines = data.split(b"\n")
    done = set()
    for _ in range(rng.randint(1, 12)):
        if not lines:
            break
        i = rng.randrange(len(lines))
        kind = rng.choice(["delete", "duplicate", "swap", "insert bytes", "overwrite byte", "cut", "crlf",
                           "move line"])
        done.add(kind)
        if kind == "delete":
            del lines[i]
        elif kind == "duplicate":
            lines.insert(i, lines[i])
        elif kind == "swap":
            j = rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        elif kind == "insert bytes":
            cut = rng.randint(0, len(lines[i]))
            lines[i] = lines[i][:cut] + rng.randbytes(rng.randint(1, 12)) + lines[i][cut:]
        elif kind == "overwrite byte" and lines[i]:
            k = rng.randrange(len(lines[i]))
            lines[i] = lines[i][:k] + bytes([rng.randrange(256)]) + lines[i][k + 1:]
        elif kind == "cut":
            lines = lines[: max(1, i)]
        elif kind == "crlf":
            lines[i] = lines[i] + b"\r"
        elif kind == "move line":
            lines.insert(rng.randrange(len(lines)), lines.pop(i))
    return b"\n".join(lines), done


def read(data: bytes):
    """What a build does with one document, in this process."""
    source = decode(data, "fuzz.txt")
    collection = read_collection(source.lines, "fuzz.txt", encoding=source.encoding, source_warnings=source.warnings)
    collection = replace(collection, content=read_content(collection))
    build_quads([collection], "https://w3id.org/intmk-graph/data/")
    resolution_records([collection])
    return collection


def signature(collection) -> set[tuple]:
    return {(r.id, r.title.text, r.sponsor_names, r.decision) for r in collection.resolutions}


CLEAN = signature(read(ORIGINAL))


def one(seed: int) -> tuple[int, str, float, str, bool]:
    """(seed, outcome, share of the clean resolutions kept, error, whether the copy was cut off)"""
    data, kinds = mutate(ORIGINAL, random.Random(seed))
    cut = "cut" in kinds
    try:
        collection = read(data)
    except InputError as exc:
        return seed, "refused", 0.0, str(exc), cut
    except Exception:  # noqa: BLE001 - what the campaign is looking for
        return seed, "traceback", 0.0, traceback.format_exc(), cut
    return seed, "read", len(signature(collection) & CLEAN) / len(CLEAN), "", cut


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10_000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--only", type=int, default=None)
    args = parser.parse_args()
    if args.only is not None:
        print(one(args.only))
        return 0
    started = time.perf_counter()
    seeds = range(args.seed, args.seed + args.runs)
    with ProcessPoolExecutor(args.jobs) as pool:
        results = list(pool.map(one, seeds, chunksize=50))
    took = time.perf_counter() - started
    outcomes = {k: [r for r in results if r[1] == k] for k in ("read", "refused", "traceback")}
    print(f"{args.runs} mutated copies of {default_inputs()[0].name} ({len(CLEAN)} resolutions) in {took:.0f} s "
          f"on {args.jobs} processes")
    print(f"- tracebacks: {len(outcomes['traceback'])}")
    print(f"- refused with one line: {len(outcomes['refused'])}")
    if outcomes["refused"]:
        kinds: dict[str, int] = {}
        for r in outcomes["refused"]:
            kinds[r[3].split(":", 2)[-1].split("(")[0].strip()] = kinds.get(r[3].split(":", 2)[-1].split("(")[0].strip(), 0) + 1
        for kind, n in sorted(kinds.items(), key=lambda kv: -kv[1])[:5]:
            print(f"    {n} x {kind}")
    for label, chosen in (("all read", outcomes["read"]), ("not cut off", [r for r in outcomes["read"] if not r[4]])):
        shares = [r[2] for r in chosen]
        if shares:
            print(f"- {label}: {len(shares)}; share of the resolutions kept: mean {statistics.mean(shares):.3f}, "
                  f"median {statistics.median(shares):.3f}, all kept in {sum(s == 1 for s in shares)}")
    for seed, _, _, error, _ in outcomes["traceback"][:5]:
        print(f"\nseed {seed}:\n{error}")
    return 1 if outcomes["traceback"] else 0


if __name__ == "__main__":
    sys.exit(main())

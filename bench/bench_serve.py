"""Load on the SPARQL endpoint: N clients on loopback for S seconds, each asking the
saved queries in turn, against ``intmk-graph serve`` and, as the baseline in the same
run, ``oxigraph serve-read-only`` on the same data.

    .venv/bin/python bench/bench_serve.py [--clients 8 50] [--seconds 30]

Reports requests per second, p50/p99 latency and errors per server and number of
clients, and whether the target holds: 0 errors, and p99 at or below the baseline's.
Loopback only; every loop is bounded by the time given and stops by itself.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from helpers import free_port, start_server, stop_server  # noqa: E402
from test_query import PARAMS  # noqa: E402 - the saved queries with the parameters the tests use

from intmk_graph.pipeline import build, load_store, write_outputs  # noqa: E402
from intmk_graph.query.saved import bind, saved_queries  # noqa: E402

ACCEPT = {"CONSTRUCT": "application/n-triples"}


def _mix() -> list[str]:
    return [bind(saved_queries()[name], params) for name, ps in sorted(PARAMS.items()) for params in ps]


def load(endpoint: str, clients: int, seconds: float) -> dict:
    """``clients`` threads asking the mix in turn (each from its own offset) until the time is up."""
    queries = _mix()
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def client(offset: int) -> None:
        with httpx.Client(timeout=30) as http:
            i = offset
            while time.monotonic() < deadline:
                text = queries[i % len(queries)]
                accept = "application/n-triples" if "CONSTRUCT" in text.split("WHERE")[0] else "application/sparql-results+json"
                started = time.perf_counter()
                try:
                    response = http.post(endpoint, data={"query": text}, headers={"Accept": accept})
                    ok = response.status_code == 200
                except httpx.HTTPError as exc:
                    ok, response = False, exc
                took = time.perf_counter() - started
                with lock:
                    latencies.append(took)
                    if not ok:
                        errors.append(str(getattr(response, "status_code", response)))
                i += 1

    threads = [threading.Thread(target=client, args=(k * 7,)) for k in range(clients)]
    begun = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - begun
    cuts = statistics.quantiles(latencies, n=100)
    return {"requests": len(latencies), "per_second": len(latencies) / elapsed, "p50_ms": cuts[49] * 1000,
            "p99_ms": cuts[98] * 1000, "errors": len(errors), "error_kinds": sorted(set(errors))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, nargs="+", default=[8, 50])
    parser.add_argument("--seconds", type=float, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        result = build()
        write_outputs(result, out)
        load_store(result, out)
        results: dict[int, dict[str, dict]] = {n: {} for n in args.clients}
        proc, url = start_server(out, "--workers", "2")
        try:
            for n in args.clients:
                results[n]["intmk-graph serve"] = load(url + "/sparql", n, args.seconds)
        finally:
            stop_server(proc)
        location, port = Path(tmp) / "oxigraph", free_port()
        binary = str(Path(sys.executable).parent / "oxigraph")
        subprocess.run([binary, "load", "--location", str(location), "--file", str(out / "graph.trig")],
                       check=True, capture_output=True)
        proc = subprocess.Popen([binary, "serve-read-only", "--location", str(location), "--bind",
                                 f"127.0.0.1:{port}", "--union-default-graph"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    httpx.get(f"http://127.0.0.1:{port}/query", params={"query": "ASK {}"}, timeout=2)
                    break
                except httpx.TransportError:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.1)
            for n in args.clients:
                results[n]["oxigraph serve-read-only"] = load(f"http://127.0.0.1:{port}/query", n, args.seconds)
        finally:
            proc.terminate()
            proc.wait(timeout=10)
    print(f"{args.seconds:g} s per server and number of clients, {len(_mix())} saved queries with parameters in turn")
    print("| clients | server | requests | requests/s | p50 ms | p99 ms | errors |\n|---:|---|---:|---:|---:|---:|---:|")
    for n, by_server in results.items():
        for name, r in by_server.items():
            print(f"| {n} | {name} | {r['requests']} | {r['per_second']:.0f} | {r['p50_ms']:.1f} | {r['p99_ms']:.1f} | "
                  f"{r['errors']}{' ' + ', '.join(r['error_kinds']) if r['errors'] else ''} |")
    for n, by_server in results.items():
        ours, base = by_server["intmk-graph serve"], by_server["oxigraph serve-read-only"]
        held = ours["errors"] == 0 and ours["p99_ms"] <= base["p99_ms"]
        print(f"{n} clients, ours / baseline: throughput {ours['per_second'] / base['per_second']:.2f}, "
              f"p99 {ours['p99_ms'] / base['p99_ms']:.2f}; target (0 errors, p99 <= baseline) "
              f"{'held' if held else 'missed'}")


if __name__ == "__main__":
    main()

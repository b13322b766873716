"""What several test modules (and bench/bench_serve.py) share: where the test data lies,
and running the server and the Oxigraph server on a free port."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).parent.parent
DATA = ROOT / "tests" / "data"
BUNDLED = ROOT / "data" / "intmk-20-2025-goettingen.txt"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def oxigraph_binary() -> str:
    path = Path(sys.executable).parent / "oxigraph"
    assert path.exists(), "the oxigraph server comes with the test extras: pip install -e '.[test]'"
    return str(path)


def start_server(out: Path, *args: str) -> tuple[subprocess.Popen, str]:
    """``intmk-graph serve`` on OUT, once it answers; its process and base URL."""
    import httpx

    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "intmk_graph", "serve", "--out", str(out), "--port", str(port), *args],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ, "COLUMNS": "200"})
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            httpx.get(url + "/sparql", params={"query": "ASK {}"}, timeout=2)
            return proc, url
        except httpx.TransportError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                raise RuntimeError(f"serve did not start: {proc.stderr.read()!r}") from None
            time.sleep(0.2)


def stop_server(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()


# Every saved query with the parameters the tests ask it with (the bundled data).
PARAMS = {
    "cosponsorship-pairs": [{}, {"conference": "20"}, {"conference": "19"}],
    "decisions": [{}, {"conference": "20"}],
    "dissent": [{}, {"land": "Bayern"}, {"land": "DE-BW", "conference": "20"}],
    "resolutions": [{}, {"conference": "20"}],
    "resolutions-per-land": [{}, {"conference": "20"}, {"conference": "19"}],
    "sponsored-by": [{"land": "Bayern"}, {"land": "Berlin", "conference": "20"}],
    "cites": [{"law": "AufenthG"}, {"law": "BeschV", "section": "32", "subsection": "2", "number": "5"},
              {"law": "Aufenthaltsgesetz", "section": "24", "conference": "20"}],
    "laws-ranked": [{}, {"conference": "20"}],
    "demands": [{}, {"addressee": "BMI"}, {"addressee": "Bund", "about": "MBE"}, {"addressee": "Länder"},
                {"about": "AufenthG", "conference": "20"}],
    "demands-per-addressee": [{}, {"conference": "20"}],
    "demands-per-programme": [{}],
    "sponsorships": [{}, {"conference": "20"}, {"outcome": "majority"}, {"conference": "20", "outcome": "unanimous"}],
    "laender": [{}],
    "citations": [{}, {"conference": "20"}, {"conference": "19"}],
    "history-law": [{"law": "AufenthG"}, {"law": "AufenthG", "section": "24"}],
    "history-topic": [{"topic": "MBE"}, {"topic": "AufenthG"}],
    "history-addressee": [{"addressee": "Bund"}, {"addressee": "Länder"}],
    "history-land": [{"land": "Bayern"}],
    "conferences": [{}],
    "history-demand": [{"demand": "https://w3id.org/intmk-graph/data/conference/20/top/4.9/demand/4"}],
    "timeline": [{}, {"conference": "20"}],
    "describe": [{"resource": "https://w3id.org/intmk-graph/data/conference/20/top/6.5"}],
}


def answers(store, text: str):
    """A query's rows; for a CONSTRUCT its triples (ours have no blank nodes), as a set."""
    from intmk_graph.query.results import normal, rows

    result = store.query(text)
    if result.type == "CONSTRUCT":
        return [], {tuple(map(normal, t)) for t in result.graph}
    return rows(result)

"""``intmk-graph push`` into two real stores started here on 127.0.0.1: the Oxigraph
server (PyPI ``oxigraph``) and Virtuoso (Debian ``virtuoso-opensource``, installed by
``scripts/setup.sh --test``). After a push, the saved queries give the same rows on
each server as on the embedded store."""

from __future__ import annotations

import http.server
import shutil
import subprocess
import threading
import time
from pathlib import Path

import httpx
import pytest
from helpers import PARAMS, answers, free_port, oxigraph_binary
from typer.testing import CliRunner

from intmk_graph.cli import app
from intmk_graph.query.saved import bind, saved_queries
from intmk_graph.query.store import Store, open_oxigraph, store_path

runner = CliRunner()
VIRTUOSO = "/usr/bin/virtuoso-t"
DOCUMENT, REFERENCE = ("https://w3id.org/intmk-graph/data/graph/intmk-20-2025-goettingen",
                       "https://w3id.org/intmk-graph/data/graph/reference")
COUNTS = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"



def _wait(url: str, proc: subprocess.Popen, what: str) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(url, params={"query": "ASK {}"}, timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            raise RuntimeError(f"{what} did not start")
        time.sleep(0.25)


@pytest.fixture(scope="module")
def oxigraph_server(tmp_path_factory):
    """The Oxigraph server in read-write mode, its default graph the union."""
    location, port = tmp_path_factory.mktemp("oxigraph-rw"), free_port()
    proc = subprocess.Popen([oxigraph_binary(), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}",
                             "--union-default-graph"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    _wait(base + "/query", proc, "the Oxigraph server")
    yield base
    proc.terminate()
    proc.wait(timeout=10)


VIRTUOSO_INI = """[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
Striping = 0

[Parameters]
; loopback only, for both the SQL and the HTTP port
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
MaxClientConnections = 10
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = .

[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {d}
MaxClientConnections = 5
ServerThreads = 5

[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 30
"""


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory):
    """A fresh Virtuoso database of its own, listening on loopback; user dba, password dba."""
    assert shutil.which(VIRTUOSO), "Virtuoso is missing: run 'bash scripts/setup.sh --test'"
    folder, sql, http_port = tmp_path_factory.mktemp("virtuoso"), free_port(), free_port()
    (folder / "virtuoso.ini").write_text(VIRTUOSO_INI.format(d=folder, sql=sql, http=http_port))
    proc = subprocess.Popen([VIRTUOSO, "-f", "-c", str(folder / "virtuoso.ini")], cwd=folder,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{http_port}"
    _wait(base + "/sparql", proc, "Virtuoso")
    yield base
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()


def push(*args: str):
    return runner.invoke(app, ["push", *args])


def counts(endpoint: str) -> dict[str, int]:
    response = httpx.post(endpoint, data={"query": COUNTS}, headers={"Accept": "application/sparql-results+json"})
    return {b["g"]["value"]: int(b["n"]["value"]) for b in response.json()["results"]["bindings"]
            if b["g"]["value"].startswith(("https://w3id.org/intmk-graph/", "urn:x:"))}


def assert_saved_queries_agree(endpoint: str, out: Path) -> None:
    """Every saved query, with the parameters of the cross-store tests, gives the same
    rows (or triples) at ``endpoint`` as on the embedded store under ``out``."""
    embedded = open_oxigraph(store_path(out))
    remote = Store.endpoint(endpoint)
    try:
        for name, params in ((n, p) for n, ps in PARAMS.items() for p in ps):
            text = bind(saved_queries()[name], params)
            assert answers(remote, text) == answers(embedded, text), (endpoint, name, params)
    finally:
        embedded.close()


def test_push_into_oxigraph_and_the_saved_queries_agree(oxigraph_server, store_2025):
    first = push("--to", oxigraph_server + "/store", "--replace", "--out", str(store_2025))
    assert first.exit_code == 0, first.output
    assert f"replaced <{DOCUMENT}>: 5,023 triples (HTTP 20" in first.output
    assert counts(oxigraph_server + "/query") == {DOCUMENT: 5023, REFERENCE: 724}
    # Again, and adding instead of replacing: the same graphs (no blank nodes to duplicate).
    assert push("--to", oxigraph_server + "/store", "--replace", "--out", str(store_2025)).exit_code == 0
    assert push("--to", oxigraph_server + "/store", "--out", str(store_2025)).exit_code == 0
    assert counts(oxigraph_server + "/query") == {DOCUMENT: 5023, REFERENCE: 724}
    assert_saved_queries_agree(oxigraph_server + "/query", store_2025)


def test_graph_prefix_names_the_graphs(oxigraph_server, store_2025):
    result = push("--to", oxigraph_server + "/store", "--graph-prefix", "urn:x:", "--replace", "--out", str(store_2025))
    assert result.exit_code == 0, result.output
    named = counts(oxigraph_server + "/query")
    assert named["urn:x:intmk-20-2025-goettingen"] == 5023 and named["urn:x:reference"] == 724


def test_push_into_virtuoso_and_the_saved_queries_agree(virtuoso, store_2025):
    crud = virtuoso + "/sparql-graph-crud-auth"
    refused = push("--to", crud, "--user", "dba", "--password", "wrong", "--out", str(store_2025))
    assert refused.exit_code == 2
    assert "the store refused the credentials (401)" in refused.output and "Traceback" not in refused.output
    for _ in range(2):  # twice: idempotent
        result = push("--to", crud, "--replace", "--user", "dba", "--password", "dba", "--out", str(store_2025))
        assert result.exit_code == 0, result.output
    assert counts(virtuoso + "/sparql") == {DOCUMENT: 5023, REFERENCE: 724}
    assert_saved_queries_agree(virtuoso + "/sparql", store_2025)


def test_push_errors_are_one_line(oxigraph_server, store_2025):
    missing = push("--to", oxigraph_server + "/nowhere", "--out", str(store_2025))
    assert missing.exit_code == 2 and "no Graph Store endpoint at" in missing.output
    unreachable = push("--to", f"http://127.0.0.1:{free_port()}/store", "--out", str(store_2025))
    assert unreachable.exit_code == 2 and "cannot reach the Graph Store" in unreachable.output

    class Failing(http.server.BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - the http.server API
            self.rfile.read(int(self.headers["Content-Length"]))
            self.send_response(503)
            self.end_headers()
            self.wfile.write(b"disk full")

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Failing)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        failed = push("--to", f"http://127.0.0.1:{server.server_port}/store", "--out", str(store_2025))
    finally:
        server.shutdown()
    assert failed.exit_code == 2
    assert f"the store answered 503 for graph {DOCUMENT}: disk full" in failed.output
    assert all("Traceback" not in r.output for r in (missing, unreachable, failed))

"""The saved queries and commands against a real external SPARQL store: the Oxigraph
server (PyPI package ``oxigraph``), loaded with our TriG and serving read-only on
127.0.0.1. Results must equal the embedded store's."""

from __future__ import annotations

import json
import subprocess
import time
import urllib.request

import pytest
from helpers import PARAMS, answers, free_port, oxigraph_binary
from typer.testing import CliRunner

from intmk_graph.cli import app
from intmk_graph.query.saved import bind, saved_queries
from intmk_graph.query.store import Store, open_oxigraph, store_path

runner = CliRunner()


@pytest.fixture(scope="module")
def server(tmp_path_factory, store_2025):
    out = store_2025
    location = tmp_path_factory.mktemp("server")
    binary = oxigraph_binary()
    subprocess.run([binary, "load", "--location", str(location), "--file", str(out / "graph.trig")],
                   check=True, capture_output=True)
    port = free_port()
    proc = subprocess.Popen(
        [binary, "serve-read-only", "--location", str(location), "--bind", f"127.0.0.1:{port}",
         "--union-default-graph"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}/query"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(url + "?query=ASK%7B%7D", timeout=1).read()
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                raise RuntimeError(f"oxigraph server did not start: {proc.stderr.read()!r}") from None
            time.sleep(0.1)
    yield url, out
    proc.terminate()
    proc.wait(timeout=10)


@pytest.mark.parametrize("name, params", [(n, p) for n, ps in PARAMS.items() for p in ps])
def test_saved_queries_agree_with_the_server(server, name, params):
    url, out = server
    text = bind(saved_queries()[name], params)
    embedded = open_oxigraph(store_path(out))
    try:
        expected = answers(embedded, text)
    finally:
        embedded.close()
    assert answers(Store.endpoint(url), text) == expected


def test_commands_run_against_the_server(server):
    url, out = server
    result = runner.invoke(app, ["cites", "§ 104c AufenthG", "--store", url, "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)[0]["resolution"] == "6.5"
    result = runner.invoke(app, ["coalitions", "--store", url, "--format", "json"])
    local = runner.invoke(app, ["coalitions", "--out", str(out), "--format", "json"])
    assert result.exit_code == 0 and json.loads(result.stdout) == json.loads(local.stdout)


def test_the_server_is_read_only(server):
    url, _ = server
    request = urllib.request.Request(url.replace("/query", "/update"), data=b"CLEAR ALL",
                                     headers={"Content-Type": "application/sparql-update"})
    with pytest.raises(urllib.error.HTTPError):
        urllib.request.urlopen(request, timeout=5)


def test_an_unreachable_endpoint_is_a_clear_error():
    port = free_port()
    result = runner.invoke(app, ["demands", "--store", f"http://127.0.0.1:{port}/query"])
    assert result.exit_code == 2
    assert "cannot reach the SPARQL endpoint" in result.output and "Traceback" not in result.output


def test_a_bad_store_value_is_rejected():
    result = runner.invoke(app, ["demands", "--store", "postgres"])
    assert result.exit_code == 2 and "expected oxigraph, memory" in result.output


@pytest.mark.parametrize("update", ["INSERT DATA { <urn:a> <urn:b> <urn:c> }", "prefix x: <urn:x#>\nDELETE WHERE { ?s ?p ?o }",
                                    "LOAD <http://127.0.0.1:1/x.ttl>", "CLEAR ALL", "DROP GRAPH <urn:g>", "CREATE GRAPH <urn:g>"])
def test_query_refuses_updates(store_2025, update):
    result = runner.invoke(app, ["query", update, "--out", str(store_2025)])
    assert result.exit_code == 2
    assert result.output.strip() == "error: updates are not allowed: the store is read-only"


def test_query_refuses_federation_unless_allowed(server):
    url, out = server
    federated = f"SELECT (COUNT(*) AS ?n) WHERE {{ SERVICE <{url}> {{ ?r a <https://w3id.org/intmk-graph/ontology#Resolution> }} }}"
    result = runner.invoke(app, ["query", federated, "--out", str(out)])
    assert result.exit_code == 2
    assert result.output.strip() == "error: SERVICE (federated query) is off; allow it with --allow-service"
    result = runner.invoke(app, ["query", federated, "--allow-service", "--format", "csv", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout.split() == ["n", "27"]  # the 27 resolutions, counted by the other server
    # "SERVICE" inside a string or an IRI is no clause
    result = runner.invoke(app, ["query", 'ASK { ?s ?p "SERVICE" }', "--format", "csv", "--out", str(out)])
    assert result.exit_code == 0 and result.stdout.split() == ["false"]


def test_a_failing_query_is_one_line(store_2025):
    port = free_port()
    result = runner.invoke(app, ["query", f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/q> {{ ?s ?p ?o }} }}",
                                 "--allow-service", "--out", str(store_2025)])
    assert result.exit_code == 2 and result.output.startswith("error: the query failed: ")
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1


def test_one_store_type_whatever_holds_the_graph(server):
    """open_store gives a Store for the embedded store, the memory copy and the endpoint
    alike; each answers the same and refuses once closed."""
    from intmk_graph.query.reports import cites
    from intmk_graph.query.store import open_store

    url, out = server
    for kind in ("oxigraph", "memory", url):
        with open_store(kind, out) as store:
            assert type(store) is Store
            assert [c.resolution for c in cites(store, "§ 104c AufenthG")] == ["6.5"], kind
        with pytest.raises(ValueError, match="closed"):
            store.query("ASK {}")

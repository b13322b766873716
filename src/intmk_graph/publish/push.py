"""``intmk-graph push``: the built graphs into another triple store by the SPARQL 1.1
Graph Store HTTP Protocol - one named graph per document, plus the reference graph.

``PUT`` replaces a graph (``--replace``), ``POST`` merges into it; either is safe to
repeat, since our graphs have no blank nodes. Each graph goes as N-Triples, which every
store reads. Credentials come from ``--user``/``--password`` (Basic, or Digest when the
store asks for it, as Virtuoso does) or a bearer token in ``INTMK_GRAPH_TOKEN``.
"""

from __future__ import annotations

from collections.abc import Callable, Generator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError, IntmkError

TOKEN_VARIABLE = "INTMK_GRAPH_TOKEN"


class PushError(IntmkError):
    """The store refused or failed: the message says which and what it answered."""


@dataclass(frozen=True)
class Pushed:
    graph: str  # the name it has in the target store
    triples: int
    status: int


def graphs_of(trig_file: Path, prefix: str | None = None, base: str | None = None) -> list[tuple[str, bytes, int]]:
    """(graph name, N-Triples, triples) of every named graph in a built ``graph.trig``,
    in name order; with ``prefix``, each name is that prefix plus the name's last part."""
    import pyoxigraph as ox

    if not trig_file.is_file():
        raise InputError(f"no built graph at {trig_file}; run 'intmk-graph build' first", str(trig_file))
    groups: dict[str, list[Any]] = {}
    for quad in ox.parse(path=str(trig_file), format=ox.RdfFormat.TRIG):
        if isinstance(quad.graph_name, ox.DefaultGraph):
            raise InputError("expected only named graphs in the build", str(trig_file))
        groups.setdefault(quad.graph_name.value, []).append(quad.triple)
    out: list[tuple[str, bytes, int]] = []
    for name in sorted(groups):
        target = name if prefix is None else prefix + name.rstrip("/").rsplit("/", 1)[-1]
        triples = sorted(groups[name], key=str)  # the same bytes every time
        out.append((target, ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"", len(triples)))
    return out


def push(url: str, trig_file: Path, *, replace: bool = False, prefix: str | None = None,
         user: str | None = None, password: str | None = None, token: str | None = None,
         progress: Callable[[str, int, int], None] | None = None, timeout: float = 120) -> list[Pushed]:
    """Send every graph of the build to the Graph Store endpoint ``url``; raises
    PushError on the first refusal or failure (nothing later is sent)."""
    import httpx

    graphs = graphs_of(trig_file, prefix)
    auth = _basic_or_digest(user, password or "") if user is not None else None
    headers = {"Content-Type": "application/n-triples"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    done = []
    with httpx.Client(auth=auth, timeout=timeout, follow_redirects=False) as client:
        for i, (name, body, count) in enumerate(graphs, start=1):
            method = "PUT" if replace else "POST"
            try:
                response = client.request(method, url, params={"graph": name}, content=body, headers=headers)
            except httpx.HTTPError as exc:
                raise PushError(f"cannot reach the Graph Store at {url} ({exc})") from None
            if response.status_code >= 300:
                raise PushError(_refusal(url, response, name))
            done.append(Pushed(name, count, response.status_code))
            if progress is not None:
                progress(name, i, len(graphs))
    return done


def _refusal(url: str, response: Any, graph: str) -> str:
    detail = " ".join(response.text.split())[:200]
    code = response.status_code
    if code in (401, 403):
        why = "the store refused the credentials" if code == 401 else "the store does not allow writing here"
        return f"{why} ({code}); give --user/--password or a token in ${TOKEN_VARIABLE}"
    if code == 404:
        return f"no Graph Store endpoint at {url} (404); expected e.g. http://host:7878/store or .../sparql-graph-crud-auth"
    return f"the store answered {code} for graph {graph}: {detail or response.reason_phrase}"


def _basic_or_digest(user: str, password: str) -> Any:
    """Basic auth, or Digest when the store refuses Basic (Virtuoso does)."""
    import httpx

    class BasicOrDigest(httpx.Auth):
        requires_request_body = True

        def __init__(self) -> None:
            self.basic, self.digest = httpx.BasicAuth(user, password), httpx.DigestAuth(user, password)
            self.use_digest = False

        def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
            if not self.use_digest:
                next(self.basic.auth_flow(request))  # sets the Basic header
                response = yield request
                # Virtuoso answers Basic with a bare 401 (no challenge): then try Digest.
                if response.status_code != 401:
                    return
                self.use_digest = True
                del request.headers["Authorization"]
            yield from self.digest.auth_flow(request)

    return BasicOrDigest()

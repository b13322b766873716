"""Saved SPARQL queries (``queries/*.rq``) and running queries with bound parameters.

A saved query starts with a comment header::

    # title: Resolutions citing a law
    # description: ...
    # param: law (law) the law's official abbreviation, e.g. AufenthG
    # param: land (land, optional) a Land by name

Parameters are bound, never pasted: each value becomes an RDF term (serialised by
rdflib, which escapes it) in a ``VALUES`` block placed at the start of each ``WHERE``
group that uses the parameter itself - the outer one or a subquery, since a subquery
does not see the bindings around it. An optional parameter left out is not bound at all
(on the query page it shows as ``UNDEF``, to be filled in). This works the same on
Oxigraph, rdflib's memory store and a SPARQL endpoint.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, TypeGuard

from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.query import Result

from ..errors import InputError, IntmkError, QueryError, UnknownNameError
from .results import Queryable

HEADER = re.compile(r"^#\s*(?P<key>title|description|param)\s*:\s*(?P<value>.+)$")
PARAM = re.compile(r"^(?P<name>\w+)\s*\((?P<type>\w+)(?P<optional>,\s*optional)?\)\s*(?P<help>.*)$")
WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
PARAM_TYPES = ("land", "string", "integer", "iri", "law", "body", "topic")


@dataclass(frozen=True)
class Parameter:
    name: str
    type: str
    optional: bool
    help: str


@dataclass(frozen=True)
class SavedQuery:
    name: str
    title: str
    description: str
    parameters: tuple[Parameter, ...]
    text: str


def _parse_saved(name: str, text: str) -> SavedQuery:
    meta: dict[str, str] = {}
    params: list[Parameter] = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        if m := HEADER.match(line):
            if m["key"] == "param":
                p = PARAM.match(m["value"])
                if not p or p["type"] not in PARAM_TYPES:
                    raise QueryError(f"bad parameter line {line!r}; expected 'name (type) help'", name)
                params.append(Parameter(p["name"], p["type"], bool(p["optional"]), p["help"]))
            else:
                meta[m["key"]] = m["value"].strip()
    return SavedQuery(name, meta.get("title", name), meta.get("description", ""), tuple(params), text)


@lru_cache(maxsize=1)
def saved_queries() -> dict[str, SavedQuery]:
    """All saved queries shipped with the package, by name (file stem)."""
    folder = resources.files("intmk_graph.query") / "queries"
    result = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            name = entry.name[:-3]
            result[name] = _parse_saved(name, entry.read_text(encoding="utf-8"))
    return result


def saved_query(name: str) -> SavedQuery:
    queries = saved_queries()
    if name not in queries:
        raise QueryError(f"no saved query {name!r}{_did_you_mean(name, queries)}; expected one of {', '.join(queries)}")
    return queries[name]


def _did_you_mean(name: str, names: Sequence[str] | dict[str, Any]) -> str:
    """"; did you mean 'sponsored-by'?" for the closest names, or nothing."""
    import difflib

    close = difflib.get_close_matches(name.lower(), list(names), n=3, cutoff=0.6)
    return f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""


def term_for(param: Parameter, value: str) -> URIRef | Literal:
    """The RDF term a command-line value stands for; raises for values of the wrong kind."""
    if param.type == "land":
        from ..vocab import laender  # the Länder vocabulary only for a land parameter

        land = laender().resolve(value)
        if land is None:
            raise UnknownNameError(f"{value!r} is not a German Land (parameter {param.name})")
        return URIRef(land.iri)
    if param.type in ("law", "body", "topic"):
        from . import lookup

        if param.type == "law":
            return URIRef(lookup.law_query(value).law.iri)
        return lookup.addressee(value) if param.type == "body" else lookup.topic(value)
    if param.type == "integer":
        if not re.fullmatch(r"-?\d+", value.strip()):
            raise QueryError(f"parameter {param.name} expects an integer, got {value!r}")
        return Literal(int(value), datatype=XSD.integer)
    if param.type == "iri":
        if not re.fullmatch(r"[a-zA-Z][a-zA-Z0-9+.-]*:[^\s<>\"{}|\\^`]*", value):
            raise QueryError(f"parameter {param.name} expects an IRI, got {value!r}")
        return URIRef(value)
    return Literal(value)


def bind(query: SavedQuery, values: dict[str, str], placeholders: bool = False) -> str:
    """The query text with its parameters bound in a VALUES block; with ``placeholders``,
    every parameter not given is UNDEF (to be filled in, as on the query page)."""
    known = {p.name: p for p in query.parameters}
    for name in values:
        if name not in known:
            raise QueryError(
                f"saved query {query.name!r} has no parameter {name!r}; "
                f"expected {', '.join(known) or 'no parameters'}"
            )
    if not query.parameters:
        return query.text
    terms = []
    for p in query.parameters:
        if p.name in values:
            terms.append(term_for(p, values[p.name]).n3())
        elif p.optional or placeholders:
            terms.append("UNDEF")
        else:
            raise QueryError(f"saved query {query.name!r} needs --param {p.name}=... ({p.help})")
    term_of = dict(zip((p.name for p in query.parameters), terms))
    if not placeholders:
        # A parameter left open is simply not bound: the same answer as UNDEF, and the
        # form Virtuoso gets right (it mis-evaluates UNDEF in VALUES).
        term_of = {n: t for n, t in term_of.items() if t != "UNDEF"}
        if not term_of:
            return query.text
    text = query.text
    groups = list(WHERE.finditer(text))
    if not groups:
        raise QueryError(f"saved query {query.name!r} has no WHERE clause to bind parameters in")
    # What each group binds, read off the query as written: a group binds what it uses
    # itself, its subqueries aside (they bind their own; binding a variable only a
    # subquery uses is a no-op that Virtuoso gets wrong), the outer one also a parameter
    # used nowhere (it then only shows in the results).
    binds = []
    for m in groups:
        end = _closing_brace(text, m.end())
        own = text[m.end() : end]
        for inner in groups:
            if m.end() <= inner.start() < end:
                own = own.replace(text[inner.start() : _closing_brace(text, inner.end())], " ")
        names = [n for n in term_of if re.search(rf"\?{n}\b", own)]
        if m is groups[0]:
            names += [n for n in term_of if n not in names and not re.search(rf"\?{n}\b", text)]
        binds.append(names)
    first = next((m for m, names in zip(groups, binds) if names), None)  # where the hint goes
    # Insert from the last group to the first so earlier offsets stay valid.
    for m, names in reversed(list(zip(groups, binds))):
        if not names:
            continue
        if placeholders:
            block = "VALUES (" + " ".join(f"?{n}" for n in names) + ") { (" + " ".join(term_of[n] for n in names) + ") }"
        else:  # one block per parameter: the same single row, and Virtuoso compiles it
            block = "\n  ".join(f"VALUES ?{n} {{ {term_of[n]} }}" for n in names)
        if placeholders and m is first:
            hints = "; ".join(_hint(p) for p in query.parameters if p.name not in values)
            block = f"# Parameters, UNDEF until you give a value ({hints})\n  " + block
        text = text[: m.end()] + "\n  " + block + "\n" + text[m.end() :]
    return text


def _hint(param: Parameter) -> str:
    """``land: the Land, e.g. <https://…/id/land-BY>``: the help with its example as the
    term to write in a VALUES block."""
    example = re.search(r"e\.g\.\s+([^\s,]+)", param.help)
    if example:
        try:
            term = term_for(param, example[1])
        except IntmkError:
            return f"{param.name}: {param.help}"
        written = str(term) if isinstance(term, Literal) and term.datatype == XSD.integer else term.n3()
        return f"{param.name}: {param.help[:example.start()].strip()} e.g. {written}"
    return f"{param.name}: {param.help}"


def _closing_brace(text: str, start: int) -> int:
    """The index of the brace closing the group opened just before ``start``."""
    depth = 1
    for i in range(start, len(text)):
        if text[i] == "{":
            depth += 1
        elif text[i] == "}":
            depth -= 1
            if depth == 0:
                return i
    return len(text)


def query_text(query: str | None, file: Path | None = None, params: Sequence[str] = ()) -> str:
    """The SPARQL to run: a file's, a saved query's with its ``NAME=VALUE`` parameters
    bound, or the string itself."""
    if file is not None:
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"cannot read the query ({exc})", str(file)) from None
    elif query is None:
        raise QueryError("no query given; expected a SPARQL string, --file or a saved query name")
    elif query in saved_queries():
        values: dict[str, str] = {}
        for item in params:
            name, sep, value = item.partition("=")
            if not sep:
                raise QueryError(f"--param {item!r}: expected NAME=VALUE")
            if name.strip() in values:
                raise QueryError(f"--param {name.strip()} is given twice ({values[name.strip()]!r} and {value!r}); "
                                 "expected each parameter once")
            values[name.strip()] = value
        return bind(saved_queries()[query], values)
    elif re.fullmatch(r"[\w.-]+", query.strip()):  # one word: a saved query's name, never SPARQL
        raise QueryError(f"no saved query {query.strip()!r}{_did_you_mean(query.strip(), saved_queries())}; "
                         "'intmk-graph queries' lists them")
    else:
        text = query
    if params:
        raise QueryError("--param is only for saved queries; see 'intmk-graph queries'")
    return text


def run(dataset: Queryable, text: str, allow_service: bool = False) -> Result:
    """Run a SPARQL query on the read-only graph. An update, federation (SERVICE) unless
    allowed, a syntax error (with its position) and a failure while evaluating become a
    QueryError."""
    from .sparql import check

    check(text, allow_service)
    try:
        result = dataset.query(text)
        if result.type == "SELECT":
            result.bindings  # noqa: B018 - Oxigraph evaluates lazily: fail here, not while printing
        return result
    except SyntaxError as exc:  # Oxigraph: "error at 1:26: expected ..."
        raise QueryError(f"SPARQL syntax error: {exc}") from None
    except (OSError, RuntimeError, ValueError, TypeError) as exc:  # a SERVICE unreachable, a bad term
        raise QueryError(f"the query failed: {exc}") from None
    except Exception as exc:
        if _is_rdflib_syntax_error(exc):
            raise QueryError(f"SPARQL syntax error at line {exc.lineno}, column {exc.col}: {exc.msg}") from None
        raise


def _is_rdflib_syntax_error(exc: Exception) -> TypeGuard[Any]:
    """rdflib's parser raises pyparsing's errors; pyparsing is imported only when it ran
    (25 ms a query through Oxigraph saves)."""
    pyparsing = sys.modules.get("pyparsing")
    return pyparsing is not None and isinstance(exc, pyparsing.ParseBaseException)


def run_saved(dataset: Queryable, name: str, **params: object) -> Result:
    """A saved query's result with its parameters bound; a parameter left None is open."""
    return run(dataset, bind(saved_query(name), {k: str(v) for k, v in params.items() if v is not None}))


def solutions(result: Result) -> list[Any]:
    """The rows of a SELECT result, read by variable name (``row.land``)."""
    return list(result)


def query(dataset: Queryable, query: str, **params: object) -> list[dict[str, Any]]:
    """Rows of a saved query (by name, parameters as keywords; None leaves one open) or
    of a SPARQL string, as dicts of plain values: the notebook user's one call.

    ``query(store, "sponsored-by", land="Sachsen")``
    """
    from .results import plain, rows

    if query in saved_queries():
        result = run_saved(dataset, query, **params)
    else:
        result = run(dataset, query_text(query, params=[f"{k}={v}" for k, v in params.items() if v is not None]))
    names, data = rows(result)
    return [dict(zip(names, (plain(v) for v in row))) for row in data]

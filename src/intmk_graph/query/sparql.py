"""What a SPARQL request is, before any store sees it: its form (SELECT, ASK, CONSTRUCT,
DESCRIBE, or an update) and whether it federates (SERVICE).

Every way in (``query``, ``serve``) refuses updates, since the store is read-only, and
SERVICE unless federation was asked for: a query must not make our process fetch from
other hosts on a stranger's behalf. The words are found in the query with its strings,
IRIs and comments taken out, so ``"INSERT"`` in a literal or ``<urn:service>`` is no
keyword.
"""

from __future__ import annotations

import re
from enum import Enum

from ..errors import QueryError

MAX_QUERY_CHARS = 100_000  # a longer request is refused (the saved queries are < 3,000)

# Strings (long and short, either quote), IRIs, comments: replaced by a blank before
# looking for keywords. A '<' that starts no IRI (a comparison) is left alone.
_OPAQUE = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r"|<[^<>\"{}|^`\\\s]*>"
    r"|#[^\n]*",
    re.S,
)
_WORD = re.compile(r"[A-Za-z_][\w-]*:?")
UPDATE_WORDS = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"})


class Form(str, Enum):
    SELECT = "SELECT"
    ASK = "ASK"
    CONSTRUCT = "CONSTRUCT"
    DESCRIBE = "DESCRIBE"
    UPDATE = "UPDATE"
    UNKNOWN = "UNKNOWN"  # no form keyword: the store's parser says what is wrong

    @property
    def graph(self) -> bool:
        """Whether the answer is RDF (CONSTRUCT, DESCRIBE) rather than results."""
        return self in (Form.CONSTRUCT, Form.DESCRIBE)


class Refused(QueryError):
    """A request this read-only service does not carry out (``status``: its HTTP status)."""

    def __init__(self, message: str, status: int):
        super().__init__(message)
        self.status = status


def _keywords(text: str) -> list[str]:
    return [w.upper() for w in _WORD.findall(_OPAQUE.sub(" ", text)) if not w.endswith(":")]


def form_of(text: str) -> Form:
    """The form of a request, after its prologue (BASE, PREFIX).

    >>> form_of('PREFIX x: <urn:x#> # a comment with SELECT\\n insert data { x:a x:b "SELECT" }').value
    'UPDATE'
    >>> form_of("ask { ?s ?p ?o }").value
    'ASK'
    """
    for word in _keywords(text):
        if word in ("BASE", "PREFIX"):
            continue
        if word in UPDATE_WORDS:
            return Form.UPDATE
        try:
            return Form(word)
        except ValueError:
            return Form.UNKNOWN
    return Form.UNKNOWN


def uses_service(text: str) -> bool:
    """Whether the query federates (a SERVICE clause; not the word in a string or IRI).

    >>> uses_service('SELECT * WHERE { ?s <urn:service> "SERVICE" }'), uses_service("select * { service <http://x/> { ?s ?p ?o } }")
    (False, True)
    """
    return "SERVICE" in _keywords(text)


def check(text: str, allow_service: bool = False) -> Form:
    """The request's form, or Refused: too long (413), an update (403), federation when
    not allowed (400)."""
    if len(text) > MAX_QUERY_CHARS:
        raise Refused(f"the query is {len(text):,} characters long; at most {MAX_QUERY_CHARS:,} are accepted", 413)
    form = form_of(text)
    if form is Form.UPDATE:
        raise Refused("updates are not allowed: the store is read-only", 403)
    if not allow_service and uses_service(text):
        raise Refused("SERVICE (federated query) is off; allow it with --allow-service", 400)
    return form

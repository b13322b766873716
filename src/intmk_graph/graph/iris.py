"""The one place IRIs are minted and read back.

IRIs are deterministic: they depend only on the base, the conference number and kind,
and the printed ids, so rebuilding gives the same graph, two years can share one store,
and a resolution named in another year's text has the IRI it will have when that year
is loaded. Everything below a resolution (its paragraphs, notes and findings) lies
under the resolution's IRI, which is how :func:`resolution_of` finds the owner.
"""

from __future__ import annotations

import re
from datetime import date

from ..model import Place
from ..namespaces import DEFAULT_BASE, INTMK_BODY, PREFIXES  # noqa: F401 (INTMK_BODY: re-exported)
from .terms import iri

PORTAL = "https://www.gesetze-im-internet.de/"
LAENDER = PREFIXES["id"] + "body-Laender"  # the Länder as a whole, as one addressee (laender.ttl)
# The kinds of finding minted under a resolution, in the order the RDF stage writes them.
FINDINGS = ("citation", "mention", "demand", "date", "amount", "reference")


class Minter:
    """Mints the IRIs of one document's resources under a base, as N-Triples terms
    (:mod:`~intmk_graph.graph.terms`): the RDF stage writes them as they are.

    >>> m = Minter("https://example.org/")
    >>> top = m.resolution(20, None, "2.1.a")
    >>> top, m.paragraph(top, 3), m.finding(top, "demand", 2)
    ('<https://example.org/conference/20/top/2.1.a>', '<https://example.org/conference/20/top/2.1.a/p/3>', '<https://example.org/conference/20/top/2.1.a/demand/2>')
    >>> str(resolution_of(m.note(top, 1)[1:-1]))  # the IRI inside the term
    'https://example.org/conference/20/top/2.1.a'
    """

    def __init__(self, base: str = DEFAULT_BASE):
        if not re.match(r"^[a-z][a-z0-9+.-]*:", base):
            raise ValueError(f"base IRI {base!r} has no scheme; expected e.g. https://example.org/")
        self.base = base if base.endswith(("/", "#")) else base + "/"

    # -- documents and conferences ---------------------------------------------------

    def conference(self, number: int | None, kind: str | None, slug: str | None = None) -> str:
        key = str(number) if number is not None else (slug or "unknown")
        if kind and kind != "Hauptkonferenz":
            key += "-" + kind.lower()
        return iri(f"{self.base}conference/{key}")

    def resolution(self, number: int | None, kind: str | None, top: str, slug: str | None = None) -> str:
        """A resolution or agenda item by its TOP (its key when printed twice)."""
        return _below(self.conference(number, kind, slug), f"top/{top}")

    def document(self, slug: str) -> str:
        return iri(f"{self.base}document/{slug}")

    def graph(self, slug: str) -> str:
        return iri(f"{self.base}graph/{slug}")

    @property
    def reference_graph(self) -> str:
        return iri(f"{self.base}graph/reference")

    def meeting(self, body: str, number: int | None, day: date | None, kind: str | None = None) -> str:
        """A meeting named in a reference: an IntMK conference by its number, or a meeting
        known by its date or of another conference (``id:meeting/ASMK/101``,
        ``id:meeting/IntMK/2015-05-05``)."""
        if body == "IntMK" and number is not None:
            return self.conference(number, kind)
        key = str(number) if number is not None else (day.isoformat() if day is not None else "undated")
        if body == "IntMK" and kind and kind != "Hauptkonferenz":
            key += "-" + kind.lower()
        return iri(f"{PREFIXES['id']}meeting/{body}/{key}")

    @staticmethod
    def meeting_item(meeting: str, top: str) -> str:
        """An agenda item of another conference's meeting (``id:meeting/ASMK/101/top/6.2``)."""
        return _below(meeting, f"top/{top}")

    # -- the parts of a resolution -----------------------------------------------------

    @staticmethod
    def paragraph(resolution: str, number: int | None, unnumbered: int = 0) -> str:
        """Numbered paragraphs by their number, unnumbered text by its order (``text/1``)."""
        if number is not None:
            return f"{resolution[:-1]}/p/{number}>"
        return f"{resolution[:-1]}/text/{unnumbered}>"

    @staticmethod
    def note(resolution: str, index: int) -> str:
        return f"{resolution[:-1]}/note/{index}>"

    @staticmethod
    def footnote(resolution: str, index: int) -> str:
        return f"{resolution[:-1]}/footnote/{index}>"

    @classmethod
    def place(cls, resolution: str, place: Place) -> str:
        """The paragraph or note a finding sits in; the resolution for title findings."""
        if place.part == "paragraph":
            return cls.paragraph(resolution, place.index, place.unnumbered)
        if place.part == "note" and place.index is not None:
            return cls.note(resolution, place.index)
        if place.part == "footnote" and place.index is not None:
            return cls.footnote(resolution, place.index)
        return resolution

    @staticmethod
    def finding(resolution: str, kind: str, index: int) -> str:
        assert kind in FINDINGS, kind
        return f"{resolution[:-1]}/{kind}/{index}>"

    @staticmethod
    def repetition(demand: str) -> str:
        """The link from a demand to the earlier one it repeats."""
        return f"{demand[:-1]}/repeats>"

    # -- laws -------------------------------------------------------------------------

    @staticmethod
    def section(law: str, section: str, article: bool = False) -> str:
        return _below(law, f"{'art' if article else 'para'}/{section}")


def _below(parent: str, path: str) -> str:
    """A term under another (the path checked, as it comes from the document)."""
    return iri(f"{parent[1:-1]}/{path}")


def section_url(folder: str, section: str, article: bool = False) -> str:
    """The law portal page of a section: ``aufenthg_2004/__24.html``, ``gg/art_50.html``."""
    return f"{PORTAL}{folder}/{'art_' if article else '__'}{section}.html"


# -- reading IRIs back ----------------------------------------------------------------

_OWNED = re.compile(r"^(?P<resolution>.*/conference/[^/]+/top/[^/]+)/(?P<rest>.+)$")


def resolution_of(iri: str) -> str | None:
    """The resolution a paragraph, note or finding belongs to (None for anything else)."""
    m = _OWNED.match(str(iri))
    return m["resolution"] if m else None


def resolution_key(conference: int | str | None, top: str) -> str:
    """The short key of a resolution in NetworkX views and pages: ``20/6.5``.

    >>> resolution_key(20, "6.5")
    '20/6.5'
    """
    return f"{conference}/{top}"


def short_name(iri: str) -> str:
    """A readable tail: ``6.5/p/2`` inside a resolution, else the last path step.

    >>> short_name("https://w3id.org/intmk-graph/data/conference/20/top/6.5/demand/1")
    '6.5/demand/1'
    >>> short_name("https://w3id.org/intmk-graph/ontology#Resolution")
    'Resolution'
    """
    parts = str(iri).rstrip("/").split("/")
    return "/".join(parts[-3:]) if "top" in parts else parts[-1].rsplit("#", 1)[-1]

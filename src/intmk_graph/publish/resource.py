"""A dereferenced IRI as an HTML page: a resolution with its sponsors, decision, text
with line numbers, citations, demands and references; any other resource as a table
of what is said of it. Every piece of document text is escaped; the page has no script.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable

from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.namespace import DCTERMS, SKOS
from rdflib.term import Node

from .. import __version__
from ..model import natural_key
from ..namespaces import INTMK
from ..query.results import compact

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
STYLE = """
body { font: 15px/1.5 system-ui, sans-serif; color: #1f2933; max-width: 60rem; margin: 1.5rem auto; padding: 0 1rem; }
h1 { font-size: 1.35rem; margin: .2rem 0 .6rem; } h2 { font-size: 1rem; margin: 1.4rem 0 .4rem; color: #52606d; }
.iri { color: #616e7c; font-size: .85rem; word-break: break-all; } a { color: #1f6fb2; }
ol.text { list-style: none; padding: 0; } ol.text li { display: flex; gap: .8rem; margin: .35rem 0; }
.lines { flex: 0 0 4.5rem; color: #9aa5b1; font-variant-numeric: tabular-nums; text-align: right; }
table { border-collapse: collapse; width: 100%; } td, th { border-top: 1px solid #e4e7eb; padding: .3rem .5rem; vertical-align: top; text-align: left; }
th { width: 14rem; font-weight: 500; color: #52606d; } footer { margin-top: 2rem; color: #9aa5b1; font-size: .8rem; }
"""

Href = Callable[[URIRef], str]  # where a link to an IRI points (a local path, or the IRI)


def _label(graph: Graph, node: Node | None) -> str:
    for p in (DCTERMS.title, SKOS.prefLabel, RDFS.label, SKOS.notation, INTMK.surfaceText):
        values = sorted(graph.objects(node, p), key=lambda v: (getattr(v, "language", None) != "de", str(v)))
        if values:
            return str(values[0])
    return compact(node) if isinstance(node, URIRef) else str(node)


def _link(graph: Graph, node: Node | None, href: Href) -> str:
    if isinstance(node, URIRef):
        return f'<a href="{html.escape(href(node))}">{html.escape(_label(graph, node))}</a>'
    return html.escape(str(node))


def _sorted(graph: Graph, subject: Node, predicate: Node) -> list[Node]:
    return sorted(graph.objects(subject, predicate), key=lambda n: natural_key(str(n)))


def _by_position(graph: Graph, nodes: Iterable[Node]) -> list[Node]:
    return sorted(nodes, key=lambda n: (int(str(graph.value(n, INTMK.position) or 0)), natural_key(str(n))))


def resource_page(iri: URIRef, graph: Graph, href: Href, formats: dict[str, str]) -> str:
    """The page of ``iri`` from its description (the saved query ``describe``);
    ``formats`` maps a format's name to the link that gives it (Turtle, JSON-LD, ...)."""
    title = _label(graph, iri)
    types = sorted(compact(t) for t in graph.objects(iri, RDF.type))
    parts = [f"<h1>{html.escape(title)}</h1>",
             f'<p class="iri">{html.escape(str(iri))} · {html.escape(", ".join(types))} · '
             + " · ".join(f'<a href="{html.escape(link)}">{html.escape(name)}</a>' for name, link in formats.items())
             + "</p>"]
    if INTMK.Resolution in set(graph.objects(iri, RDF.type)):
        parts += _resolution(iri, graph, href)
    parts.append("<h2>All statements</h2><table>")
    for p in sorted(set(graph.predicates(iri)), key=str):
        values = sorted(graph.objects(iri, p), key=lambda n: natural_key(str(n)))
        cells = "<br>".join(_link(graph, v, href) for v in values)
        parts.append(f'<tr><th><a href="{html.escape(str(p))}">{html.escape(compact(p))}</a></th><td>{cells}</td></tr>')
    parts.append("</table>")
    return (
        '<!DOCTYPE html>\n<html lang="de"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{html.escape(title)}</title>'
        f"<style>{STYLE}</style></head><body>" + "\n".join(parts)
        + f'<footer>intmk-graph {__version__} · <a href="/">query page</a></footer></body></html>\n'
    )


def _resolution(iri: URIRef, graph: Graph, href: Href) -> list[str]:
    out = []
    conference = graph.value(iri, INTMK.adoptedAt)
    facts = [("TOP", html.escape(str(graph.value(iri, INTMK.agendaItem) or "")))]
    if conference is not None:
        facts.append(("conference", _link(graph, conference, href)))
    sponsors = _sorted(graph, iri, INTMK.sponsoredBy)
    facts.append(("sponsored by", ", ".join(_link(graph, s, href) for s in sponsors) or "–"))
    decision = graph.value(iri, INTMK.decision)
    votes = [graph.value(iri, p) for p in (INTMK.yesVotes, INTMK.noVotes, INTMK.abstentions)]
    shown = _label(graph, decision) if decision is not None else "none (report)"
    if all(v is not None for v in votes):
        shown += f" ({':'.join(str(v) for v in votes)})"
    facts.append(("decision", html.escape(shown)))
    out.append("<table>" + "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in facts) + "</table>")
    out.append("<h2>Text</h2><ol class=\"text\">")
    for p in _by_position(graph, graph.objects(iri, INTMK.hasParagraph)):
        first, last = graph.value(p, INTMK.firstLineNumber), graph.value(p, INTMK.lastLineNumber)
        lines = f"{first}–{last}" if first is not None else ""
        number = graph.value(p, INTMK.paragraphNumber)
        text = f"{number}. " if number is not None else ""
        out.append(f'<li><span class="lines">{lines}</span><span>{html.escape(text + str(graph.value(p, INTMK.text) or ""))}</span></li>')
    out.append("</ol>")
    notes = _by_position(graph, graph.objects(iri, INTMK.hasProtocolNote))
    if notes:
        out.append("<h2>Protocol notes</h2><ol class=\"text\">")
        for n in notes:
            authors = ", ".join(_label(graph, a) for a in _sorted(graph, n, INTMK.declaredBy))
            out.append(f'<li><span class="lines">{html.escape(authors)}</span><span>{html.escape(str(graph.value(n, INTMK.text) or ""))}</span></li>')
        out.append("</ol>")
    citations = sorted(graph.objects(iri, INTMK.hasCitation), key=lambda c: natural_key(str(c)))
    if citations:
        out.append("<h2>Citations</h2><ul>")
        for c in citations:
            target = graph.value(c, INTMK.citesSection) or graph.value(c, INTMK.citesLaw)
            line = graph.value(c, INTMK.lineNumber)
            out.append(f"<li>{_link(graph, target, href) if target is not None else ''} – "
                       f"“{html.escape(str(graph.value(c, INTMK.surfaceText) or ''))}”"
                       + (f" (line {line})" if line is not None else "") + "</li>")
        out.append("</ul>")
    demands = sorted(graph.objects(iri, INTMK.makesDemand), key=lambda d: natural_key(str(d)))
    if demands:
        out.append("<h2>Demands</h2><ul>")
        for d in demands:
            to = ", ".join(_link(graph, a, href) for a in _sorted(graph, d, INTMK.addressee))
            again = [_link(graph, e, href) for e in _sorted(graph, d, INTMK.repeats)]
            out.append(f"<li><b>{to or '–'}</b> ({html.escape(str(graph.value(d, INTMK.verb) or ''))}): "
                       f"{html.escape(str(graph.value(d, INTMK.surfaceText) or ''))}"
                       + (f" <i>makes again</i> {', '.join(again)}" if again else "") + "</li>")
        out.append("</ul>")
    refers = _sorted(graph, iri, INTMK.refersTo)
    if refers:
        out.append("<h2>Refers to</h2><ul>" + "".join(f"<li>{_link(graph, r, href)}</li>" for r in refers) + "</ul>")
    return out

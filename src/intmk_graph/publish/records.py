"""Model -> plain records (dicts) for JSON, CSV and tables: one per resolution, one per
document (its conference and how well it was read)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from ..model import Citation, Collection, Content, Decision, Resolution, VocabRef
from ..vocab.names import PART_LABELS, citation_label


def resolution_record(collection: Collection, r: Resolution) -> dict[str, Any]:
    """The JSON record of one resolution; the key set is a public interface."""
    conference = collection.conference.number
    return {
        "conference": str(conference) if conference is not None else None,
        "id": r.id,
        "title": r.title.text,
        "subtitle": r.subtitle.text if r.subtitle else None,
        "lead_motion": r.lead_motion,
        "sponsors": list(r.sponsor_names),
        "decision": r.decision.value if r.decision else None,
        "votes": (
            {"yes": r.votes.yes, "no": r.votes.no, "abstain": r.votes.abstain} if r.votes else None
        ),
        "paragraphs": len(r.numbered_paragraphs),
        "protocol_notes": [
            {"by": list(n.by_names), "paragraph": n.paragraph, "text": n.text.text} for n in r.protocol_notes
        ],
        "footnotes": [{"mark": f.mark, "text": f.text.text} for f in r.footnotes],
        "source": {
            "file": Path(collection.source).name,
            "first_line": r.first_line,
            "last_line": r.last_line,
            "first_page": collection.page_of(r.first_line),  # PDF input only
            "last_page": collection.page_of(r.last_line),
        },
        **content_record(collection.content.get(r.key) or Content()),
    }


# The build summary's figures per document: (key, column header), short enough for 80
# columns.
SUMMARY_COLUMNS = (
    ("tops", "TOPs"), ("sponsorships", "spons."), ("unanimous", "unan."), ("majority", "maj."),
    ("notes", "notes"), ("sections", "§§"), ("demands", "dem."), ("warnings", "warn."),
)


def summary_record(collection: Collection) -> dict[str, Any]:
    """What one document gave: its conference and the counts the build summary shows."""
    conf = collection.conference
    decided = [r.decision for r in collection.resolutions if r.decision]
    contents = collection.content.values()
    return {
        "file": Path(collection.source).name,
        "conference": f"{conf.number or '?'}. IntMK {conf.place or ''} {conf.start or conf.decided or ''}".strip(),
        "tops": len(collection.resolutions),
        "sponsorships": sum(len(r.sponsors) for r in collection.resolutions),
        "unanimous": decided.count(Decision.UNANIMOUS),
        "majority": decided.count(Decision.MAJORITY),
        "notes": sum(len(r.protocol_notes) for r in collection.resolutions),
        "sections": sum(1 for x in contents for c in x.citations if c.section),
        "demands": sum(len(x.demands) for x in contents),
        "warnings": len(collection.warnings),
    }


def conference_record(collection: Collection) -> dict[str, Any]:
    """The JSON record of one document: its conference, agenda and reading; the key set
    is a public interface."""
    c = collection.conference
    layout = collection.layout
    return {
        "file": Path(collection.source).name,
        "layout": (
            {"family": layout.family, "label": layout.label, "confidence": layout.confidence, "forced": layout.forced}
            if layout
            else None
        ),
        "number": str(c.number) if c.number is not None else None,
        "kind": c.kind,
        "start": c.start.isoformat() if c.start else None,
        "end": c.end.isoformat() if c.end else None,
        "place": c.place,
        "chair": c.chair.key if c.chair else None,
        "chair_from": c.chair_from,
        "procedure": c.procedure.value if c.procedure else None,
        "decided": c.decided.isoformat() if c.decided else None,
        "agenda": [{"id": e.id, "title": e.title, "page": e.page} for e in collection.agenda],
        "resolutions": len(collection.resolutions),
        "encoding": collection.encoding,
        "lines": collection.line_counts(),
        "warnings": [{"line": w.line, "message": w.message} for w in collection.warnings],
        "confidence": confidence_record(collection),
    }


def confidence_record(collection: Collection) -> dict[str, Any]:
    """The reading's confidence (``model.Confidence``): the document's, and each page's,
    weakest first (a PDF's; a text file has no pages)."""
    trust = collection.confidence()
    return {"document": trust.document, "pages": [{"page": p, "confidence": c} for p, c in trust.pages]}


def check_record(collection: Collection) -> dict[str, Any]:
    """What ``check --format json`` gives of one document: its conference record and
    the lines not understood."""
    return {**conference_record(collection),
            "reports": [{"line": r.line, "text": r.text, "reason": r.reason} for r in collection.reports]}


def citation_record(c: Citation) -> dict[str, Any]:
    return {
        "law": c.law.abbr or c.law.label,
        "section": c.section,
        "subsection": c.subsection,
        "sentence": c.sentence,
        "number": c.number,
        "letter": c.letter,
        "article": c.article,
        "following": c.following,
        "proposed": c.law.proposed,
        "text": c.text,
        "line": c.place.line if c.place else None,
        "where": c.place.record() if c.place else None,
    }


def _entity(ref: VocabRef) -> dict[str, Any]:
    return {"id": ref.key, "label": ref.label, "abbr": ref.abbr}


def _amount(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def content_record(content: Content) -> dict[str, Any]:
    """The record keys read from a resolution's text: laws, bodies, programmes,
    demands, dates, amounts, references. Bodies and programmes once each, in order
    of first mention."""
    return {
        "laws": [citation_record(c) for c in content.citations],
        "bodies": [_entity(r) for r in dict.fromkeys(m.ref for m in content.bodies)],
        "programmes": [_entity(r) for r in dict.fromkeys(m.ref for m in content.programmes)],
        "demands": [
            {
                "paragraph": d.place.index,
                "kind": d.kind.value,
                "verb": d.verb,
                "addressee": d.addressees[0].key if d.addressees else None,
                "addressees": [a.key for a in d.addressees],
                "text": d.text,
                "concerns": [c.key for c in d.concerns],
                "line": d.place.line,
            }
            for d in content.demands
        ],
        "dates": [
            {"date": d.iso, "precision": "month" if isinstance(d.value, tuple) else "day",
             "text": d.text, "line": d.place.line}
            for d in content.dates
        ],
        "amounts": [
            {"value": _amount(a.value), "currency": a.currency, "text": a.text, "line": a.place.line}
            for a in content.amounts
        ],
        "references": [
            {"conference": ref.body.key, "number": ref.number, "kind": ref.kind,
             "date": ref.date.isoformat() if ref.date else None, "top": ref.top,
             "text": ref.text, "line": ref.place.line}
            for ref in content.references
        ],
    }


def resolution_records(collections: list[Collection]) -> list[dict[str, Any]]:
    return [resolution_record(c, r) for c in collections for r in c.resolutions]


# The CSV columns of each kind of record, so that an empty result has its header too
# (tests/test_answers.py holds them to the flattened records).
RESOLUTION_COLUMNS = (
    "conference", "id", "title", "subtitle", "lead_motion", "sponsors", "decision", "votes", "paragraphs",
    "protocol_notes", "footnotes", "source_file", "source_first_line", "source_last_line", "source_first_page",
    "source_last_page", "laws", "bodies", "programmes", "demands", "dates", "amounts", "references",
)
CONFERENCE_COLUMNS = (
    "file", "number", "kind", "start", "end", "place", "chair", "chair_from", "procedure", "decided", "resolutions", "encoding",
    "layout", "layout_confidence", "lines_used", "lines_furniture", "lines_reported", "agenda", "warnings",
    "confidence", "weakest_pages",
)
DISSENT_COLUMNS = ("conference", "resolution", "title", "decision", "by", "paragraph", "text", "source_first_line",
                   "source_last_line")
DEMAND_COLUMNS = ("conference", "resolution", "paragraph", "kind", "verb", "addressees", "text", "line")


def flat_record(record: dict[str, Any]) -> dict[str, Any]:
    """A record for CSV: lists joined with '; ', nested objects spread into columns.

    >>> flat_record({"sponsors": ["Berlin", "Bremen"], "votes": {"yes": 13, "no": 1, "abstain": 2},
    ...              "protocol_notes": [], "source": {"file": "x.txt", "first_line": 1, "last_line": 9}})
    {'sponsors': 'Berlin; Bremen', 'votes': '13:1:2', 'protocol_notes': '', 'source_file': 'x.txt', 'source_first_line': 1, 'source_last_line': 9}
    """
    flat: dict[str, Any] = {}
    for key, value in record.items():
        if key == "votes":
            flat[key] = f"{value['yes']}:{value['no']}:{value['abstain']}" if value else ""
        elif key == "protocol_notes":
            flat[key] = "; ".join(
                " und ".join(n["by"])
                + (f" zu Ziffer {n['paragraph']}" if n["paragraph"] is not None else "")
                + f": {n['text']}"
                for n in value
            )
        elif key == "footnotes":
            flat[key] = "; ".join(f"{f['mark']} {f['text']}" for f in value)
        elif key == "source":
            for sub, subvalue in value.items():
                flat[f"source_{sub}"] = subvalue
        elif key == "laws":
            flat[key] = "; ".join(law_label(v) for v in value)
        elif key == "demands":
            flat[key] = "; ".join(
                f"{d['verb']} → {', '.join(d['addressees']) or '-'}" for d in value
            )
        elif key in ("dates", "amounts", "references"):
            flat[key] = "; ".join(v["text"] for v in value)
        elif isinstance(value, list):
            flat[key] = "; ".join(
                v if isinstance(v, str) else (v.get("id") or v.get("law") or str(v)) for v in value
            )
        elif isinstance(value, bool):
            flat[key] = "true" if value else "false"
        elif value is None:
            flat[key] = ""
        else:
            flat[key] = value
    return flat


def law_label(record: dict[str, Any]) -> str:
    """``§ 32 Abs. 2 Nr. 5 BeschV`` from a law record; the law alone when no section."""
    return citation_label(
        record["law"], record["section"], bool(record.get("article")), **{k: record.get(k) for k, _ in PART_LABELS}
    )


def flat_conference(record: dict[str, Any]) -> dict[str, Any]:
    """A conference record for CSV: layout and line counts spread into columns, agenda
    and warnings joined with '; '."""
    flat = {k: v for k, v in record.items() if k not in ("layout", "lines", "agenda", "warnings", "confidence", "reports")}
    layout = record["layout"] or {}
    flat["layout"] = layout.get("family", "")
    flat["layout_confidence"] = layout.get("confidence", "")
    for key, value in record["lines"].items():
        flat[f"lines_{key}"] = value
    flat["agenda"] = "; ".join(f"{e['id']} {e['title']}" for e in record["agenda"])
    flat["warnings"] = "; ".join(f"{w['line'] or '-'}: {w['message']}" for w in record["warnings"])
    flat["confidence"] = record["confidence"]["document"]
    flat["weakest_pages"] = "; ".join(f"{p['page']} ({p['confidence']:.2f})" for p in record["confidence"]["pages"]
                                      if p["confidence"] < 1)
    return {k: ("" if v is None else v) for k, v in flat.items()}

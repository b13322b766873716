"""Model -> plain records (dicts) for JSON, CSV and tables: one per resolution."""

from __future__ import annotations

from pathlib import Path

from .model import Collection, Resolution


def resolution_record(collection: Collection, r: Resolution) -> dict:
    """The JSON record of one resolution; the key set is a public interface."""
    conference = collection.conference.number
    return {
        "conference": str(conference) if conference is not None else None,
        "id": r.id,
        "title": r.title.text,
        "subtitle": r.subtitle.text if r.subtitle else None,
        "lead_motion": r.lead_motion,
        "sponsors": list(r.sponsors),
        "decision": r.decision.value if r.decision else None,
        "votes": (
            {"yes": r.votes.yes, "no": r.votes.no, "abstain": r.votes.abstain} if r.votes else None
        ),
        "paragraphs": len(r.numbered_paragraphs),
        "protocol_notes": [
            {"by": list(n.by), "paragraph": n.paragraph, "text": n.text.text} for n in r.protocol_notes
        ],
        "source": {
            "file": Path(collection.source).name,
            "first_line": r.first_line,
            "last_line": r.last_line,
        },
    }


def resolution_records(collections: list[Collection]) -> list[dict]:
    return [resolution_record(c, r) for c in collections for r in c.resolutions]


def flat_record(record: dict) -> dict:
    """A record for CSV: lists joined with '; ', nested objects spread into columns.

    >>> flat_record({"sponsors": ["Berlin", "Bremen"], "votes": {"yes": 13, "no": 1, "abstain": 2},
    ...              "protocol_notes": [], "source": {"file": "x.txt", "first_line": 1, "last_line": 9}})
    {'sponsors': 'Berlin; Bremen', 'votes': '13:1:2', 'protocol_notes': '', 'source_file': 'x.txt', 'source_first_line': 1, 'source_last_line': 9}
    """
    flat: dict = {}
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
        elif key == "source":
            for sub, subvalue in value.items():
                flat[f"source_{sub}"] = subvalue
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

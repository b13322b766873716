"""What each command shows of what it found: one :class:`View` per report, with the
data JSON writes, the table a terminal shows, and the rows CSV writes under their
columns. The command line only chooses the format; ``tables.show`` writes it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from .records import (
    CONFERENCE_COLUMNS,
    DEMAND_COLUMNS,
    DISSENT_COLUMNS,
    RESOLUTION_COLUMNS,
    flat_conference,
    flat_record,
)
from .tables import Table, View, cell

if TYPE_CHECKING:
    from ..model import Collection
    from ..query.reports import Citing, Coalitions, CoalitionsByConference, Demand, Dissent, Year

ENCODINGS = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8 with BOM", "utf-16": "UTF-16", "cp1252": "Windows-1252", "pdf": "PDF"}


def _within(conference: int | None) -> str:
    return f" at conference {conference}" if conference else ""


def land_codes(names: Sequence[str]) -> str:
    """Compact sponsor list for tables: 'BE HH ST', or 'all 16'."""
    from ..vocab import laender

    lands = laender()
    if len(names) == len(lands):
        return "all 16"
    return " ".join(lands.by_name[n].code.removeprefix("DE-") for n in names)


def resolutions(records: list[dict[str, Any]], top: Sequence[str] = ()) -> View:
    several = len({r["conference"] for r in records}) > 1
    rows = []
    for r in records:
        notes = ", ".join(
            "+".join(land_codes([b]) for b in n["by"])
            + (f" (Z. {n['paragraph']})" if n["paragraph"] is not None else "")
            for n in r["protocol_notes"]
        )
        row = [r["id"], r["title"], land_codes(r["sponsors"]) or "–", r["decision"] or "–", str(r["paragraphs"]), notes]
        rows.append([r["conference"], *row] if several else row)
    headers = ["TOP", "Title", "Sponsors", "Decision", "Z.", "Notes"]
    empty = f"no TOP {', '.join(top)} in these documents" if top else "no resolution in these documents"
    table = Table("Resolutions", ["Conf.", *headers] if several else headers, rows, right=frozenset({"Z."}), empty=empty)
    return View(records, table, [flat_record(r) for r in records], RESOLUTION_COLUMNS)


def conferences(records: list[dict[str, Any]]) -> View:
    rows = []
    for r in records:
        dates = r["start"] if r["start"] == r["end"] else f"{r['start']} – {r['end']}"
        if r["start"] is None:
            dates = f"decided {r['decided']}" if r["decided"] else "–"
        rows.append([
            r["file"], r["number"] or "–", r["kind"] or "–", dates,
            r["place"] or ("video conference" if r["procedure"] == "video conference" else "–"),
            r["chair"] or "–", str(len(r["agenda"])), str(r["resolutions"]),
            f"{r['layout']['family']} {r['layout']['confidence']:.2f}", str(len(r["warnings"])),
            f"{r['confidence']['document']:.2f}",
        ])
    headers = ["file", "No.", "kind", "dates", "place", "chair", "agenda", "TOPs", "layout", "warn.", "trust"]
    table = Table("Conferences", headers, rows, right=frozenset({"No.", "agenda", "TOPs", "warn.", "trust"}))
    return View(records, table, [flat_conference(r) for r in records], CONFERENCE_COLUMNS)


def dissent(records: list[Dissent], land: str | None, conference: int | None) -> View:
    rows = [[r.resolution, r.decision or "–", ", ".join(r.by), str(r.paragraph or ""), r.text,
             f"{r.source.first_line}–{r.source.last_line}"] for r in records]
    empty = "no protocol note" + (f" of {land}" if land else "") + _within(conference)
    table = Table("Protocol notes", ["TOP", "decision", "by", "Ziffer", "text", "lines"], rows, empty=empty)
    data = [asdict(r) for r in records]
    return View(data, table, [flat_record(r) for r in data], DISSENT_COLUMNS)


def cites(records: list[Citing], law: str, conference: int | None) -> View:
    rows = [[r.conference, r.resolution, r.title,
             "; ".join(f"{c.text} ({c.line if c.line is not None else f'source {c.source_line}'})" for c in r.citations)]
            for r in records]
    table = Table(f"Resolutions citing {law}", ["Conf.", "TOP", "Title", "Citations (line)"], rows,
                  empty=f"no resolution cites {law}" + _within(conference))
    one_row_per_citation = [
        {"conference": r.conference, "resolution": r.resolution, "title": r.title,
         "text": c.text, "line": c.line if c.line is not None else "", "source_line": c.source_line}
        for r in records for c in r.citations
    ]
    return View([asdict(r) for r in records], table, one_row_per_citation,
                ["conference", "resolution", "title", "text", "line", "source_line"])


def demands(records: list[Demand], to: str | None, about: str | None, conference: int | None) -> View:
    rows = [[r.resolution, str(r.paragraph or ""), r.verb + (" (mandate)" if r.kind == "mandate" else ""),
             ", ".join(r.addressees) or "–", r.text, str(r.line or "")] for r in records]
    empty = "no demand" + (f" to {to}" if to else "") + (f" about {about}" if about else "") + _within(conference)
    table = Table("Demands", ["TOP", "Z.", "verb", "to", "sentence", "line"], rows, right=frozenset({"Z.", "line"}),
                  empty=empty)
    data = [asdict(r) for r in records]
    return View(data, table, [flat_record(r) for r in data], DEMAND_COLUMNS,
                after=(f"{len(records)} demands",) if records else ())


def history(years: list[Year], columns: list[str], thing: str) -> View:
    data = [y.record() for y in years]
    rows: list[dict[str, Any]] = [{**y, "tops": " ".join(y["tops"])} for y in data]
    table = Table("History", columns, [[cell(row[c]) for c in columns] for row in rows], right=frozenset(columns[:-1]),
                  empty=f"no conference has anything for {thing}")
    return View(data, table, rows, columns)


def coalitions(data: Coalitions, conference: int | None) -> View:
    lands = Table("Länder", ["land", "sponsored", "alone", "notes", "co-sponsors", "betweenness"],
                  [[r.land, str(r.sponsored), str(r.alone), str(r.protocol_notes), str(r.degree),
                    f"{r.betweenness:.3f}"] for r in data.lands],
                  right=frozenset({"sponsored", "alone", "notes", "co-sponsors", "betweenness"}),
                  empty="no sponsored resolution in the graph" + (f" of conference {conference}" if conference else ""))
    after: tuple[Table | str, ...] = ()
    if data.lands:
        pairs = Table("Strongest pairs", ["a", "b", "together"],
                      [[p.a, p.b, str(p.count)] for p in data.pairs[:10]], right=frozenset({"together"}),
                      empty="no two Länder sponsored together")
        after = (pairs, *(f"community {i}: " + ", ".join(c) for i, c in enumerate(data.communities, 1)))
    pair_rows = [{**asdict(p), "resolutions": "; ".join(p.resolutions)} for p in data.pairs]
    return View(asdict(data), lands, pair_rows, ["a", "b", "count", "resolutions"], after=after)


def coalitions_by_conference(data: CoalitionsByConference) -> View:
    rows = [{"conference": y.conference, "year": y.year, "a": p.a, "b": p.b, "count": p.count}
            for y in data.conferences for p in y.pairs]
    stability = Table("Stability of each Land's community", ["land", "conferences", "stability"],
                      [[s.land, str(s.conferences), "–" if s.stability is None else f"{s.stability:.3f}"]
                       for s in data.stability], right=frozenset({"conferences", "stability"}),
                      empty="no co-sponsorship in the graph")
    before = tuple(f"{y.conference}. IntMK ({y.year or '?'}): " + " | ".join(", ".join(c) for c in y.communities)
                   for y in data.conferences)
    return View(asdict(data), stability, rows, ["conference", "year", "a", "b", "count"], before=before)


def evaluation(report: Any, name: str, show_items: bool) -> View:
    records = [
        {"kind": k, "expected": s.expected, "found": s.found, "correct": s.correct,
         "precision": round(s.precision, 4), "recall": round(s.recall, 4), "f1": round(s.f1, 4)}
        for k, s in report.scores.items()
    ]
    numbers = ["expected", "found", "correct", "precision", "recall", "F1"]
    table = Table(f"Reader against {name}", ["kind", *numbers],
                  [[str(r["kind"]), str(r["expected"]), str(r["found"]), str(r["correct"]), f"{r['precision']:.3f}",
                    f"{r['recall']:.3f}", f"{r['f1']:.3f}"] for r in records], right=frozenset(numbers))
    items = tuple(f"{label} {category} TOP {rid}: {item}" for label, found in
                  (("missed", report.missed), ("spurious", report.spurious)) for category, rid, item in found) \
        if show_items else ()
    return View(records, table, records, ["kind", "expected", "found", "correct", "precision", "recall", "f1"],
                after=items)


def saved_queries_table(queries: Sequence[Any]) -> Table:
    return Table("Saved queries (run with: intmk-graph query NAME -p NAME=VALUE)", ["name", "what it answers", "parameters"],
                 [[q.name, f"{q.title}: {q.description}",
                   "\n".join(f"{p.name} ({p.type}{', optional' if p.optional else ''})" for p in q.parameters)]
                  for q in queries])


def build_summary(collections: Sequence[Collection], triples: int, timings: dict[str, float]) -> tuple[Table, str]:
    """The table of what a build read, and its line of figures."""
    from .records import SUMMARY_COLUMNS, summary_record

    summaries = [summary_record(c) for c in collections]
    table = Table("intmk-graph build", ["document", *(header for _, header in SUMMARY_COLUMNS)],
                  [[f"{s['file']}\n{s['conference']}", *(str(s[key]) for key, _ in SUMMARY_COLUMNS)] for s in summaries],
                  right=frozenset(header for _, header in SUMMARY_COLUMNS),
                  caption="spons. sponsorships, unan./maj. decided unanimously/by majority, "
                          "notes protocol notes, §§ cited sections, dem. demands")
    t = timings
    figures = (f"{sum(len(c.resolutions) for c in collections)} resolutions, {triples} triples in "
               f"{len(collections)} document graph(s)\nparse {t['parse']*1000:.0f} ms, graph {t['graph']*1000:.0f} ms, "
               f"files and store {t['outputs']*1000:.0f} ms, total {t['parse'] + t['graph'] + t['outputs']:.2f} s")
    return table, figures


def check_lines(path: str, inspection: Any) -> list[str]:
    """What ``check`` says of one document, line by line (rich markup; the document's
    own text escaped)."""
    from rich.markup import escape

    c = inspection.collection
    assert c.layout is not None  # every document read has its layout
    counts = c.line_counts()
    conf = c.conference
    total = sum(counts.values()) or 1
    trust = c.confidence()
    out = [
        f"[bold]{escape(path)}[/]: layout {c.layout.family} ({c.layout.label}), confidence {c.layout.confidence:.2f}"
        + (" (forced)" if c.layout.forced else ""),
        f"  conference {conf.number or '?'} {conf.kind or ''}, {conf.start or conf.decided or 'no date'}, "
        f"{conf.place or 'no place'}, chair {conf.chair.key if conf.chair else 'unknown'}"
        f"{' (the Land of the place)' if conf.chair_from == 'place' else ''}; "
        f"{len(c.agenda)} agenda entries, {len(c.resolutions)} resolutions; encoding {ENCODINGS.get(c.encoding, c.encoding)}",
        f"  lines: {counts['used']} used, {counts['furniture']} furniture, {counts['reported']} reported "
        f"({100 * (counts['used'] + counts['furniture']) / total:.1f} % understood)",
        f"  reading confidence {trust.document:.2f}" + (
            "; weakest pages: " + ", ".join(f"{page} ({value:.2f})" for page, value in trust.weakest())
            if trust.weakest() else "; every page checks out" if trust.pages else ""),
    ]
    if not c.resolutions:
        out.append("  no resolution was read: this file gives no resolutions to the graph")
    out += [escape(f"  warning: {path}:{w.line if w.line is not None else '-'}: {w.message}") for w in c.warnings]
    for report in c.reports:
        out.append(f"  not understood, line {report.line}:")
        out += [escape(f"    {'>' if n == report.line else ' '} {n:5d} | {text}") for n, text in inspection.context(report.line)]
    return out


def violations_table(name: str, violations: Sequence[Any]) -> Table:
    return Table(f"{name}: {len(violations)} violation(s)", ["node", "property", "problem"],
                 [[v.focus, v.path or "", v.message] for v in violations])

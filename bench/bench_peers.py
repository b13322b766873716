"""Law citations at section level: intmk-graph against the German citation extractors
``legal-reference-extraction`` (refex, openlegaldata) and ``quantlaw``, on the 2025
document, scored against the hand annotation (tests/data/expected-2025.toml).

Each extractor gets each resolution twice: the cleaned text our layout stage produces
(title + paragraphs + notes), and the raw lines of the PDF text with their margin line
numbers. Items are (resolution, law, section) with multiplicity; quantlaw is given the
same law names (stemmed) as our vocabulary, so it is not penalised for a short list.

    .venv/bin/pip install -e '.[peers]'
    .venv/bin/python bench/bench_peers.py
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

from intmk_graph.extract.evaluation import load_expectations
from intmk_graph.pipeline import default_inputs, parse
from intmk_graph.read.documents import read_document
from intmk_graph.vocab.citations import CitationReader
from intmk_graph.vocab.lexicon import laws

ROOT = Path(__file__).resolve().parent.parent
EXPECTED = ROOT / "tests" / "data" / "expected-2025.toml"


def expected_items() -> Counter:
    items = Counter()
    for rid, entry in load_expectations(EXPECTED).items():
        for c in entry.get("citations", []):
            _, rest = c.split(": ", 1)
            parts = rest.split()
            if len(parts) >= 3 and parts[1] == "§":
                items[(rid, parts[0], parts[2])] += 1
    return items


def texts(collection, raw_lines) -> dict[str, tuple[str, str]]:
    """Resolution id -> (cleaned text, raw text with margin numbers)."""
    out = {}
    for r in collection.resolutions:
        cleaned = "\n".join(
            [r.title.text] + [p.text.text for p in r.paragraphs] + [n.text.text for n in r.protocol_notes]
        )
        raw = "\n".join(line.text for line in raw_lines[r.first_line - 1 : r.last_line])
        out[r.id] = (cleaned, raw)
    return out


def ours(text: str) -> list[tuple[str, str]]:
    return [(f.law, f.section) for f in CitationReader().read(text) if f.section]


def refex_runner():
    from refex.orchestrator import CitationExtractor

    extractor = CitationExtractor()
    by_book = {e.abbr.lower().replace(" ", ""): e.key for e in laws().entries.values() if e.abbr}

    def run(text: str) -> list[tuple[str, str]]:
        found = []
        for c in extractor.extract(text).citations:
            if getattr(c, "number", None) is None or getattr(c, "book", None) is None:
                continue
            law = by_book.get(str(c.book).lower().replace(" ", ""), str(c.book))
            found.append((law, str(c.number)))
            for extra in getattr(c, "range_extensions", ()) or ():
                found.append((law, str(getattr(extra, "number", extra))))
            if getattr(c, "range_end", None):
                found.append((law, str(c.range_end)))
        return found

    return run


def quantlaw_runner():
    from quantlaw.de_extract.statutes_areas import StatutesExtractor
    from quantlaw.de_extract.statutes_parse import StatutesParser
    from quantlaw.de_extract.stemming import stem_law_name

    lookup = {}
    for e in laws().entries.values():
        for name in filter(None, (e.abbr, e.label)):
            lookup[stem_law_name(name)] = e.key
    extractor, parser = StatutesExtractor(lookup), StatutesParser(lookup)

    def run(text: str) -> list[tuple[str, str]]:
        found = []
        for m in extractor.find_all(text):
            if not m.has_main_area():
                continue
            try:
                law = parser.parse_law(m.law_text(), m.law_match_type)
                refs = parser.parse_main(m.main_text())
            except Exception:  # quantlaw raises on what it cannot parse
                continue
            for ref in refs:
                sections = [v for unit, v in ref if unit in ("§", "Art")]
                if sections and law not in (None, "internal", "ignore"):
                    found.append((law, sections[0]))
        return found

    return run


def score(found: Counter, expected: Counter) -> tuple[float, float]:
    correct = sum((found & expected).values())
    precision = correct / sum(found.values()) if found else 1.0
    recall = correct / sum(expected.values()) if expected else 1.0
    return precision, recall


def main() -> int:
    (path,) = default_inputs()
    collection = parse(path)
    by_id = texts(collection, read_document(path).lines)
    expected = expected_items()
    extractors = {"intmk-graph": lambda: ours}
    for name, factory in (("legal-reference-extraction", refex_runner), ("quantlaw", quantlaw_runner)):
        try:
            factory()
            extractors[name] = factory
        except ImportError:
            print(f"{name} is not installed: .venv/bin/pip install -e '.[peers]'", file=sys.stderr)
    print(f"{sum(expected.values())} annotated section citations in {path.name}\n")
    print("| extractor | input | precision | recall | time per document |")
    print("|---|---|---:|---:|---:|")
    for name, factory in extractors.items():
        run = factory()
        for i, label in enumerate(("cleaned text", "raw PDF text")):
            found = Counter()
            t0 = time.perf_counter()
            for _ in range(5):
                found = Counter()
                for rid, pair in by_id.items():
                    for law, section in run(pair[i]):
                        found[(rid, law, section)] += 1
            elapsed = (time.perf_counter() - t0) / 5
            p, r = score(found, expected)
            print(f"| {name} | {label} | {p:.3f} | {r:.3f} | {elapsed * 1000:.1f} ms |")
            wrong = found - expected
            missed = expected - found
            if wrong or missed:
                print(f"|  | missed: {sorted(missed.elements())[:6]} wrong: {sorted(wrong.elements())[:6]} | | | |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Benchmark: time until each page is interactive in headless Chromium (Debian's
/usr/bin/chromium), for the bundled 2025 collection and for a synthetic collection
whose whole-graph page has ~5,000 nodes. "Interactive" is the page's own ready mark,
set after vis-network's first complete drawing (window.intmkReadyAt, ms since
navigation start). The baseline, measured in the same browser, is opening a minimal
static HTML file (the cost of a navigation alone). Also reported: the time to write each page in Python
(mostly the networkx layout).

    .venv/bin/python bench/bench_pages.py [--copies 8] [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from synthetic import write_synthetic  # noqa: E402

from intmk_graph.pipeline import build  # noqa: E402
from intmk_graph.publish.exports import union_graph  # noqa: E402
from intmk_graph.publish.pages import page  # noqa: E402

ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update",
        "--disable-default-apps", "--disable-sync", "--no-first-run", "--disable-gpu"]


def main() -> None:
    from playwright.sync_api import sync_playwright

    ap = argparse.ArgumentParser()
    ap.add_argument("--copies", type=int, default=8)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        tmp = Path(tmp)
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=ARGS)
        synthetic = write_synthetic(tmp / "synthetic.txt", args.copies)
        print("| collection | page | nodes | edges | size MB | write s | interactive ms | blank page ms | ratio |")
        print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
        for label, sources in (("2025", None), (f"synthetic ×{args.copies}", [synthetic])):
            graph = union_graph(build(sources).dataset)
            for kind in ("coalitions", "citations", "graph"):
                t0 = time.perf_counter()
                html = page(kind, graph)
                written = time.perf_counter() - t0
                path = tmp / f"{label[:4]}-{kind}.html"
                path.write_text(html, encoding="utf-8")
                static = tmp / f"{label[:4]}-{kind}-static.html"
                static.write_text("<!DOCTYPE html><html><body><p>baseline</p></body></html>")
                ready, baseline, counts = [], [], None
                for _ in range(args.repeat):
                    tab = browser.new_page(viewport={"width": 1280, "height": 800})
                    tab.goto(path.as_uri())
                    tab.wait_for_selector("body[data-ready='1']", timeout=120_000)
                    ready.append(tab.evaluate("window.intmkReadyAt"))
                    counts = tab.evaluate("[intmk.nodes.length, intmk.edges.length]")
                    tab.close()
                    tab = browser.new_page(viewport={"width": 1280, "height": 800})
                    tab.goto(static.as_uri(), wait_until="load")
                    baseline.append(tab.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd"))
                    tab.close()
                r, b = statistics.median(ready), statistics.median(baseline)
                print(f"| {label} | {kind} | {counts[0]:,} | {counts[1]:,} | {len(html.encode()) / 1e6:.2f} | "
                      f"{written:.2f} | {r:.0f} | {b:.0f} | {r / b:.1f} |")
                sys.stdout.flush()
        browser.close()


if __name__ == "__main__":
    main()

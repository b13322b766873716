"""The HTML pages in a real browser: Playwright driving Debian's chromium
(/usr/bin/chromium, installed by scripts/setup.sh --test). They must load from a file
with no request leaving it, show the 2025 numbers, and keep hostile text inert."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import DATA
from typer.testing import CliRunner

from intmk_graph.cli import app
from intmk_graph.pipeline import build, default_inputs, load_store, write_outputs
from intmk_graph.publish.exports import union_graph
from intmk_graph.query.nx_view import typed_graph

CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update",
               "--disable-default-apps", "--disable-sync", "--no-first-run", "--disable-gpu"]
HOSTILE = '<script>window.pwned=1</script><img src=x onerror="window.pwned=2"> Anschlussregelung'
runner = CliRunner()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    assert shutil.which(CHROMIUM), "Debian's chromium is missing: run 'bash scripts/setup.sh --test'"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS)
        yield b
        b.close()


def _pages(tmp: Path, source: Path | list[Path] | None = None) -> Path:
    out = tmp / "out"
    result = build(source if isinstance(source, list) else [source] if source else None)
    write_outputs(result, out)
    load_store(result, out)
    outcome = runner.invoke(app, ["visualise", "all", "--out", str(out)])
    assert outcome.exit_code == 0, outcome.output
    return out


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    return _pages(tmp_path_factory.mktemp("pages"))


@pytest.fixture(scope="module")
def hostile_pages(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hostile")
    text = default_inputs()[0].read_text(encoding="utf-8")
    assert text.count("Anschlussregelung des Chancenaufenthaltsrecht") == 1
    source = tmp / "intmk-20-2025-hostile.txt"
    source.write_text(text.replace("Anschlussregelung des Chancenaufenthaltsrecht", HOSTILE), encoding="utf-8")
    return _pages(tmp, source)


def open_page(browser, path: Path):
    """Open a page; return it with the requests it made and the errors it logged."""
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    requests, errors = [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.as_uri())
    page.wait_for_selector("body[data-ready='1']", timeout=30_000)
    return page, requests, errors


@pytest.mark.parametrize("kind", ["coalitions", "citations", "timeline", "graph"])
def test_pages_load_offline_without_requests_or_errors(browser, pages, kind):
    path = pages / f"{kind}.html"
    page, requests, errors = open_page(browser, path)
    assert requests == [path.as_uri()]  # nothing but the file itself
    assert errors == []
    html = path.read_text(encoding="utf-8")
    for external in ('src="http', "src='http", 'href="http', "url(http", "@import", "<link"):
        assert external not in html
    assert "Content-Security-Policy\" content=\"default-src 'none'" in html
    page.close()


def _not_blank(png: bytes) -> float:
    import io

    import matplotlib.image as mpimg

    pixels = mpimg.imread(io.BytesIO(png), format="png")[..., :3]
    return float((pixels.sum(axis=2) < 2.7).mean())  # share of pixels that are not white


def test_coalitions_page(browser, pages):
    page, _, _ = open_page(browser, pages / "coalitions.html")
    assert page.evaluate("[intmk.nodes.length, intmk.edges.length]") == [16, 120]
    assert page.locator("#status").inner_text() == "16 Länder, 120 pairs, 23 resolutions"
    page.click("label[for=view-majority]")
    assert page.evaluate("document.body.dataset.view") == "majority"
    assert page.evaluate("[intmk.nodes.length, intmk.edges.length]") == [16, 85]
    tip = page.evaluate("intmk.edges.get('Berlin|Sachsen-Anhalt').title.textContent")
    assert "Berlin – Sachsen-Anhalt: 5 resolution(s) together" in tip and "TOP 6.5: Anschlussregelung" in tip
    bordered = page.evaluate("intmk.nodes.get().filter(n => n.borderWidth === 4).map(n => n.id).sort()")
    assert bordered == ["Baden-Württemberg", "Bayern", "Brandenburg", "Thüringen"]
    assert _not_blank(page.locator("#network").screenshot()) > 0.02
    page.close()


def test_coalitions_page_per_conference(browser, tmp_path_factory):
    """With several conferences in the graph, a selector shows one of them or all years."""
    tmp = tmp_path_factory.mktemp("years-pages")
    years = DATA / "years" / "bn-2024-mainz.txt"
    out = _pages(tmp, [years, default_inputs()[0]])
    page, _, errors = open_page(browser, out / "coalitions.html")
    options = page.evaluate("[...document.querySelectorAll('#conference option')].map(o => o.textContent)")
    assert options == ["all years", "19. IntMK (2024)", "20. IntMK (2025)"]
    assert page.locator("#status").inner_text() == "16 Länder, 120 pairs, 24 resolutions"
    page.select_option("#conference", "19")
    assert page.evaluate("document.body.dataset.conference") == "19"
    assert page.locator("#status").inner_text() == "16 Länder, 120 pairs, 1 resolutions"
    page.click("label[for=view-majority]")  # 2024 decided nothing by majority
    assert page.evaluate("[document.body.dataset.view, intmk.edges.length]") == ["majority", 0]
    page.select_option("#conference", "20")
    assert page.evaluate("[intmk.nodes.length, intmk.edges.length]") == [16, 85]
    assert errors == []
    page.close()


def test_timeline_page_over_the_years(browser, tmp_path_factory):
    """Three test years and 2025: conferences left to right, a row per topic, and the
    demands made again joined across the years."""
    tmp = tmp_path_factory.mktemp("timeline")
    series = sorted((DATA / "series").glob("*.txt"))
    out = _pages(tmp, [*series, default_inputs()[0]])
    page, requests, errors = open_page(browser, out / "timeline.html")
    assert requests == [(out / "timeline.html").as_uri()] and errors == []
    assert page.locator("#status").inner_text() == (
        "4 conference(s), 40 row(s), 36 resolution(s), 3 demand(s) made again")
    columns = page.evaluate("intmk.nodes.get().filter(n => n.id.startsWith('conference:')).sort((a, b) => a.x - b.x).map(n => n.label)")
    assert columns == ["16. IntMK\n2021", "17. IntMK\n2022", "18. IntMK\n2023", "20. IntMK\n2025"]
    joined = page.evaluate("intmk.edges.get().map(e => [e.from.split('@')[0], e.to.split('@')[0], e.dashes]).sort()")
    assert joined == [["17/1.1", "16/2.1", False], ["17/1.2", "16/2.2", True], ["18/4.1", "17/1.1", False]]
    ik = "https://w3id.org/intmk-graph/id/programme-IK"
    assert page.evaluate(f"intmk.selectTopic('{ik}')") == ["16/2.1", "17/1.1", "18/4.1", "20/2.1.a", "20/2.1.b", "20/4.3", "20/5.2"]
    assert page.locator("#status").inner_text() == "Integrationskurse: 7 resolution(s) at 4 conference(s)"
    # the row's marks keep their colour, the repeats in it stay red, the rest turns pale
    pale = page.evaluate("intmk.nodes.get().filter(n => n.color === '#e4e7eb' || (n.color && n.color.background === '#e4e7eb')).length")
    assert pale == page.evaluate("intmk.nodes.length") - (7 + 1 + 4)  # 7 marks, the topic, 4 conferences
    red = page.evaluate("intmk.edges.get().filter(e => e.color && e.color.color === '#e15759').map(e => e.from.split('@')[0]).sort()")
    assert red == ["17/1.1", "18/4.1"]
    assert _not_blank(page.locator("#network").screenshot()) > 0.01
    page.close()


def test_citations_page_selects_a_law(browser, pages):
    page, _, _ = open_page(browser, pages / "citations.html")
    assert page.evaluate("[intmk.nodes.length, intmk.edges.length]") == [38, 39]
    page.click("button[data-law=BeschV]")
    assert page.locator("#status").inner_text() == "BeschV: cited in 3 resolution(s)"
    assert page.evaluate("intmk.selectLaw('AufenthG')") == ["20/2.1.b", "20/4.8", "20/6.5", "20/6.6", "20/7.4"]
    pale = page.evaluate("intmk.nodes.get().filter(n => (n.color.background || n.color) === '#e4e7eb').length")
    assert pale == 38 - (1 + 4 + 5)  # all but AufenthG, its 4 sections and 5 resolutions
    page.close()


def test_graph_page_search_click_and_filter(browser, pages, built_2025):
    expected = typed_graph(union_graph(built_2025.dataset))
    page, _, _ = open_page(browser, pages / "graph.html")
    assert page.evaluate("[intmk.nodes.length, intmk.edges.length]") == [
        expected.number_of_nodes(), expected.number_of_edges()]
    page.fill("#search", "AufenthG")
    # The law (by its abbreviation), its 4 cited sections, the 12 citations written "… AufenthG",
    # the 3 demand sentences citing it and the title of TOP 6.6.
    assert page.locator("#status").inner_text() == "21 match(es) for “AufenthG”"
    assert "https://w3id.org/intmk-graph/id/law-AufenthG" in page.evaluate("intmk.network.getSelectedNodes()")
    page.fill("#search", "")
    # Hide the text-level nodes with the legend, then click TOP 6.5 where it is drawn.
    hidden = ["Mention", "Citation", "Demand", "Paragraph", "DateMention", "Reference", "MonetaryAmount"]
    for kind in hidden:
        page.uncheck(f"#kind-{kind}")
    total = expected.number_of_nodes()
    shown = sum(1 for _, d in expected.nodes(data=True) if d["type"] not in hidden + ["Mandate"])
    assert page.locator("#status").inner_text() == f"{shown} of {total} nodes shown"
    node = "https://w3id.org/intmk-graph/data/conference/20/top/6.5"
    page.evaluate(f"intmk.network.moveTo({{position: intmk.network.getPosition('{node}'), scale: 3, animation: false}})")
    box = page.locator("#network").bounding_box()
    spot = page.evaluate(f"intmk.network.canvasToDOM(intmk.network.getPosition('{node}'))")
    page.mouse.click(box["x"] + spot["x"], box["y"] + spot["y"])
    neighbours = len(set(expected.predecessors(node)) | set(expected.successors(node)))
    assert page.locator("#status").inner_text() == f"TOP 6.5: Anschlussregelung des Chancenaufenthaltsrecht: {neighbours} neighbour(s)"
    pale = page.evaluate("intmk.nodes.get().filter(n => n.color === '#e4e7eb').length")
    assert pale == total - neighbours - 1
    tip = page.evaluate(f"intmk.nodes.get('{node}').title.textContent")
    assert "decision: mehrheitlich" in tip
    assert "source lines 1954–1992" in tip
    assert _not_blank(page.locator("#network").screenshot()) > 0.01
    page.close()


@pytest.mark.parametrize("kind, items", [("coalitions", "edges"), ("citations", "nodes"), ("timeline", "nodes"),
                                         ("graph", "nodes")])
def test_script_in_a_title_shows_as_text(browser, hostile_pages, kind, items):
    page, requests, errors = open_page(browser, hostile_pages / f"{kind}.html")
    assert page.evaluate("window.pwned") is None
    assert errors == [] and len(requests) == 1  # the <img src=x> was never created
    titles = page.evaluate(f"intmk.{items}.get().filter(x => x.title && x.title.textContent.includes('<script>window.pwned=1</script>')).length")
    assert titles >= 1
    assert "<script>window.pwned" not in page.content().split('id="intmk-data"')[1].split("</script>")[0]
    page.close()


def test_matrix_png_and_svg(pages):
    png, svg = (pages / "matrix.png").read_bytes(), (pages / "matrix.svg").read_text(encoding="utf-8")
    assert png.startswith(b"\x89PNG") and _not_blank(png) > 0.2
    assert "Nordrhein-Westfalen (NW)" in svg and svg.count("<svg") == 1
    again = runner.invoke(app, ["visualise", "matrix", "--out", str(pages), "--out-file", str(pages / "again")])
    assert again.exit_code == 0
    assert (pages / "again.svg").read_text(encoding="utf-8") == svg and (pages / "again.png").read_bytes() == png


def test_query_page_offline_runs_a_saved_query(browser, tmp_path_factory):
    """The endpoint's query page in Chromium: YASGUI from this server only, a tab per
    saved query, and a saved query's rows shown after a click on its tab and Run."""
    from helpers import start_server, stop_server

    from intmk_graph.publish.server import vendor_dir
    from intmk_graph.query.saved import saved_queries

    assert (vendor_dir() / "yasgui.min.js").is_file(), "YASGUI comes from the npm registry: run 'bash scripts/setup.sh'"
    out = tmp_path_factory.mktemp("endpoint")
    result = build()
    write_outputs(result, out)
    load_store(result, out)
    proc, url = start_server(out)
    try:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        requests, errors = [], []
        page.on("request", lambda r: requests.append(r.url))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(url + "/")
        page.wait_for_selector("body[data-ready='1']", timeout=30_000)
        tabs = page.evaluate("Object.values(intmk.yasgui._tabs).map(t => t.getName())")
        assert sorted(tabs) == sorted(saved_queries())
        page.get_by_role("tab", name="laws-ranked").click()
        assert "Laws ranked by citations" in page.evaluate("intmk.yasgui.getTab().getYasqe().getValue()")
        page.locator(".yasqe_queryButton:visible").click()
        page.wait_for_selector(".yasr table.dataTable:visible tbody tr", timeout=30_000)
        first = page.locator(".yasr table.dataTable:visible tbody tr").first.inner_text()
        cells = [c.split("^^")[0].strip('"') for c in first.split()[1:5]]
        assert cells == ["AufenthG", "15", "5", "4"]  # the most cited law: 15 citations in 5 resolutions
        assert page.locator(".yasr table.dataTable:visible tbody tr").count() == 16
        assert all(r.startswith(url + "/") for r in requests), requests  # nothing leaves this server
        assert errors == []
        page.close()
    finally:
        stop_server(proc)

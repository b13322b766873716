"""Self-contained interactive pages (coalitions, citations, the timeline, the whole graph)
and a static co-sponsorship matrix, rendered from what ``page_data`` takes of the graph.

Every page is one HTML file with vis-network (taken from the pyvis package), its CSS,
our script and the data inlined: it opens with no network at all, and a
Content-Security-Policy forbids any request. Physics is off, so a page draws at once.
Document text is embedded as JSON that is safe inside <script>, and the page script
puts it in the DOM as text only.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from functools import lru_cache
from importlib import resources
from pathlib import Path
from string import Template
from typing import TYPE_CHECKING, Any

from .. import __version__
from ..query.results import Queryable
from .page_data import citations_data, coalitions_data, matrix_cells, timeline_data, whole_graph

if TYPE_CHECKING:
    from ..outputs import Output

@lru_cache(maxsize=1)
def _vis_assets() -> tuple[str, str]:
    """vis-network's script and style, shipped inside the pyvis package."""
    lib = resources.files("pyvis") / "lib" / "vis-9.1.2"
    return (lib / "vis-network.min.js").read_text(encoding="utf-8"), (lib / "vis-network.css").read_text(encoding="utf-8")


def _web(name: str) -> str:
    return (resources.files("intmk_graph.publish") / "web" / name).read_text(encoding="utf-8")


def script_json(data: object) -> str:
    """JSON that cannot end a <script> element or open a comment, whatever the text."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text


def render_page(kind: str, title: str, data: dict[str, Any]) -> str:
    vis_js, vis_css = _vis_assets()
    # "$" in the inlined code must not be read as a placeholder.
    return Template(_web("page.html")).substitute(
        version=__version__,
        title=html.escape(title),
        kind=kind,
        vis_css=vis_css.replace("</style", "<\\/style"),
        css=_web("page.css"),
        data=script_json({**data, "title": title}),
        vis_js=vis_js.replace("</script", "<\\/script"),
        common_js=_web("common.js"),
        app_js=_web(f"{kind}.js"),
    )


def matrix_figures(graph: Queryable, conference: int | None = None) -> tuple[bytes, bytes]:
    """The co-sponsorship matrix as PNG and SVG: cell = resolutions two Länder
    sponsored together, diagonal = resolutions a Land sponsored; for a graph of several
    conferences, one panel per conference. Byte-identical runs."""
    import io

    import matplotlib
    from matplotlib.figure import Figure  # not pyplot: no GUI backends to import (0.2 s)

    from ..query.saved import query as saved_rows

    panels = [(conference, "")]
    if conference is None:
        listed = saved_rows(graph, "conferences")
        if len(listed) > 1:
            panels = [(int(c["conference"]), f"{c['conference']}. IntMK ({c['year'] or '?'})") for c in listed]
    with matplotlib.rc_context({"svg.hashsalt": "intmk-graph", "font.size": 9}):
        cols = min(3, len(panels))  # panels in rows of three, however many years
        rows = -(-len(panels) // cols)
        fig = Figure(figsize=(8 * cols, 7 * rows), dpi=120)
        axes = fig.subplots(rows, cols, squeeze=False)
        for ax in axes.flat[len(panels):]:
            ax.set_visible(False)
        for ax, (number, label) in zip(axes.flat, panels):
            lands, codes, cells = matrix_cells(graph, number)
            n = len(lands)
            image = ax.imshow(cells, cmap="Blues")
            ax.set_xticks(range(n), codes)
            ax.set_yticks(range(n), [f"{land} ({code})" for land, code in zip(lands, codes)])
            peak = max(max(row) for row in cells) or 1
            for i in range(n):
                for j in range(n):
                    ax.text(j, i, str(cells[i][j]), ha="center", va="center", fontsize=7,
                            color="white" if cells[i][j] > peak * 0.6 else "#1f2933",
                            fontweight="bold" if i == j else "normal")
            ax.set_title(label or "Co-sponsorship of resolutions among the Länder (diagonal: sponsored)")
            fig.colorbar(image, ax=ax, shrink=0.8, label="resolutions")
        if len(panels) > 1:
            fig.suptitle("Co-sponsorship of resolutions among the Länder, per conference (diagonal: sponsored)")
        fig.tight_layout()
        png, svg = io.BytesIO(), io.BytesIO()
        fig.savefig(png, format="png", metadata={"Software": None})
        fig.savefig(svg, format="svg", metadata={"Date": None, "Creator": None})
    return png.getvalue(), svg.getvalue()


PAGES: dict[str, tuple[str, Callable[[Queryable, int | None], dict[str, Any]]]] = {
    "coalitions": ("Koalitionen der Länder – IntMK", coalitions_data),
    "citations": ("Zitierte Gesetze – IntMK", citations_data),
    "timeline": ("Zeitleiste – IntMK", timeline_data),
    "graph": ("Wissensgraph – IntMK", whole_graph),
}


def page(kind: str, graph: Queryable, conference: int | None = None) -> str:
    title, builder = PAGES[kind]
    return render_page(kind, title, builder(graph, conference))


# Everything `visualise` can draw: the pages, then the heat map (PNG and SVG).
KINDS = (*PAGES, "matrix")


def visual_outputs(kind: str, out_dir: Path, out_file: Path | None = None) -> list[Output]:
    """What :func:`write_visual` writes, for checking before any work: a page is an HTML
    file, the matrix a PNG and an SVG (``out_file``: either name or their stem, both are written)."""
    from ..outputs import Output, is_stdout

    if kind == "matrix":
        if out_file is not None and is_stdout(out_file):
            return [Output(out_file, "--out-file", folder=True, what="the matrix (a PNG and an SVG)")]
        stem = (out_file or out_dir / "matrix").with_suffix("")
        option = "--out-file" if out_file is not None else "--out"
        return [Output(stem.with_suffix(s), option, suffixes=(s,), what="figure") for s in (".png", ".svg")
                ] + ([Output(out_file, option, suffixes=(".png", ".svg", ""), what="figure")] if out_file else [])
    if out_file is not None:
        return [Output(out_file, "--out-file", suffixes=(".html", ".htm"), what="page")]
    return [Output(out_dir, "--out", folder=True, files=(f"{kind}.html",), hint="use --out-file for the page")]


def write_visual(kind: str, graph: Queryable, out_dir: Path, out_file: Path | None = None,
                 conference: int | None = None) -> list[Path]:
    """Draw one kind and write it atomically: ``OUT/<kind>.html``, or for the matrix
    ``OUT/matrix.png`` and ``.svg`` (``out_file`` names the file instead)."""
    from ..outputs import write_atomic

    if kind == "matrix":
        png, svg = matrix_figures(graph, conference)
        stem = (out_file or out_dir / "matrix").with_suffix("")
        return [write_atomic(stem.with_suffix(".png"), png), write_atomic(stem.with_suffix(".svg"), svg)]
    return [write_atomic(out_file or out_dir / f"{kind}.html", page(kind, graph, conference).encode("utf-8"))]

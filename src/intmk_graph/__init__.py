"""intmk-graph: IntMK resolution collections as an RDF knowledge graph.

The data flow shows in the folders, one per stage::

    read -> (model) -> extract -> graph -> query -> publish

``pipeline.build`` is the one place that knows the order. The names a notebook needs
are here, imported on first use so that the command line starts fast::

    >>> import intmk_graph as ig
    >>> result = ig.build()                                  # the bundled 2025 collection
    >>> [r.id for r in result.resolutions][:3]
    ['1.1', 'A', '1.2']
    >>> co = ig.cosponsorship(ig.union_graph(result.dataset))
    >>> co["Berlin"]["Sachsen-Anhalt"]["weight"]
    10
"""

from importlib import import_module

__version__ = "0.1.0"

_EXPORTS = {
    "build": "pipeline", "parse": "pipeline", "parse_all": "pipeline", "BuildResult": "pipeline",
    # "run_query", not "query": intmk_graph.query is the query stage's package.
    "open_store": "query.store", "Store": "query.store", "run_query": ("query.saved", "query"),
    "saved_queries": "query.saved", "union_graph": "publish.exports", "resolution_records": "publish.records",
    "conference_record": "publish.records", "validate_graph": "graph.validation",
    "cosponsorship": "query.nx_view", "land_resolution": "query.nx_view", "resolution_law": "query.nx_view",
    "typed_graph": "query.nx_view",
    **{name: "model" for name in ("Collection", "Conference", "Resolution", "Paragraph", "ProtocolNote", "Content",
                                  "Citation", "Demand", "Decision", "Votes", "VocabRef", "AgendaEntry", "ReadWarning")},
}
__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str) -> object:
    """The re-exported names, imported when first used (PEP 562)."""
    if name not in _EXPORTS:
        raise AttributeError(f"module 'intmk_graph' has no attribute {name!r}")
    module, attribute = _EXPORTS[name] if isinstance(_EXPORTS[name], tuple) else (_EXPORTS[name], name)
    return getattr(import_module(f"intmk_graph.{module}"), attribute)

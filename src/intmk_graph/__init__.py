"""intmk-graph: IntMK resolution collections as an RDF knowledge graph.

The data flow shows in the module names::

    sources -> layout -> segments -> (model) -> rdf_graph -> store / nx_view / exports

``pipeline.build`` is the one place that knows the order.
"""

__version__ = "0.1.0"

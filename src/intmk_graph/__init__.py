"""intmk-graph: IntMK resolution collections as an RDF knowledge graph.

The data flow shows in the folders, one per stage::

    read -> (model) -> extract -> graph -> query -> publish

``pipeline.build`` is the one place that knows the order.
"""

__version__ = "0.1.0"

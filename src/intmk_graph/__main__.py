"""``python -m intmk_graph``: the command line."""

from .cli import main

main()

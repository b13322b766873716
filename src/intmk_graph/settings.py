"""Defaults a user can change on the command line, kept free of heavy imports so that
``intmk-graph --help`` starts fast."""

from __future__ import annotations

import os
from enum import Enum

DEFAULT_BASE = "https://w3id.org/intmk-graph/data/"  # instance data; --base


class StoreKind(str, Enum):
    """Where a query runs (besides an endpoint's URL)."""

    oxigraph = "oxigraph"  # the embedded store under OUT/store
    memory = "memory"  # rdflib's in-memory store


class Decision(str, Enum):
    """How a resolution was decided (``--decision``; the model's own, kept here so the
    command line can offer it without importing the model)."""

    UNANIMOUS = "unanimous"
    MAJORITY = "majority"


def default_jobs() -> int:
    """Processes to read with, and threads to load the store with: the cores this
    process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1

"""Shared fixtures, named after what they return."""

from __future__ import annotations

from pathlib import Path

import pytest

from intmk_graph.pipeline import build, default_inputs, load_store, parse, write_outputs


@pytest.fixture(scope="session")
def document_2025() -> Path:
    (path,) = default_inputs()
    return path


@pytest.fixture(scope="session")
def collection_2025(document_2025):
    return parse(document_2025)


@pytest.fixture(scope="session")
def resolutions_2025(collection_2025):
    return {r.id: r for r in collection_2025.resolutions}


@pytest.fixture(scope="session")
def built_2025():
    return build()


@pytest.fixture(scope="session")
def store_2025(tmp_path_factory) -> Path:
    """An output folder with the bundled data built: graph files and the Oxigraph store.
    Tests only read it."""
    out = tmp_path_factory.mktemp("out")
    result = build()
    write_outputs(result, out)
    load_store(result, out)
    return out

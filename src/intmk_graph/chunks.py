"""Streams cut to a size: large outputs are written, and loaded into the store, a piece
at a time, so a 100 MB corpus never holds a whole file in memory."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sized
from typing import TypeVar

T = TypeVar("T", bound=Sized)


def batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Consecutive items grouped until their lengths add up to ``size`` (the last group
    may be smaller).

    >>> list(batches(["ab", "c", "de", "f"], 3))
    [['ab', 'c'], ['de', 'f']]
    """
    batch: list[T] = []
    held = 0
    for item in items:
        batch.append(item)
        held += len(item)
        if held >= size:
            yield batch
            batch, held = [], 0
    if batch:
        yield batch


def encoded(pieces: Iterable[str], size: int = 1 << 20) -> Iterator[bytes]:
    """Text pieces joined and UTF-8 encoded about ``size`` characters at a time."""
    return ("".join(batch).encode() for batch in batches(pieces, size))

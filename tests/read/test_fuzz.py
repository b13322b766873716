"""Reading never raises on damaged input: lines of the 2025 document deleted, duplicated,
swapped, or with random bytes inserted give warnings or one clean InputError, never
another exception. INTMK_FUZZ_EXAMPLES sets the number of runs (default 150)."""

import os

from helpers import BUNDLED
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from intmk_graph.errors import InputError
from intmk_graph.extract.content import read_content
from intmk_graph.read.segments import read_collection
from intmk_graph.read.sources import decode

TEXT = (BUNDLED).read_bytes().split(b"\n")
EXAMPLES = int(os.environ.get("INTMK_FUZZ_EXAMPLES", "150"))

mutation = st.one_of(
    st.tuples(st.just("delete"), st.integers(0, 10**6)),
    st.tuples(st.just("duplicate"), st.integers(0, 10**6)),
    st.tuples(st.just("swap"), st.integers(0, 10**6), st.integers(0, 10**6)),
    st.tuples(st.just("bytes"), st.integers(0, 10**6), st.binary(min_size=1, max_size=12)),
)


def mutate(lines: list[bytes], mutations) -> bytes:
    lines = list(lines)
    for m in mutations:
        if not lines:
            break
        i = m[1] % len(lines)
        if m[0] == "delete":
            del lines[i]
        elif m[0] == "duplicate":
            lines.insert(i, lines[i])
        elif m[0] == "swap":
            j = m[2] % len(lines)
            lines[i], lines[j] = lines[j], lines[i]
        else:
            cut = len(lines[i]) // 2
            lines[i] = lines[i][:cut] + m[2] + lines[i][cut:]
    return b"\n".join(lines)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, len(TEXT) - 1), st.integers(20, 400), st.lists(mutation, min_size=1, max_size=12))
def test_reading_damaged_text_never_raises(start, length, mutations):
    data = mutate(TEXT[start : start + length], mutations)
    try:
        source = decode(data, "fuzz.txt")
        collection = read_collection(source.lines, "fuzz.txt", encoding=source.encoding)
        read_content(collection)
    except InputError as exc:
        assert str(exc).startswith("fuzz.txt")  # a clean error that names the file
        return
    assert len(collection.line_roles) == collection.line_count
    assert "unaccounted" not in collection.line_roles
    for w in collection.warnings:
        assert w.message and (w.line is None or 1 <= w.line <= collection.line_count)


# Bytes inserted into a line (no line ends: the lines stay where they were), of any
# kind: invalid UTF-8, NUL bytes, control characters.
damage = st.lists(st.tuples(st.integers(0, 10**6), st.binary(min_size=1, max_size=6).filter(
    lambda b: b"\n" not in b and b"\r" not in b)), min_size=1, max_size=4)


def _read(data: bytes):
    source = decode(data, "fuzz.txt")
    return read_collection(source.lines, "fuzz.txt", encoding=source.encoding, source_warnings=source.warnings)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, len(TEXT) - 1), st.integers(60, 600), damage)
def test_damaged_bytes_lose_only_the_resolutions_they_touch(start, length, places):
    lines = TEXT[start : start + length]
    try:
        clean = _read(b"\n".join(lines))
    except InputError:
        return  # a slice that is no resolution document on its own
    if not clean.resolutions:
        return  # a slice holding a bare header at most: damage to that line leaves no document to keep
    damaged_lines = []
    for position, junk in places:
        i = position % len(lines)
        cut = len(lines[i]) // 2
        lines = [*lines[:i], lines[i][:cut] + junk + lines[i][cut:], *lines[i + 1 :]]
        damaged_lines.append((i + 1, junk))
    touched = {i for i, _ in damaged_lines}
    damaged = _read(b"\n".join(lines))  # a few bad bytes never lose the document
    warned = {w.line for w in damaged.warnings}
    assert {i for i, junk in damaged_lines if b"\x00" in junk} <= warned  # a NUL byte is always said
    kept = {(r.id, r.title.text, r.sponsor_names, r.decision) for r in damaged.resolutions}
    ends = [r.first_line for r in clean.resolutions[1:]] + [len(lines) + 1]
    for r, end in zip(clean.resolutions, ends):
        # damage to the next item's header runs that item into this one: it touches both
        if not touched & set(range(r.first_line, end + 1)):
            assert (r.id, r.title.text, r.sponsor_names, r.decision) in kept, f"TOP {r.id} lost"

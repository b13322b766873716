"""Synthetic resolution collections in the 2025 format, of any size.

Copies the bundled document ``copies`` times, renaming agenda items so ids stay unique
(``TOP 2.1.a`` -> ``TOP 7.2.1.a``, ``TOP A`` -> ``TOP A7``) and shifting the conference
number per year when ``years`` > 1, so the result parses like a real collection.
"""

from __future__ import annotations

import re
from pathlib import Path

from intmk_graph.pipeline import default_inputs

TOP = re.compile(r"^(\s*TOP\s+)(\S+)", re.MULTILINE)


def synthetic_text(copies: int, source: Path | None = None) -> str:
    text = (source or default_inputs()[0]).read_text(encoding="utf-8")
    parts = []
    for k in range(1, copies + 1):
        def rename(m, k=k):
            old = m.group(2)
            new = f"{old}{k}" if old[0].isalpha() else f"{k}.{old}"
            return m.group(1) + new

        parts.append(TOP.sub(rename, text) if copies > 1 else text)
    return "\n".join(parts)


def write_synthetic(path: Path, copies: int, conference: int = 20) -> Path:
    text = synthetic_text(copies)
    if conference != 20:
        text = text.replace("20. Integrationsministerkonferenz", f"{conference}. Integrationsministerkonferenz")
    path.write_text(text, encoding="utf-8")
    return path

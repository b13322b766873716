"""How things the vocabularies name are written out: a cited section of a law."""

from __future__ import annotations

# A section's parts, in the order they are written, with their German abbreviations.
PART_LABELS = (("subsection", "Abs."), ("sentence", "Satz"), ("number", "Nr."), ("letter", "Buchst."))


def citation_label(law: str | None, section: str | None = None, article: bool = False, **parts: str | None) -> str:
    """How a citation is written: ``§ 32 Abs. 2 Nr. 5 BeschV``, ``Art. 50 GG``, the law
    alone without a section, the section alone without a law.

    >>> citation_label("BeschV", "32", subsection="2", number="5")
    '§ 32 Abs. 2 Nr. 5 BeschV'
    >>> citation_label("GG", "50", article=True), citation_label("AufenthG")
    ('Art. 50 GG', 'AufenthG')
    """
    if not section:
        return law or ""
    text = f"{'Art.' if article else '§'} {section}"
    for key, label in PART_LABELS:
        if parts.get(key):
            text += f" {label} {parts[key]}"
    return f"{text} {law}" if law else text

"""Editor text (one paragraph a line) to and from the draft's paragraphs, keeping each paragraph's source."""

from __future__ import annotations

from app.core.model import Origin, Paragraph, Source
from app.core.text import clean_text


def editor_text(paragraphs: list[Paragraph]) -> str:
    """Paragraphs as editor text, one a line; tables are not text and are kept aside."""
    return "\n".join(p.text for p in paragraphs if p.table is None)


def merge_paragraphs(old: list[Paragraph], text: str) -> list[Paragraph]:
    """New paragraphs from editor text (one a line), reusing the source of each paragraph that survives.

    A line equal to an old paragraph keeps that paragraph's source; a changed line keeps the source of
    the old paragraph in the same position (an edited library phrase is still that phrase, its example
    figures remembered until they are gone from the text). Tables, which the text editor does not
    show, stay at the end.
    """
    lines = [line.strip() for line in clean_text(text).split("\n")]
    lines = [line for line in lines if line]
    texts = [p for p in old if p.table is None]
    tables = [p for p in old if p.table is not None]
    unused = list(range(len(texts)))
    by_text: dict[str, list[int]] = {}
    for i, p in enumerate(texts):
        by_text.setdefault(p.text.strip(), []).append(i)
    out: list[Paragraph | None] = [None] * len(lines)
    for n, line in enumerate(lines):
        candidates = [i for i in by_text.get(line, []) if i in unused]
        if candidates:
            i = candidates[0]
            unused.remove(i)
            out[n] = Paragraph(line, texts[i].source)
    for n, line in enumerate(lines):
        if out[n] is not None:
            continue
        if n in unused:
            unused.remove(n)
            src = texts[n].source
            examples = [e for e in src.examples if e in line]
            out[n] = Paragraph(line, Source(src.origin, src.ref, examples))
        else:
            out[n] = Paragraph(line, Source(Origin.TYPED))
    return [p for p in out if p is not None] + tables

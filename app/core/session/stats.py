"""Counts and step status over the draft: characters as a Chinese word count counts them, and whether a
step is empty, partly written or complete."""

from __future__ import annotations

from app.core.model import Draft, Item, Paragraph, Section, walk_items

Status = str  # "empty" | "partial" | "complete"


def text_chars(text: str) -> int:
    """Characters as a Chinese word count counts them: everything but white space."""
    return sum(1 for ch in text if not ch.isspace())


def item_chars(item: Item) -> int:
    return (
        text_chars(item.heading)
        + sum(text_chars(p.text) for p in item.paragraphs)
        + sum(item_chars(c) for c in item.children)
    )


def section_chars(section: Section) -> int:
    return (
        text_chars(section.heading)
        + sum(text_chars(p.text) for p in section.preamble)
        + sum(item_chars(i) for i in section.items)
    )


def section_has_text(section: Section) -> bool:
    return any(p.text.strip() or p.table for p in section.preamble) or any(
        p.text.strip() or p.table for _, it in walk_items(section.items) for p in it.paragraphs
    )


def standing_examples(paragraph: Paragraph) -> list[str]:
    """Example figures of a library phrase the user has not replaced yet."""
    return [e for e in paragraph.source.examples if e and e in paragraph.text]


def section_status(section: Section) -> Status:
    """ "empty" (nothing written), "partial" (an item still without text) or "complete"."""
    if not section_has_text(section):
        return "empty"
    for _, item in walk_items(section.items):
        if not item.children and not any(p.text.strip() or p.table for p in item.paragraphs):
            return "partial"
    return "complete"


def info_status(draft: Draft) -> Status:
    meta = draft.meta
    if not meta.unit_name.strip():
        return "empty"
    return "complete" if meta.date else "partial"


def preamble_status(draft: Draft) -> Status:
    return "complete" if any(p.text.strip() for p in draft.preamble) else "empty"


def report_chars(draft: Draft) -> int:
    return (
        sum(text_chars(p.text) for p in draft.preamble)
        + sum(section_chars(s) for s in draft.sections)
        + sum(text_chars(p.text) for p in draft.closing)
    )

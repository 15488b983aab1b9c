"""The draft as a list of text fields, each with its Location: what every rule reads and every fix edits.

Reading and writing one field by its Location is `app.core.location.get_text`/`set_text`."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from app.core.model import Draft, Item, Paragraph, Section, SectionKind
from app.render.numbering import heading_number

from .findings import Location, Part


@dataclass(frozen=True)
class Field:
    ref: Location
    text: str
    section: int | None = None  # index of the enclosing section
    kind: SectionKind | None = None  # kind of the enclosing section (or of the item, when the item has one)
    depth: int = 0  # 0: section level or outside; 1–3: item depth
    paragraph: Paragraph | None = None  # the Paragraph object for body text

    @property
    def is_heading(self) -> bool:
        return self.ref.part in (Part.SECTION_HEADING, Part.ITEM_HEADING, Part.TITLE)

    @property
    def is_body(self) -> bool:
        return self.ref.part in (Part.PREAMBLE, Part.SECTION_PREAMBLE, Part.ITEM_PARAGRAPH, Part.CLOSING)


def section_label(draft: Draft, index: int | None) -> str | None:
    """The section's heading as printed: 二、主要举措和成效."""
    if index is None or not 0 <= index < len(draft.sections):
        return None
    return heading_number(1, index + 1) + draft.sections[index].heading


def iter_fields(draft: Draft) -> Iterator[Field]:
    """Every text field in reading order (tables are skipped: their cells carry no prose)."""
    meta = draft.meta
    if meta.title:
        yield Field(Location(Part.TITLE), meta.title)
    if meta.addressee:
        yield Field(Location(Part.ADDRESSEE), meta.addressee)
    for i, p in enumerate(draft.preamble):
        if p.table is None:
            yield Field(Location(Part.PREAMBLE, paragraph=i), p.text, paragraph=p)
    for s, section in enumerate(draft.sections):
        yield from _section_fields(s, section)
    for i, p in enumerate(draft.closing):
        if p.table is None:
            yield Field(Location(Part.CLOSING, paragraph=i), p.text, paragraph=p)
    if meta.signature:
        yield Field(Location(Part.SIGNATURE), meta.signature)


def _section_fields(s: int, section: Section) -> Iterator[Field]:
    yield Field(Location(Part.SECTION_HEADING, section=s), section.heading, section=s, kind=section.kind)
    for i, p in enumerate(section.preamble):
        if p.table is None:
            yield Field(Location(Part.SECTION_PREAMBLE, section=s, paragraph=i), p.text, s, section.kind, 0, p)
    yield from _item_fields(s, section.kind, section.items, ())


def _item_fields(s: int, kind: SectionKind, items: list[Item], path: tuple[int, ...]) -> Iterator[Field]:
    for n, item in enumerate(items):
        here = (*path, n)
        k = item.kind or kind
        yield Field(Location(Part.ITEM_HEADING, section=s, item=here), item.heading, s, k, len(here))
        for i, p in enumerate(item.paragraphs):
            if p.table is None:
                yield Field(Location(Part.ITEM_PARAGRAPH, s, here, i), p.text, s, k, len(here), p)
        yield from _item_fields(s, k, item.children, here)

"""The draft as a list of text fields, each with its TextRef: what every rule reads and every fix edits."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from app.core.model import Draft, Item, Paragraph, Section, SectionKind
from app.render.numbering import heading_number

from .findings import Part, TextRef


@dataclass(frozen=True)
class Field:
    ref: TextRef
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
        yield Field(TextRef(Part.TITLE), meta.title)
    if meta.addressee:
        yield Field(TextRef(Part.ADDRESSEE), meta.addressee)
    for i, p in enumerate(draft.preamble):
        if p.table is None:
            yield Field(TextRef(Part.PREAMBLE, paragraph=i), p.text, paragraph=p)
    for s, section in enumerate(draft.sections):
        yield from _section_fields(s, section)
    for i, p in enumerate(draft.closing):
        if p.table is None:
            yield Field(TextRef(Part.CLOSING, paragraph=i), p.text, paragraph=p)
    if meta.signature:
        yield Field(TextRef(Part.SIGNATURE), meta.signature)


def _section_fields(s: int, section: Section) -> Iterator[Field]:
    yield Field(TextRef(Part.SECTION_HEADING, section=s), section.heading, section=s, kind=section.kind)
    for i, p in enumerate(section.preamble):
        if p.table is None:
            yield Field(TextRef(Part.SECTION_PREAMBLE, section=s, paragraph=i), p.text, s, section.kind, 0, p)
    yield from _item_fields(s, section.kind, section.items, ())


def _item_fields(s: int, kind: SectionKind, items: list[Item], path: tuple[int, ...]) -> Iterator[Field]:
    for n, item in enumerate(items):
        here = (*path, n)
        k = item.kind or kind
        yield Field(TextRef(Part.ITEM_HEADING, section=s, item=here), item.heading, s, k, len(here))
        for i, p in enumerate(item.paragraphs):
            if p.table is None:
                yield Field(TextRef(Part.ITEM_PARAGRAPH, s, here, i), p.text, s, k, len(here), p)
        yield from _item_fields(s, k, item.children, here)


def _item_at(section: Section, path: tuple[int, ...]) -> Item:
    items = section.items
    item: Item | None = None
    for n in path:
        item = items[n]
        items = item.children
    if item is None:
        raise IndexError("empty item path")
    return item


def get_text(draft: Draft, ref: TextRef) -> str:
    """The current text of a field; raises LookupError when the draft no longer has it."""
    try:
        return _access(draft, ref, None)
    except (IndexError, TypeError) as exc:
        raise LookupError(f"no such text in the draft: {ref}") from exc


def set_text(draft: Draft, ref: TextRef, text: str) -> None:
    try:
        _access(draft, ref, text)
    except (IndexError, TypeError) as exc:
        raise LookupError(f"no such text in the draft: {ref}") from exc


def _access(draft: Draft, ref: TextRef, new: str | None) -> str:
    meta = draft.meta
    part = ref.part
    if part in (Part.TITLE, Part.ADDRESSEE, Part.SIGNATURE):
        name = part.value
        old = getattr(meta, name)
        if new is not None:
            setattr(meta, name, new)
        return old
    if part is Part.DATE:
        raise TypeError("the date is not text")
    if part in (Part.PREAMBLE, Part.CLOSING):
        para = (draft.preamble if part is Part.PREAMBLE else draft.closing)[_index(ref.paragraph)]
        return _para_access(para, new)
    section = draft.sections[_index(ref.section)]
    if part is Part.SECTION_HEADING:
        old = section.heading
        if new is not None:
            section.heading = new
        return old
    if part is Part.SECTION_PREAMBLE:
        return _para_access(section.preamble[_index(ref.paragraph)], new)
    item = _item_at(section, ref.item)
    if part is Part.ITEM_HEADING:
        old = item.heading
        if new is not None:
            item.heading = new
        return old
    return _para_access(item.paragraphs[_index(ref.paragraph)], new)


def _index(value: int | None) -> int:
    if value is None or value < 0:
        raise IndexError("missing index")
    return value


def _para_access(para: Paragraph, new: str | None) -> str:
    old = para.text
    if new is not None:
        para.text = new
    return old

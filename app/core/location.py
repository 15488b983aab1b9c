"""One way to name a place in the draft: a text field (`Location`), and the wizard step that shows it (`Step`).

The checks point at spans of a Location, find returns Locations, the window reveals one, and each
Location belongs to one step of the wizard. Steps are named by section id, not index, so the step being
written stays selected when parts are reordered.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum, StrEnum
from typing import Any

from app.core.model import Draft, Item, Paragraph, Section

ItemPath = tuple[int, ...]  # indices from the section's top-level items down to the item


class Part(StrEnum):
    """Which text field of the draft a location is in."""

    UNIT_NAME = "unit_name"  # meta.unit_name (no rule reads it; the wizard points at it)
    TITLE = "title"  # meta.title
    ADDRESSEE = "addressee"  # meta.addressee
    SIGNATURE = "signature"  # meta.signature
    DATE = "date"  # meta.date (not text: offsets are into its printed form)
    PREAMBLE = "preamble"  # draft.preamble[paragraph]
    SECTION_HEADING = "section_heading"  # draft.sections[section].heading
    SECTION_PREAMBLE = "section_preamble"  # draft.sections[section].preamble[paragraph]
    ITEM_HEADING = "item_heading"  # the item at `item` (path of child indices) in sections[section]
    ITEM_PARAGRAPH = "item_paragraph"  # that item's paragraphs[paragraph]
    CLOSING = "closing"  # draft.closing[paragraph]


@dataclass(frozen=True)
class Location:
    """One text field of the draft: enough to find it again, and to jump the editor to it."""

    part: Part
    section: int | None = None
    item: ItemPath = ()
    paragraph: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"part": self.part.value, "section": self.section, "item": list(self.item), "paragraph": self.paragraph}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Location:
        return cls(
            part=Part(data["part"]),
            section=data.get("section"),
            item=tuple(data.get("item") or ()),
            paragraph=data.get("paragraph"),
        )


class StepKind(Enum):
    INFO = "info"  # 基本信息
    PREAMBLE = "preamble"  # 导语 (and the closing paragraphs)
    SECTION = "section"  # one part of the report
    GENERATE = "generate"  # 检查与生成


@dataclass(frozen=True)
class Step:
    """One step of the wizard; a section's step is named by the section's id."""

    kind: StepKind
    section_id: str = ""

    @classmethod
    def section(cls, section_id: str) -> Step:
        return cls(StepKind.SECTION, section_id)


INFO = Step(StepKind.INFO)
PREAMBLE = Step(StepKind.PREAMBLE)
GENERATE = Step(StepKind.GENERATE)

_INFO_PARTS = {Part.UNIT_NAME, Part.TITLE, Part.ADDRESSEE, Part.SIGNATURE, Part.DATE}


def step_of(draft: Draft, location: Location | None) -> Step:
    """The step where the text at `location` is written (None: the report as a whole, 检查与生成)."""
    if location is None:
        return GENERATE
    if location.section is not None and 0 <= location.section < len(draft.sections):
        return Step.section(draft.sections[location.section].id)
    if location.part in _INFO_PARTS:
        return INFO
    if location.part in (Part.PREAMBLE, Part.CLOSING):
        return PREAMBLE
    return GENERATE


# ----------------------------------------------------------------------------- the text at a location


def _item_at(section: Section, path: ItemPath) -> Item:
    items = section.items
    item: Item | None = None
    for n in path:
        item = items[n]
        items = item.children
    if item is None:
        raise IndexError("empty item path")
    return item


def get_text(draft: Draft, ref: Location) -> str:
    """The current text of a field; raises LookupError when the draft no longer has it."""
    try:
        return _access(draft, ref, None)
    except (IndexError, TypeError) as exc:
        raise LookupError(f"no such text in the draft: {ref}") from exc


def set_text(draft: Draft, ref: Location, text: str) -> None:
    try:
        _access(draft, ref, text)
    except (IndexError, TypeError) as exc:
        raise LookupError(f"no such text in the draft: {ref}") from exc


def _access(draft: Draft, ref: Location, new: str | None) -> str:
    meta = draft.meta
    part = ref.part
    if part in (Part.TITLE, Part.ADDRESSEE, Part.SIGNATURE, Part.UNIT_NAME):
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

"""Text typed into the draft, and finding text in it. No undo commands: the editor widget's own undo covers typing."""

from __future__ import annotations

from app.core.location import Location, Part
from app.core.model import Paragraph, Source
from app.core.session.base import SessionState
from app.core.session.item_tree import ItemPath, walk_paths
from app.core.session.paragraphs import merge_paragraphs
from app.core.text import clean_text


class TextEdits(SessionState):
    def set_item_heading(self, section_index: int, path: ItemPath, heading: str) -> None:
        item = self.item(section_index, path)
        heading = clean_text(heading).replace("\n", "")
        if item.heading != heading:
            item.heading = heading
            self.touch()

    def set_item_text(self, section_index: int, path: ItemPath, text: str) -> None:
        """Sets an item's paragraphs from editor text, one paragraph a line, keeping each paragraph's source."""
        item = self.item(section_index, path)
        new = merge_paragraphs(item.paragraphs, text)
        if [(p.text, p.table) for p in new] != [(p.text, p.table) for p in item.paragraphs]:
            item.paragraphs = new
            self.touch()

    def attach_source(self, section_index: int | None, path: ItemPath | None, text: str, source: Source) -> bool:
        """Marks the paragraph that now holds `text` (just inserted from the library) with its source, so its
        example figures are tracked; `section_index` None means the report's preamble. False if not found."""
        if section_index is None:
            paragraphs = self.draft.preamble
        elif path is None:
            paragraphs = self.draft.sections[section_index].preamble
        else:
            paragraphs = self.item(section_index, path).paragraphs
        for p in paragraphs:
            if text and text in p.text:
                p.source = Source(source.origin, source.ref, [e for e in source.examples if e in p.text])
                self.touch()
                return True
        return False

    def set_section_preamble(self, section_index: int, text: str) -> None:
        section = self.draft.sections[section_index]
        new = merge_paragraphs(section.preamble, text)
        if [p.text for p in new] != [p.text for p in section.preamble]:
            section.preamble = new
            self.touch()

    def set_preamble(self, text: str) -> None:
        new = merge_paragraphs(self.draft.preamble, text)
        if [p.text for p in new] != [p.text for p in self.draft.preamble]:
            self.draft.preamble = new
            self.touch()

    def set_closing(self, text: str) -> None:
        new = merge_paragraphs(self.draft.closing, text)
        if [p.text for p in new] != [p.text for p in self.draft.closing]:
            self.draft.closing = new
            self.touch()

    # -- find

    def find_all(self, needle: str) -> list[Location]:
        """Where `needle` occurs, in reading order: the first field holding it in the preamble, in each
        section's heading and opening, in each item, and in the closing."""
        if not needle:
            return []
        d = self.draft
        out: list[Location] = []

        def first(paragraphs: list[Paragraph], part: Part, section: int | None = None, item: ItemPath = ()) -> None:
            at = next((i for i, p in enumerate(paragraphs) if needle in p.text), None)
            if at is not None:
                out.append(Location(part, section, item, at))

        first(d.preamble, Part.PREAMBLE)
        for si, section in enumerate(d.sections):
            if needle in section.heading:
                out.append(Location(Part.SECTION_HEADING, si))
            else:
                first(section.preamble, Part.SECTION_PREAMBLE, si)
            for path, item in walk_paths(section.items, ()):
                if needle in item.heading:
                    out.append(Location(Part.ITEM_HEADING, si, path))
                else:
                    first(item.paragraphs, Part.ITEM_PARAGRAPH, si, path)
        first(d.closing, Part.CLOSING)
        return out

"""Structural edits: sections, items, the pack and 基本信息, each one undoable."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from app.core.errors import UserError
from app.core.model import MAX_ITEM_DEPTH, Item, Section, SectionKind
from app.core.session.base import Change
from app.core.session.item_tree import (
    ItemPath,
    Shape,
    flatten,
    item_depth_ok,
    rebuild,
    same_shape,
    shape_at,
    swap,
    tree_shape,
)
from app.core.session.roll_forward import move_section_years
from app.core.session.undo import Command, Undoable
from app.core.text import clean_text


class StructureEdits(Undoable):
    def set_meta(self, **changes: Any) -> None:
        """Changes 基本信息 fields; moving the year moves the year-bearing section headings with it."""
        meta = self.draft.meta
        changed = False
        for name, value in changes.items():
            if not hasattr(meta, name):
                raise AttributeError(name)
            if getattr(meta, name) != value:
                if name == "year":
                    for section in self.draft.sections:
                        move_section_years(section, meta.year, int(value))
                setattr(meta, name, value)
                changed = True
        if changed:
            self._changed(Change.STRUCTURE if "year" in changes else Change.TEXT)

    def set_pack(self, pack_id: str, kind_order: list[SectionKind]) -> None:
        """Switches the template pack and sorts the sections into its order (custom ones stay after their
        predecessor); undoable."""
        old_pack, old_sections = self.draft.meta.template_pack, list(self.draft.sections)
        rank = {k: i for i, k in enumerate(kind_order)}
        keyed: list[tuple[float, int, Section]] = []
        last = -1.0
        for i, s in enumerate(old_sections):
            if s.kind in rank:
                last = float(rank[s.kind])
                keyed.append((last, i, s))
            else:
                keyed.append((last + 0.5, i, s))
        new_sections = [s for _, _, s in sorted(keyed, key=lambda t: (t[0], t[1]))]

        def do() -> None:
            self.draft.meta.template_pack = pack_id
            self.draft.sections[:] = new_sections

        def undo() -> None:
            self.draft.meta.template_pack = old_pack
            self.draft.sections[:] = old_sections

        self._do(Command("更换模板", do, undo))

    def can_remove_section(self, index: int, required_kinds: set[SectionKind]) -> bool:
        """A section may go when the pack does not require its kind, or another section has the same kind."""
        section = self.draft.sections[index]
        if section.kind not in required_kinds:
            return True
        return sum(1 for s in self.draft.sections if s.kind is section.kind) > 1

    def add_section(self, kind: SectionKind, heading: str, index: int | None = None) -> Section:
        section = Section(kind=kind, heading=clean_text(heading).strip())
        at = len(self.draft.sections) if index is None else max(0, min(index, len(self.draft.sections)))

        def do() -> None:
            self.draft.sections.insert(at, section)

        def undo() -> None:
            self.draft.sections.remove(section)

        self._do(Command(f"添加“{section.heading}”", do, undo))
        return section

    def remove_section(self, index: int) -> None:
        section = self.draft.sections[index]

        def do() -> None:
            self.draft.sections.remove(section)

        def undo() -> None:
            self.draft.sections.insert(index, section)

        self._do(Command(f"删除“{section.heading}”", do, undo))

    def rename_section(self, index: int, heading: str) -> None:
        section = self.draft.sections[index]
        old, new = section.heading, clean_text(heading).replace("\n", "").strip()
        if old == new:
            return

        def do() -> None:
            section.heading = new

        def undo() -> None:
            section.heading = old

        self._do(Command("重命名部分", do, undo))

    def set_section_kind(self, index: int, kind: SectionKind) -> None:
        """Says what a part is (an importer's guess corrected): its step, checks and phrases follow; undoable."""
        section = self.draft.sections[index]
        old = section.kind
        if old is kind:
            return

        def do() -> None:
            section.kind = kind

        def undo() -> None:
            section.kind = old

        self._do(Command(f"把“{section.heading}”改为{kind.label}", do, undo))

    def move_section(self, index: int, delta: int) -> int:
        """Moves a section up (-1) or down (+1); returns its new index (unchanged at either end)."""
        to = index + delta
        if not 0 <= to < len(self.draft.sections) or delta == 0:
            return index
        self._do(
            Command(
                "移动部分", lambda: swap(self.draft.sections, index, to), lambda: swap(self.draft.sections, index, to)
            )
        )
        return to

    # -- items

    def add_item(
        self, section_index: int, parent: ItemPath = (), index: int | None = None, item: Item | None = None
    ) -> ItemPath:
        """Adds an item under `parent` (() for a top-level item); returns its path."""
        if len(parent) >= MAX_ITEM_DEPTH:
            raise UserError(f"小标题最多 {MAX_ITEM_DEPTH} 级，不能再往下分级。")
        item = item or Item()
        items = self.siblings(section_index, (*parent, 0))
        at = len(items) if index is None else max(0, min(index, len(items)))

        def do() -> None:
            items.insert(at, item)

        def undo() -> None:
            items.remove(item)

        self._do(Command("添加小项", do, undo))
        return (*parent, at)

    def remove_item(self, section_index: int, path: ItemPath) -> None:
        items = self.siblings(section_index, path)
        item = items[path[-1]]
        at = path[-1]

        def do() -> None:
            items.remove(item)

        def undo() -> None:
            items.insert(at, item)

        self._do(Command(f"删除“{item.heading or '小项'}”", do, undo))

    def move_item(self, section_index: int, path: ItemPath, delta: int) -> ItemPath:
        """Moves an item among its siblings; returns its new path (unchanged at either end)."""
        items = self.siblings(section_index, path)
        at, to = path[-1], path[-1] + delta
        if not 0 <= to < len(items) or delta == 0:
            return path
        self._do(Command("移动小项", lambda: swap(items, at, to), lambda: swap(items, at, to)))
        return (*path[:-1], to)

    def set_items(self, section_index: int, shape: Shape, label: str = "调整小项顺序") -> None:
        """Rearranges a section's item tree at once, as a drag and drop does: `shape` is the new tree as
        (item, [children shape]) pairs over the same items. Refused when it nests deeper than allowed."""
        section = self.draft.sections[section_index]
        old = tree_shape(section.items)
        if not item_depth_ok(shape):
            raise UserError(f"小标题最多 {MAX_ITEM_DEPTH} 级，不能再往下分级。")
        if sorted(id(i) for i in flatten(old)) != sorted(id(i) for i in flatten(shape)):
            raise ValueError("set_items must rearrange the section's own items")
        if same_shape(old, shape):
            return

        def apply(tree: Shape) -> Callable[[], None]:
            def run() -> None:
                section.items[:] = rebuild(tree)

            return run

        self._do(Command(label, apply(shape), apply(old)))

    def indent_item(self, section_index: int, path: ItemPath) -> ItemPath:
        """Makes an item the last child of its previous sibling (one level down); returns its new path."""
        if path[-1] == 0:
            return path
        shape = tree_shape(self.draft.sections[section_index].items)
        siblings = shape_at(shape, path[:-1])
        moved = siblings.pop(path[-1])
        siblings[path[-1] - 1][1].append(moved)
        self.set_items(section_index, shape, "降一级")
        return (*path[:-1], path[-1] - 1, len(siblings[path[-1] - 1][1]) - 1)

    def outdent_item(self, section_index: int, path: ItemPath) -> ItemPath:
        """Moves an item out of its parent to just after it (one level up); returns its new path."""
        if len(path) < 2:
            return path
        shape = tree_shape(self.draft.sections[section_index].items)
        parent_siblings = shape_at(shape, path[:-2])
        moved = shape_at(shape, path[:-1]).pop(path[-1])
        parent_siblings.insert(path[-2] + 1, moved)
        self.set_items(section_index, shape, "升一级")
        return (*path[:-2], path[-2] + 1)

    def set_run_in(self, section_index: int, path: ItemPath, run_in: bool) -> None:
        item = self.item(section_index, path)
        if item.run_in == run_in:
            return

        def do() -> None:
            item.run_in = run_in

        def undo() -> None:
            item.run_in = not run_in

        self._do(Command("标题接排" if run_in else "标题单列", do, undo))

"""The session's state and its one change notice: what every part of the session reads and announces through."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from app.core.draft_file import DiskState
from app.core.lock import DraftLock
from app.core.model import Draft, Item, random_id
from app.core.session.item_tree import ItemPath
from app.core.session.roll_forward import ChecklistEntry

UNTITLED = "未命名报告"


class Change(Enum):
    """What a session's listeners are told changed."""

    STRUCTURE = "structure"  # sections, items, or a 基本信息 field the steps show (the year moves headings)
    TEXT = "text"  # text typed into the draft
    FILE = "file"  # the path, the dirty mark, or a whole other draft


Listener = Callable[[Change], None]


@dataclass
class SessionState:
    """The draft being written and everything about it that outlives a keystroke."""

    draft: Draft = field(default_factory=Draft)
    path: Path | None = None
    base_dir: Path | None = None  # the user data folder; None → platformdirs
    checklist: list[ChecklistEntry] = field(default_factory=list)
    key: str = field(default_factory=lambda: random_id(16))

    def __post_init__(self) -> None:
        self._revision = 0
        self._generation = 0  # which draft this is: one more for every draft the session takes on
        self._saved_revision = 0
        self._autosaved_revision = 0
        self._listeners: list[Listener] = []
        self._lock: DraftLock | None = None
        self._disk_state: DiskState | None = None
        self.previous: Draft | None = None  # last year's draft, when this one was rolled forward from it

    # -- the change notice

    def subscribe(self, fn: Listener) -> None:
        self._listeners.append(fn)

    def _announce(self, change: Change) -> None:
        for fn in list(self._listeners):
            fn(change)

    def _changed(self, change: Change) -> None:
        """Every edit ends here: one more revision, its notice, and FILE when the draft just became dirty."""
        was_dirty = self.dirty
        self._revision += 1
        self._announce(change)
        if not was_dirty:
            self._announce(Change.FILE)

    def touch(self) -> None:
        """Records that text was typed into the draft (the editor keeps its own undo for typing)."""
        self._changed(Change.TEXT)

    @property
    def display_name(self) -> str:
        return self.path.name if self.path else UNTITLED

    @property
    def dirty(self) -> bool:
        return self._revision != self._saved_revision

    @property
    def revision(self) -> tuple[int, int]:
        """Changes with every edit and with every other draft: work done on an older one is stale.

        A counter of drafts rather than the draft's id(), which Python may give a new draft once the old
        one is gone (and the edit counter starts again from 0 with each draft)."""
        return self._generation, self._revision

    # -- where things are

    def section_index(self, section_id: str) -> int:
        for i, s in enumerate(self.draft.sections):
            if s.id == section_id:
                return i
        raise KeyError(section_id)

    def siblings(self, section_index: int, path: ItemPath) -> list[Item]:
        """The list an item at `path` lives in (the section's items for a one-element path)."""
        items = self.draft.sections[section_index].items
        for i in path[:-1]:
            items = items[i].children
        return items

    def item(self, section_index: int, path: ItemPath) -> Item:
        return self.siblings(section_index, path)[path[-1]]

    def path_of(self, section_index: int, item: Item) -> ItemPath | None:
        """Where an item is now (items move; the view holds on to the item itself)."""

        def search(items: list[Item], prefix: ItemPath) -> ItemPath | None:
            for i, it in enumerate(items):
                if it is item:
                    return (*prefix, i)
                found = search(it.children, (*prefix, i))
                if found is not None:
                    return found
            return None

        return search(self.draft.sections[section_index].items, ())

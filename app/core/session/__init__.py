"""The writing session: the one draft being edited, its file, undo of structural edits, autosave and recovery.

Headless on purpose (no Qt at all), so every rule of the wizard's file handling is tested without a window;
the window in `app.ui` only shows a Session and forwards what the user does to it.

Text typed into a paragraph or heading changes the model directly (`touch()`): the editor widgets keep
their own undo for typing. Structural edits (add, remove, move, rename a section, change the pack) go
through commands that know their inverse, so undoing one never throws away text typed since.

Each job is one module: `base` (state and the `Change` notice every edit sends through `_changed`),
`undo`, `files` (lifecycle and lock), `autosave`, `recovery`, `structure` (sections and items), `text`,
`stats`, `roll_forward`, `recent`.
"""

from __future__ import annotations

from app.core.session import stats
from app.core.session.base import UNTITLED, Change
from app.core.session.files import APP_NAME, FileLifecycle
from app.core.session.item_tree import ItemPath, item_depth_ok
from app.core.session.paragraphs import editor_text, merge_paragraphs
from app.core.session.recent import MAX_RECENT, RecentFiles
from app.core.session.recovery import AUTOSAVE_ORPHAN_AGE_S, Recovery, discard_recovery, find_recoveries
from app.core.session.roll_forward import (
    ChecklistEntry,
    checklist_path,
    load_checklist,
    move_section_years,
    plans_checklist,
    roll_forward,
    save_checklist,
)
from app.core.session.stats import section_chars, standing_examples, text_chars
from app.core.session.structure import StructureEdits
from app.core.session.text import TextEdits
from app.core.session.undo import Command
from app.core.session.user_data import autosave_dir, data_dir

__all__ = [
    "APP_NAME",
    "AUTOSAVE_ORPHAN_AGE_S",
    "MAX_RECENT",
    "UNTITLED",
    "Change",
    "ChecklistEntry",
    "Command",
    "ItemPath",
    "RecentFiles",
    "Recovery",
    "Session",
    "autosave_dir",
    "checklist_path",
    "data_dir",
    "discard_recovery",
    "editor_text",
    "find_recoveries",
    "item_depth_ok",
    "load_checklist",
    "merge_paragraphs",
    "move_section_years",
    "plans_checklist",
    "roll_forward",
    "save_checklist",
    "section_chars",
    "standing_examples",
    "text_chars",
]


class Session(FileLifecycle, StructureEdits, TextEdits):
    """The draft being written: its file, its edits and their undo, autosave; `SessionState` holds the fields."""

    def section_status(self, index: int) -> stats.Status:
        return stats.section_status(self.draft.sections[index])

    def info_status(self) -> stats.Status:
        return stats.info_status(self.draft)

    def preamble_status(self) -> stats.Status:
        return stats.preamble_status(self.draft)

    def report_chars(self) -> int:
        return stats.report_chars(self.draft)

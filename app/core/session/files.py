"""A session's file lifecycle: new, open (and lock), adopt, roll forward, recover, save, close."""

from __future__ import annotations

import contextlib
from pathlib import Path

from app.core.draft_file import (
    FILE_SUFFIX,
    DiskState,
    load_draft,
    load_draft_with_state,
    loads,
    save_draft,
)
from app.core.errors import DraftFormatError, UserError
from app.core.lock import DraftLock
from app.core.model import Draft, random_id
from app.core.session.autosave import Autosaving
from app.core.session.base import Change
from app.core.session.recovery import Recovery
from app.core.session.roll_forward import ChecklistEntry, load_checklist, roll_forward, save_checklist
from app.core.session.undo import Undoable

APP_NAME = "法治报告助手"


class FileLifecycle(Autosaving, Undoable):
    def window_title(self) -> str:
        return f"{self.display_name}{'*' if self.dirty else ''} — {APP_NAME}"

    def _replace(self, draft: Draft, path: Path | None, checklist: list[ChecklistEntry] | None = None) -> None:
        self.discard_autosave()
        self._release_lock()
        self._disk_state = None
        self.previous = None
        self.draft = draft
        self._generation += 1
        self.path = path
        self.checklist = checklist or []
        self.key = random_id(16)
        self._history.clear()
        self._revision = self._saved_revision = self._autosaved_revision = 0
        self._announce(Change.FILE)
        self._announce(Change.STRUCTURE)

    def _unsaved_work(self) -> None:
        """The draft now holds work that exists only in memory (imported, rolled forward, recovered)."""
        self._revision = 1
        self._announce(Change.FILE)

    def new(self, draft: Draft) -> None:
        """Starts an unsaved draft (from a pack's `new_draft`, or the library's first draft)."""
        self._replace(draft, None)

    def open(self, path: Path, *, take_over: bool = False) -> None:
        """Opens a .fzbg draft and locks it; raises DraftFormatError or DraftLockedError (one Chinese
        sentence each) and changes nothing on failure. `take_over` opens a draft locked by someone else."""
        path = Path(path)
        draft, state = load_draft_with_state(path)
        lock = DraftLock.acquire(path, take_over=take_over)
        self._replace(draft, path, load_checklist(path, self.base_dir))
        self._lock = lock
        self._disk_state = state

    def adopt(self, draft: Draft) -> None:
        """Starts an unsaved draft made from another file (an imported report): saving asks for a name."""
        self._replace(draft, None)
        self._unsaved_work()

    def roll_forward_from(self, path: Path) -> None:
        """以去年报告为基础: last year's draft, years moved on, its plans as this year's checklist."""
        last = load_draft(Path(path))
        draft, checklist = roll_forward(last)
        self._replace(draft, None, checklist)
        self.previous = last
        self._unsaved_work()

    def recover(self, recovery: Recovery) -> None:
        """Continues autosaved work: unsaved, belonging to its original file, autosaving where it was."""
        try:
            raw = recovery.draft_path.read_bytes()
            draft = loads(raw, name=recovery.draft_path.name)
        except OSError as exc:
            raise DraftFormatError(f"自动保存的文件“{recovery.draft_path}”无法读取：{exc.strerror or exc}。") from exc
        self._replace(draft, recovery.original, recovery.checklist)
        if recovery.original is not None:
            # Saving goes back to the original file; its state then is what the user last saw of it.
            self._disk_state = DiskState.of_file(recovery.original)
            with contextlib.suppress(UserError):
                self._lock = DraftLock.acquire(recovery.original)
        self.key = recovery.key  # keep writing the same autosave until the work is saved
        self._autosaved_revision = 1
        self._unsaved_work()

    def save(self, path: Path | None = None, *, overwrite_changes: bool = False) -> Path:
        """Writes the draft to `path` or its own file, keeping the previous version as a backup.

        Raises UserError when it cannot, DraftChangedOnDiskError when someone else changed the file
        since it was opened (then `overwrite_changes=True` after the user agreed), DraftLockedError when
        another program has the target of 另存为 open.
        """
        target = Path(path) if path is not None else self.path
        if target is None:
            raise UserError("这份报告还没有文件名，请用“另存为”选择保存位置。")
        if target.suffix.lower() != FILE_SUFFIX:
            target = target.with_name(target.name + FILE_SUFFIX)
        same_file = self.path is not None and target.resolve() == self.path.resolve()
        lock = None
        if not same_file:
            lock = DraftLock.acquire(target)
        expected = self._disk_state if same_file and not overwrite_changes else None
        try:
            self._disk_state = save_draft(self.draft, target, expected=expected)
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        if lock is not None:
            self._release_lock()
            self._lock = lock
        self.path = target
        save_checklist(target, self.checklist, self.base_dir)
        self._saved_revision = self._revision
        self.discard_autosave()
        self._announce(Change.FILE)
        return target

    def _release_lock(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def mark_checklist(self, index: int, done: bool) -> None:
        if 0 <= index < len(self.checklist) and self.checklist[index].done != done:
            self.checklist[index].done = done
            self.touch()

    def close(self) -> None:
        """Ends the session normally: autosaved work is no longer needed for recovery, the lock goes."""
        self.discard_autosave()
        self._release_lock()

"""Autosave: unsaved work copied to the user data folder, so a crash loses at most the last half minute."""

from __future__ import annotations

import contextlib
import json
import os
import time
from pathlib import Path

from app.core.atomic import explain_os_error, write_bytes_atomic
from app.core.draft_file import FILE_SUFFIX, draft_bytes
from app.core.errors import UserError
from app.core.session.base import SessionState
from app.core.session.roll_forward import checklist_data
from app.core.session.user_data import autosave_dir


class Autosaving(SessionState):
    def _autosave_paths(self) -> tuple[Path, Path]:
        folder = autosave_dir(self.base_dir)
        return folder / f"{self.key}{FILE_SUFFIX}", folder / f"{self.key}.json"

    @property
    def needs_autosave(self) -> bool:
        return self.dirty and self._revision != self._autosaved_revision

    def autosave(self) -> Path | None:
        """Copies unsaved work to the user data folder; does nothing when nothing changed since last time.

        The info file goes first: a kill between the two writes leaves either the previous autosave with
        fresh information or, the first time, an info file alone, which recovery cleans up. Raises
        UserError (one sentence) when the folder cannot be written; the work stays in memory, still dirty.
        """
        if not self.needs_autosave:
            return None
        draft_path, info_path = self._autosave_paths()
        try:
            draft_path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UserError(explain_os_error(exc, draft_path.parent)) from exc
        info = {
            "original": str(self.path) if self.path else None,
            "saved_at": time.time(),
            "title": self.draft.meta.title or self.draft.meta.unit_name or self.display_name,
            "pid": os.getpid(),
            "checklist": checklist_data(self.checklist),
            # What the saved draft held when this session last read or wrote it: a later save by anyone
            # else makes this autosave the older version.
            "base_digest": self._disk_state.digest if self._disk_state else None,
        }
        write_bytes_atomic(info_path, json.dumps(info, ensure_ascii=False).encode("utf-8", errors="ignore"))
        write_bytes_atomic(draft_path, draft_bytes(self.draft))
        self._autosaved_revision = self._revision
        return draft_path

    def discard_autosave(self) -> None:
        for p in self._autosave_paths():
            with contextlib.suppress(OSError):
                p.unlink(missing_ok=True)
        self._autosaved_revision = self._revision

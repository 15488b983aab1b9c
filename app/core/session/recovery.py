"""Autosaved work left behind by a session that did not end normally: finding it, tidying, discarding."""

from __future__ import annotations

import contextlib
import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from app.core.draft_file import FILE_SUFFIX
from app.core.errors import UserError
from app.core.process import process_alive
from app.core.session.roll_forward import ChecklistEntry, checklist_from
from app.core.session.user_data import autosave_dir


@dataclass
class Recovery:
    """Autosaved work left behind by a session that did not end normally."""

    key: str
    draft_path: Path
    original: Path | None  # the file the work belonged to, None for a never-saved draft
    saved_at: float
    title: str
    checklist: list[ChecklistEntry] = field(default_factory=list)

    @property
    def description(self) -> str:
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(self.saved_at))
        where = str(self.original) if self.original else "尚未保存过的报告"
        return f"{self.title}（{where}，自动保存于 {when}）"


def _other_process_alive(pid: object) -> bool:
    """True when `pid` is another process still running here (its autosave is live work, not a crash)."""
    return isinstance(pid, int) and pid != os.getpid() and process_alive(pid)


AUTOSAVE_ORPHAN_AGE_S = 60.0  # an autosave's two files are written milliseconds apart


def find_recoveries(base: Path | None = None, exclude: str | None = None) -> list[Recovery]:
    """Autosaves left by sessions that ended abnormally, newest first, after tidying the autosave folder.

    - Those of another instance still running are its live work: neither offered nor touched.
    - An info file (`key.json`) without its draft, left by a kill between the two writes or the two deletes,
      holds no work and is removed; so is a draft without its info file once it is clearly not being written.
    - An autosave identical to the saved draft it belongs to is removed: the work is in the draft.
    - An autosave older than its saved draft (the draft was saved again after the session that wrote it had
      last read it), and each older autosave of a draft that has a newer one, is superseded: it moves into
      that draft's rolling backups, so it is not offered over newer work and still not lost.
    - Info files that cannot be read are skipped and left alone.
    """
    folder = autosave_dir(base)
    if not folder.is_dir():
        return []
    now = time.time()
    for orphan in folder.glob(f"*{FILE_SUFFIX}"):
        if orphan.stem == exclude or orphan.with_suffix(".json").exists():
            continue
        with contextlib.suppress(OSError):
            if now - orphan.stat().st_mtime > AUTOSAVE_ORPHAN_AGE_S:
                orphan.unlink(missing_ok=True)
    found: list[tuple[Recovery, str | None]] = []
    for info in folder.glob("*.json"):
        key = info.stem
        if key == exclude:
            continue
        draft_path = folder / f"{key}{FILE_SUFFIX}"
        try:
            meta = json.loads(info.read_text("utf-8"))
            if _other_process_alive(meta.get("pid")):
                continue
            if not draft_path.is_file():
                info.unlink(missing_ok=True)
                continue
            original = Path(meta["original"]) if meta.get("original") else None
            recovery = Recovery(
                key,
                draft_path,
                original,
                float(meta.get("saved_at", 0)),
                str(meta.get("title", "")),
                checklist_from(meta.get("checklist")),
            )
            base_digest = meta.get("base_digest")
        except (OSError, ValueError, KeyError, TypeError):
            continue
        found.append((recovery, base_digest if isinstance(base_digest, str) else None))
    out: list[Recovery] = []
    newest_of: set[str] = set()
    for recovery, base_digest in sorted(found, key=lambda f: f[0].saved_at, reverse=True):
        if recovery.original is None:
            out.append(recovery)
            continue
        verdict = _against_saved_draft(recovery, base_digest)
        original_key = str(recovery.original.resolve())
        if verdict == "identical":
            discard_recovery(recovery)
        elif verdict == "older" or original_key in newest_of:
            _archive(recovery)
        else:
            newest_of.add(original_key)
            out.append(recovery)
    return out


def _against_saved_draft(recovery: Recovery, base_digest: str | None) -> str:
    """ "identical", "older" or "newer": the autosave against the saved draft it belongs to. A draft that
    cannot be read now (moved, deleted, a network drive gone) leaves the autosave the only copy: "newer"."""
    assert recovery.original is not None
    try:
        saved = recovery.original.read_bytes()
        mtime = recovery.original.stat().st_mtime
        autosaved = recovery.draft_path.read_bytes()
    except OSError:
        return "newer"
    if saved == autosaved:
        return "identical"
    if base_digest is not None:
        import hashlib  # only when there is something to recover

        # The state of the draft the session last read or wrote: clock-free, so a network drive's clock
        # cannot mislead it. Changed since → saved again after this work was autosaved.
        return "newer" if hashlib.sha256(saved).hexdigest() == base_digest else "older"
    return "older" if mtime > recovery.saved_at else "newer"  # autosaves of earlier versions


def _archive(recovery: Recovery) -> None:
    """A superseded autosave becomes a rolling backup of its draft; kept where it is if that fails."""
    # only when a superseded autosave is archived, not at start-up
    from app.core.backups import add_rolling

    assert recovery.original is not None
    try:
        add_rolling(recovery.original, recovery.draft_path.read_bytes())
    except (OSError, UserError):
        return
    discard_recovery(recovery)


def discard_recovery(recovery: Recovery) -> None:
    """Removes an autosave: the draft first, so a kill in between leaves only an info file, which holds no
    work and is cleaned up by the next `find_recoveries`."""
    for p in (recovery.draft_path, recovery.draft_path.with_suffix(".json")):
        with contextlib.suppress(OSError):
            p.unlink(missing_ok=True)

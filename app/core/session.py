"""The writing session: the one draft being edited, its file, undo of structural edits, autosave and recovery.

Headless on purpose (no Qt at all), so every rule of the wizard's file handling is tested without a window;
the window in `app.ui` only shows a Session and forwards what the user does to it.

Text typed into a paragraph or heading changes the model directly (`touch()`): the editor widgets keep
their own undo for typing. Structural edits (add, remove, move, rename a section, change the pack) go
through commands that know their inverse, so undoing one never throws away text typed since.
"""

from __future__ import annotations

import contextlib
import copy
import json
import os
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from platformdirs import user_data_path

from app.core.atomic import explain_os_error, write_bytes_atomic
from app.core.draft_file import (
    FILE_SUFFIX,
    DiskState,
    draft_bytes,
    load_draft,
    load_draft_with_state,
    loads,
    save_draft,
)
from app.core.errors import DraftFormatError, UserError
from app.core.lock import DraftLock
from app.core.model import (
    MAX_ITEM_DEPTH,
    Draft,
    Item,
    Origin,
    Paragraph,
    Section,
    SectionKind,
    Source,
    random_id,
    walk_items,
)
from app.core.process import process_alive
from app.core.text import clean_text
from app.core.years import shift_report_years

APP_NAME = "法治报告助手"
UNTITLED = "未命名报告"
MAX_RECENT = 10

ItemPath = tuple[int, ...]  # indices from the section's top-level items down to the item


def data_dir() -> Path:
    return user_data_path("fzbg", appauthor=False)


def autosave_dir(base: Path | None = None) -> Path:
    return (base or data_dir()) / "autosave"


# ----------------------------------------------------------------------------- helpers over the model


def text_chars(text: str) -> int:
    """Characters as a Chinese word count counts them: everything but white space."""
    return sum(1 for ch in text if not ch.isspace())


def item_chars(item: Item) -> int:
    return (
        text_chars(item.heading)
        + sum(text_chars(p.text) for p in item.paragraphs)
        + sum(item_chars(c) for c in item.children)
    )


def section_chars(section: Section) -> int:
    return (
        text_chars(section.heading)
        + sum(text_chars(p.text) for p in section.preamble)
        + sum(item_chars(i) for i in section.items)
    )


def section_has_text(section: Section) -> bool:
    return any(p.text.strip() or p.table for p in section.preamble) or any(
        p.text.strip() or p.table for _, it in walk_items(section.items) for p in it.paragraphs
    )


def standing_examples(paragraph: Paragraph) -> list[str]:
    """Example figures of a library phrase the user has not replaced yet."""
    return [e for e in paragraph.source.examples if e and e in paragraph.text]


@dataclass
class ChecklistEntry:
    """One of last year's plans, to tick off while writing this year's 举措成效."""

    text: str
    done: bool = False


def _first_sentence(text: str) -> str:
    return re.split(r"(?<=[。；;])", text.strip(), maxsplit=1)[0]


def plans_checklist(draft: Draft) -> list[ChecklistEntry]:
    """Last year's 下年安排 as a checklist: each item's heading, or the first sentence of its text (of each
    opening paragraph where the part has no items)."""
    out: list[ChecklistEntry] = []
    for section in draft.sections:
        if section.kind is not SectionKind.PLANS:
            continue
        for _, item in walk_items(section.items):
            text = item.heading.strip().rstrip("。")
            if not text and item.paragraphs:
                text = _first_sentence(item.paragraphs[0].text)
            if text:
                out.append(ChecklistEntry(text))
        if not section.items:
            out.extend(ChecklistEntry(_first_sentence(p.text)) for p in section.preamble if p.text.strip())
    return out


def roll_forward(last: Draft, year: int | None = None) -> tuple[Draft, list[ChecklistEntry]]:
    """Last year's draft as the start of this year's: years moved on, plans turned into a checklist.

    Headings, title and the report year move on one year; body text is kept as written but marked
    CARRIED so that the checks and the clerk see what still speaks of last year. Last year's plans are
    not this year's plans: the 下年安排 section starts empty and its items become the checklist.
    `year` is the new report year, the year after last's by default.
    """
    draft = copy.deepcopy(last)
    checklist = plans_checklist(last)
    meta = draft.meta
    meta.year = last.meta.year + 1 if year is None else year
    meta.title = shift_report_years(meta.title, last.meta.year, meta.year)
    meta.date = None
    for para in draft.all_paragraphs():
        if para.text.strip() or para.table:
            para.source = Source(Origin.CARRIED, ref=str(last.meta.year))
    for section in draft.sections:
        move_section_years(section, last.meta.year, meta.year)
        if section.kind is SectionKind.PLANS:
            section.items = []
            section.preamble = []
    return draft, checklist


def move_section_years(section: Section, old_year: int, new_year: int) -> None:
    """The report year in a part's heading and its items' headings moved (and next year's, in the plans part)."""
    plans = section.kind is SectionKind.PLANS
    section.heading = shift_report_years(section.heading, old_year, new_year, next_year_too=plans)
    for _, item in walk_items(section.items):
        item.heading = shift_report_years(item.heading, old_year, new_year, next_year_too=plans)


def checklist_path(draft_path: Path, base: Path | None = None) -> Path:
    """Where the roll-forward checklist of a draft is kept: the user data folder, one file per draft path.

    It is the wizard's working state, not part of the report, so the .fzbg format stays as it is.
    """
    import hashlib  # OpenSSL loads when a draft is saved, not when the window opens

    digest = hashlib.sha1(str(Path(draft_path).resolve()).encode("utf-8")).hexdigest()[:16]
    return (base or data_dir()) / "checklists" / f"{digest}.json"


def _checklist_data(entries: list[ChecklistEntry]) -> list[dict[str, Any]]:
    return [{"text": e.text, "done": e.done} for e in entries]


def _checklist_from(raw: Any) -> list[ChecklistEntry]:
    if not isinstance(raw, list):
        return []
    return [
        ChecklistEntry(clean_text(str(e["text"])), bool(e.get("done")))
        for e in raw
        if isinstance(e, dict) and isinstance(e.get("text"), str)
    ]


def load_checklist(draft_path: Path, base: Path | None = None) -> list[ChecklistEntry]:
    try:
        return _checklist_from(json.loads(checklist_path(draft_path, base).read_text("utf-8")))
    except (OSError, ValueError):
        return []


def save_checklist(draft_path: Path, entries: list[ChecklistEntry], base: Path | None = None) -> None:
    """Best effort: losing the checklist must never stop the draft itself from being saved."""
    target = checklist_path(draft_path, base)
    with contextlib.suppress(UserError, OSError):
        if entries:
            target.parent.mkdir(parents=True, exist_ok=True)
            write_bytes_atomic(target, json.dumps(_checklist_data(entries), ensure_ascii=False).encode("utf-8"))
        else:
            target.unlink(missing_ok=True)


# ----------------------------------------------------------------------------- recent files


class RecentFiles:
    """Most recently used drafts, newest first, without duplicates. Persisting them is the caller's job."""

    def __init__(self, paths: list[str] | None = None, limit: int = MAX_RECENT) -> None:
        self.limit = limit
        self.paths: list[str] = []
        for p in paths or []:
            if p and p not in self.paths:
                self.paths.append(p)
        del self.paths[limit:]

    def add(self, path: Path) -> None:
        key = str(Path(path).resolve())
        if key in self.paths:
            self.paths.remove(key)
        self.paths.insert(0, key)
        del self.paths[self.limit :]

    def remove(self, path: Path | str) -> None:
        with contextlib.suppress(ValueError):
            self.paths.remove(str(path))

    def existing(self) -> list[Path]:
        return [Path(p) for p in self.paths if Path(p).is_file()]


# ----------------------------------------------------------------------------- recovery


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
                _checklist_from(meta.get("checklist")),
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


# ----------------------------------------------------------------------------- the session


@dataclass
class Command:
    """One undoable change of the session, as the edit menu names it."""

    label: str
    do: Callable[[], None]
    undo: Callable[[], None]


@dataclass
class Session:
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
        self._undo: list[Command] = []
        self._redo: list[Command] = []
        self._listeners: list[Callable[[str], None]] = []
        self._lock: DraftLock | None = None
        self._disk_state: DiskState | None = None
        self.previous: Draft | None = None  # last year's draft, when this one was rolled forward from it

    # -- observers: "structure" (sections/items changed), "text", "file" (path, dirty, new draft)

    def subscribe(self, fn: Callable[[str], None]) -> None:
        self._listeners.append(fn)

    def _notify(self, what: str) -> None:
        for fn in list(self._listeners):
            fn(what)

    # -- state

    @property
    def dirty(self) -> bool:
        return self._revision != self._saved_revision

    @property
    def display_name(self) -> str:
        return self.path.name if self.path else UNTITLED

    def window_title(self) -> str:
        return f"{self.display_name}{'*' if self.dirty else ''} — {APP_NAME}"

    def touch(self) -> None:
        """Records that text was typed into the draft (the editor keeps its own undo for typing)."""
        was_dirty = self.dirty
        self._revision += 1
        self._notify("text")
        if not was_dirty:
            self._notify("file")

    # -- whole drafts

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
        self._undo.clear()
        self._redo.clear()
        self._revision = self._saved_revision = self._autosaved_revision = 0
        self._notify("file")
        self._notify("structure")

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
        self._revision = 1  # work that exists only in memory
        self._notify("file")

    def roll_forward_from(self, path: Path) -> None:
        """以去年报告为基础: last year's draft, years moved on, its plans as this year's checklist."""
        last = load_draft(Path(path))
        draft, checklist = roll_forward(last)
        self._replace(draft, None, checklist)
        self.previous = last
        self._revision = 1
        self._notify("file")

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
        self._notify("file")
        return target

    def _release_lock(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def mark_checklist(self, index: int, done: bool) -> None:
        if 0 <= index < len(self.checklist) and self.checklist[index].done != done:
            self.checklist[index].done = done
            self.touch()

    # -- autosave and recovery

    def _autosave_paths(self) -> tuple[Path, Path]:
        folder = autosave_dir(self.base_dir)
        return folder / f"{self.key}{FILE_SUFFIX}", folder / f"{self.key}.json"

    @property
    def revision(self) -> tuple[int, int]:
        """Changes with every edit and with every other draft: work done on an older one is stale.

        A counter of drafts rather than the draft's id(), which Python may give a new draft once the old
        one is gone (and the edit counter starts again from 0 with each draft)."""
        return self._generation, self._revision

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
            "checklist": _checklist_data(self.checklist),
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
        self._revision = 1
        self._autosaved_revision = 1
        self._notify("file")

    def close(self) -> None:
        """Ends the session normally: autosaved work is no longer needed for recovery, the lock goes."""
        self.discard_autosave()
        self._release_lock()

    # -- undo / redo of structural edits

    def _do(self, command: Command) -> None:
        command.do()
        self._undo.append(command)
        self._redo.clear()
        self._changed_structure()

    def _changed_structure(self) -> None:
        was_dirty = self.dirty
        self._revision += 1
        self._notify("structure")
        if not was_dirty:
            self._notify("file")

    def run_command(self, label: str, do: Callable[[], None], undo: Callable[[], None]) -> None:
        """An undoable edit defined elsewhere (a check's fix and its inverse); `do` may raise, then
        nothing is recorded."""
        self._do(Command(label, do, undo))

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    @property
    def undo_label(self) -> str:
        return self._undo[-1].label if self._undo else ""

    @property
    def redo_label(self) -> str:
        return self._redo[-1].label if self._redo else ""

    def undo(self) -> bool:
        if not self._undo:
            return False
        command = self._undo.pop()
        command.undo()
        self._redo.append(command)
        self._changed_structure()
        return True

    def redo(self) -> bool:
        if not self._redo:
            return False
        command = self._redo.pop()
        command.do()
        self._undo.append(command)
        self._changed_structure()
        return True

    # -- meta

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
            self._revision += 1
            self._notify("structure" if "year" in changes else "text")

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

    # -- sections

    def section_index(self, section_id: str) -> int:
        for i, s in enumerate(self.draft.sections):
            if s.id == section_id:
                return i
        raise KeyError(section_id)

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

    def move_section(self, index: int, delta: int) -> int:
        """Moves a section up (-1) or down (+1); returns its new index (unchanged at either end)."""
        to = index + delta
        if not 0 <= to < len(self.draft.sections) or delta == 0:
            return index
        self._do(
            Command(
                "移动部分", lambda: _swap(self.draft.sections, index, to), lambda: _swap(self.draft.sections, index, to)
            )
        )
        return to

    # -- items

    def siblings(self, section_index: int, path: ItemPath) -> list[Item]:
        """The list an item at `path` lives in (the section's items for a one-element path)."""
        items = self.draft.sections[section_index].items
        for i in path[:-1]:
            items = items[i].children
        return items

    def item(self, section_index: int, path: ItemPath) -> Item:
        return self.siblings(section_index, path)[path[-1]]

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
        self._do(Command("移动小项", lambda: _swap(items, at, to), lambda: _swap(items, at, to)))
        return (*path[:-1], to)

    def set_items(self, section_index: int, shape: list[tuple[Item, list]], label: str = "调整小项顺序") -> None:
        """Rearranges a section's item tree at once, as a drag and drop does: `shape` is the new tree as
        (item, [children shape]) pairs over the same items. Refused when it nests deeper than allowed."""
        section = self.draft.sections[section_index]
        old = _tree_shape(section.items)
        if not item_depth_ok(shape):
            raise UserError(f"小标题最多 {MAX_ITEM_DEPTH} 级，不能再往下分级。")
        if sorted(id(i) for i in _flatten(old)) != sorted(id(i) for i in _flatten(shape)):
            raise ValueError("set_items must rearrange the section's own items")
        if _same_shape(old, shape):
            return

        def apply(tree: list[tuple[Item, list]]) -> Callable[[], None]:
            def run() -> None:
                section.items[:] = _rebuild(tree)

            return run

        self._do(Command(label, apply(shape), apply(old)))

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

    def indent_item(self, section_index: int, path: ItemPath) -> ItemPath:
        """Makes an item the last child of its previous sibling (one level down); returns its new path."""
        if path[-1] == 0:
            return path
        shape = _tree_shape(self.draft.sections[section_index].items)
        siblings = _shape_at(shape, path[:-1])
        moved = siblings.pop(path[-1])
        siblings[path[-1] - 1][1].append(moved)
        self.set_items(section_index, shape, "降一级")
        return (*path[:-1], path[-1] - 1, len(siblings[path[-1] - 1][1]) - 1)

    def outdent_item(self, section_index: int, path: ItemPath) -> ItemPath:
        """Moves an item out of its parent to just after it (one level up); returns its new path."""
        if len(path) < 2:
            return path
        shape = _tree_shape(self.draft.sections[section_index].items)
        parent_siblings = _shape_at(shape, path[:-2])
        moved = _shape_at(shape, path[:-1]).pop(path[-1])
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

    # -- text (no undo command: the editor widget's own undo covers typing)

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

    def find_all(self, needle: str) -> list[tuple[str, int, ItemPath | None]]:
        """Where `needle` occurs, in reading order: ("preamble", -1, None), ("closing", -1, None),
        ("section", index, None) for a section's heading or opening, ("section", index, path) for an item."""
        if not needle:
            return []
        d = self.draft
        out: list[tuple[str, int, ItemPath | None]] = []
        if any(needle in p.text for p in d.preamble):
            out.append(("preamble", -1, None))
        for si, section in enumerate(d.sections):
            if needle in section.heading or any(needle in p.text for p in section.preamble):
                out.append(("section", si, None))
            for path, item in _walk_paths(section.items, ()):
                if needle in item.heading or any(needle in p.text for p in item.paragraphs):
                    out.append(("section", si, path))
        if any(needle in p.text for p in d.closing):
            out.append(("closing", -1, None))
        return out

    # -- statistics and step status

    def section_status(self, index: int) -> str:
        """ "empty" (nothing written), "partial" (an item still without text) or "complete"."""
        section = self.draft.sections[index]
        if not section_has_text(section):
            return "empty"
        for _, item in walk_items(section.items):
            if not item.children and not any(p.text.strip() or p.table for p in item.paragraphs):
                return "partial"
        return "complete"

    def info_status(self) -> str:
        meta = self.draft.meta
        if not meta.unit_name.strip():
            return "empty"
        return "complete" if meta.date else "partial"

    def preamble_status(self) -> str:
        return "complete" if any(p.text.strip() for p in self.draft.preamble) else "empty"

    def report_chars(self) -> int:
        d = self.draft
        return (
            sum(text_chars(p.text) for p in d.preamble)
            + sum(section_chars(s) for s in d.sections)
            + sum(text_chars(p.text) for p in d.closing)
        )


def editor_text(paragraphs: list[Paragraph]) -> str:
    """Paragraphs as editor text, one a line; tables are not text and are kept aside."""
    return "\n".join(p.text for p in paragraphs if p.table is None)


def merge_paragraphs(old: list[Paragraph], text: str) -> list[Paragraph]:
    """New paragraphs from editor text (one a line), reusing the source of each paragraph that survives.

    A line equal to an old paragraph keeps that paragraph's source; a changed line keeps the source of
    the old paragraph in the same position (an edited library phrase is still that phrase, its example
    figures remembered until they are gone from the text). Tables, which the text editor does not
    show, stay at the end.
    """
    lines = [line.strip() for line in clean_text(text).split("\n")]
    lines = [line for line in lines if line]
    texts = [p for p in old if p.table is None]
    tables = [p for p in old if p.table is not None]
    unused = list(range(len(texts)))
    by_text: dict[str, list[int]] = {}
    for i, p in enumerate(texts):
        by_text.setdefault(p.text.strip(), []).append(i)
    out: list[Paragraph | None] = [None] * len(lines)
    for n, line in enumerate(lines):
        candidates = [i for i in by_text.get(line, []) if i in unused]
        if candidates:
            i = candidates[0]
            unused.remove(i)
            out[n] = Paragraph(line, texts[i].source)
    for n, line in enumerate(lines):
        if out[n] is not None:
            continue
        if n in unused:
            unused.remove(n)
            src = texts[n].source
            examples = [e for e in src.examples if e in line]
            out[n] = Paragraph(line, Source(src.origin, src.ref, examples))
        else:
            out[n] = Paragraph(line, Source(Origin.TYPED))
    return [p for p in out if p is not None] + tables


def _walk_paths(items: list[Item], prefix: ItemPath) -> Iterator[tuple[ItemPath, Item]]:
    for i, it in enumerate(items):
        yield (*prefix, i), it
        yield from _walk_paths(it.children, (*prefix, i))


def _swap(items: list[Any], a: int, b: int) -> None:
    items[a], items[b] = items[b], items[a]


def _tree_shape(items: list[Item]) -> list[tuple[Item, list]]:
    return [(it, _tree_shape(it.children)) for it in items]


def _shape_at(shape: list[tuple[Item, list]], parent: ItemPath) -> list[tuple[Item, list]]:
    for i in parent:
        shape = shape[i][1]
    return shape


def _flatten(shape: list[tuple[Item, list]]) -> Iterator[Item]:
    for it, kids in shape:
        yield it
        yield from _flatten(kids)


def _same_shape(a: list[tuple[Item, list]], b: list[tuple[Item, list]]) -> bool:
    return len(a) == len(b) and all(x[0] is y[0] and _same_shape(x[1], y[1]) for x, y in zip(a, b, strict=True))


def _rebuild(shape: list[tuple[Item, list]]) -> list[Item]:
    out = []
    for it, kids in shape:
        it.children[:] = _rebuild(kids)
        out.append(it)
    return out


def item_depth_ok(shape: list[tuple[Item, list]], depth: int = 1) -> bool:
    return all(depth <= MAX_ITEM_DEPTH and item_depth_ok(kids, depth + 1) for _, kids in shape)

"""Failures of the world, for every writer: a read-only folder, a full disk, a target locked by Word, a network
drive that went away or a folder that vanished — and, as the control, a path with Chinese and spaces.

Each failure is one Chinese sentence that says what to do; the previous file is untouched, no temporary file
is left behind, and a session keeps the draft in memory, still unsaved, and in the autosave. The failures are
injected at the operating-system calls the durable writer makes (os.open, os.fsync, os.replace, os.mkdir),
only for paths in the folder under test, so everything else keeps working as on a real machine. (The tests
may run as root, which chmod cannot stop; the injected errors are those the OS gives a normal user.)
"""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from app.core.backups import backups_root, list_rolling, side_backup_path
from app.core.draft_file import load_draft, save_draft
from app.core.errors import UserError
from app.core.model import Paragraph
from app.core.session import ChecklistEntry, Session, checklist_path, load_checklist, save_checklist
from app.render.pack import load_pack

pytestmark = pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="the disk-full injection asks /proc")

OLD = b"the previous version"
TYPED = "新写的、尚未保存的一段。"

KINDS = ["read-only", "disk-full", "locked-by-word", "network-gone", "folder-vanished", "chinese-path"]


class Injector:
    """Makes the OS calls of the durable writer fail for paths that `hit` selects."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, kind: str, hit: Callable[[str], bool]) -> None:
        self.kind, self.hit = kind, hit
        real_open, real_fsync, real_replace, real_mkdir = os.open, os.fsync, os.replace, os.mkdir

        def fake_open(path, flags, *args, **kwargs):
            if flags & os.O_CREAT and self.hit(os.fspath(path)):
                if kind == "read-only":
                    raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
                if kind == "network-gone":
                    raise OSError(errno.EIO, "Input/output error", os.fspath(path))
            return real_open(path, flags, *args, **kwargs)

        def fake_fsync(fd):
            # A full disk shows when the data is forced out; which file the descriptor is, Linux says.
            if kind == "disk-full" and self.hit(os.readlink(f"/proc/self/fd/{fd}")):
                raise OSError(errno.ENOSPC, "No space left on device")
            return real_fsync(fd)

        def fake_replace(src, dst, *args, **kwargs):
            if kind == "locked-by-word" and self.hit(os.fspath(dst)):
                raise PermissionError(errno.EACCES, "Permission denied", os.fspath(dst))
            return real_replace(src, dst, *args, **kwargs)

        def fake_mkdir(path, *args, **kwargs):
            if kind == "read-only" and self.hit(os.fspath(path)):
                raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
            if kind == "network-gone" and self.hit(os.fspath(path)):
                raise OSError(errno.EIO, "Input/output error", os.fspath(path))
            return real_mkdir(path, *args, **kwargs)

        monkeypatch.setattr(os, "open", fake_open)
        monkeypatch.setattr(os, "fsync", fake_fsync)
        monkeypatch.setattr(os, "replace", fake_replace)
        monkeypatch.setattr(os, "mkdir", fake_mkdir)


def under(folder: Path) -> Callable[[str], bool]:
    prefix = str(folder.resolve() if folder.exists() else folder)
    return lambda p: os.path.abspath(p).startswith(prefix + os.sep) or os.path.abspath(p) == prefix


def assert_one_clear_sentence(message: str, *, names: str) -> None:
    assert "\n" not in message and "Traceback" not in message
    assert re.search(r"[\u4e00-\u9fff]", message), message
    assert "请" in message, f"no suggestion of what to do: {message}"
    assert names in message, message


def temp_files(*folders: Path) -> list[Path]:
    return [p for folder in folders if folder.is_dir() for p in folder.rglob("*.tmp")]


def new_draft():
    return load_pack("regulation").new_draft("晋城市信访局", "我局", 2025, "", dt.date(2026, 2, 20))


@dataclass
class World:
    tmp: Path
    kind: str

    @property
    def folder(self) -> Path:
        # The control case is a real folder with Chinese characters and spaces; the others are plain.
        name = "报告 草稿/第 2 版" if self.kind == "chinese-path" else "out"
        path = self.tmp / name
        path.mkdir(parents=True, exist_ok=True)
        return path

    @property
    def data(self) -> Path:
        return self.tmp / "data"


def dirty_session(world: World) -> tuple[Session, Path]:
    """A session on a saved draft (`OLD` content replaced by a real first save), with unsaved typing."""
    session = Session(base_dir=world.data)
    session.new(new_draft())
    path = session.save(world.folder / "报告.fzbg")
    session.set_preamble(TYPED)
    return session, path


def assert_work_kept(session: Session) -> None:
    """The draft is still in memory and unsaved, and the autosave holds it."""
    assert session.dirty
    assert [p.text for p in session.draft.preamble] == [TYPED]
    autosaved = session.autosave() or session._autosave_paths()[0]
    assert [p.text for p in load_draft(autosaved).preamble] == [TYPED]


# --- the writers -----------------------------------------------------------------------------------------------
# Each takes the world and the monkeypatch, arranges a previous file, starts the failure and runs the write.
# It returns (run, target, folder, after): run() writes, target is the file that must stay as it was, folder is
# where the failure strikes (the write's folder), after(failed) checks what else must hold.


def draft_save(world: World, mp: pytest.MonkeyPatch):
    session, path = dirty_session(world)
    before = path.read_bytes()

    def after(failed: bool) -> None:
        if failed:
            assert path.read_bytes() == before if path.exists() else world.kind == "folder-vanished"
            assert_work_kept(session)
        else:
            assert [p.text for p in load_draft(path).preamble] == [TYPED] and not session.dirty

    return session.save, path, path.parent, after


def draft_backup_beside(world: World, mp: pytest.MonkeyPatch):
    """`name.fzbg.bak` cannot be written: the save must stop before the draft is replaced."""
    session, path = dirty_session(world)
    before = path.read_bytes()

    def after(failed: bool) -> None:
        assert failed
        assert path.read_bytes() == before
        assert_work_kept(session)

    return session.save, path, path.parent, after


def rolling_backups(world: World, mp: pytest.MonkeyPatch):
    """The user folder's rolling backups cannot be written: best effort, the save itself goes on."""
    session, path = dirty_session(world)
    session.set_preamble("第二版。")
    session.save()  # one rolling backup exists already
    session.set_preamble(TYPED)
    (existing,) = list_rolling(path)
    before = existing.read_bytes()

    def after(failed: bool) -> None:
        assert not failed
        assert [p.text for p in load_draft(path).preamble] == [TYPED]
        assert [p.text for p in load_draft(side_backup_path(path)).preamble] == ["第二版。"]
        if world.kind != "folder-vanished":
            assert existing.read_bytes() == before

    return session.save, existing, backups_root(), after


def autosave(world: World, mp: pytest.MonkeyPatch):
    session, _ = dirty_session(world)
    session.autosave()
    session.set_preamble(TYPED + "又改了。")
    draft_path, info_path = session._autosave_paths()
    before = draft_path.read_bytes(), info_path.read_bytes()

    def after(failed: bool) -> None:
        assert session.dirty and session.needs_autosave == failed
        if failed:
            assert (draft_path.read_bytes(), info_path.read_bytes()) == before
        mp.undo()  # the world is back: the next autosave timer tick writes the work
        session.autosave()
        assert [p.text for p in load_draft(draft_path).preamble] == [TYPED + "又改了。"]

    return session.autosave, draft_path, draft_path.parent, after


def checklist(world: World, mp: pytest.MonkeyPatch):
    """Best effort by design: losing the checklist file never stops a save, and the autosave carries it."""
    draft_path = world.folder / "报告.fzbg"
    save_checklist(draft_path, [ChecklistEntry("去年的计划一")], world.data)
    target = checklist_path(draft_path, world.data)
    before = target.read_bytes()
    entries = [ChecklistEntry("去年的计划一", True), ChecklistEntry("去年的计划二")]

    def after(failed: bool) -> None:
        got = [(e.text, e.done) for e in load_checklist(draft_path, world.data)]
        if world.kind in ("folder-vanished", "chinese-path"):
            assert got == [(e.text, e.done) for e in entries]
        else:
            assert target.read_bytes() == before

    return lambda: save_checklist(draft_path, entries, world.data), target, target.parent, after


def _report_render(world: World, suffix: str, render, written) -> tuple:
    """A writer of the report (`render(draft, target)`) over an existing file; `written(target)` checks what a
    success wrote."""
    target = world.folder / f"报告{suffix}"
    target.write_bytes(OLD)
    draft = new_draft()
    draft.preamble = [Paragraph(TYPED)]

    def after(failed: bool) -> None:
        if failed:
            assert not target.exists() if world.kind == "folder-vanished" else target.read_bytes() == OLD
        else:
            written(target)

    return lambda: render(draft, target), target, target.parent, after


def docx_render(world: World, mp: pytest.MonkeyPatch):
    import docx

    from app.render.docx_writer import render_docx

    def written(target: Path) -> None:
        assert TYPED in [p.text for p in docx.Document(str(target)).paragraphs]

    return _report_render(world, ".docx", render_docx, written)


def pdf_render(world: World, mp: pytest.MonkeyPatch):
    from pypdf import PdfReader

    from app.render.pdf import render_pdf

    def written(target: Path) -> None:
        assert len(PdfReader(target).pages) == 1

    return _report_render(world, ".pdf", render_pdf, written)


def phrase_library_export(world: World, mp: pytest.MonkeyPatch):
    from app.library.shipped import SAMPLES, build_library, load_phrases

    target = world.folder / "phrases.json"
    target.write_bytes(OLD)

    def after(failed: bool) -> None:
        if failed:
            assert not target.exists() if world.kind == "folder-vanished" else target.read_bytes() == OLD
        else:
            assert load_phrases(target)

    return lambda: build_library(SAMPLES, target), target, target.parent, after


def personal_phrases_export(world: World, mp: pytest.MonkeyPatch):
    from app.library.exchange import export_phrases, read_phrases
    from app.library.user import UserLibrary

    library = UserLibrary(world.data / "phrases.sqlite3")
    library.add_text("坚持依法分类处理信访诉求。")
    target = world.folder / "我的常用语.json"
    target.write_bytes(OLD)

    def after(failed: bool) -> None:
        library.close()
        if failed:
            assert not target.exists() if world.kind == "folder-vanished" else target.read_bytes() == OLD
        else:
            assert [p.text for p in read_phrases(target)] == ["坚持依法分类处理信访诉求。"]

    return lambda: export_phrases(library, target), target, target.parent, after


# writer → which failure kinds it must report (the rest succeed), and where the failure strikes.
WRITERS = {
    "draft-save": (draft_save, set(KINDS) - {"chinese-path"}, "folder"),
    "draft-backup-beside": (draft_backup_beside, {"read-only", "disk-full", "locked-by-word", "network-gone"}, "bak"),
    "rolling-backups": (rolling_backups, set(), "backups"),
    "autosave": (autosave, {"read-only", "disk-full", "locked-by-word", "network-gone"}, "autosave"),
    "checklist": (checklist, set(), "checklists"),
    "docx": (docx_render, set(KINDS) - {"chinese-path"}, "folder"),
    "pdf": (pdf_render, set(KINDS) - {"chinese-path"}, "folder"),
    "phrase-library-export": (phrase_library_export, set(KINDS) - {"chinese-path"}, "folder"),
    "personal-phrases-export": (personal_phrases_export, set(KINDS) - {"chinese-path"}, "folder"),
}
CELLS = [
    (writer, kind)
    for writer in WRITERS
    for kind in KINDS
    # A .bak beside the draft vanishes with the draft's folder: that cell is draft-save's.
    if not (writer == "draft-backup-beside" and kind in ("folder-vanished", "chinese-path"))
]


@pytest.mark.parametrize(("writer", "kind"), CELLS, ids=[f"{w}-{k}" for w, k in CELLS])
def test_a_failure_of_the_world_is_one_sentence_and_loses_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, writer: str, kind: str
) -> None:
    make, fails_on, where = WRITERS[writer]
    world = World(tmp_path, kind)
    run, target, hit_folder, after = make(world, monkeypatch)
    if kind == "folder-vanished":
        shutil.rmtree(hit_folder)  # the folder (a USB stick, a mapped drive) is simply gone
    elif kind != "chinese-path":
        hit = under(hit_folder)
        if where == "bak":
            hit = lambda p, inner=hit: inner(p) and ".fzbg.bak" in os.path.basename(p)  # noqa: E731
        Injector(monkeypatch, kind, hit)
    failed = False
    try:
        run()
    except UserError as exc:
        failed = True
        assert kind in fails_on, f"{writer} should have coped with {kind}: {exc.message}"
        assert_one_clear_sentence(exc.message, names=target.stem)
    else:
        assert kind not in fails_on, f"{writer} should have reported {kind}"
    assert temp_files(tmp_path, backups_root()) == [], "a temporary file was left behind"
    after(failed)


def test_the_matrix_covers_every_writer_and_every_kind_of_failure() -> None:
    assert len(CELLS) == len(WRITERS) * len(KINDS) - 2
    failing = sum(kind in WRITERS[w][1] for w, kind in CELLS)
    assert failing == 33


# --- what the messages say ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("error", "says"),
    [
        (PermissionError(errno.EACCES, "Permission denied"), "Word/WPS"),
        (OSError(errno.ENOSPC, "No space left on device"), "磁盘空间不足"),
        (OSError(errno.EDQUOT, "Disk quota exceeded"), "磁盘空间不足"),
        (FileNotFoundError(errno.ENOENT, "No such file or directory"), "网络驱动器已断开"),
        (OSError(errno.EIO, "Input/output error"), "网络驱动器"),
        (OSError(errno.ESTALE, "Stale file handle"), "网络驱动器"),
        (OSError(errno.EROFS, "Read-only file system"), "只读"),
        (OSError(errno.EMLINK, "Too many links"), "请换一个位置"),
    ],
)
def test_each_os_error_is_explained_with_what_to_do(error: OSError, says: str) -> None:
    from app.core.atomic import explain_os_error

    message = explain_os_error(error, Path("D:/报告 草稿/报告.docx"))
    assert says in message
    assert_one_clear_sentence(message, names="报告.docx")


# --- the other stores -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["read-only", "network-gone"])
def test_a_pack_zip_into_an_unwritable_packs_folder_is_refused_in_one_sentence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    import zipfile

    from app.core.errors import TemplateError
    from app.render.pack import load_pack
    from app.render.pack_import import import_pack_zip

    source = load_pack("regulation").folder
    archive = tmp_path / "本局模板.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for f in source.iterdir():
            if f.is_file():
                zf.write(f, f"本局模板/{f.name}")
    packs = tmp_path / "packs"
    packs.mkdir()
    Injector(monkeypatch, kind, under(packs))
    with pytest.raises(TemplateError) as caught:
        import_pack_zip(archive, dest_root=packs)
    assert_one_clear_sentence(caught.value.message, names="packs")
    assert list(packs.iterdir()) == []


def test_a_phrase_library_in_an_unwritable_folder_is_one_sentence(tmp_path: Path, monkeypatch) -> None:
    from app.library.user import UserLibrary

    folder = tmp_path / "无权限 文件夹"
    Injector(monkeypatch, "read-only", under(folder))
    with pytest.raises(UserError) as caught:
        UserLibrary(folder / "sub" / "phrases.sqlite3")
    assert_one_clear_sentence(caught.value.message, names="phrases.sqlite3")


def test_the_draft_survives_a_save_and_a_second_try_after_the_disk_is_freed(tmp_path: Path, monkeypatch) -> None:
    world = World(tmp_path, "disk-full")
    session, path = dirty_session(world)
    Injector(monkeypatch, "disk-full", under(path.parent))
    with pytest.raises(UserError, match="磁盘空间不足"):
        session.save()
    monkeypatch.undo()
    session.save()
    assert [p.text for p in load_draft(path).preamble] == [TYPED] and not session.dirty
    assert json.loads(path.read_text("utf-8"))["format_version"] == 1
    save_draft(load_draft(path), path)  # and the file is an ordinary draft again

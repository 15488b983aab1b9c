"""Saving never loses the previous draft, never overwrites someone else's change, and one draft is
open in one place at a time."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.core.backups import list_rolling, side_backup_path
from app.core.draft_file import DraftChangedOnDiskError, load_draft, load_draft_with_state, save_draft
from app.core.lock import DraftLock, DraftLockedError, lock_path
from app.core.model import Draft, Meta, Paragraph


def draft(text: str) -> Draft:
    return Draft(meta=Meta(unit_name="某县信访局", year=2025), preamble=[Paragraph(text)])


def test_the_previous_version_is_kept_beside_the_draft_and_in_the_user_folder(tmp_path: Path) -> None:
    path = tmp_path / "报告.fzbg"
    save_draft(draft("第一版。"), path)
    save_draft(draft("第二版。"), path)
    save_draft(draft("第三版。"), path)
    assert load_draft(path).preamble[0].text == "第三版。"
    assert load_draft(side_backup_path(path)).preamble[0].text == "第二版。"
    assert [load_draft(p).preamble[0].text for p in list_rolling(path)] == ["第二版。", "第一版。"]


def test_saving_unchanged_content_adds_no_backup(tmp_path: Path) -> None:
    path = tmp_path / "a.fzbg"
    save_draft(draft("同一版。"), path)
    save_draft(draft("同一版。"), path)
    assert not side_backup_path(path).exists()
    assert list_rolling(path) == []


def test_a_draft_changed_on_disk_by_someone_else_is_not_silently_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "a.fzbg"
    save_draft(draft("我的版本。"), path)
    _, state = load_draft_with_state(path)
    save_draft(draft("同事的版本。"), path)  # someone else, through another program
    with pytest.raises(DraftChangedOnDiskError, match="修改过"):
        save_draft(draft("我的新版本。"), path, expected=state)
    assert load_draft(path).preamble[0].text == "同事的版本。"


def test_saving_over_our_own_last_save_is_allowed(tmp_path: Path) -> None:
    path = tmp_path / "a.fzbg"
    state = save_draft(draft("一。"), path)
    state = save_draft(draft("二。"), path, expected=state)
    save_draft(draft("三。"), path, expected=state)
    assert load_draft(path).preamble[0].text == "三。"


def test_a_second_lock_on_the_same_draft_is_refused_and_released_locks_free_it(tmp_path: Path) -> None:
    path = tmp_path / "a.fzbg"
    first = DraftLock.acquire(path)
    with pytest.raises(DraftLockedError, match="另一个窗口"):
        DraftLock.acquire(path)
    first.release()
    assert not lock_path(path).exists()
    DraftLock.acquire(path).release()


def test_a_lock_held_by_another_live_process_names_it(tmp_path: Path) -> None:
    path = tmp_path / "a.fzbg"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"from app.core.lock import DraftLock; DraftLock.acquire({str(path)!r}); "
            "import sys; sys.stdout.write('ok\\n'); sys.stdout.flush(); sys.stdin.read()",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "ok\n"
        with pytest.raises(DraftLockedError, match=f"进程 {holder.pid}"):
            DraftLock.acquire(path)
    finally:
        holder.kill()
        holder.wait()
    # The holder died without releasing: its lock is stale and taken over.
    DraftLock.acquire(path).release()


def test_a_lock_in_a_read_only_folder_does_not_stop_editing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_open = os.open

    def read_only(path: object, flags: int, *args: object) -> int:
        if str(path).endswith(".lock"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, flags, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", read_only)
    lock = DraftLock.acquire(tmp_path / "a.fzbg")
    lock.release()
    assert not lock_path(tmp_path / "a.fzbg").exists()


def test_a_saved_file_gets_the_permissions_of_the_file_it_replaces_or_of_any_new_file(tmp_path: Path) -> None:
    fresh = tmp_path / "new.fzbg"
    save_draft(draft("一。"), fresh)
    umask = os.umask(0)
    os.umask(umask)
    assert fresh.stat().st_mode & 0o777 == 0o666 & ~umask
    shared = tmp_path / "shared.fzbg"
    save_draft(draft("一。"), shared)
    shared.chmod(0o664)
    save_draft(draft("二。"), shared)
    assert shared.stat().st_mode & 0o777 == 0o664


def test_a_process_counts_as_alive_while_it_runs_and_not_after() -> None:
    from app.core.process import process_alive

    child = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE)
    assert process_alive(os.getpid()) and process_alive(child.pid)
    child.kill()
    child.wait()
    assert not process_alive(child.pid)
    assert not process_alive(0) and not process_alive(-1)

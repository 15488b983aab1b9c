"""Autosave clean-up and recovery rules: orphans of either kind are cleaned, an autosave the saved draft has
caught up with (identical) or overtaken (saved again since) is not offered, and superseded autosaves are kept
as rolling backups rather than lost."""

from __future__ import annotations

import datetime as dt
import json
import os
import time
from pathlib import Path

import pytest

from app.core.backups import list_rolling
from app.core.draft_file import load_draft, save_draft
from app.core.session import (
    AUTOSAVE_ORPHAN_AGE_S,
    Session,
    autosave_dir,
    discard_recovery,
    find_recoveries,
)
from app.render.pack import load_pack

DEAD_PID = 2**22 + 12345  # beyond any pid in use


def new_session(tmp_path: Path) -> Session:
    session = Session(base_dir=tmp_path / "data")
    session.new(load_pack("regulation").new_draft("晋城市信访局", "我局", 2025, "", dt.date(2026, 2, 20)))
    return session


def crashed_with(session: Session, text: str) -> str:
    """Types `text`, autosaves and dies without close(); returns the autosave's key."""
    session.set_preamble(text)
    assert session.autosave() is not None
    return session.key


def files(tmp_path: Path) -> list[str]:
    return sorted(p.name for p in autosave_dir(tmp_path / "data").iterdir())


def opened(tmp_path: Path, path: Path) -> Session:
    session = Session(base_dir=tmp_path / "data")
    session.open(path)
    return session


def preamble(path: Path) -> str:
    return "".join(p.text for p in load_draft(path).preamble)


def test_an_info_file_without_its_draft_is_cleaned_up_and_not_offered(tmp_path: Path) -> None:
    key = crashed_with(new_session(tmp_path), "导语。")
    (autosave_dir(tmp_path / "data") / f"{key}.fzbg").unlink()  # killed between the two files
    assert find_recoveries(tmp_path / "data") == []
    assert files(tmp_path) == []


def test_an_info_file_without_its_draft_of_a_running_instance_is_left_alone(tmp_path: Path) -> None:
    key = crashed_with(new_session(tmp_path), "导语。")
    folder = autosave_dir(tmp_path / "data")
    (folder / f"{key}.fzbg").unlink()
    info = folder / f"{key}.json"
    info.write_text(json.dumps({**json.loads(info.read_text("utf-8")), "pid": os.getppid()}), "utf-8")
    assert find_recoveries(tmp_path / "data") == []
    assert files(tmp_path) == [f"{key}.json"]  # it is between its two writes: not ours to remove


def test_a_draft_without_its_info_file_is_cleaned_up_once_clearly_abandoned(tmp_path: Path) -> None:
    key = crashed_with(new_session(tmp_path), "导语。")
    folder = autosave_dir(tmp_path / "data")
    (folder / f"{key}.json").unlink()
    orphan = folder / f"{key}.fzbg"
    assert find_recoveries(tmp_path / "data") == []
    assert orphan.exists()  # fresh: possibly a write in progress
    old = time.time() - AUTOSAVE_ORPHAN_AGE_S - 1
    os.utime(orphan, (old, old))
    assert find_recoveries(tmp_path / "data") == []
    assert files(tmp_path) == []


def test_a_kill_between_the_two_writes_of_a_first_autosave_leaves_only_an_info_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.core.session import autosave as autosave_module

    session = new_session(tmp_path)
    session.set_preamble("导语。")
    real = autosave_module.write_bytes_atomic

    def killed_at_the_draft(target: Path, data: bytes) -> None:
        if target.suffix == ".fzbg":
            raise KeyboardInterrupt  # stands for SIGKILL: nothing after this line runs
        real(target, data)

    monkeypatch.setattr(autosave_module, "write_bytes_atomic", killed_at_the_draft)
    with pytest.raises(KeyboardInterrupt):
        session.autosave()
    assert [Path(n).suffix for n in files(tmp_path)] == [".json"]
    monkeypatch.undo()
    assert find_recoveries(tmp_path / "data") == []
    assert files(tmp_path) == []


def test_an_autosave_identical_to_its_saved_draft_is_not_offered_and_removed(tmp_path: Path) -> None:
    first = new_session(tmp_path)
    path = first.save(tmp_path / "报告.fzbg")
    first.close()
    session = opened(tmp_path, path)
    session.set_preamble("改了。")
    session.set_preamble("")  # and back: dirty, but the same text as the file
    session.autosave()
    assert find_recoveries(tmp_path / "data") == []
    assert files(tmp_path) == []


def test_a_crash_after_edits_to_a_saved_draft_is_offered(tmp_path: Path) -> None:
    first = new_session(tmp_path)
    path = first.save(tmp_path / "报告.fzbg")
    first.close()
    crashed_with(opened(tmp_path, path), "崩溃前的修改。")
    (found,) = find_recoveries(tmp_path / "data")
    assert found.original == path
    assert preamble(found.draft_path) == "崩溃前的修改。"


def test_an_autosave_older_than_its_saved_draft_is_not_offered_but_kept_as_a_rolling_backup(tmp_path: Path) -> None:
    first = new_session(tmp_path)
    path = first.save(tmp_path / "报告.fzbg")
    first.close()
    crashed_with(opened(tmp_path, path), "崩溃前的修改。")
    # Later the draft was opened again (the offer declined) and saved with other work.
    later = Session(base_dir=tmp_path / "data")
    later.open(path, take_over=True)
    later.set_preamble("之后保存的版本。")
    later.save()
    later.close()
    assert find_recoveries(tmp_path / "data") == []
    assert files(tmp_path) == []
    assert "崩溃前的修改。" in [preamble(p) for p in list_rolling(path)]


def test_without_the_recorded_state_an_autosave_is_older_when_the_draft_was_written_after_it(tmp_path: Path) -> None:
    first = new_session(tmp_path)
    path = first.save(tmp_path / "报告.fzbg")
    first.close()
    key = crashed_with(opened(tmp_path, path), "崩溃前的修改。")
    info = autosave_dir(tmp_path / "data") / f"{key}.json"
    legacy = json.loads(info.read_text("utf-8"))
    del legacy["base_digest"]  # written by an earlier version of the program
    info.write_text(json.dumps(legacy), "utf-8")
    assert len(find_recoveries(tmp_path / "data")) == 1
    save_draft(load_pack("regulation").new_draft("晋城市信访局", "我局", 2026), path)
    later = time.time() + 5
    os.utime(path, (later, later))
    assert find_recoveries(tmp_path / "data") == []
    assert files(tmp_path) == []


def test_of_two_crashed_sessions_on_one_draft_the_newer_is_offered_the_older_kept_as_a_backup(
    tmp_path: Path,
) -> None:
    first = new_session(tmp_path)
    path = first.save(tmp_path / "报告.fzbg")
    first.close()
    crashed_with(opened(tmp_path, path), "第一次崩溃。")
    second = Session(base_dir=tmp_path / "data")
    second.open(path, take_over=True)
    newer = crashed_with(second, "第二次崩溃。")
    (found,) = find_recoveries(tmp_path / "data")
    assert found.key == newer
    assert files(tmp_path) == [f"{newer}.fzbg", f"{newer}.json"]
    assert "第一次崩溃。" in [preamble(p) for p in list_rolling(path)]


def test_a_crash_of_a_draft_whose_file_is_gone_is_still_offered(tmp_path: Path) -> None:
    first = new_session(tmp_path)
    path = first.save(tmp_path / "报告.fzbg")
    first.close()
    crashed_with(opened(tmp_path, path), "唯一的副本。")
    path.unlink()  # moved away, or on a network drive that is gone
    (found,) = find_recoveries(tmp_path / "data")
    assert preamble(found.draft_path) == "唯一的副本。"


def test_unsaved_drafts_of_several_killed_sessions_are_all_offered_newest_first_until_dealt_with(
    tmp_path: Path,
) -> None:
    keys = []
    for n in range(3):
        keys.append(crashed_with(new_session(tmp_path), f"第{n}份。"))
        time.sleep(0.01)
    found = find_recoveries(tmp_path / "data")
    assert [r.key for r in found] == keys[::-1]
    discard_recovery(found[0])  # 丢弃
    session = Session(base_dir=tmp_path / "data")
    session.recover(found[1])  # 恢复, then saved
    session.save(tmp_path / "恢复.fzbg")
    assert [r.key for r in find_recoveries(tmp_path / "data")] == [keys[0]]
    assert files(tmp_path) == [f"{keys[0]}.fzbg", f"{keys[0]}.json"]


def test_a_recovered_session_keeps_writing_the_same_autosave_and_a_normal_close_removes_it(tmp_path: Path) -> None:
    key = crashed_with(new_session(tmp_path), "崩溃前。")
    (found,) = find_recoveries(tmp_path / "data")
    session = Session(base_dir=tmp_path / "data")
    session.recover(found)
    session.set_preamble("恢复后又写了。")
    session.autosave()
    assert files(tmp_path) == [f"{key}.fzbg", f"{key}.json"]
    assert find_recoveries(tmp_path / "data", exclude=session.key) == []
    session.close()
    assert files(tmp_path) == []


def test_an_unreadable_info_file_is_skipped_and_left_alone(tmp_path: Path) -> None:
    key = crashed_with(new_session(tmp_path), "导语。")
    info = autosave_dir(tmp_path / "data") / f"{key}.json"
    info.write_bytes(b"\xff\x00 not json")
    assert find_recoveries(tmp_path / "data") == []
    assert files(tmp_path) == [f"{key}.fzbg", f"{key}.json"]

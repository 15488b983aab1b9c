"""The window under failures of the world: exporting over a DOCX that Word holds open, or saving into a read-only
folder, shows one message that says what to do, and the draft stays in the window, unsaved, and in the
autosave."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from app.core.draft_file import load_draft
from tests.test_wizard import _no_real_modal_dialogs, answer_dialogs, fill_report, open_window  # noqa: F401
from tests.test_world_failures import Injector, under

pytestmark = [
    pytest.mark.usefixtures("qapp"),
    pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="the failure injection asks /proc"),
]


def items_text(window) -> list[str]:
    return [p.text for s in window.session.draft.sections for i in s.items for p in i.paragraphs]


def assert_work_kept(window, written: list[str]) -> None:
    assert items_text(window) == written and window.session.dirty
    window.files.autosave()
    autosaved = load_draft(window.session._autosave_paths()[0])
    assert [p.text for s in autosaved.sections for i in s.items for p in i.paragraphs] == written


@pytest.mark.parametrize("kind", ["locked-by-word", "read-only"])
def test_export_over_a_docx_word_holds_open_says_so_once_and_keeps_the_draft(
    qtbot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, kind: str
) -> None:
    window = open_window(qtbot)
    fill_report(qtbot, window)
    written = items_text(window)
    target = tmp_path / "导出 文件夹" / "报告.docx"
    target.parent.mkdir()
    target.write_bytes(b"the report Word has open")
    asked = answer_dialogs(monkeypatch, save_to=target)
    Injector(monkeypatch, kind, under(target.parent))
    assert window.exports.export_docx() is None
    assert len(asked) == 1, asked
    message = asked[0].split("\n")[0]
    assert "报告.docx" in message and "Word/WPS" in message and "请关闭该文件或换一个文件夹" in message
    assert "草稿没有受影响" in asked[0]
    assert target.read_bytes() == b"the report Word has open"
    assert [p.name for p in target.parent.iterdir()] == ["报告.docx"]
    assert_work_kept(window, written)


def test_saving_into_a_folder_that_went_away_says_so_once_and_keeps_the_draft(
    qtbot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    window = open_window(qtbot)
    fill_report(qtbot, window)
    written = items_text(window)
    target = tmp_path / "网络 驱动器" / "报告.fzbg"
    target.parent.mkdir()
    asked = answer_dialogs(monkeypatch, save_to=target)
    Injector(monkeypatch, "network-gone", under(target.parent))
    assert window.files.save_as() is False
    assert len(asked) == 1 and "网络驱动器" in asked[0] and "没有丢失" in asked[0], asked
    assert list(target.parent.iterdir()) == []
    assert window.session.path is None
    assert_work_kept(window, written)

"""导入修改稿 driven as a clerk drives it: the menu, the file chooser, the list of parts, the diff, untick
one part, apply; the window shows the leader's text, and one undo gives the draft back."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from app.core.draft_file import load_draft
from app.ui.revision_import_dialog import RevisionImportDialog
from tests.test_import_into import NEW_PARAGRAPH, make_edited
from tests.test_import_revisions import _revised_report
from tests.test_wizard import answer_dialogs, open_window

pytestmark = pytest.mark.usefixtures("qapp")


@pytest.fixture
def edited(tmp_path: Path) -> tuple[Path, Path]:
    return make_edited(tmp_path)


def test_the_dialog_applies_the_ticked_parts_as_one_undoable_step(
    qtbot, monkeypatch: pytest.MonkeyPatch, edited: tuple[Path, Path]
) -> None:
    answer_dialogs(monkeypatch, question=QMessageBox.StandardButton.Discard)
    draft_path, revised = edited
    window = open_window(qtbot)
    assert window.open_path(draft_path, ask_first=False)
    before = load_draft(draft_path)

    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(revised), ""))
    shown: list[RevisionImportDialog] = []

    def drive(dialog: RevisionImportDialog) -> int:
        shown.append(dialog)
        assert "已按“接受全部修订后的文字”导入" in dialog.notes.text()
        titles = [dialog.changes.item(r).text().split("\n")[0] for r in range(dialog.changes.count())]
        assert titles == [before.sections[i].heading for i in (0, 1, 3)]
        dialog.changes.setCurrentRow(1)
        html = dialog.diff.toHtml()
        assert "line-through" in html and "不断" in dialog.diff.toPlainText()
        dialog.changes.item(2).setCheckState(Qt.CheckState.Unchecked)  # the plans stay as drafted
        qtbot.mouseClick(dialog.apply, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(RevisionImportDialog, "exec", drive)
    menu_action = next(a for a in window.findChildren(type(window.undo_action)) if a.text() == "导入修改稿(&M)…")
    menu_action.trigger()
    assert shown and shown[0].result() == QDialog.DialogCode.Accepted

    draft = window.session.draft
    assert any(p.text == NEW_PARAGRAPH for p in draft.sections[0].items[2].paragraphs)
    assert "持续强化履职担当" in draft.sections[1].preamble[0].text
    assert draft.sections[3].items[0].heading == before.sections[3].items[0].heading  # unticked: unchanged
    qtbot.waitUntil(lambda: NEW_PARAGRAPH in window.preview.toPlainText())
    assert window.session.dirty

    assert window.session.undo_label == f"导入修改稿“{revised.name}”"
    window.session.undo()
    assert (draft.meta, draft.preamble, draft.sections, draft.closing) == (
        before.meta,
        before.preamble,
        before.sections,
        before.closing,
    )
    qtbot.waitUntil(lambda: NEW_PARAGRAPH not in window.preview.toPlainText())


def test_the_original_state_can_be_chosen_and_nothing_ticked_applies_nothing(qtbot, edited: tuple[Path, Path]) -> None:
    draft_path, revised = edited
    window = open_window(qtbot)
    assert window.open_path(draft_path, ask_first=False)
    dialog = RevisionImportDialog(window.session, window, path=revised)
    qtbot.addWidget(dialog)
    accepted_count = dialog.changes.count()
    dialog.state.setCurrentIndex(1)  # 修订前的原文: the tracked edits are not taken
    assert "拒绝全部修订" in dialog.notes.text()
    assert dialog.changes.count() < accepted_count
    qtbot.mouseClick(dialog.none, Qt.MouseButton.LeftButton)
    assert not dialog.apply.isEnabled()
    qtbot.mouseClick(dialog.all, Qt.MouseButton.LeftButton)
    assert dialog.apply.isEnabled()


def test_importing_a_report_with_revisions_says_so(qtbot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    answer_dialogs(monkeypatch, question=QMessageBox.StandardButton.Discard)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a, **k: told.append(text))
    path = tmp_path / "修改稿.docx"
    _revised_report(path)
    window = open_window(qtbot)
    assert window.import_report(path)
    (message,) = told
    assert "文档中有未处理的修订" in message and "已按“接受全部修订后的文字”导入" in message
    assert "批注 李科长：请核实办结率口径" in message and "文本框" in message

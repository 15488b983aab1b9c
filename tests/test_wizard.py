"""The wizard window driven as a clerk drives it: typing, clicking, keys; modal dialogs answered by patches."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QMessageBox

from app.core.draft_file import load_draft
from app.core.model import SectionKind
from app.core.session import find_recoveries
from app.ui.main_window import MainWindow
from tests.pdf_probe import squeeze

pytestmark = pytest.mark.usefixtures("qapp")


def type_in(widget, text: str) -> None:
    """Types Chinese the way a clerk does, through the input method: each line committed as the IME commits
    it, Return between lines. (QTest's key clicks only know ASCII.)"""
    widget.setFocus()
    for n, line in enumerate(text.split("\n")):
        if n:
            QTest.keyClick(widget, Qt.Key.Key_Return)
        event = QInputMethodEvent()
        event.setCommitString(line)
        QApplication.sendEvent(widget, event)


def answer_dialogs(monkeypatch: pytest.MonkeyPatch, save_to: Path | None = None, question=None, button=None) -> list:
    """Answers the window's modal dialogs; returns the list of texts they were asked with."""
    asked: list[str] = []
    if save_to is not None:
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(save_to), ""))
    reply = question or QMessageBox.StandardButton.Yes

    def ask(_parent, _title, text, *args, **kwargs):
        asked.append(text)
        return reply

    monkeypatch.setattr(QMessageBox, "question", ask)
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: asked.append(text))

    def exec_box(box: QMessageBox) -> int:
        asked.append(box.text())
        wanted = next((b for b in box.buttons() if b.text() == button), None)
        (wanted or box.buttons()[-1]).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_box)
    return asked


@pytest.fixture(autouse=True)
def _no_real_modal_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    """A modal dialog nobody answers would hang the run: windows left with unsaved work are discarded."""
    answer_dialogs(monkeypatch, question=QMessageBox.StandardButton.Discard)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: ("", ""))


def open_window(qtbot) -> MainWindow:
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    return window


def step_rows(window: MainWindow) -> list[str]:
    return [window.steps.item(i).text() for i in range(window.steps.count())]


def write_item(qtbot, window: MainWindow, heading: str, body: str) -> None:
    page = window.section_page
    qtbot.mouseClick(page.add_btn, Qt.MouseButton.LeftButton)
    type_in(page.item_heading, heading)
    type_in(page.editor, body)


def fill_report(qtbot, window: MainWindow) -> None:
    info = window.info_page
    type_in(info.unit, "晋城市信访局")
    info.year.setValue(2025)
    type_in(info.addressee, "中共晋城市委、晋城市人民政府")
    info.has_date.setChecked(True)
    info.date.setDate(QDate(2026, 2, 20))

    qtbot.mouseClick(window.next, Qt.MouseButton.LeftButton)  # → 导语
    assert window.stack.currentWidget() is window.preamble_page
    qtbot.mouseClick(window.preamble_page.use, Qt.MouseButton.LeftButton)
    type_in(window.preamble_page.closing, "特此报告。")

    for n, section in enumerate(list(window.session.draft.sections)):
        window.go_to_key(f"section:{section.id}")
        write_item(qtbot, window, f"第{n + 1}部分甲项", f"甲项正文{n + 1}。")
        write_item(qtbot, window, f"第{n + 1}部分乙项", f"乙项正文{n + 1}。")


def test_a_report_written_in_the_wizard_is_saved_and_reopened_as_written(
    qtbot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    window = open_window(qtbot)
    fill_report(qtbot, window)
    draft = window.session.draft
    assert draft.meta.unit_name == "晋城市信访局" and draft.meta.date == dt.date(2026, 2, 20)
    assert draft.preamble[0].text.startswith("2025年，我局") and draft.preamble[0].text.endswith("如下：")

    # Reorder the two items of 举措成效 by keyboard: 乙项 is selected after typing, Alt+Up moves it first.
    window.go_to_key(f"section:{draft.sections[0].id}")
    tree = window.section_page.tree
    tree.setCurrentItem(tree.topLevelItem(2))
    tree.setFocus()
    qtbot.keyClick(tree, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert [i.heading for i in draft.sections[0].items] == ["第1部分乙项", "第1部分甲项"]
    assert tree.topLevelItem(1).text(0) == "（一）第1部分乙项"

    assert window.preview_timer.isActive()  # the preview waits for a pause in typing
    qtbot.waitUntil(lambda: "（一）第1部分乙项" in window.preview.toPlainText())
    assert window.stats.text().startswith("本部分 ") and "全文" in window.stats.text()
    assert window.windowTitle() == "未命名报告* — 法治报告助手"

    target = tmp_path / "晋城2025.fzbg"
    answer_dialogs(monkeypatch, save_to=target)
    assert window.save()
    assert window.windowTitle() == "晋城2025.fzbg — 法治报告助手"
    window.close()

    again = open_window(qtbot)
    assert again.open_path(target)
    reopened = again.session.draft
    assert [i.heading for i in reopened.sections[0].items] == ["第1部分乙项", "第1部分甲项"]
    assert [p.text for p in reopened.sections[3].items[1].paragraphs] == ["乙项正文4。"]
    assert reopened.closing[0].text == "特此报告。"
    again.refresh_live()
    text = again.preview.toPlainText()
    assert "中共晋城市委、晋城市人民政府：" in text and "2026年2月20日" in text
    assert text.index("（一）第1部分乙项") < text.index("（二）第1部分甲项")


def test_the_report_exports_to_a_docx_with_the_text_as_written(
    qtbot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    pytest.importorskip("app.render.docx_writer", reason="the DOCX writer (branch docx) has not landed yet")
    import docx

    window = open_window(qtbot)
    fill_report(qtbot, window)
    asked = answer_dialogs(monkeypatch, save_to=tmp_path / "报告.docx", button="关闭")
    window.go_to_key("generate")
    qtbot.mouseClick(window.generate_page.export, Qt.MouseButton.LeftButton)
    assert (tmp_path / "报告.docx").is_file(), asked
    text = "\n".join(p.text for p in docx.Document(str(tmp_path / "报告.docx")).paragraphs)
    assert "晋城市信访局关于2025年" in text
    assert "（一）第1部分甲项" in text and "乙项正文5。" in text
    assert window.generate_page.open_file.isVisible()


def test_export_failure_is_explained_in_one_sentence_and_the_draft_is_kept(
    qtbot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    pytest.importorskip("app.render.docx_writer", reason="the DOCX writer (branch docx) has not landed yet")
    window = open_window(qtbot)
    fill_report(qtbot, window)
    missing = tmp_path / "没有这个文件夹" / "报告.docx"
    asked = answer_dialogs(monkeypatch, save_to=missing)
    assert window.export_docx() is None
    assert len(asked) == 1 and "文件夹不存在" in asked[0] and "草稿没有受影响" in asked[0]
    assert not missing.exists()
    assert window.session.draft.sections[0].items  # nothing lost
    assert window.session.dirty


def test_a_crash_after_an_autosave_is_recovered_on_the_next_start(qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    crashed = MainWindow()
    crashed.show()
    type_in(crashed.info_page.unit, "南岸区信访办")
    crashed.go_to_key("preamble")
    type_in(crashed.preamble_page.editor, "崩溃前写下的导语。")
    assert crashed.autosave_timer.isActive() and crashed.autosave_timer.interval() == 30_000
    crashed.go_to_key("info")  # a step change autosaves, as the 30-second timer does
    crashed.autosave_timer.stop()
    crashed.hide()  # the process dies: no closeEvent, no save, no cleanup
    assert len(find_recoveries()) == 1

    window = open_window(qtbot)
    asked = answer_dialogs(monkeypatch, button="恢复")
    assert window.offer_recovery()
    assert "南岸区信访办" in asked[0]
    assert window.session.draft.meta.unit_name == "南岸区信访办"
    assert window.session.draft.preamble[0].text == "崩溃前写下的导语。"
    assert window.windowTitle().startswith("未命名报告*")
    assert window.info_page.unit.text() == "南岸区信访办"
    crashed.deleteLater()


def test_closing_with_unsaved_work_asks_first_and_cancel_keeps_the_window(
    qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window(qtbot)
    type_in(window.info_page.unit, "某局")
    asked = answer_dialogs(monkeypatch, question=QMessageBox.StandardButton.Cancel)
    window.close()
    assert window.isVisible() and "尚未保存" in asked[0]
    window.new_blank()
    assert window.session.draft.meta.unit_name == "某局"
    answer_dialogs(monkeypatch, question=QMessageBox.StandardButton.Discard)
    window.close()
    assert not window.isVisible()
    assert find_recoveries() == []


def test_ctrl_z_outside_a_text_box_undoes_the_last_structural_edit(qtbot) -> None:
    window = open_window(qtbot)
    window.go_to(2)
    write_item(qtbot, window, "要删的项", "正文。")
    qtbot.mouseClick(window.section_page.remove_btn, Qt.MouseButton.LeftButton)
    assert window.session.draft.sections[0].items == []
    window.section_page.tree.setFocus()
    window.undo_action.trigger()
    assert [i.heading for i in window.session.draft.sections[0].items] == ["要删的项"]


def test_typing_is_undone_by_the_editor_not_by_the_session(qtbot) -> None:
    window = open_window(qtbot)
    window.go_to(2)
    write_item(qtbot, window, "项", "甲乙")
    window.section_page.editor.setFocus()
    window.undo_action.trigger()
    assert window.session.draft.sections[0].items  # the item is still there
    assert window.section_page.editor.toPlainText() != "甲乙"


def test_ctrl_page_down_and_up_walk_the_steps(qtbot) -> None:
    window = open_window(qtbot)
    window.activateWindow()
    qtbot.waitActive(window)
    window.steps.setFocus()
    qtbot.keyClick(window.steps, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key() == "preamble"
    window.preamble_page.editor.setFocus()
    QApplication.processEvents()
    qtbot.keyClick(window.preamble_page.editor, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key().startswith("section:")
    window.section_page.tree.setFocus()
    QApplication.processEvents()
    qtbot.keyClick(window.section_page.tree, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key() == "preamble"


def test_sections_added_removed_and_moved_renumber_the_steps(qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(qtbot)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("学习贯彻习近平法治思想情况", True))
    window.go_to(2)
    window.add_custom_section()
    rows = step_rows(window)
    assert rows[3] == "二、学习贯彻习近平法治思想情况"
    assert window.current_key() == f"section:{window.session.draft.sections[1].id}"
    qtbot.mouseClick(window.section_page.section_up, Qt.MouseButton.LeftButton)
    assert step_rows(window)[2] == "一、学习贯彻习近平法治思想情况"
    assert window.section_page.section_remove.isEnabled()
    qtbot.mouseClick(window.section_page.section_remove, Qt.MouseButton.LeftButton)
    assert step_rows(window)[2] == "一、2025年推进法治政府建设的主要举措和成效"
    window.go_to(2)
    assert not window.section_page.section_remove.isEnabled()  # 举措成效 is required


def test_renaming_a_section_renames_its_step_and_heading(qtbot) -> None:
    window = open_window(qtbot)
    window.go_to(3)
    heading = window.section_page.heading
    heading.selectAll()
    type_in(heading, "工作中存在的不足和原因")
    qtbot.keyClick(heading, Qt.Key.Key_Return)
    assert step_rows(window)[3] == "二、工作中存在的不足和原因"


def test_dropping_an_item_onto_another_nests_it_and_one_undo_restores(qtbot) -> None:
    window = open_window(qtbot)
    window.go_to(2)
    write_item(qtbot, window, "甲", "甲文。")
    write_item(qtbot, window, "乙", "乙文。")
    tree = window.section_page.tree
    moved = tree.takeTopLevelItem(2)
    tree.topLevelItem(1).addChild(moved)  # what a drop of 乙 onto 甲 leaves in the tree
    tree.dropped.emit()
    items = window.session.draft.sections[0].items
    assert [i.heading for i in items] == ["甲"] and [c.heading for c in items[0].children] == ["乙"]
    assert tree.topLevelItem(1).child(0).text(0) == "1.乙"
    window.section_page.tree.setFocus()
    window.undo_action.trigger()
    assert [i.heading for i in window.session.draft.sections[0].items] == ["甲", "乙"]


def test_step_icons_show_empty_then_complete_and_findings_for_example_figures(qtbot) -> None:
    window = open_window(qtbot)
    assert window.steps.item(2).data(Qt.ItemDataRole.UserRole) == "empty"
    window.go_to(2)
    write_item(qtbot, window, "学法", "全年学习9次。")
    window.refresh_live()
    qtbot.waitUntil(lambda: not window.checks_pending)
    assert window.steps.item(2).data(Qt.ItemDataRole.UserRole) == "complete"
    paragraph = window.session.draft.sections[0].items[0].paragraphs[0]
    paragraph.source.examples = ["9次"]
    window.refresh_live()
    qtbot.waitUntil(lambda: not window.checks_pending)
    assert window.steps.item(2).data(Qt.ItemDataRole.UserRole) == "findings"
    window.go_to_key("generate")
    texts = [window.generate_page.findings.item(i).text() for i in range(window.generate_page.findings.count())]
    assert any("9次" in t and "示例" in t for t in texts)


def test_a_report_started_from_last_years_shows_its_plans_as_a_checklist(
    qtbot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    last = Path(__file__).resolve().parents[1] / "examples" / "xiamen-xinfangju-2022.fzbg"
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(last), ""))
    window = open_window(qtbot)
    window.new_from_last_year()
    draft = window.session.draft
    assert draft.meta.year == load_draft(last).meta.year + 1
    measures = next(s for s in draft.sections if s.kind is SectionKind.MEASURES)
    window.go_to_key(f"section:{measures.id}")
    page = window.section_page
    assert page.checklist_box.isVisible()
    assert [page.checklist.item(i).text() for i in range(page.checklist.count())] == [
        "依法化解信访问题",
        "提升干部法治素养",
    ]
    page.checklist.item(0).setCheckState(Qt.CheckState.Checked)
    assert window.session.checklist[0].done


def test_the_find_box_jumps_to_the_item_containing_the_text(qtbot) -> None:
    window = open_window(qtbot)
    window.go_to(3)
    write_item(qtbot, window, "不足", "基层法治意识有待提高。")
    window.go_to(0)
    type_in(window.find_box, "法治意识")
    qtbot.keyClick(window.find_box, Qt.Key.Key_Return)
    assert window.current_key() == f"section:{window.session.draft.sections[1].id}"
    assert window.section_page.editor.textCursor().selectedText() == "法治意识"


def test_recent_files_and_geometry_are_remembered(qtbot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    window = open_window(qtbot)
    answer_dialogs(monkeypatch, save_to=tmp_path / "甲.fzbg")
    window.save()
    window.close()
    again = open_window(qtbot)
    assert [p.name for p in again.recent.existing()] == ["甲.fzbg"]
    again._fill_recent_menu()
    assert "甲.fzbg" in again.recent_menu.actions()[0].text()


def test_the_geometry_setting_is_written_on_close(qtbot) -> None:
    from app.ui.settings import settings

    window = open_window(qtbot)
    window.close()
    assert settings().value("geometry") is not None


def test_fzbg_with_a_draft_opens_it_and_quits_after_the_first_paint_when_asked(tmp_path: Path) -> None:
    # In a process of its own: run_gui owns the application's event loop.
    import os
    import subprocess
    import sys

    draft = Path(__file__).resolve().parents[1] / "examples" / "xiamen-xinfangju-2022.fzbg"
    script = (
        "import sys\n"
        "from app.ui.main_window import MainWindow\n"
        "real = MainWindow.open_path\n"
        "def spy(self, path, ask_first=True):\n"
        "    ok = real(self, path, ask_first)\n"
        "    print(self.windowTitle(), self.session.draft.meta.year, ok)\n"
        "    return ok\n"
        "MainWindow.open_path = spy\n"
        "from app.cli.main import main\n"
        f"sys.exit(main([{str(draft)!r}]))\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "FZBG_QUIT_AFTER_SHOW": "1"}
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=draft.parents[1], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "xiamen-xinfangju-2022.fzbg — 法治报告助手 2022 True"
    assert not draft.with_name(draft.name + ".lock").exists()


@pytest.mark.fonts
def test_printing_writes_the_report_on_a4_pages(qtbot, tmp_path: Path) -> None:
    from PySide6.QtPrintSupport import QPrinter

    window = open_window(qtbot)
    fill_report(qtbot, window)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "打印.pdf"))
    window.print_to(printer)
    from pypdf import PdfReader

    reader = PdfReader(str(tmp_path / "打印.pdf"))
    assert round(float(reader.pages[0].mediabox.width)) == 595  # A4: 210 mm
    text = "".join(page.extract_text() for page in reader.pages)
    assert "第1部分甲项" in squeeze(text)  # a PDF reader splits the text where the face changes at digits


def test_text_still_as_last_year_wrote_it_is_pointed_out(qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    last = Path(__file__).resolve().parents[1] / "examples" / "nanan-xinfangban-2024.fzbg"
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(last), ""))
    window = open_window(qtbot)
    window.new_from_last_year()
    window.go_to_key("generate")
    texts = [window.generate_page.findings.item(i).text() for i in range(window.generate_page.findings.count())]
    assert any("去年" in t and "原文" in t for t in texts), texts


def test_typing_does_not_compose_the_preview_per_keystroke_only_after_a_pause(
    qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    import app.render.compose as compose_module

    window = open_window(qtbot)
    window.go_to(2)
    qtbot.mouseClick(window.section_page.add_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.preview_timer.isActive())
    calls: list[int] = []
    real = compose_module.compose
    monkeypatch.setattr(compose_module, "compose", lambda draft, pack=None: calls.append(1) or real(draft, pack))
    for ch in "全年组织学习九次":
        type_in(window.section_page.editor, ch)
    assert calls == []  # eight keystrokes, no composition yet
    qtbot.waitUntil(lambda: bool(calls))
    assert len(calls) == 1 and "全年组织学习九次" in window.preview.toPlainText()

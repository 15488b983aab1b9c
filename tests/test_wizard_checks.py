"""The 检查与生成 step with the checks (app.checks): findings listed, jumped to, fixed and undone."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from app.core.location import GENERATE, Step
from app.core.model import Item, Paragraph
from app.render.pack import load_pack
from app.ui.main_window import MainWindow

pytest.importorskip("app.checks", reason="the checks (branch checks) have not landed yet")

pytestmark = pytest.mark.usefixtures("qapp")


@pytest.fixture(autouse=True)
def _no_real_modal_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))


def held_checks(monkeypatch: pytest.MonkeyPatch) -> tuple[threading.Event, threading.Event, threading.Event]:
    """The worker's checks wait until released: (started, release, ended)."""
    from app.checks import wizard

    started, release, ended = threading.Event(), threading.Event(), threading.Event()
    real = wizard.checks_findings

    def held(draft, previous=None):
        started.set()
        try:
            assert release.wait(10), "the test never let the checks finish"
            return real(draft, previous)
        finally:
            ended.set()

    monkeypatch.setattr(wizard, "checks_findings", held)
    return started, release, ended


def window_with(qtbot, text: str) -> MainWindow:
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    draft = load_pack("regulation").new_draft("晋城市信访局", "我局", 2025)
    draft.sections[0].items = [Item("学法普法", [Paragraph("第一段。"), Paragraph(text)])]
    window.session.new(draft)
    window.go_to_step(GENERATE)
    return window


def finding_rows(window: MainWindow) -> list[str]:
    page = window.generate_page
    return [page.findings.item(i).text() for i in range(page.findings.count())]


def test_the_checks_findings_are_listed_with_their_severity(qtbot) -> None:
    window = window_with(qtbot, "全年组织学习9次,开展宣传12场.")
    rows = finding_rows(window)
    assert any(r.startswith("【") and "," in r for r in rows), rows


def test_a_finding_opens_its_item_with_the_offending_text_selected(qtbot) -> None:
    window = window_with(qtbot, "全年组织学习9次,开展宣传12场.")
    page = window.generate_page
    row = next(
        i for i, f in enumerate(page.shown) if f.location is not None and f.location.ref.part.value == "item_paragraph"
    )
    page.findings.setCurrentRow(row)
    page.go_to_finding.emit(page.current())
    assert window.current_step() == Step.section(window.session.draft.sections[0].id)
    selected = window.section_page.editor.textCursor().selectedText()
    assert selected and selected in page.shown[row].excerpt


def test_a_fix_is_applied_in_one_click_and_undone_with_ctrl_z(qtbot) -> None:
    window = window_with(qtbot, "全年组织学习9次,开展宣传12场.")
    page = window.generate_page
    row = next(i for i, f in enumerate(page.shown) if f.fix is not None)
    page.findings.setCurrentRow(row)
    qtbot.mouseClick(page.fix, Qt.MouseButton.LeftButton)
    fixed = window.session.draft.sections[0].items[0].paragraphs[1].text
    assert fixed != "全年组织学习9次,开展宣传12场."
    page.findings.setFocus()
    window.menu.undo_action.trigger()
    assert window.session.draft.sections[0].items[0].paragraphs[1].text == "全年组织学习9次,开展宣传12场."


def test_fix_all_corrects_every_safe_finding_at_once(qtbot) -> None:
    window = window_with(qtbot, "全年组织学习9次,开展宣传12场.")
    qtbot.mouseClick(window.generate_page.fix_all, Qt.MouseButton.LeftButton)
    assert "," not in window.session.draft.sections[0].items[0].paragraphs[1].text
    assert not any("," in r and "标点" in r for r in finding_rows(window))


def test_a_pause_in_typing_does_not_wait_for_the_checks(qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    window = window_with(qtbot, "全年学习9次。")
    window.go_to(2)
    started, release, _ = held_checks(monkeypatch)
    window.session.draft.sections[0].items[0].paragraphs[1].text = "全年学习9次，,"  # a doubled comma to find
    window.session.touch()
    window.refresh_live()  # returns with the checks still running: typing goes on meanwhile
    assert started.wait(5) and window.checks.pending
    assert "全年学习9次，," in window.preview.toPlainText()
    release.set()
    qtbot.waitUntil(lambda: not window.checks.pending)
    assert any("，," in (f.excerpt or "") for f in window.checks.found)


def test_findings_for_a_draft_that_changed_meanwhile_are_not_shown(qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    from app.checks import wizard

    window = window_with(qtbot, "第二段。")
    window.go_to(2)
    release = threading.Event()
    real = wizard.checks_findings
    seen: list[str] = []

    def gated(draft, previous=None):
        release.wait(10)
        seen.append(draft.sections[0].items[0].paragraphs[1].text)
        return real(draft, previous)

    monkeypatch.setattr(wizard, "checks_findings", gated)
    window.refresh_live()
    shown: list[object] = []
    window.checks.worker.finished.connect(lambda revision, _result: shown.append(revision))
    paragraph = window.session.draft.sections[0].items[0].paragraphs[1]
    paragraph.text = "改过的第二段。"
    window.session.touch()
    window.refresh_live()  # asked while the first run is still going: served when it ends
    release.set()
    qtbot.waitUntil(lambda: not window.checks.pending)
    assert seen == ["第二段。", "改过的第二段。"]  # each run read the copy taken when it was asked for
    assert shown == [window.session.revision]  # the overtaken run's findings were dropped, not shown


def test_closing_the_window_waits_for_the_checks_running_and_starts_no_more(
    qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = window_with(qtbot, "第二段。")
    window.go_to(2)
    started, release, ended = held_checks(monkeypatch)
    window.refresh_live()
    assert started.wait(5)
    threading.Timer(0.3, release.set).start()
    window.close()  # a run is going: the close waits for it rather than leave it to the shutdown
    assert ended.is_set()
    checks = window.checks.worker
    started.clear()
    window.refresh_live()
    assert not started.wait(0.5) and not checks.busy

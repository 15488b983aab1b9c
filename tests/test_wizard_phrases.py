"""The phrase panel in the real window: suggestions while typing, insertion with sources, typical headings."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from app.core.location import PREAMBLE, Step
from app.core.model import Origin
from app.ui.main_window import MainWindow
from tests.test_wizard import _no_real_modal_dialogs, type_in  # noqa: F401
from tests.test_wizard import open_window as open_plain_window

pytest.importorskip("app.library", reason="the phrase library (branch library) has not landed yet")

pytestmark = pytest.mark.usefixtures("qapp")


def open_window(qtbot) -> MainWindow:
    window = open_plain_window(qtbot)
    type_in(window.info_page.unit, "晋城市信访局")
    window.go_to(2)  # 举措成效
    window.side_tabs.setCurrentWidget(window.phrases)
    return window


def test_typing_brings_matching_suggestions_once_typing_pauses(qtbot) -> None:
    window = open_window(qtbot)
    page, panel = window.section_page, window.phrases
    qtbot.mouseClick(page.add_btn, Qt.MouseButton.LeftButton)
    type_in(page.item_heading, "加强普法宣传")
    type_in(page.editor, "开展普法宣传")
    assert panel.typed == "开展普法宣传"
    qtbot.waitUntil(lambda: bool(panel.hits))
    assert any("普法" in h.phrase.plain for h in panel.hits[:5])
    assert panel.results.item(0).toolTip().startswith("出自")


def test_an_inserted_phrase_is_filled_for_the_unit_and_keeps_its_examples_marked(qtbot) -> None:
    window = open_window(qtbot)
    page, panel = window.section_page, window.phrases
    qtbot.mouseClick(page.add_btn, Qt.MouseButton.LeftButton)
    type_in(page.item_heading, "信访工作")
    panel.search.setText("信访总量")
    qtbot.waitUntil(lambda: bool(panel.hits))
    with_examples = next(
        (i for i, h in enumerate(panel.hits) if "⟦" in h.phrase.text and "{" not in h.phrase.text), None
    )
    if with_examples is None:
        pytest.skip("no phrase with example figures for this query in the shipped library")
    panel.results.setCurrentRow(with_examples)
    qtbot.mouseClick(panel.as_paragraph, Qt.MouseButton.LeftButton)
    paragraph = window.session.draft.sections[0].items[0].paragraphs[-1]
    assert paragraph.source.origin is Origin.PHRASE and paragraph.source.examples
    assert "⟦" not in paragraph.text
    assert page.editor.highlighter.examples == paragraph.source.examples
    window.refresh_live()
    qtbot.waitUntil(lambda: not window.checks.pending)
    assert window.steps.item(2).data(Qt.ItemDataRole.UserRole) == "findings"


def test_a_typical_heading_is_one_click_away_as_a_new_item(qtbot) -> None:
    window = open_window(qtbot)
    panel = window.phrases
    panel.set_context(window.session.draft.sections[0].kind, "", "")
    panel.run_search()
    buttons = [panel.typical.itemAt(i).widget() for i in range(panel.typical.count())]
    assert buttons
    qtbot.mouseClick(buttons[0], Qt.MouseButton.LeftButton)
    items = window.session.draft.sections[0].items
    assert len(items) == 1 and items[0].heading and items[0].heading in buttons[0].toolTip()


def test_starred_phrases_stay_under_the_favourites_filter_and_hidden_ones_go(qtbot) -> None:
    window = open_window(qtbot)
    panel = window.phrases
    panel.search.setText("普法")
    panel.run_search()
    first, second = panel.hits[0].phrase.id, panel.hits[1].phrase.id
    panel.results.setCurrentRow(0)
    qtbot.mouseClick(panel.star, Qt.MouseButton.LeftButton)
    panel.starred_only.setChecked(True)
    panel.run_search()
    assert [h.phrase.id for h in panel.hits] == [first]
    panel.starred_only.setChecked(False)
    panel.run_search()
    row = next(i for i, h in enumerate(panel.hits) if h.phrase.id == second)
    panel.results.setCurrentRow(row)
    qtbot.mouseClick(panel.hide_btn, Qt.MouseButton.LeftButton)
    assert second not in [h.phrase.id for h in panel.hits]


def test_a_first_draft_from_the_library_fills_every_section(qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(qtbot)
    window.files.new_from_library()
    draft = window.session.draft
    assert draft.meta.unit_name == "晋城市信访局"
    assert sum(1 for s in draft.sections if window.session.section_status(draft.sections.index(s)) != "empty") >= 3
    assert window.session.dirty


def test_a_finished_report_opens_through_the_importer_as_an_unsaved_draft(qtbot, tmp_path: Path) -> None:
    samples = Path(__file__).resolve().parents[1] / "resources" / "samples"
    window = open_window(qtbot)
    assert window.files.open_path(samples / "jincheng-xinfangju-2021.txt", ask_first=False)
    assert window.session.path is None and window.session.dirty
    assert window.session.draft.sections


def test_each_section_written_partly_by_typing_and_partly_from_phrases_survives_save_and_reopen(
    qtbot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    window = open_window(qtbot)
    page, panel = window.section_page, window.phrases
    for section in list(window.session.draft.sections):
        window.go_to_step(Step.section(section.id))
        qtbot.mouseClick(page.add_btn, Qt.MouseButton.LeftButton)
        type_in(page.item_heading, "自己写的小标题")
        type_in(page.editor, "自己写的一句话。")
        panel.set_context(section.kind, "自己写的小标题", "")
        panel.run_search()
        row = next(i for i, h in enumerate(panel.hits) if h.phrase.kind.value != "heading")
        panel.results.setCurrentRow(row)
        qtbot.mouseClick(panel.as_paragraph, Qt.MouseButton.LeftButton)
    target = tmp_path / "混写.fzbg"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    assert window.files.save()
    window.close()

    again = MainWindow()
    qtbot.addWidget(again)
    assert again.files.open_path(target, ask_first=False)
    for section in again.session.draft.sections:
        paragraphs = section.items[0].paragraphs
        assert paragraphs[0].text == "自己写的一句话。" and paragraphs[0].source.origin is Origin.TYPED
        assert paragraphs[1].source.origin is Origin.PHRASE and paragraphs[1].source.ref


def test_on_the_preamble_step_the_panel_offers_openings_and_inserts_at_the_cursor(qtbot) -> None:
    window = open_window(qtbot)
    window.go_to_step(PREAMBLE)
    panel = window.phrases
    panel.run_search()
    assert panel.hits and all(h.phrase.kind.value in ("preamble", "formula") for h in panel.hits)
    panel.results.setCurrentRow(0)
    qtbot.mouseClick(panel.at_cursor, Qt.MouseButton.LeftButton)
    assert window.session.draft.preamble and window.session.draft.preamble[0].source.origin is Origin.PHRASE


def test_the_library_is_loaded_once_the_window_is_painted_not_before(qtbot) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    assert not window.phrases.loaded  # constructing the window does not wait for the library
    with qtbot.waitSignal(window.ready, timeout=10_000):
        window.show()
    assert window.is_ready and window.phrases.loaded
    qtbot.waitUntil(lambda: bool(window.blocks))  # then the preview is composed


def test_a_hidden_phrase_panel_does_not_search_on_every_keystroke(qtbot) -> None:
    window = open_window(qtbot)
    page, panel = window.section_page, window.phrases
    window.side_tabs.setCurrentWidget(window.preview)
    qtbot.mouseClick(page.add_btn, Qt.MouseButton.LeftButton)
    shown: list[int] = []
    panel.suggestions_shown.connect(lambda: shown.append(1))
    type_in(page.editor, "开展普法宣传")
    qtbot.wait(200)
    assert shown == []
    with qtbot.waitSignal(panel.suggestions_shown, timeout=5_000):
        window.side_tabs.setCurrentWidget(panel)
    assert any("普法" in h.phrase.plain for h in panel.hits[:5])


def test_a_library_that_cannot_be_opened_is_said_once_and_the_window_goes_on(qtbot) -> None:
    from app.core.errors import UserError

    def broken():
        raise UserError("个人短语库“phrases.sqlite3”无法打开：file is not a database。")

    window = MainWindow(library_factory=broken)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.ready, timeout=10_000):
        window.show()
    assert window.phrases.context.text().startswith("常用语库无法打开：个人短语库")
    qtbot.waitUntil(lambda: bool(window.blocks))  # the preview is composed all the same


def test_my_phrases_go_to_a_colleague_through_the_file_menu(qtbot, tmp_path: Path, monkeypatch) -> None:
    from app.library import PhraseLibrary
    from app.library.user import UserLibrary
    from tests.test_wizard import answer_dialogs

    mine = PhraseLibrary(user=UserLibrary(tmp_path / "mine.sqlite3"))
    mine.add_text("坚持每季度听取一次信访法治化工作汇报。")
    window = MainWindow(library_factory=lambda: mine)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.ready, timeout=10_000):
        window.show()
    target = tmp_path / "交 给同事.json"
    answer_dialogs(monkeypatch, save_to=target)
    assert window.exports.export_my_phrases() == target
    assert "已导出 1 条常用语" in window.statusBar().currentMessage()

    theirs = PhraseLibrary(user=UserLibrary(tmp_path / "theirs.sqlite3"))
    other = MainWindow(library_factory=lambda: theirs)
    qtbot.addWidget(other)
    with qtbot.waitSignal(other.ready, timeout=10_000):
        other.show()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(target), ""))
    assert other.exports.import_colleague_phrases() == 1
    other.side_tabs.setCurrentWidget(other.phrases)
    other.phrases.search.setText("信访法治化工作汇报")
    other.phrases.run_search()
    assert other.phrases.hits[0].phrase.text == "坚持每季度听取一次信访法治化工作汇报。"

    (tmp_path / "坏.json").write_text("[]", "utf-8")
    asked = answer_dialogs(monkeypatch)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(tmp_path / "坏.json"), ""))
    assert other.exports.import_colleague_phrases() is None
    assert asked == ["“坏.json”不是法治报告助手导出的常用语文件。"]

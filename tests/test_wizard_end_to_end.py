"""One clerk's whole afternoon in one run, with the network cut: every step filled, each section written partly
by typing and partly from the phrase library, two items reordered, saved, closed, reopened, exported to DOCX."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from PySide6.QtCore import Qt

from app.core.location import GENERATE, Step
from app.core.model import Origin
from tests.test_wizard import _no_real_modal_dialogs, answer_dialogs, fill_report, open_window  # noqa: F401

pytestmark = pytest.mark.usefixtures("qapp")


def test_a_whole_report_written_offline_reaches_the_docx_as_written(
    qtbot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, no_network: list[str]
) -> None:
    window = open_window(qtbot)
    fill_report(qtbot, window)
    draft = window.session.draft
    page, panel = window.section_page, window.phrases
    window.side_tabs.setCurrentWidget(panel)  # the 常用语 tab beside the preview
    inserted: list[str] = []
    for section in list(draft.sections):
        window.go_to_step(Step.section(section.id))
        tree = page.tree
        tree.setCurrentItem(tree.topLevelItem(tree.topLevelItemCount() - 1))
        panel.search.clear()
        panel.set_context(section.kind, "", "")
        panel.run_search()
        if not any(h.phrase.kind.value != "heading" for h in panel.hits):
            # Nothing typical for this part (其他需要报告的情况): the clerk searches the library instead.
            panel.search.setText("法治宣传")
            panel.run_search()
        row = next(i for i, h in enumerate(panel.hits) if h.phrase.kind.value != "heading")
        panel.results.setCurrentRow(row)
        qtbot.mouseClick(panel.as_paragraph, Qt.MouseButton.LeftButton)
        phrase_paragraphs = [p for item in section.items for p in item.paragraphs if p.source.origin is Origin.PHRASE]
        assert phrase_paragraphs, section.heading
        inserted.append(phrase_paragraphs[-1].text)

    window.go_to_step(Step.section(draft.sections[0].id))
    tree = page.tree
    tree.setCurrentItem(tree.topLevelItem(2))
    tree.setFocus()
    qtbot.keyClick(tree, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert [i.heading for i in draft.sections[0].items] == ["第1部分乙项", "第1部分甲项"]

    target = tmp_path / "晋城 2025.fzbg"
    answer_dialogs(monkeypatch, save_to=target)
    assert window.files.save()
    window.close()

    again = open_window(qtbot)
    assert again.files.open_path(target)
    out = tmp_path / "晋城 2025.docx"
    answer_dialogs(monkeypatch, save_to=out, button="关闭")
    again.go_to_step(GENERATE)
    qtbot.mouseClick(again.generate_page.export, Qt.MouseButton.LeftButton)
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert text.index("（一）第1部分乙项") < text.index("（二）第1部分甲项")
    assert "乙项正文4。" in text and "特此报告。" in text and "2026年2月20日" in text
    for phrase_text in inserted:
        assert phrase_text.split("\n")[0] in text
    assert "{" not in text  # every placeholder filled for the unit and year
    assert no_network == []


def test_the_offline_guard_catches_any_connection_attempt(no_network: list[str]) -> None:
    import socket

    with pytest.raises(AssertionError, match="network access"):
        socket.create_connection(("127.0.0.1", 9))
    with pytest.raises(AssertionError, match="network access"), socket.socket() as sock:
        sock.connect(("127.0.0.1", 9))
    assert len(no_network) == 2

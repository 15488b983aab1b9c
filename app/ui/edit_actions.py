"""The 编辑 and 部分 menus: undo and redo, and adding, removing and moving parts of the report."""

from __future__ import annotations

from PySide6 import QtWidgets
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from app.core.location import Step, StepKind
from app.core.model import SectionKind
from app.core.session import section_chars
from app.ui.window_host import WindowHost

OTHER_HEADING = "其他需要报告的情况"


class EditActions(QObject):
    def __init__(self, host: WindowHost, parent: QWidget) -> None:
        super().__init__(parent)
        self.host = host
        self.session = host.session
        self.parent_widget = parent

    def _focused_text_editor(self) -> QPlainTextEdit | QLineEdit | None:
        w = self.parent_widget.focusWidget()
        return w if isinstance(w, QPlainTextEdit | QLineEdit) and not w.isReadOnly() else None

    def undo(self) -> None:
        """Typing is undone by the focused editor; structural edits (and typing elsewhere) by the session."""
        editor = self._focused_text_editor()
        if editor is not None and _editor_can(editor, redo=False):
            editor.undo()
        elif not self.session.undo():
            self.host.say("没有可以撤销的操作。", 3000)

    def redo(self) -> None:
        editor = self._focused_text_editor()
        if editor is not None and _editor_can(editor, redo=True):
            editor.redo()
        elif not self.session.redo():
            self.host.say("没有可以重做的操作。", 3000)

    def add_other_section(self) -> None:
        section = self.session.add_section(SectionKind.OTHER, OTHER_HEADING)
        self.host.go_to_step(Step.section(section.id))

    def add_custom_section(self) -> None:
        heading, ok = QtWidgets.QInputDialog.getText(self.parent_widget, "添加自定义部分", "新部分的标题（不含编号）：")
        if not ok or not heading.strip():
            return
        sections = self.session.draft.sections
        current = self.host.current_step()
        if current.kind is StepKind.SECTION:
            at = self.session.section_index(current.section_id) + 1
        else:
            others = [i for i, s in enumerate(sections) if s.kind is SectionKind.OTHER]
            at = others[0] if others else len(sections)
        section = self.session.add_section(SectionKind.CUSTOM, heading, at)
        self.host.go_to_step(Step.section(section.id))

    def remove_section(self, index: int) -> None:
        if not 0 <= index < len(self.session.draft.sections):
            return
        section = self.session.draft.sections[index]
        if section_chars(section) > len(section.heading):
            answer = QtWidgets.QMessageBox.question(
                self.parent_widget,
                "删除部分",
                f"“{section.heading}”中已有内容，确定删除这一部分吗？（可用 Ctrl+Z 撤销）",
            )
            if answer != QtWidgets.QMessageBox.StandardButton.Yes:
                return
        self.session.remove_section(index)
        self.host.say(f"已删除“{section.heading}”（可用 Ctrl+Z 撤销）。", 6000)

    def move_section(self, index: int, delta: int) -> None:
        sid = self.session.draft.sections[index].id
        self.session.move_section(index, delta)
        self.host.go_to_step(Step.section(sid))


def _editor_can(editor: QPlainTextEdit | QLineEdit, redo: bool) -> bool:
    if isinstance(editor, QPlainTextEdit):
        doc = editor.document()
        return doc.isRedoAvailable() if redo else doc.isUndoAvailable()
    return editor.isRedoAvailable() if redo else editor.isUndoAvailable()

"""导入修改稿: the DOCX a leader edited (in Word or WPS) taken back into the open draft, part by part.

The dialog lists what changed in each part (edits inline, added and deleted text, moves), each part
ticked to apply or not; pending Word revisions are read as accepted unless the user picks the original.
Applying is one undoable step. The comparison itself is `app.importer.revised` (no Qt).
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6 import QtWidgets
from PySide6.QtCore import Qt
from PySide6.QtGui import QCursor, QGuiApplication

from app.core.errors import UserError
from app.core.session import Session
from app.importer.docx_text import DocxNotes, RevisionState
from app.importer.revised import Change, RevisionMerge, compare_file
from app.ui.settings import settings

REVISED_FILTER = "修改稿 (*.docx *.doc *.wps *.odt *.rtf);;所有文件 (*)"
_STYLES = {
    "-": "color:#b00020;text-decoration:line-through;",
    "+": "color:#006400;text-decoration:underline;",
}


@contextmanager
def busy() -> Iterator[None]:
    """A wait cursor while a document is read (a .doc goes through LibreOffice: seconds, not instant)."""
    QGuiApplication.setOverrideCursor(QCursor(Qt.CursorShape.WaitCursor))
    try:
        yield
    finally:
        QGuiApplication.restoreOverrideCursor()


def change_html(change: Change) -> str:
    """A part's changes as HTML: deletions struck through in red, insertions underlined in green."""
    rows: list[str] = []
    for text in change.texts:
        if text.moved:
            body = html.escape(text.after)
        elif text.before and text.after:
            body = "".join(
                f'<span style="{_STYLES[op]}">{html.escape(piece)}</span>' if op in _STYLES else html.escape(piece)
                for op, piece in text.short_segments(40)
            )
        else:
            op = "+" if text.after else "-"
            body = f'<span style="{_STYLES[op]}">{html.escape(text.after or text.before)}</span>'
        rows.append(f"<p><b>{html.escape(text.label)}</b>　{html.escape(text.where)}<br>{body}</p>")
    return "".join(rows)


def notes_text(notes: DocxNotes) -> str:
    return "\n".join(notes.lines())


class RevisionImportDialog(QtWidgets.QDialog):
    def __init__(self, session: Session, parent: QtWidgets.QWidget | None = None, path: Path | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("导入修改稿")
        self.resize(820, 620)
        self.session = session
        self.path: Path | None = None
        self.merge: RevisionMerge | None = None

        self.file_label = QtWidgets.QLabel("请选择领导修改后的报告（.docx，也可以是 .doc、.wps）。")
        self.file_label.setWordWrap(True)
        self.choose = QtWidgets.QPushButton("选择修改稿…")
        self.choose.clicked.connect(self.choose_file)
        self.state = QtWidgets.QComboBox()
        self.state.addItem("文档中的修订：按接受全部修订后的文字（默认）", RevisionState.ACCEPTED)
        self.state.addItem("文档中的修订：按修订前的原文", RevisionState.ORIGINAL)
        self.state.currentIndexChanged.connect(self.reload)
        self.notes = QtWidgets.QLabel()
        self.notes.setWordWrap(True)
        self.notes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.changes = QtWidgets.QListWidget()
        self.changes.setWordWrap(True)  # part headings are long: 2024年党政主要负责人履行…
        self.changes.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.changes.currentRowChanged.connect(self._show_change)
        self.changes.itemChanged.connect(self._update_apply)
        self.diff = QtWidgets.QTextBrowser()
        self.all = QtWidgets.QPushButton("全选")
        self.all.clicked.connect(lambda: self._tick_all(True))
        self.none = QtWidgets.QPushButton("全不选")
        self.none.clicked.connect(lambda: self._tick_all(False))
        self.buttons = QtWidgets.QDialogButtonBox()
        self.apply = self.buttons.addButton("应用所选修改", QtWidgets.QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton("取消", QtWidgets.QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        top = QtWidgets.QHBoxLayout()
        top.addWidget(self.file_label, 1)
        top.addWidget(self.choose)
        split = QtWidgets.QSplitter()
        left = QtWidgets.QWidget()
        left_layout = QtWidgets.QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QtWidgets.QLabel("有修改的部分（勾选的将被应用）："))
        left_layout.addWidget(self.changes, 1)
        ticks = QtWidgets.QHBoxLayout()
        ticks.addWidget(self.all)
        ticks.addWidget(self.none)
        left_layout.addLayout(ticks)
        split.addWidget(left)
        split.addWidget(self.diff)
        split.setSizes([300, 520])
        layout = QtWidgets.QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.state)
        layout.addWidget(self.notes)
        layout.addWidget(split, 1)
        layout.addWidget(self.buttons)
        self._update_apply()
        if path is not None:
            self.load(Path(path))

    # -- loading

    def choose_file(self) -> None:
        folder = str(settings().value("open_dir", "") or "")
        name, _ = QtWidgets.QFileDialog.getOpenFileName(self, "选择修改稿", folder, REVISED_FILTER)
        if name:
            settings().setValue("open_dir", str(Path(name).parent))
            self.load(Path(name))

    def reload(self) -> None:
        if self.path is not None:
            self.load(self.path)

    def load(self, path: Path) -> bool:
        state = RevisionState(self.state.currentData())
        try:
            with busy():
                merge = compare_file(self.session.draft, path, state)
        except UserError as exc:
            QtWidgets.QMessageBox.warning(self, "无法读取修改稿", exc.message)
            return False
        self.path, self.merge = path, merge
        self.file_label.setText(f"修改稿：{path.name}")
        notes = notes_text(merge.notes)
        if not merge.notes.revisions:
            notes = "文档中没有未处理的修订。" + ("\n" + notes if notes else "")
        self.notes.setText(notes)
        self.changes.blockSignals(True)
        self.changes.clear()
        for change in merge.changes:
            item = QtWidgets.QListWidgetItem(f"{change.title}\n{change.summary}")
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.changes.addItem(item)
        self.changes.blockSignals(False)
        if merge.changes:
            self.changes.setCurrentRow(0)
        else:
            self.diff.setPlainText("修改稿与草稿内容一致，没有需要合并的修改。")
        self._update_apply()
        return True

    def _show_change(self, row: int) -> None:
        if self.merge is not None and 0 <= row < len(self.merge.changes):
            self.diff.setHtml(change_html(self.merge.changes[row]))

    def _tick_all(self, on: bool) -> None:
        state = Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
        for row in range(self.changes.count()):
            self.changes.item(row).setCheckState(state)

    def chosen(self) -> set[int]:
        return {
            row for row in range(self.changes.count()) if self.changes.item(row).checkState() == Qt.CheckState.Checked
        }

    def _update_apply(self, *_args: object) -> None:
        self.apply.setEnabled(self.merge is not None and bool(self.chosen()))

    # -- applying

    def accept(self) -> None:
        if self.merge is None or not self.chosen():
            return
        apply_to_session(self.session, self.merge, self.chosen(), self.path.name if self.path else "")
        super().accept()


def apply_to_session(session: Session, merge: RevisionMerge, chosen: set[int], name: str) -> None:
    """The chosen changes applied to the open draft as one undoable step."""
    new = merge.apply(chosen)
    draft = session.draft
    old = (draft.meta, draft.preamble, draft.sections, draft.closing)

    def do() -> None:
        draft.meta, draft.preamble, draft.sections, draft.closing = new.meta, new.preamble, new.sections, new.closing

    def undo() -> None:
        draft.meta, draft.preamble, draft.sections, draft.closing = old

    session.run_command(f"导入修改稿“{name}”", do, undo)


def import_revised_document(parent: QtWidgets.QWidget, session: Session) -> bool:
    """The 导入修改稿 menu command: True when changes were applied."""
    dialog = RevisionImportDialog(session, parent)
    dialog.choose_file()
    if dialog.merge is None:
        return False
    return dialog.exec() == QtWidgets.QDialog.DialogCode.Accepted


def show_import_notes(parent: QtWidgets.QWidget, name: str, notes: DocxNotes) -> None:
    """After an import: what the document held besides its text (revisions, comments, text boxes)."""
    lines = notes.lines()
    if lines:
        QtWidgets.QMessageBox.information(parent, f"导入“{name}”", "\n".join(lines))

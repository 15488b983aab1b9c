"""Step 导语: the opening paragraph, with formulas citing the session and rules of the report year."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import UserError
from app.core.facts import BUILTIN_FACTS, load_facts, user_facts_path
from app.core.preamble import preamble_formulas, rules_in_force, spirit_phrase
from app.core.session import Session, editor_text
from app.render.pack import load_pack
from app.render.pack_text import render_pack_string
from app.ui.common import PageHeader, muted
from app.ui.editor import ParagraphEditor


class PreamblePage(QWidget):
    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        layout = QVBoxLayout(self)
        self.header = PageHeader()
        layout.addWidget(self.header)
        split = QSplitter(Qt.Orientation.Vertical)
        top = QWidget()
        tl = QVBoxLayout(top)
        tl.setContentsMargins(0, 0, 0, 0)
        tl.addWidget(QLabel("导语（每行一段）："))
        self.editor = ParagraphEditor(
            "如：2025年，我局坚持以习近平新时代中国特色社会主义思想为指导……现将有关情况报告如下："
        )
        tl.addWidget(self.editor, 1)
        tl.addWidget(QLabel("结束语（可不写，如“特此报告。”）："))
        self.closing = ParagraphEditor("特此报告。")
        self.closing.setMaximumHeight(56)
        tl.addWidget(self.closing)
        split.addWidget(top)

        bottom = QWidget()
        bl = QVBoxLayout(bottom)
        bl.setContentsMargins(0, 0, 0, 0)
        self.formula_label = QLabel()
        self.formula_label.setWordWrap(True)
        bl.addWidget(self.formula_label)
        self.formulas = QListWidget()
        self.formulas.setWordWrap(True)
        self.formulas.setAlternatingRowColors(True)
        bl.addWidget(self.formulas, 1)
        row = QHBoxLayout()
        self.use = QPushButton("用所选写法替换导语")
        self.append = QPushButton("追加到导语末尾")
        self.facts_note = QLabel()
        muted(self.facts_note)
        self.facts_note.setWordWrap(True)
        row.addWidget(self.use)
        row.addWidget(self.append)
        row.addWidget(self.facts_note, 1)
        bl.addLayout(row)
        split.addWidget(bottom)
        split.setSizes([300, 260])
        layout.addWidget(split, 1)

        self.editor.textChanged.connect(lambda: self.session.set_preamble(self.editor.toPlainText()))
        self.closing.textChanged.connect(lambda: self.session.set_closing(self.closing.toPlainText()))
        self.use.clicked.connect(lambda: self._insert(replace=True))
        self.append.clicked.connect(lambda: self._insert(replace=False))
        self.formulas.itemDoubleClicked.connect(lambda _: self._insert(replace=True))

    def _insert(self, replace: bool) -> None:
        item = self.formulas.currentItem()
        if item is None:
            return
        text = item.text()
        cursor = self.editor.textCursor()
        cursor.beginEditBlock()  # one undo step in the editor
        if replace:
            cursor.select(cursor.SelectionType.Document)
            cursor.insertText(text)
        else:
            cursor.movePosition(cursor.MoveOperation.End)
            cursor.insertText(("\n" if self.editor.toPlainText().strip() else "") + text)
        cursor.endEditBlock()
        self.editor.setFocus()

    def refresh(self) -> None:
        draft = self.session.draft
        meta = draft.meta
        try:
            pack = load_pack(meta.template_pack)
            prompt = pack.preamble_prompt
            help_text = render_pack_string(pack.preamble_help, meta) if pack.preamble_help else ""
        except UserError as exc:
            prompt, help_text = "", exc.message
        self.header.set_texts("导语", prompt, help_text)
        self.editor.set_text_quietly(editor_text(draft.preamble))
        self.closing.set_text_quietly(editor_text(draft.closing))
        self.formulas.clear()
        where = user_facts_path() if user_facts_path().is_file() else BUILTIN_FACTS
        try:
            facts = load_facts()
        except UserError as exc:
            self.formula_label.setText(exc.message)
            self.use.setEnabled(False)
            self.append.setEnabled(False)
            return
        spirit = spirit_phrase(facts, meta.year).removesuffix("精神")
        rules = "、".join(f"《{name}》" for name in rules_in_force(facts, meta.year))
        self.formula_label.setText(
            f"常用导语写法（已按 {meta.year} 年度代入：会议精神为{spirit or '—'}，现行规定为{rules or '—'}）："
        )
        self.facts_note.setText(f"会议和法规取自年度事实表：{where}")
        self.facts_note.setToolTip(str(where))
        for text in preamble_formulas(meta, facts):
            QListWidgetItem(text, self.formulas)
        self.formulas.setCurrentRow(0)
        self.use.setEnabled(True)
        self.append.setEnabled(True)

"""Step 检查与生成: what is still missing, then 导出 DOCX."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.checks import Finding
from app.checks.wizard import finding_text, marks_step
from app.core.session import Session
from app.render.gbt9704 import CHARS_PER_LINE, LINES_PER_PAGE
from app.ui.common import PageHeader, bold
from app.ui.icons import status_icon


class GeneratePage(QWidget):
    go_to_finding = Signal(object)  # Finding
    fix_requested = Signal(object)  # Fix
    fix_all_requested = Signal()
    export_requested = Signal()
    open_file_requested = Signal()
    open_folder_requested = Signal()

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        layout = QVBoxLayout(self)
        self.header = PageHeader()
        self.header.set_texts(
            "检查与生成",
            "生成前看一看还缺什么，然后导出符合 GB/T 9704 格式的 DOCX。",
            "双击一条提示可跳到相应步骤。提示不妨碍生成：草稿随时可以导出，改完再导出一次即可。",
        )
        layout.addWidget(self.header)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        layout.addWidget(QLabel("待处理的问题："))
        self.findings = QListWidget()
        self.findings.setWordWrap(True)
        layout.addWidget(self.findings, 1)
        fixes = QHBoxLayout()
        self.fix = QPushButton("修正所选问题")
        self.fix_all = QPushButton("一键修正标点、空格、年份等格式问题")
        fixes.addWidget(self.fix)
        fixes.addWidget(self.fix_all)
        fixes.addStretch(1)
        layout.addLayout(fixes)
        self.shown: list[Finding] = []
        row = QHBoxLayout()
        self.export = QPushButton("导出 DOCX…")
        self.export.setMinimumHeight(36)
        bold(self.export)
        row.addWidget(self.export)
        row.addStretch(1)
        layout.addLayout(row)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.result)
        after = QHBoxLayout()
        self.open_file = QPushButton("打开文件")
        self.open_folder = QPushButton("打开所在文件夹")
        after.addWidget(self.open_file)
        after.addWidget(self.open_folder)
        after.addStretch(1)
        layout.addLayout(after)
        self.set_exported(None)

        self.findings.itemActivated.connect(self._activated)
        self.findings.currentRowChanged.connect(lambda _: self._update_fix_buttons())
        self.fix.clicked.connect(self._fix_current)
        self.fix_all.clicked.connect(self.fix_all_requested)
        self.export.clicked.connect(self.export_requested)
        self.open_file.clicked.connect(self.open_file_requested)
        self.open_folder.clicked.connect(self.open_folder_requested)

    def set_exported(self, path: object) -> None:
        self.result.setText(f"已导出：{path}" if path else "")
        self.open_file.setVisible(bool(path))
        self.open_folder.setVisible(bool(path))

    def refresh(self, chars: int, pages: int, findings: list[Finding]) -> None:
        meta = self.session.draft.meta
        n = len(self.session.draft.sections)
        self.summary.setText(
            f"{meta.unit_name or '（未填单位）'} {meta.year} 年度报告：共 {n} 个部分，约 {chars} 字，"
            f"按每页 {LINES_PER_PAGE} 行×{CHARS_PER_LINE} 字估算约 {pages} 页。"
        )
        row = self.findings.currentRow()
        self.shown = list(findings)
        self.findings.clear()
        if not findings:
            item = QListWidgetItem(status_icon("complete"), "没有发现问题，可以生成。")
            self.findings.addItem(item)
        for f in findings:
            icon = status_icon("findings" if marks_step(f) else "partial")
            item = QListWidgetItem(icon, finding_text(f))
            if f.fix is not None:
                item.setToolTip(f"可自动修正：{f.fix.description}")
            self.findings.addItem(item)
        if 0 <= row < self.findings.count():
            self.findings.setCurrentRow(row)
        self._update_fix_buttons()

    def current(self) -> Finding | None:
        row = self.findings.currentRow()
        return self.shown[row] if 0 <= row < len(self.shown) else None

    def _update_fix_buttons(self) -> None:
        f = self.current()
        self.fix.setEnabled(f is not None and f.fix is not None)

    def _activated(self, _item: QListWidgetItem) -> None:
        f = self.current()
        if f is not None:
            self.go_to_finding.emit(f)

    def _fix_current(self) -> None:
        f = self.current()
        if f is not None and f.fix is not None:
            self.fix_requested.emit(f.fix)

"""Step 检查与生成: what is still missing, then 导出 DOCX."""

from __future__ import annotations

from dataclasses import dataclass

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

from app.core.model import walk_items
from app.core.session import Session, standing_examples
from app.render.numbering import heading_number
from app.ui.common import PageHeader
from app.ui.icons import status_icon


@dataclass(frozen=True)
class Finding:
    """Something to look at before generating, and the step that fixes it ("info", "preamble", section id)."""

    message: str
    step: str
    severity: str = "warning"  # "warning" | "info"


def wizard_findings(session: Session) -> list[Finding]:
    """What the wizard itself can tell is unfinished: empty parts, missing 基本信息, example figures left in."""
    draft = session.draft
    meta = draft.meta
    out: list[Finding] = []
    if not meta.unit_name.strip():
        out.append(Finding("还没有填写单位全称。", "info"))
    if meta.date is None:
        out.append(Finding("还没有填写成文日期。", "info", "info"))
    if not any(p.text.strip() for p in draft.preamble):
        out.append(Finding("还没有写导语。", "preamble"))
    for i, section in enumerate(draft.sections):
        name = f"{heading_number(1, i + 1)}{section.heading}"
        status = session.section_status(i)
        if status == "empty":
            out.append(Finding(f"“{name}”还是空的。", section.id))
        elif status == "partial":
            out.append(Finding(f"“{name}”中有小项还没有正文。", section.id, "info"))
        examples = [e for _, item in walk_items(section.items) for p in item.paragraphs for e in standing_examples(p)]
        if examples:
            shown = "、".join(dict.fromkeys(examples))
            out.append(Finding(f"“{name}”中的示例数字（{shown}）还没有改成本单位的实际数字。", section.id))
    return out


class GeneratePage(QWidget):
    go_to_step = Signal(str)
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
        row = QHBoxLayout()
        self.export = QPushButton("导出 DOCX…")
        self.export.setMinimumHeight(36)
        self.export.setStyleSheet("font-weight: bold;")
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

        self.findings.itemActivated.connect(lambda it: self.go_to_step.emit(it.data(Qt.ItemDataRole.UserRole)))
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
            f"按每页 22 行×28 字估算约 {pages} 页。"
        )
        self.findings.clear()
        if not findings:
            item = QListWidgetItem(status_icon("complete"), "没有发现问题，可以生成。")
            self.findings.addItem(item)
        for f in findings:
            icon = status_icon("findings" if f.severity == "warning" else "partial")
            item = QListWidgetItem(icon, f.message)
            item.setData(Qt.ItemDataRole.UserRole, f.step)
            self.findings.addItem(item)

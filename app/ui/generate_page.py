"""Step 检查与生成: what is still missing, then 导出 DOCX."""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from typing import Any

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

from app.core.model import Draft, walk_items
from app.core.session import Session, standing_examples
from app.render.numbering import heading_number
from app.ui.common import PageHeader, bold
from app.ui.icons import status_icon


@dataclass(frozen=True)
class Finding:
    """Something to look at before generating, and the step that fixes it ("info", "preamble", section id).

    `check` is the `app.checks` Finding behind it, if any: its location to jump to and its fix.
    """

    message: str
    step: str
    severity: str = "warning"  # "warning" (marks the step) | "info"
    label: str = ""  # 错误 / 警告 / 提示 / 建议
    check: Any = None


def checks_available() -> bool:
    return importlib.util.find_spec("app.checks") is not None


INFO_PARTS = {"title", "addressee", "signature", "date"}
PREAMBLE_PARTS = {"preamble", "closing"}


def step_of_check(finding: Any) -> str:
    """The wizard step where a check's finding is fixed."""
    if finding.section_id:
        return finding.section_id
    part = finding.location.ref.part.value if finding.location else ""
    if part in INFO_PARTS or finding.rule.startswith("year.date"):
        return "info"
    if part in PREAMBLE_PARTS:
        return "preamble"
    return "generate"


def checks_findings(draft: Draft, previous: Draft | None = None) -> list[Finding]:
    """The 公文体检 of `app.checks` (last year's draft given when the report was rolled forward).

    Touches nothing but its arguments, so it can run on a snapshot of the draft in another thread.
    """
    from app.checks import run_checks

    out = []
    for f in run_checks(draft, previous=previous):
        excerpt = f"（“{f.excerpt[:24]}”）" if f.excerpt and f.excerpt not in f.message else ""
        where = f"{f.section_heading}：" if f.section_heading else ""
        serious = f.severity.value in ("error", "warning")
        out.append(
            Finding(
                f"{where}{f.message}{excerpt}", step_of_check(f), "warning" if serious else "info", f.severity.label, f
            )
        )
    return out


def wizard_findings(session: Session, checks: bool = False) -> list[Finding]:
    """What the wizard itself can tell is unfinished: empty parts, missing 基本信息, example figures left in.

    With `checks`, what the checks report themselves (date, empty parts, examples) is left to them.
    """
    draft = session.draft
    meta = draft.meta
    out: list[Finding] = []
    if not meta.unit_name.strip():
        out.append(Finding("还没有填写单位全称。", "info"))
    if meta.date is None and not checks:
        out.append(Finding("还没有填写成文日期。", "info", "info"))
    if not any(p.text.strip() for p in draft.preamble):
        out.append(Finding("还没有写导语。", "preamble"))
    for i, section in enumerate(draft.sections):
        name = f"{heading_number(1, i + 1)}{section.heading}"
        status = session.section_status(i)
        if status == "empty" and not checks:
            out.append(Finding(f"“{name}”还是空的。", section.id))
        elif status == "partial":
            out.append(Finding(f"“{name}”中有小项还没有正文。", section.id, "info"))
        examples = [e for _, item in walk_items(section.items) for p in item.paragraphs for e in standing_examples(p)]
        if session.previous is not None and not checks:
            last_year = {p.text for p in session.previous.all_paragraphs() if p.text.strip()}
            unchanged = sum(1 for _, item in walk_items(section.items) for p in item.paragraphs if p.text in last_year)
            unchanged += sum(1 for p in section.preamble if p.text in last_year)
            if unchanged:
                out.append(
                    Finding(f"“{name}”中有 {unchanged} 段仍是去年报告的原文，请按今年的情况改写。", section.id, "info")
                )
        if examples and not checks:
            shown = "、".join(dict.fromkeys(examples))
            out.append(Finding(f"“{name}”中的示例数字（{shown}）还没有改成本单位的实际数字。", section.id))
    return out


class GeneratePage(QWidget):
    go_to_finding = Signal(object)
    fix_requested = Signal(object)
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
        self.fix_all.setVisible(checks_available())
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
            f"按每页 22 行×28 字估算约 {pages} 页。"
        )
        row = self.findings.currentRow()
        self.shown = list(findings)
        self.findings.clear()
        if not findings:
            item = QListWidgetItem(status_icon("complete"), "没有发现问题，可以生成。")
            self.findings.addItem(item)
        for f in findings:
            icon = status_icon("findings" if f.severity == "warning" else "partial")
            text = f"【{f.label}】{f.message}" if f.label else f.message
            item = QListWidgetItem(icon, text)
            if f.check is not None and f.check.fix is not None:
                item.setToolTip(f"可自动修正：{f.check.fix.description}")
            self.findings.addItem(item)
        if 0 <= row < self.findings.count():
            self.findings.setCurrentRow(row)
        self._update_fix_buttons()

    def current(self) -> Finding | None:
        row = self.findings.currentRow()
        return self.shown[row] if 0 <= row < len(self.shown) else None

    def _update_fix_buttons(self) -> None:
        f = self.current()
        self.fix.setVisible(checks_available())
        self.fix.setEnabled(f is not None and f.check is not None and f.check.fix is not None)

    def _activated(self, _item: QListWidgetItem) -> None:
        f = self.current()
        if f is not None:
            self.go_to_finding.emit(f)

    def _fix_current(self) -> None:
        f = self.current()
        if f is not None and f.check is not None and f.check.fix is not None:
            self.fix_requested.emit(f.check.fix)

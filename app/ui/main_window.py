"""A minimal main window: opens a draft, shows its outline and exports DOCX. The wizard replaces it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.draft_file import load_draft
from app.core.errors import UserError
from app.core.model import Draft, walk_items
from app.render.numbering import heading_number


class MainWindow(QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        self.draft: Draft | None = None
        self.path: Path | None = None
        self.setWindowTitle("法治报告助手")
        self.resize(1000, 700)
        central = QWidget()
        layout = QVBoxLayout(central)
        self.info = QLabel("打开一份草稿（.fzbg）开始。")
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["报告结构"])
        layout.addWidget(self.info)
        layout.addWidget(self.tree)
        self.setCentralWidget(central)
        menu = self.menuBar().addMenu("文件(&F)")
        menu.addAction("打开(&O)…", "Ctrl+O", self.choose_file)
        menu.addAction("导出 DOCX(&E)…", "Ctrl+E", self.export_docx)
        menu.addSeparator()
        menu.addAction("退出(&Q)", "Ctrl+Q", self.close)

    def choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "打开草稿", "", "草稿 (*.fzbg)")
        if name:
            self.open_path(Path(name))

    def open_path(self, path: Path) -> None:
        try:
            self.draft = load_draft(path)
        except UserError as exc:
            QMessageBox.warning(self, "无法打开", exc.message)
            return
        self.path = path
        self.setWindowTitle(f"{path.name} — 法治报告助手")
        self.info.setText(f"{self.draft.meta.unit_name} {self.draft.meta.year} 年度")
        self.tree.clear()
        for i, section in enumerate(self.draft.sections, 1):
            top = QTreeWidgetItem([heading_number(1, i) + section.heading])
            self.tree.addTopLevelItem(top)
            parents = {0: top}
            counters: dict[int, int] = {}
            for depth, item in walk_items(section.items):
                counters[depth] = counters.get(depth, 0) + 1
                for deeper in [d for d in counters if d > depth]:
                    del counters[deeper]
                node = QTreeWidgetItem([heading_number(depth + 1, counters[depth]) + item.heading])
                parents[depth - 1].addChild(node)
                parents[depth] = node
        self.tree.expandAll()

    def export_docx(self) -> None:
        if self.draft is None:
            return
        name, _ = QFileDialog.getSaveFileName(self, "导出 DOCX", "", "Word 文档 (*.docx)")
        if not name:
            return
        from app.render.docx_writer import render_docx

        try:
            render_docx(self.draft, Path(name))
        except UserError as exc:
            QMessageBox.warning(self, "导出失败", exc.message)

"""What leaves the program: 导出 DOCX, 打印预览, 打印, 导出 PDF, 用 Word/WPS 打开, and the phrase files
exchanged with colleagues.

Printing, preview and PDF go through the GB/T 9704 page layout of app.render.page_layout, built from the
same document blocks as the DOCX, so what prints here matches what Word/WPS prints from the DOCX. Their
modules (python-docx, the printer support) load on first use, not at start-up.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtCore, QtGui, QtWidgets
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from app.core.atomic import explain_os_error
from app.core.errors import UserError
from app.core.session import APP_NAME
from app.ui.common import ask
from app.ui.settings import Folder
from app.ui.window_host import WindowHost

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

    from app.library import PhraseLibrary


class ExportActions(QObject):
    exported = Signal(object)  # the DOCX just written (Path)

    def __init__(self, host: WindowHost, parent: QWidget) -> None:
        super().__init__(parent)
        self.host = host
        self.session = host.session
        self.parent_widget = parent
        self.last_export: Path | None = None

    def _folder(self, which: Folder) -> Path:
        return self.host.settings.start_folder(which, self.session.path)

    def _warn(self, title: str, message: str) -> None:
        QtWidgets.QMessageBox.warning(self.parent_widget, title, message)

    def export_docx(self) -> Path | None:
        self.host.commit_focused_edit()
        meta = self.session.draft.meta
        stem = self.session.path.stem if self.session.path else f"{meta.unit_name or '法治政府建设'}{meta.year}年度报告"
        name, _ = QtWidgets.QFileDialog.getSaveFileName(
            self.parent_widget, "导出 DOCX", str(self._folder(Folder.EXPORT) / f"{stem}.docx"), "Word 文档 (*.docx)"
        )
        if not name:
            return None
        target = Path(name)
        if target.suffix.lower() != ".docx":
            target = target.with_name(target.name + ".docx")
        from app.render.docx_writer import render_docx  # python-docx and lxml: 60 ms, on the first export

        try:
            render_docx(self.session.draft, target)
        except UserError as exc:
            self._warn("导出失败", exc.message + "\n草稿没有受影响。")
            return None
        except OSError as exc:
            self._warn("导出失败", explain_os_error(exc, target) + "\n草稿没有受影响。")
            return None
        self.host.settings.set_folder(Folder.EXPORT, target.parent)
        self.last_export = target
        self.exported.emit(target)
        clicked = ask(
            self.parent_widget,
            "导出完成",
            f"已导出：{target}",
            ["打开文件", "打开所在文件夹", "关闭"],
            information=True,
        )
        if clicked == 0:
            self.open_url(target)
        elif clicked == 1:
            self.open_url(target.parent)
        return target

    def open_url(self, path: Path | None) -> None:
        if path is not None and not QtGui.QDesktopServices.openUrl(QtCore.QUrl.fromLocalFile(str(path))):
            QtWidgets.QMessageBox.information(self.parent_widget, APP_NAME, f"无法自动打开，请手动打开：{path}")

    def print_preview(self) -> None:
        from app.ui import printing  # the print support and the page layout, on first use

        self.host.commit_focused_edit()
        printing.print_preview(self.parent_widget, self.session.draft)

    def print_report(self) -> None:
        from app.ui import printing  # the print support and the page layout, on first use

        self.host.commit_focused_edit()
        try:
            printing.print_draft(self.parent_widget, self.session.draft, self.host.settings.store)
        except UserError as exc:
            self._warn("打印失败", exc.message)

    def print_to(self, printer: QPrinter) -> int:
        """Prints the report on `printer` (already set up); returns the number of pages printed."""
        # Jinja and the page layout (~0.3 s) on the first print, not at start-up
        from app.render.compose import compose
        from app.render.page_layout import PageLayout
        from app.ui import printing  # the print support and the page layout, on first use

        self.host.commit_focused_edit()
        return printing.paint_on_printer(printer, PageLayout(compose(self.session.draft)))

    def export_pdf(self) -> Path | None:
        from app.ui import printing  # the print support and the page layout, on first use

        self.host.commit_focused_edit()
        target = printing.export_pdf(self.parent_widget, self.session.draft, self._folder(Folder.EXPORT))
        if target is not None:
            self.host.settings.set_folder(Folder.EXPORT, target.parent)
        return target

    def open_in_word(self) -> None:
        """用 Word/WPS 打开: the last exported DOCX (exporting first if there is none) in the system's program."""
        from app.ui import printing  # the print support and the page layout, on first use

        target = self.last_export if self.last_export and self.last_export.exists() else self.export_docx()
        if target is not None and not printing.open_with_default_app(target):
            QtWidgets.QMessageBox.information(
                self.parent_widget, APP_NAME, f"本机没有可打开 DOCX 的程序，请手动打开：{target}"
            )

    def _phrase_library(self) -> PhraseLibrary | None:
        """The loaded phrase library, or None after saying why it cannot be had."""
        try:
            return self.host.phrases.library
        except (UserError, OSError) as exc:
            self._warn("常用语库无法打开", getattr(exc, "message", str(exc)))
            return None

    def export_my_phrases(self) -> Path | None:
        """The phrases the clerk added or imported, as a file to hand to a colleague."""
        from app.library.exchange import export_phrases  # the menu's first use, not start-up

        library = self._phrase_library()
        if library is None:
            return None
        start = self._folder(Folder.PHRASES) / "我的常用语.json"
        name, _ = QtWidgets.QFileDialog.getSaveFileName(
            self.parent_widget, "导出我的常用语", str(start), "常用语文件 (*.json)"
        )
        if not name:
            return None
        target = Path(name)
        try:
            count = export_phrases(library.user, target)
        except UserError as exc:
            self._warn("导出失败", exc.message)
            return None
        self.host.settings.set_folder(Folder.PHRASES, target.parent)
        self.host.say(f"已导出 {count} 条常用语：{target}（可交给同事用“导入同事的常用语”导入）", 10000)
        return target

    def import_colleague_phrases(self) -> int | None:
        library = self._phrase_library()
        if library is None:
            return None
        name, _ = QtWidgets.QFileDialog.getOpenFileName(
            self.parent_widget, "导入同事的常用语", str(self._folder(Folder.PHRASES)), "常用语文件 (*.json)"
        )
        if not name:
            return None
        try:
            new = library.import_phrases_file(Path(name))
        except UserError as exc:
            self._warn("导入失败", exc.message)
            return None
        self.host.settings.set_folder(Folder.PHRASES, Path(name).parent)
        self.host.say(f"已加入 {new} 条新常用语。", 8000)
        self.host.phrases.run_search()
        return new

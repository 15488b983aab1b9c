"""打印预览, 打印, 导出 PDF and 用 Word/WPS 打开, for the wizard's menu.

All of them paint the print layout (app.render.page_layout) of the same document blocks the DOCX
writer uses, so preview, paper and PDF show the same pages.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF, QSettings, QUrl
from PySide6.QtGui import QDesktopServices, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo, QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QDialog, QFileDialog, QLabel, QMessageBox, QWidget

from app.core.errors import UserError
from app.core.model import Draft
from app.render.compose import compose
from app.render.fonts import substitution_notices
from app.render.page_layout import PageLayout
from app.render.pdf import render_pdf
from app.ui.settings import Settings


def _layout(parent: QWidget | None, draft: Draft) -> PageLayout | None:
    try:
        return PageLayout(compose(draft))
    except UserError as exc:
        QMessageBox.warning(parent, "无法排版", exc.message)
        return None


def _a4_printer(mode: QPrinter.PrinterMode = QPrinter.PrinterMode.HighResolution) -> QPrinter:
    printer = QPrinter(mode)
    printer.setFullPage(True)  # the layout places everything from the paper's corner, margins included
    printer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(0, 0, 0, 0),
            QPageLayout.Unit.Millimeter,
        )
    )
    return printer


def paint_on_printer(printer: QPrinter, layout: PageLayout) -> int:
    """Paints the pages the printer asks for (its page range, or all); returns how many."""
    first, last = 1, layout.page_count
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first, last = printer.fromPage(), min(printer.toPage() or last, last)
    if first > last:
        return 0
    painter = QPainter()
    if not painter.begin(printer):
        raise UserError("无法开始打印，请检查打印机是否可用。")
    try:
        return layout.paint(painter, range(first - 1, last))
    finally:
        painter.end()


def font_notice_text() -> str:
    """The substitution notice shown under the preview; empty when every standard face is installed."""
    return "\n".join(substitution_notices())


def make_preview_dialog(parent: QWidget | None, draft: Draft) -> QPrintPreviewDialog | None:
    layout = _layout(parent, draft)
    if layout is None:
        return None
    printer = _a4_printer()
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(f"打印预览（共 {layout.page_count} 页）")
    dialog.paintRequested.connect(lambda p: paint_on_printer(p, layout))
    # The layout (and its printer) live as long as the dialog.
    setattr(dialog, "_fzbg_layout", layout)  # noqa: B010 - a Python attribute on a Qt object, not a property
    setattr(dialog, "_fzbg_printer", printer)  # noqa: B010
    notice = font_notice_text()
    if notice:
        label = QLabel(notice)
        label.setWordWrap(True)
        label.setObjectName("fontNotice")
        label.setStyleSheet("QLabel { color: #8a5a00; padding: 4px; }")
        box = dialog.layout()
        if box is not None:
            box.addWidget(label)
    dialog.resize(900, 1000)
    preview = dialog.findChild(QPrintPreviewWidget)
    if preview is not None:
        preview.setViewMode(QPrintPreviewWidget.ViewMode.SinglePageView)
        preview.setZoomMode(QPrintPreviewWidget.ZoomMode.FitInView)
    return dialog


def print_preview(parent: QWidget | None, draft: Draft) -> None:
    """打印预览: the pages as they will print; printing from the preview prints the same pages."""
    dialog = make_preview_dialog(parent, draft)
    if dialog is not None:
        dialog.exec()


def print_draft(parent: QWidget | None, draft: Draft, settings: QSettings | None = None) -> bool:
    """打印 (Ctrl+P): the system's print dialog on the printer used last time; True if it printed."""
    layout = _layout(parent, draft)
    if layout is None:
        return False
    settings = settings if settings is not None else Settings().store
    printer = _a4_printer()
    restore_printer(printer, settings)
    printer.setDocName(layout.title or "法治政府建设情况报告")
    printer.setFromTo(1, layout.page_count)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("打印")
    dialog.setMinMax(1, layout.page_count)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    try:
        paint_on_printer(printer, layout)
    except UserError as exc:
        QMessageBox.warning(parent, "打印失败", exc.message)
        return False
    remember_printer(printer, settings)
    return True


def restore_printer(printer: QPrinter, settings: QSettings) -> str:
    """Selects the printer used last time if it is still installed; returns its name or ""."""
    remembered = Settings(settings).printer
    if remembered and remembered in QPrinterInfo.availablePrinterNames():
        printer.setPrinterName(remembered)
        return remembered
    return ""


def remember_printer(printer: QPrinter, settings: QSettings) -> None:
    # Printing to a file ("Print to PDF") is not a printer to come back to.
    if printer.outputFormat() == QPrinter.OutputFormat.NativeFormat and printer.printerName():
        Settings(settings).printer = printer.printerName()


def suggested_pdf_name(draft: Draft) -> str:
    meta = draft.meta
    stem = (meta.title or f"{meta.unit_name}{meta.year}年法治政府建设情况报告").replace("\n", "")
    return "".join(ch for ch in stem if ch not in '\\/:*?"<>|').strip() + ".pdf"


def export_pdf(parent: QWidget | None, draft: Draft, folder: Path | None = None) -> Path | None:
    """导出 PDF: asks where, writes the PDF, and returns its path (None if cancelled or failed)."""
    start = str((folder or Path.home()) / suggested_pdf_name(draft))
    name, _ = QFileDialog.getSaveFileName(parent, "导出 PDF", start, "PDF 文件 (*.pdf)")
    if not name:
        return None
    target = Path(name)
    if target.suffix.lower() != ".pdf":
        target = target.with_name(target.name + ".pdf")
    try:
        render_pdf(draft, target)
    except UserError as exc:
        QMessageBox.warning(parent, "导出 PDF 失败", exc.message)
        return None
    return target


def open_with_default_app(path: Path) -> bool:
    """用 Word/WPS 打开: opens the file in the program the system has for it; False if none would."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(path).resolve())))

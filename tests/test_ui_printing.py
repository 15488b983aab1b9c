"""Print preview, printing, PDF export and opening in Word/WPS from the window (offscreen)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QSettings
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewWidget
from PySide6.QtWidgets import QDialog, QFileDialog, QLabel

from app.core.draft_file import load_draft
from app.render.compose import compose
from app.render.fonts import substitution_notices
from app.render.page_layout import PageLayout
from app.ui import printing
from tests.pdf_probe import page_texts, squeeze

pytestmark = pytest.mark.fonts


REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "jincheng-xinfangju-2021.fzbg"


@pytest.fixture
def draft():
    return load_draft(EXAMPLE)


def test_the_preview_shows_every_page_and_names_the_substituted_faces(qtbot, draft, tmp_path: Path) -> None:
    dialog = printing.make_preview_dialog(None, draft)
    qtbot.addWidget(dialog)
    dialog.show()
    preview = dialog.findChild(QPrintPreviewWidget)
    qtbot.waitUntil(lambda: preview.pageCount() > 0)
    assert preview.pageCount() == PageLayout(compose(draft)).page_count == 6
    notice = dialog.findChild(QLabel, "fontNotice")
    if substitution_notices():
        assert notice is not None and notice.text() == "\n".join(substitution_notices())
        assert "本机缺少" in notice.text()
    else:
        assert notice is None
    dialog.grab().save(str(tmp_path / "preview.png"))
    assert (tmp_path / "preview.png").stat().st_size > 0


def test_printing_prints_the_pages_asked_for(qtbot, draft, tmp_path: Path) -> None:
    printer = printing._a4_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 3)
    assert printing.paint_on_printer(printer, PageLayout(compose(draft))) == 2
    texts = page_texts(tmp_path / "printed.pdf")
    assert len(texts) == 2
    assert "—2—" in squeeze(texts[0]) and "—3—" in squeeze(texts[1])


def test_print_draft_paints_through_the_dialogs_printer(qtbot, draft, tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "打印.pdf"

    def accept(dialog: QPrintDialog) -> int:
        dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        dialog.printer().setOutputFileName(str(out))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", accept)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    assert printing.print_draft(None, draft, settings)
    assert len(PdfReader(out).pages) == 6
    assert settings.value(printing.PRINTER_KEY) is None  # a PDF file is no printer to remember


def test_a_cancelled_print_dialog_prints_nothing(qtbot, draft, monkeypatch) -> None:
    monkeypatch.setattr(QPrintDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    assert not printing.print_draft(None, draft)


def test_the_last_printer_is_chosen_again_only_while_it_is_installed(qtbot, tmp_path: Path, monkeypatch) -> None:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue(printing.PRINTER_KEY, "办公室打印机")
    monkeypatch.setattr(printing.QPrinterInfo, "availablePrinterNames", staticmethod(lambda: ["别的打印机"]))
    assert printing.restore_printer(QPrinter(), settings) == ""
    monkeypatch.setattr(printing.QPrinterInfo, "availablePrinterNames", staticmethod(lambda: ["办公室打印机"]))
    assert printing.restore_printer(QPrinter(), settings) == "办公室打印机"


def test_export_pdf_writes_where_the_clerk_chose_adding_the_suffix(qtbot, draft, tmp_path: Path, monkeypatch) -> None:
    asked = {}

    def save_as(parent, caption, start, filters):
        asked["start"] = start
        return str(tmp_path / "给领导签字"), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_as))
    path = printing.export_pdf(None, draft, folder=tmp_path)
    assert path == tmp_path / "给领导签字.pdf"
    assert len(PdfReader(path).pages) == 6
    assert Path(asked["start"]).name == "晋城市信访局2021年法治政府建设工作情况报告.pdf"


def test_open_with_default_app_hands_the_file_to_the_system(tmp_path: Path, monkeypatch) -> None:
    opened = []
    monkeypatch.setattr(printing.QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url) or True))
    docx = tmp_path / "报告.docx"
    docx.write_bytes(b"x")
    assert printing.open_with_default_app(docx)
    assert opened[0].isLocalFile() and Path(opened[0].toLocalFile()) == docx.resolve()


def test_a_printer_with_its_own_margins_prints_the_same_page(qtbot, draft, tmp_path: Path) -> None:
    from tests.pdf_probe import page_lines

    layout = PageLayout(compose(draft))
    outputs = []
    for full_page in (True, False):
        printer = printing._a4_printer()
        printer.setFullPage(full_page)
        if not full_page:
            printer.setPageMargins(printing.QMarginsF(20, 15, 10, 12), printing.QPageLayout.Unit.Millimeter)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / f"{full_page}.pdf"))
        printer.setPrintRange(QPrinter.PrintRange.PageRange)
        printer.setFromTo(1, 1)
        printing.paint_on_printer(printer, layout)
        outputs.append(page_lines(tmp_path / f"{full_page}.pdf")[0])
    full, margined = outputs
    assert [(round(a.x_min), round(a.y_min)) for a in full] == [(round(b.x_min), round(b.y_min)) for b in margined]

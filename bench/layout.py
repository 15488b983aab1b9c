"""Benchmark: laying out and previewing a 30-page report.

Prints the time to lay out the report on the GB/T 9704 grid (compose + page layout), the time
QTextDocument takes to lay out the same text on the same page size (the ratio shows what the grid
layout costs next to Qt's own), and the time for the print preview to open (layout, plus the
preview dialog painting every page). Run: `uv run python -m bench.layout [pages]`.
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSizeF
from PySide6.QtGui import QFont, QTextBlockFormat, QTextCursor, QTextDocument
from PySide6.QtPrintSupport import QPrintPreviewWidget
from PySide6.QtWidgets import QApplication

from app.render.blocks import Block, Role
from app.render.compose import compose
from app.render.fonts import Face, chosen_faces
from app.render.page_layout import BODY_SIZE, CHAR_PITCH, TEXT_HEIGHT, TEXT_WIDTH, PageLayout
from app.ui import printing
from bench.drafts import draft_of_pages
from bench.timing import median_seconds


def qtextdocument_layout(blocks: list[Block]) -> int:
    doc = QTextDocument()
    font = QFont(chosen_faces()[Face.FANGSONG].family or "")
    font.setPixelSize(round(BODY_SIZE))
    doc.setDefaultFont(font)
    doc.setDocumentMargin(0)
    doc.setPageSize(QSizeF(TEXT_WIDTH, TEXT_HEIGHT))
    cursor = QTextCursor(doc)
    fmt = QTextBlockFormat()
    fmt.setTextIndent(2 * CHAR_PITCH)
    for i, block in enumerate(b for b in blocks if b.role is not Role.TABLE):
        if i:
            cursor.insertBlock(fmt)
        else:
            cursor.setBlockFormat(fmt)
        cursor.insertText(block.text.replace("\n", " "))
    return doc.pageCount()  # forces the layout of the whole document


def _open_preview(draft) -> int:
    dialog = printing.make_preview_dialog(None, draft)
    dialog.show()
    preview = dialog.findChild(QPrintPreviewWidget)
    while preview.pageCount() == 0:
        QApplication.processEvents()
    count = preview.pageCount()
    dialog.close()
    dialog.deleteLater()
    return count


def main(pages: int = 30, repeat: int = 5) -> None:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    draft = draft_of_pages(pages)
    blocks = compose(draft)
    page_count = PageLayout(blocks).page_count
    grid = median_seconds(lambda: PageLayout(compose(draft)), repeat)
    layout_only = median_seconds(lambda: PageLayout(blocks), repeat)
    qt_doc = median_seconds(lambda: qtextdocument_layout(blocks), repeat)
    preview = median_seconds(lambda: _open_preview(draft), repeat)
    print(f"report: {page_count} pages, {len(blocks)} blocks, {len(''.join(b.text for b in blocks))} characters")
    print(f"compose + grid layout:        {grid * 1000:7.1f} ms")
    print(f"grid layout alone:            {layout_only * 1000:7.1f} ms")
    print(f"QTextDocument, same text:     {qt_doc * 1000:7.1f} ms")
    print(f"ratio grid / QTextDocument:   {layout_only / qt_doc:7.2f}")
    print(f"print preview open ({page_count} pages painted): {preview * 1000:7.1f} ms")
    del app


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 30)

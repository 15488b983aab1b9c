"""The live preview pane: the document the DOCX writer lays out, as it will break on paper.

The pane alone is made with the window; its document is built by app/ui/preview_document.py, loaded with
the first blocks to show (after the window is up).
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QTextBrowser

from app.render.blocks import Block


class PreviewPane(QTextBrowser):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("preview")
        self.setOpenLinks(False)
        self.setReadOnly(True)
        self.setMinimumWidth(280)  # narrower than a line: it scrolls sideways rather than crowd the editor
        # Paper: black on white whatever the desktop's colours (a palette, not a style sheet: see app/ui/common.py).
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Base, QColor("white"))
        palette.setColor(QPalette.ColorRole.Text, QColor("black"))
        self.setPalette(palette)
        self.blocks: list[Block] = []
        self._wrapped = False

    def show_blocks(self, blocks: list[Block]) -> None:
        if blocks == self.blocks:
            return
        # the preview's document types with its first blocks (tests/test_startup.py)
        from app.ui import preview_document

        if not self._wrapped:
            # Measured with the first blocks, not when the window is built: finding and loading the 仿宋
            # face (or what stands in for it) is work the first paint of an empty preview does not need.
            self.setLineWrapMode(QTextBrowser.LineWrapMode.FixedPixelWidth)
            self.setLineWrapColumnOrWidth(preview_document.line_width())
            self._wrapped = True
        self.blocks = blocks
        bar = self.verticalScrollBar()
        keep = bar.value()
        self.setDocument(preview_document.document_of(blocks))
        bar.setValue(min(keep, bar.maximum()))

    def scroll_to_text(self, text: str) -> None:
        """Brings a heading into view (the preview follows the step being written)."""
        if not text:
            return
        found = self.document().find(text)
        if not found.isNull():
            rect = self.cursorRect(found)
            bar = self.verticalScrollBar()
            bar.setValue(bar.value() + rect.top() - 8)

"""The line-per-paragraph text editor of the 导语 and section pages, with example figures highlighted."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker
from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat
from PySide6.QtWidgets import QPlainTextEdit


class ExampleHighlighter(QSyntaxHighlighter):
    """Marks example figures of library phrases the user has not replaced yet."""

    def __init__(self, document) -> None:
        super().__init__(document)
        self.examples: list[str] = []
        self.fmt = QTextCharFormat()
        self.fmt.setBackground(QColor("#ffe082"))
        self.fmt.setToolTip("示例数字，请改为本单位的实际数字")

    def set_examples(self, examples: list[str]) -> None:
        if examples != self.examples:
            self.examples = examples
            self.rehighlight()

    def highlightBlock(self, text: str) -> None:
        for example in self.examples:
            start = text.find(example)
            while start >= 0:
                self.setFormat(start, len(example), self.fmt)
                start = text.find(example, start + len(example))


class ParagraphEditor(QPlainTextEdit):
    """Body text, one paragraph a line; keeps its own undo/redo for typing."""

    def __init__(self, placeholder: str = "") -> None:
        super().__init__()
        self.setPlaceholderText(placeholder)
        self.setTabChangesFocus(True)
        self.highlighter = ExampleHighlighter(self.document())

    def set_text_quietly(self, text: str) -> None:
        """Loads text without signalling an edit, starting a fresh undo history."""
        if self.toPlainText() == text:
            return
        with QSignalBlocker(self):
            self.setPlainText(text)

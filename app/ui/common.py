"""Small pieces every page uses: the prompt and help header, and a line-per-paragraph text editor."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QSizePolicy, QVBoxLayout, QWidget


class PageHeader(QWidget):
    """The step's question in bold and the pack's advice under it."""

    def __init__(self) -> None:
        super().__init__()
        # Never taller than its text: spare height belongs to the editors below.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 4)
        layout.setSpacing(2)
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.title.setStyleSheet("QLabel#pageTitle { font-size: 15pt; font-weight: bold; }")
        self.title.setWordWrap(True)
        self.prompt = QLabel()
        self.prompt.setWordWrap(True)
        self.prompt.setStyleSheet("font-weight: bold;")
        self.help = QLabel()
        self.help.setWordWrap(True)
        self.help.setStyleSheet("color: #555;")
        for w in (self.title, self.prompt, self.help):
            w.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(w)

    def set_texts(self, title: str, prompt: str, help_text: str) -> None:
        self.title.setText(title)
        self.prompt.setText(prompt)
        self.prompt.setVisible(bool(prompt))
        self.help.setText(help_text)
        self.help.setVisible(bool(help_text))


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

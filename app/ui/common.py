"""The prompt and help header every page shows."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from app.ui.binding import set_by_name


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
            set_by_name(w, "textInteractionFlags", "TextSelectableByMouse")
            layout.addWidget(w)

    def set_texts(self, title: str, prompt: str, help_text: str) -> None:
        self.title.setText(title)
        self.prompt.setText(prompt)
        self.prompt.setVisible(bool(prompt))
        self.help.setText(help_text)
        self.help.setVisible(bool(help_text))

"""The prompt and help header every page shows, the two text styles the pages use, and a question box."""

from __future__ import annotations

from PySide6 import QtWidgets
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from app.ui.binding import set_by_name

# Set as font and palette rather than style sheets: a style sheet puts its widget under Qt's style sheet
# engine, which cost the first window 2.5 ms for seven labels.


def muted(widget: QWidget, color: str = "#555") -> None:
    """Grey text, for help and notes."""
    palette = widget.palette()
    palette.setColor(QPalette.ColorRole.WindowText, QColor(color))
    widget.setPalette(palette)


def bold(widget: QWidget, point_size: float | None = None) -> None:
    font = widget.font()
    font.setBold(True)
    if point_size is not None:
        font.setPointSizeF(point_size)
    widget.setFont(font)


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
        bold(self.title, 15)
        self.title.setWordWrap(True)
        self.prompt = QLabel()
        self.prompt.setWordWrap(True)
        bold(self.prompt)
        self.help = QLabel()
        self.help.setWordWrap(True)
        muted(self.help)
        for w in (self.title, self.prompt, self.help):
            set_by_name(w, "textInteractionFlags", "TextSelectableByMouse")
            layout.addWidget(w)

    def set_texts(self, title: str, prompt: str, help_text: str) -> None:
        self.title.setText(title)
        self.prompt.setText(prompt)
        self.prompt.setVisible(bool(prompt))
        self.help.setText(help_text)
        self.help.setVisible(bool(help_text))


def ask(parent: QWidget, title: str, text: str, buttons: list[str], *, information: bool = False) -> int:
    """A message box offering `buttons`, the last one the way out; the index of the one clicked.

    The dialog's types are made on first use, not at start-up (its module is reached through `QtWidgets`).
    """
    box = QtWidgets.QMessageBox(parent)
    Role = QtWidgets.QMessageBox.ButtonRole
    box.setIcon(QtWidgets.QMessageBox.Icon.Information if information else QtWidgets.QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setText(text)
    roles = [Role.AcceptRole, Role.ActionRole if information else Role.DestructiveRole]
    made = [box.addButton(label, roles[min(i, 1)]) for i, label in enumerate(buttons[:-1])]
    made.append(box.addButton(buttons[-1], Role.RejectRole))
    box.exec()
    clicked = box.clickedButton()
    return next((i for i, b in enumerate(made) if b is clicked), len(buttons) - 1)

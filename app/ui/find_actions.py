"""查找: every place a phrase occurs in the draft, visited one after another with 查找下一个."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLineEdit

from app.core.location import Location, get_text
from app.ui.window_host import WindowHost


class FindActions(QObject):
    def __init__(self, host: WindowHost, box: QLineEdit) -> None:
        super().__init__(box)
        self.host = host
        self.box = box
        self._hits: list[Location] = []
        self._at = -1

    def focus(self) -> None:
        self.box.setFocus()
        self.box.selectAll()

    def reset(self) -> None:
        """The text to find changed: the next search starts from the first place again."""
        self._hits = []
        self._at = -1

    def find_next(self) -> None:
        needle = self.box.text().strip()
        if not needle:
            self.focus()
            return
        session = self.host.session
        if not self._hits:
            self._hits = session.find_all(needle)
            self._at = -1
        if not self._hits:
            self.host.say(f"全文中没有找到“{needle}”。", 5000)
            return
        self._at = (self._at + 1) % len(self._hits)
        location = self._hits[self._at]
        try:
            start = get_text(session.draft, location).find(needle)
        except LookupError:  # edited away since the search: the place is still the nearest one
            start = -1
        self.host.reveal(location, max(start, 0), start + len(needle) if start >= 0 else 0)
        self.host.say(f"第 {self._at + 1} 处，共 {len(self._hits)} 处。", 5000)

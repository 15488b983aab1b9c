"""Noticing when a window has first been painted: the moment start-up benchmarks stop the clock."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget


class FirstPaint(QObject):
    """Calls `then` once the first paint of `window` (any of its widgets) has been done.

    Qt paints a window's widgets in one pass; a zero timer from the first paint event runs once that pass
    is over. The filter removes itself, so later events pay nothing for it.
    """

    def __init__(self, window: QWidget, then: Callable[[], None]) -> None:
        super().__init__(window)
        self._window = window
        self._then = then
        self._app = QApplication.instance()
        self._app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and isinstance(watched, QWidget) and watched.window() is self._window:
            self._app.removeEventFilter(self)
            QTimer.singleShot(0, self._then)
        return False

"""Noticing when a window has first been painted: the moment start-up benchmarks stop the clock."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class FirstPaint(QObject):
    """Calls `then` once the first paint of `window` has been done.

    Qt paints a window and all its widgets in one pass, the window's own background first; a zero timer
    from that paint event runs once the pass is over. The filter watches the window alone (a filter on the
    application would route every event of every widget through Python) and removes itself after.
    """

    def __init__(self, window: QWidget, then: Callable[[], None]) -> None:
        super().__init__(window)
        self._window = window
        self._then = then
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self._window.removeEventFilter(self)
            QTimer.singleShot(0, self._then)
        return False

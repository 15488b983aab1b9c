"""A QGuiApplication for headless font and page work (the CLI, tests); the GUI brings its own.

QFontDatabase, QTextLayout and QPdfWriter need one to exist. Without a display the offscreen
platform is used, which still reads the system's fonts through fontconfig.
"""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication

_app: QGuiApplication | None = None


def ensure_gui_application() -> QCoreApplication:
    """The running Qt application, creating an offscreen QGuiApplication when there is none."""
    global _app
    existing = QCoreApplication.instance()
    if existing is not None:
        if not isinstance(existing, QGuiApplication):
            raise RuntimeError("a QCoreApplication without GUI support is running; fonts need QGuiApplication")
        return existing
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _app = QGuiApplication(["fzbg"])
    return _app

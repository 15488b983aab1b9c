"""Starts the window: `fzbg` with no arguments, or with a draft to open."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def run_gui(args: list[str]) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from app.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName("法治报告助手")
    app.setOrganizationName("fzbg")
    window = MainWindow()
    if args:
        window.open_path(Path(args[0]))
    window.show()
    if os.environ.get("FZBG_QUIT_AFTER_SHOW") == "1":
        # Start-up benchmarks measure the whole process up to the first paint.
        QTimer.singleShot(0, app.quit)
    return app.exec()

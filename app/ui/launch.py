"""Starts the window: `fzbg` with no arguments, or with a draft to open."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def install_translations(app) -> None:
    """Qt's own dialogs (file dialog, message box buttons) in Chinese, from PySide6's translations."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name in ("qtbase_zh_CN", "qt_zh_CN"):
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))


def run_gui(args: list[str]) -> int:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    from app.ui.main_window import MainWindow

    if QApplication.instance() is None:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName("法治报告助手")
    app.setOrganizationName("fzbg")
    install_translations(app)
    window = MainWindow()
    if args:
        window.open_path(Path(args[0]), ask_first=False)
    quit_after_show = os.environ.get("FZBG_QUIT_AFTER_SHOW") == "1"
    if quit_after_show:
        # Start-up benchmarks measure the whole process up to the first paint, with the library loaded.
        window.ready.connect(app.quit, Qt.ConnectionType.QueuedConnection)
    else:
        window.ready.connect(window.offer_recovery, Qt.ConnectionType.QueuedConnection)
    window.show()
    code = app.exec()
    if quit_after_show:
        window.session.close()  # nothing was typed; leave no lock file beside the draft
    return code

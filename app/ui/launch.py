"""Starts the window: `fzbg` with no arguments, or with a draft to open."""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path


def install_translations(app) -> None:
    """Qt's own dialogs (file dialog, message box buttons) in Chinese, from PySide6's translations."""
    # PySide6 loads in run_gui, once the collector is off (see there), not when this module is imported
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name in ("qtbase_zh_CN", "qt_zh_CN"):
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))


# If the window is never painted (shown on a locked or disconnected screen), ready does not come: the
# collector is switched back on by then anyway.
SETTLE_AT_LATEST_MS = 10_000


def settle_memory() -> None:
    """Once the window is ready: what start-up made lives as long as the program, so the collector stops
    looking at it (`gc.freeze`) and starts collecting again. Only the first call does anything: a later
    freeze would keep that moment's garbage for good."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def run_gui(args: list[str]) -> int:
    # Start-up makes tens of thousands of objects that all live on (Qt's types, the window, the phrase
    # index); collecting while they are made only walks them again and again: 12 ms of a 0.25 s start.
    gc.disable()
    import PySide6.QtCore  # noqa: F401 - installs the import hook skip_feature_scan takes out again

    from app.ui.binding import skip_feature_scan

    skip_feature_scan()
    # after gc.disable and skip_feature_scan above: the window's imports are what those two speed up
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from app.ui.main_window import MainWindow

    # Qt 6 scales by the screen's exact factor (PassThrough) by default: nothing to set for high DPI.
    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName("法治报告助手")
    app.setOrganizationName("fzbg")
    install_translations(app)
    window = MainWindow()
    if args:
        window.files.open_path(Path(args[0]), ask_first=False)
    window.ready.connect(settle_memory)
    QTimer.singleShot(SETTLE_AT_LATEST_MS, settle_memory)
    quit_after_show = os.environ.get("FZBG_QUIT_AFTER_SHOW") == "1"
    # Once the event loop is free again: the first paint's pass is over.
    if quit_after_show:
        # Start-up benchmarks measure the whole process up to the first paint, with the library loaded.
        window.ready.connect(lambda: QTimer.singleShot(0, app.quit))
    else:
        window.ready.connect(lambda: QTimer.singleShot(0, window.files.offer_recovery))
    window.show()
    code = app.exec()
    if quit_after_show:
        window.session.close()  # nothing was typed; leave no lock file beside the draft
    return code

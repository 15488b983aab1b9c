"""The start-up floor: a bare PySide6 QWizard, shown and painted, then quit.

It stops at the same moment as `fzbg` under FZBG_QUIT_AFTER_SHOW=1, found by the same code: once the first
paint of its window is done. Run by bench/run.py as a whole process, beside `fzbg`.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWizard, QWizardPage

from app.ui.first_paint import FirstPaint


def main() -> int:
    app = QApplication(sys.argv[:1])
    wizard = QWizard()
    page = QWizardPage()
    page.setTitle("基本信息")
    QVBoxLayout(page).addWidget(QLabel("单位全称"))
    wizard.addPage(page)
    wizard.resize(1366, 768)
    FirstPaint(wizard, app.quit)
    wizard.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())

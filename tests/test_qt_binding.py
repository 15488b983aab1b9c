from __future__ import annotations

import sys

import pytest
from PySide6.QtGui import QFont

# The session's QApplication (pytest-qt) must exist before the layout would make a bare QGuiApplication,
# or a later widget test in the same process aborts.
pytestmark = pytest.mark.usefixtures("qapp")


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12 on")
def test_calling_a_void_qt_method_does_not_drop_a_reference_to_none() -> None:
    # PySide6 6.12.0 on Python 3.11 released a reference to None on every void call, so any long
    # session (a layout makes thousands of such calls) died with "deallocating None".
    font = QFont()
    before = sys.getrefcount(None)
    for _ in range(1000):
        font.setBold(False)
    assert sys.getrefcount(None) - before > -10

"""Reordering items with the mouse, for real: a drag started by pressing and moving the mouse on an item and
ended by releasing it elsewhere, through Qt's own drag loop under an X server (Xvfb).

The offscreen platform the other tests use runs no drag loop, so this test runs the window in a process of
its own on the xcb platform. It skips where there is no Xvfb, and fails instead in CI (FZBG_REQUIRE_XVFB=1,
set by .ci/run, which installs it).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

SCRIPT = r"""
import os
import sys
import time

from PySide6.QtCore import QEvent, QEventLoop, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

app = QApplication([])
from app.ui.main_window import MainWindow

# Every wait below is for an event (the X server's reply arriving as a drag event, a drop); the heartbeat only
# wakes the loop so that a wait that never ends fails with a message instead of hanging.
heartbeat = QTimer()
heartbeat.start(500)


def give_up_after(started, what):
    if time.monotonic() - started > 60:
        print(f"gave up waiting for {what}", file=sys.stderr, flush=True)
        os._exit(3)  # also from inside Qt's drag loop, where SystemExit would be swallowed


def wait_for(condition, what):
    started = time.monotonic()
    while not condition():
        give_up_after(started, what)
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)


window = MainWindow()
window.resize(1366, 768)
window.show()
QTest.qWaitForWindowExposed(window)
window.go_to(2)
page = window.section_page
for heading in ("甲", "乙", "丙"):
    page.add_btn.click()
    page.item_heading.setFocus()
    typed = QInputMethodEvent()
    typed.setCommitString(heading)  # as the input method commits it
    QApplication.sendEvent(page.item_heading, typed)
tree = page.tree
win = window.windowHandle()
rows = lambda: [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
wait_for(lambda: not tree.visualItemRect(tree.topLevelItem(3)).isEmpty(), "the new rows to be laid out")


class DragEvents(QObject):
    # What the tree's viewport receives from the drag: where each drag move arrived.
    def __init__(self):
        super().__init__()
        self.moves = []
        self.drops = 0

    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.DragMove:
            self.moves.append(event.position().toPoint())
        return False


events = DragEvents()
tree.viewport().installEventFilter(events)
tree.dropped.connect(lambda: setattr(events, "drops", events.drops + 1))


def drag_pixmap_shown():
    return any(w.metaObject().className() == "QShapedPixmapWindow" and w.isExposed() for w in app.topLevelWindows())


def at(item, where):
    rect = tree.visualItemRect(item)
    return {"middle": rect.center(), "top": QPoint(rect.center().x(), rect.top() + 1)}[where]


def drag(source, target, where):
    start, end = at(source, "middle"), at(target, where)
    to_window = lambda point: tree.viewport().mapTo(window, point)
    states = []
    drops = events.drops

    started = time.monotonic()

    def release():  # runs inside Qt's drag loop
        # The drag follows the mouse once its loop runs and the X server has shown the window carrying its pixmap;
        # the drag loop itself shows that window, so this waits turn by turn of that loop.
        if tree.state() is not tree.State.DraggingState or not drag_pixmap_shown():
            give_up_after(started, "the drag to begin")
            QTimer.singleShot(0, release)
            return
        states.append(tree.state().name)
        for dy in (6, 3, 1, 0):  # arriving from below, as a hand does
            point = end + QPoint(0, dy)
            QTest.mouseMove(win, to_window(point))
            wait_for(lambda: events.moves and events.moves[-1] == point, f"the drag to arrive at {point}")
        QTest.mouseRelease(win, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, to_window(end))

    QTimer.singleShot(0, release)
    QTest.mousePress(win, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, to_window(start))
    QTest.mouseMove(win, to_window(start + QPoint(0, 8)))
    QTest.mouseMove(win, to_window(start + QPoint(0, -20)))  # past the drag distance: Qt's drag loop runs in here
    wait_for(lambda: events.drops > drops, "the drop")
    return states


def items():
    return [(i.heading, [c.heading for c in i.children]) for i in window.session.draft.sections[0].items]


print(rows())
print(drag(tree.topLevelItem(3), tree.topLevelItem(1), "top"), items())  # 丙 above 甲
print(drag(tree.topLevelItem(3), tree.topLevelItem(2), "middle"), items())  # 乙 onto 甲
window.undo_action.trigger()
print(items())
from PySide6.QtWidgets import QMessageBox

QMessageBox.question = lambda *a, **k: QMessageBox.StandardButton.Discard  # 不保存
window.close()
"""


@pytest.fixture(scope="module")
def x_display() -> Iterator[str]:
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        if os.environ.get("FZBG_REQUIRE_XVFB") == "1":
            pytest.fail("Xvfb is required here but not installed")
        pytest.skip("Xvfb not installed")
    read, write = os.pipe()
    server = subprocess.Popen(
        [xvfb, "-displayfd", str(write), "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as fh:
        number = fh.readline().strip()  # Xvfb writes its display number once it accepts clients
    try:
        assert number, "Xvfb did not start"
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_dragging_items_with_the_mouse_reorders_and_nests_them_and_undo_restores(x_display: str, tmp_path) -> None:
    env = {**os.environ, "DISPLAY": x_display, "QT_QPA_PLATFORM": "xcb", "HOME": str(tmp_path)}
    env.update(XDG_DATA_HOME=str(tmp_path / "data"), XDG_CONFIG_HOME=str(tmp_path / "config"))
    env.update(XDG_CACHE_HOME=str(tmp_path / "cache"), XDG_STATE_HOME=str(tmp_path / "state"))
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=REPO, env=env, capture_output=True, text=True, timeout=240
    )
    assert result.returncode == 0, result.stderr[-3000:]
    rows, reordered, nested, undone = result.stdout.strip().splitlines()[-4:]
    assert rows == "['（本部分开头的段落）', '（一）甲', '（二）乙', '（三）丙']"
    # Each was a real drag (the view was in its dragging state inside Qt's drag loop), dropped where released.
    assert reordered == "['DraggingState'] [('丙', []), ('甲', []), ('乙', [])]"
    assert nested == "['DraggingState'] [('丙', []), ('甲', ['乙'])]"
    assert undone == "[('丙', []), ('甲', []), ('乙', [])]"

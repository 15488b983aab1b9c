"""The window's menus and find bar. They only say what the user asked for (`Request`); the window decides
what to do about it."""

from __future__ import annotations

from enum import Enum, auto
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QLineEdit, QMainWindow, QMenu


class Request(Enum):
    NEW_BLANK = auto()
    NEW_FROM_LAST_YEAR = auto()
    NEW_FROM_LIBRARY = auto()
    OPEN = auto()
    IMPORT_REVISED = auto()
    SAVE = auto()
    SAVE_AS = auto()
    EXPORT_DOCX = auto()
    PRINT_PREVIEW = auto()
    PRINT = auto()
    EXPORT_PDF = auto()
    OPEN_IN_WORD = auto()
    EXPORT_MY_PHRASES = auto()
    IMPORT_COLLEAGUE_PHRASES = auto()
    QUIT = auto()
    UNDO = auto()
    REDO = auto()
    FIND = auto()
    FIND_NEXT = auto()
    ADD_OTHER_SECTION = auto()
    ADD_CUSTOM_SECTION = auto()
    PREVIOUS_STEP = auto()
    NEXT_STEP = auto()
    ABOUT = auto()


Shortcut = QKeySequence.StandardKey | str | None


class MainMenu(QObject):
    """Builds the menu bar and the find bar of `window`; `requested` says which entry was chosen."""

    requested = Signal(object)  # Request
    recent_chosen = Signal(object)  # Path
    recent_about_to_show = Signal()
    find_text_changed = Signal()

    def __init__(self, window: QMainWindow, with_library: bool) -> None:
        super().__init__(window)
        bar = window.menuBar()
        m = bar.addMenu("文件(&F)")
        self._add(m, "新建空白报告(&N)", Request.NEW_BLANK, QKeySequence.StandardKey.New)
        self._add(m, "以去年报告为基础新建(&L)…", Request.NEW_FROM_LAST_YEAR)
        if with_library:
            self._add(m, "用常用语库起草初稿(&D)", Request.NEW_FROM_LIBRARY)
        m.addSeparator()
        self._add(m, "打开(&O)…", Request.OPEN, QKeySequence.StandardKey.Open)
        self.recent_menu = m.addMenu("最近打开(&R)")
        self.recent_menu.aboutToShow.connect(self.recent_about_to_show)
        self._add(m, "导入修改稿(&M)…", Request.IMPORT_REVISED)
        m.addSeparator()
        self._add(m, "保存(&S)", Request.SAVE, QKeySequence.StandardKey.Save)
        self._add(m, "另存为(&A)…", Request.SAVE_AS, "Ctrl+Shift+S")
        m.addSeparator()
        self._add(m, "导出 DOCX(&E)…", Request.EXPORT_DOCX, "Ctrl+E")
        self._add(m, "打印预览(&V)…", Request.PRINT_PREVIEW)
        self._add(m, "打印(&P)…", Request.PRINT, QKeySequence.StandardKey.Print)
        self._add(m, "导出 PDF(&F)…", Request.EXPORT_PDF)
        self._add(m, "用 Word/WPS 打开(&W)", Request.OPEN_IN_WORD)
        if with_library:
            m.addSeparator()
            self._add(m, "导出我的常用语(&H)…", Request.EXPORT_MY_PHRASES)
            self._add(m, "导入同事的常用语(&I)…", Request.IMPORT_COLLEAGUE_PHRASES)
        m.addSeparator()
        self._add(m, "退出(&X)", Request.QUIT, "Ctrl+Q")

        e = bar.addMenu("编辑(&E)")
        self.undo_action = self._add(e, "撤销", Request.UNDO, QKeySequence.StandardKey.Undo)
        self.redo_action = self._add(e, "重做", Request.REDO, "Ctrl+Y")
        e.addSeparator()
        self._add(e, "查找(&F)…", Request.FIND, QKeySequence.StandardKey.Find)
        self._add(e, "查找下一个", Request.FIND_NEXT, QKeySequence.StandardKey.FindNext)

        s = bar.addMenu("部分(&S)")
        self._add(s, "添加“其他需要报告的情况”", Request.ADD_OTHER_SECTION)
        self._add(s, "添加自定义部分…", Request.ADD_CUSTOM_SECTION)

        g = bar.addMenu("转到(&G)")
        self._add(g, "上一步", Request.PREVIOUS_STEP, "Ctrl+PgUp")
        self._add(g, "下一步", Request.NEXT_STEP, "Ctrl+PgDown")

        h = bar.addMenu("帮助(&H)")
        self._add(h, "关于(&A)", Request.ABOUT)

        tools = window.addToolBar("查找")
        tools.setObjectName("findbar")
        tools.setMovable(False)
        tools.addWidget(QLabel(" 查找："))
        self.find_box = QLineEdit()
        self.find_box.setPlaceholderText("在全文中查找（Ctrl+F，回车找下一个）")
        self.find_box.setMaximumWidth(320)
        self.find_box.returnPressed.connect(lambda: self.requested.emit(Request.FIND_NEXT))
        self.find_box.textChanged.connect(lambda _: self.find_text_changed.emit())
        tools.addWidget(self.find_box)

    def _add(self, menu: QMenu, text: str, request: Request, shortcut: Shortcut = None) -> QAction:
        action = menu.addAction(text)
        action.triggered.connect(lambda _=False, r=request: self.requested.emit(r))
        # setShortcuts, not setShortcut: a standard key gets every binding the platform has for it, and
        # setShortcut's overloads would make the `Qt` namespace before the window is up (app/ui/binding.py).
        if isinstance(shortcut, str):
            action.setShortcuts([QKeySequence(shortcut)])
        elif shortcut is not None:
            action.setShortcuts(shortcut)
        return action

    def set_undo_labels(self, undo: str, redo: str) -> None:
        self.undo_action.setText(f"撤销 {undo}" if undo else "撤销")
        self.redo_action.setText(f"重做 {redo}" if redo else "重做")

    def fill_recent(self, paths: list[Path]) -> None:
        self.recent_menu.clear()
        if not paths:
            self.recent_menu.addAction("（没有最近打开的文件）").setEnabled(False)
            return
        for n, path in enumerate(paths, 1):
            action = self.recent_menu.addAction(f"&{n % 10} {path.name}")
            action.setToolTip(str(path))
            action.triggered.connect(lambda _=False, p=path: self.recent_chosen.emit(p))

"""The wizard: steps beside the page, the page, and the live preview. It shows a `Session` and forwards
what the user does to it; every rule about files, undo and autosave lives in the session."""

from __future__ import annotations

import contextlib
import importlib.util
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

# Dialogs and QDesktopServices are reached through their modules: PySide6 makes a class's Python type on
# first use, 3 ms for those, which the window's first paint does not need.
from PySide6 import QtCore, QtGui, QtWidgets
from PySide6.QtCore import QByteArray, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.draft_file import FILE_SUFFIX, DraftChangedOnDiskError
from app.core.errors import UserError
from app.core.lock import DraftLockedError
from app.core.model import SectionKind
from app.core.session import APP_NAME, RecentFiles, Session, find_recoveries, section_chars
from app.render.blocks import Block
from app.render.measure import estimate_pages
from app.render.numbering import heading_number
from app.render.pack import DEFAULT_PACK, load_pack
from app.ui.binding import USER_ROLE, set_by_name
from app.ui.common import muted
from app.ui.first_paint import FirstPaint
from app.ui.icons import STATUS_TEXT, status_icon
from app.ui.info_page import InfoPage
from app.ui.phrase_panel import PhrasePanel, library_available
from app.ui.preview import PreviewPane
from app.ui.settings import settings, string_list

if TYPE_CHECKING:
    from app.ui.background_checks import BackgroundChecks
    from app.ui.generate_page import Finding, GeneratePage
    from app.ui.preamble_page import PreamblePage
    from app.ui.section_page import SectionPage

AUTOSAVE_MS = 30_000
PREVIEW_DEBOUNCE_MS = 400
FIRST_PREVIEW_MS = 30
DRAFT_FILTER = f"报告草稿 (*{FILE_SUFFIX})"
OTHER_HEADING = "其他需要报告的情况"


def blank_draft(pack_id: str = DEFAULT_PACK, unit_name: str = "", self_ref: str = "我局"):
    return load_pack(pack_id).new_draft(unit_name, self_ref)


class MainWindow(QMainWindow):
    # The window has been painted and the phrase library is loaded: the wizard is fully there.
    ready = Signal()

    def __init__(self, session: Session | None = None, library_factory: Callable[[], object] | None = None) -> None:
        """`library_factory` makes the phrase library (tests and benchmarks give their own; default: the user's)."""
        super().__init__()
        self._library_factory = library_factory
        self.session = session or Session()
        if session is None:
            self.session.new(blank_draft())
        self.recent = RecentFiles(string_list(settings().value("recent_files")))
        self.step_keys: list[str] = []
        self.blocks: list[Block] = []
        self.last_export: Path | None = None
        self._find_hits: list[tuple[str, int, tuple[int, ...] | None]] = []
        self._find_at = -1
        self._warned_steps: set[str] = set()  # steps whose findings mark them; set by the checks
        self._check_found: list[Finding] = []  # the checks' findings, as last found
        self._checks: BackgroundChecks | None = None

        self._build_pages()
        self._build_layout()
        self._build_menus()

        self.preview_timer = QTimer(self)
        self.preview_timer.setSingleShot(True)
        self.preview_timer.setInterval(PREVIEW_DEBOUNCE_MS)
        self.preview_timer.timeout.connect(self.refresh_live)
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(AUTOSAVE_MS)
        self.autosave_timer.timeout.connect(self.autosave)
        self.autosave_timer.start()

        self.session.subscribe(self._session_changed)
        self._restore_geometry()
        self._rebuild_steps()
        self.go_to(0)
        self._file_changed()
        # The library, the preview (Jinja) and the checks wait until the window is up: start-up is to first paint.
        self.is_ready = False
        FirstPaint(self, self._after_first_paint)

    # ------------------------------------------------------------------ construction

    def _build_pages(self) -> None:
        # Only the first step's page is made before the window shows; each other page on its first visit.
        self.info_page = InfoPage(self.session)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.info_page)
        self.info_page.add_other_requested.connect(self.add_other_section)
        self.info_page.add_custom_requested.connect(self.add_custom_section)
        self.info_page.remove_section_requested.connect(self.remove_section)
        self._preamble_page: PreamblePage | None = None
        self._section_page: SectionPage | None = None
        self._generate_page: GeneratePage | None = None

    @property
    def preamble_page(self) -> PreamblePage:
        if self._preamble_page is None:
            from app.ui import preamble_page

            self._preamble_page = preamble_page.PreamblePage(self.session)
            self.stack.addWidget(self._preamble_page)
        return self._preamble_page

    @property
    def section_page(self) -> SectionPage:
        if self._section_page is None:
            from app.ui import section_page

            page = self._section_page = section_page.SectionPage(self.session)
            self.stack.addWidget(page)
            page.status_message.connect(lambda m: self.statusBar().showMessage(m, 6000))
            page.move_section_requested.connect(self.move_section)
            page.remove_section_requested.connect(self.remove_section)
            if self.phrases is not None:
                page.context_changed.connect(self.phrases.set_context)
        return self._section_page

    @property
    def generate_page(self) -> GeneratePage:
        if self._generate_page is None:
            from app.ui import generate_page

            page = self._generate_page = generate_page.GeneratePage(self.session)
            self.stack.addWidget(page)
            page.go_to_finding.connect(self.go_to_finding)
            page.fix_requested.connect(self.apply_fix)
            page.fix_all_requested.connect(self.fix_all)
            page.export_requested.connect(self.export_docx)
            page.open_file_requested.connect(lambda: self._open_url(self.last_export))
            page.open_folder_requested.connect(
                lambda: self._open_url(self.last_export.parent if self.last_export else None)
            )
            page.set_exported(self.last_export)
        return self._generate_page

    def _build_layout(self) -> None:
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(6, 6, 0, 6)
        ll.addWidget(QLabel("步骤"))
        self.steps = StepList()
        self.steps.walk.connect(lambda d: self.next_step() if d > 0 else self.previous_step())
        self.steps.setObjectName("steps")
        self.steps.setWordWrap(False)
        self.steps.setSpacing(2)
        set_by_name(self.steps, "horizontalScrollBarPolicy", "ScrollBarAlwaysOff")  # long names are elided
        left.setMinimumWidth(200)
        self.steps.currentRowChanged.connect(self._step_clicked)
        ll.addWidget(self.steps, 1)

        center = QWidget()
        cl = QVBoxLayout(center)
        cl.setContentsMargins(6, 6, 6, 6)
        cl.addWidget(self.stack, 1)
        nav = QHBoxLayout()
        self.back = QPushButton("上一步")
        self.next = QPushButton("下一步")
        self.stats = QLabel()
        muted(self.stats, "#444")
        nav.addWidget(self.stats, 1)
        nav.addWidget(self.back)
        nav.addWidget(self.next)
        self.back.clicked.connect(self.previous_step)
        self.next.clicked.connect(self.next_step)
        cl.addLayout(nav)

        self.preview = PreviewPane()
        self.side_tabs = QTabWidget()
        self.side_tabs.addTab(self.preview, "预览")
        self.phrases: PhrasePanel | None = None
        if library_available():
            self.phrases = PhrasePanel(lambda: self.session.draft.meta, self._library_factory)
            self.side_tabs.addTab(self.phrases, "常用语")
            self.phrases.insert_requested.connect(self.insert_phrase)
            self.phrases.new_item_requested.connect(self.use_heading)
            self.phrases.status_message.connect(lambda m: self.statusBar().showMessage(m, 4000))
            self.side_tabs.currentChanged.connect(lambda _: self.phrases.timer.start())

        self.splitter = QSplitter()  # horizontal
        self.splitter.addWidget(left)
        self.splitter.addWidget(center)
        self.splitter.addWidget(self.side_tabs)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 0)
        self.splitter.setCollapsible(1, False)
        self.splitter.setSizes([230, 640, 480])
        self.setCentralWidget(self.splitter)

    def _after_first_paint(self) -> None:
        """What the first paint does not need: the phrase library, then the composed preview and the font survey."""
        try:
            if self.phrases is not None:
                self.phrases.preload()
        finally:  # whatever the library does, the window goes on: recovery is offered, the preview composed
            self.is_ready = True
            self.ready.emit()
            QTimer.singleShot(FIRST_PREVIEW_MS, self._compose_first_preview)

    def _compose_first_preview(self) -> None:
        from app.ui.preview_document import missing_faces

        self.refresh_live()
        missing = missing_faces()
        if missing:
            self.statusBar().showMessage(
                f"本机缺少字体：{'、'.join(missing)}，预览用相近字体代替；导出的 DOCX 仍指定标准字体。", 15000
            )

    def _action(self, menu, text: str, slot, shortcut: QKeySequence.StandardKey | str | None = None) -> QAction:
        action = menu.addAction(text)
        action.triggered.connect(slot)
        # setShortcuts, not setShortcut: a standard key gets every binding the platform has for it, and
        # setShortcut's overloads would make the `Qt` namespace before the window is up (app/ui/binding.py).
        if isinstance(shortcut, str):
            action.setShortcuts([QKeySequence(shortcut)])
        elif shortcut is not None:
            action.setShortcuts(shortcut)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        m = bar.addMenu("文件(&F)")
        self._action(m, "新建空白报告(&N)", self.new_blank, QKeySequence.StandardKey.New)
        self._action(m, "以去年报告为基础新建(&L)…", self.new_from_last_year)
        if library_available():
            self._action(m, "用常用语库起草初稿(&D)", self.new_from_library)
        m.addSeparator()
        self._action(m, "打开(&O)…", self.open_dialog, QKeySequence.StandardKey.Open)
        self.recent_menu = m.addMenu("最近打开(&R)")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        if importer_available():
            self._action(m, "导入修改稿(&M)…", self.import_revised)
        m.addSeparator()
        self._action(m, "保存(&S)", self.save, QKeySequence.StandardKey.Save)
        self._action(m, "另存为(&A)…", self.save_as, "Ctrl+Shift+S")
        m.addSeparator()
        self._action(m, "导出 DOCX(&E)…", self.export_docx, "Ctrl+E")
        self._action(m, "打印预览(&V)…", self.print_preview)
        self._action(m, "打印(&P)…", self.print_report, QKeySequence.StandardKey.Print)
        self._action(m, "导出 PDF(&F)…", self.export_pdf)
        self._action(m, "用 Word/WPS 打开(&W)", self.open_in_word)
        if library_available():
            m.addSeparator()
            self._action(m, "导出我的常用语(&H)…", self.export_my_phrases)
            self._action(m, "导入同事的常用语(&I)…", self.import_colleague_phrases)
        m.addSeparator()
        self._action(m, "退出(&X)", self.close, "Ctrl+Q")

        e = bar.addMenu("编辑(&E)")
        self.undo_action = self._action(e, "撤销", self.undo, QKeySequence.StandardKey.Undo)
        self.redo_action = self._action(e, "重做", self.redo, "Ctrl+Y")
        e.addSeparator()
        self._action(e, "查找(&F)…", self.focus_find, QKeySequence.StandardKey.Find)
        self._action(e, "查找下一个", self.find_next, QKeySequence.StandardKey.FindNext)

        s = bar.addMenu("部分(&S)")
        self._action(s, "添加“其他需要报告的情况”", self.add_other_section)
        self._action(s, "添加自定义部分…", self.add_custom_section)

        g = bar.addMenu("转到(&G)")
        self._action(g, "上一步", self.previous_step, "Ctrl+PgUp")
        self._action(g, "下一步", self.next_step, "Ctrl+PgDown")

        h = bar.addMenu("帮助(&H)")
        self._action(h, "关于(&A)", self.about)

        tools = self.addToolBar("查找")
        tools.setObjectName("findbar")
        tools.setMovable(False)
        tools.addWidget(QLabel(" 查找："))
        self.find_box = QLineEdit()
        self.find_box.setPlaceholderText("在全文中查找（Ctrl+F，回车找下一个）")
        self.find_box.setMaximumWidth(320)
        self.find_box.returnPressed.connect(self.find_next)
        self.find_box.textChanged.connect(lambda _: self._reset_find())
        tools.addWidget(self.find_box)

    # ------------------------------------------------------------------ session events

    def _session_changed(self, what: str) -> None:
        if what == "file":
            self._file_changed()
        elif what == "structure":
            self._rebuild_steps()
            self._refresh_page()
            self._update_undo_actions()
            self.preview_timer.start()
        else:
            self.preview_timer.start()

    def _file_changed(self) -> None:
        self.setWindowTitle(self.session.window_title())
        self._update_undo_actions()

    def _update_undo_actions(self) -> None:
        s = self.session
        self.undo_action.setText(f"撤销 {s.undo_label}" if s.undo_label else "撤销")
        self.redo_action.setText(f"重做 {s.redo_label}" if s.redo_label else "重做")

    def refresh_live(self) -> None:
        """After a pause in typing: preview, counts and step marks; the checks follow from a worker thread."""
        from app.render.compose import compose  # Jinja loads after the first paint, not before it

        self.setWindowTitle(self.session.window_title())
        try:
            self.blocks = compose(self.session.draft)
        except UserError as exc:
            self.statusBar().showMessage(exc.message, 10000)
            return
        self.preview.show_blocks(self.blocks)
        self._update_stats()
        self._request_checks()
        self._show_findings()

    @property
    def checks_pending(self) -> bool:
        """The checks are running (or about to) for a newer state of the draft than the marks show."""
        return self._checks is not None and self._checks.busy

    def _request_checks(self) -> None:
        from app.ui.generate_page import checks_available

        if not checks_available():
            return
        if self._checks is None:
            from app.ui.background_checks import BackgroundChecks

            # No Qt parent: a run still going when the window is deleted keeps its object alive until it ends.
            self._checks = BackgroundChecks()
            self._checks.finished.connect(self._checks_done)
        self._checks.request(self.session.revision, self.session.draft, self.session.previous)

    def _checks_done(self, revision: object, result: object) -> None:
        if revision != self.session.revision:
            return  # typing went on: the next pause asks again
        if isinstance(result, UserError):
            self.statusBar().showMessage(f"检查未能完成：{result.message}", 8000)
            return
        self._check_found = list(result)  # type: ignore[call-overload]
        self._show_findings()

    def _show_findings(self) -> None:
        """Step marks and the 检查与生成 list: the wizard's own findings and the checks' last ones."""
        from app.ui.generate_page import checks_available, wizard_findings

        found = wizard_findings(self.session, checks=checks_available()) + self._check_found
        self._update_step_icons(found)
        if self._generate_page is not None and self.stack.currentWidget() is self._generate_page:
            self._generate_page.refresh(self.session.report_chars(), estimate_pages(self.blocks), found)

    def findings(self) -> list[Finding]:
        """The wizard's own findings, then the checks' (公文体检) when that part is installed, run now."""
        from app.ui.generate_page import checks_available, checks_findings, wizard_findings

        found = wizard_findings(self.session, checks=checks_available())
        if checks_available():
            try:
                self._check_found = checks_findings(self.session.draft, self.session.previous)
            except UserError as exc:
                self.statusBar().showMessage(f"检查未能完成：{exc.message}", 8000)
            found += self._check_found
        return found

    def go_to_finding(self, finding: Finding) -> None:
        step = finding.step
        self.go_to_key(step if step in ("info", "preamble", "generate") else f"section:{step}")
        check = finding.check
        if check is None or check.location is None:
            return
        ref, start, end = check.location.ref, check.location.start, check.location.end
        part = ref.part.value
        if part in ("preamble", "closing"):
            editor = self.preamble_page.editor if part == "preamble" else self.preamble_page.closing
            paragraphs = self.session.draft.preamble if part == "preamble" else self.session.draft.closing
            self._select_span(editor, paragraphs, ref.paragraph, start, end)
        elif part in ("section_preamble", "item_heading", "item_paragraph") and ref.section is not None:
            page = self.section_page
            page._current = self.session.item(ref.section, ref.item) if ref.item else None
            page.refresh()
            if part == "item_heading":
                page.item_heading.setFocus()
                page.item_heading.setSelection(start, end - start)
                return
            item = page._current
            paragraphs = item.paragraphs if item is not None else self.session.draft.sections[ref.section].preamble
            self._select_span(page.editor, paragraphs, ref.paragraph, start, end)
        elif part == "section_heading":
            self.section_page.heading.setFocus()
            self.section_page.heading.setSelection(start, end - start)

    @staticmethod
    def _select_span(editor: QPlainTextEdit, paragraphs, index: int | None, start: int, end: int) -> None:
        """Selects characters [start, end) of paragraph `index` in an editor showing one paragraph a line."""
        if index is None:
            return
        offset = sum(len(p.text) + 1 for p in paragraphs[:index] if p.table is None)
        cursor = editor.textCursor()
        cursor.setPosition(min(offset + start, len(editor.toPlainText())))
        cursor.setPosition(min(offset + end, len(editor.toPlainText())), cursor.MoveMode.KeepAnchor)
        editor.setTextCursor(cursor)
        editor.setFocus()

    def apply_fix(self, fix) -> None:
        """A check's certain correction, as one undoable step."""
        from app.checks import FixConflict, apply_fix

        draft = self.session.draft
        undo: list = []

        def do() -> None:
            undo[:] = [apply_fix(draft, fix)]

        try:
            self.session.run_command(fix.description, do, lambda: apply_fix(draft, undo[0]))
        except FixConflict:
            self.statusBar().showMessage("这处文字已经改动过，请重新检查后再修正。", 6000)
            return
        self.refresh_live()
        self.statusBar().showMessage(f"已修正：{fix.description}（可用 Ctrl+Z 撤销）", 6000)

    def fix_all(self) -> None:
        from app.checks import apply_fix, fix_all

        draft = self.session.draft
        undo: list = []

        def do() -> None:
            undo[:] = fix_all(draft)

        def revert() -> None:
            for f in reversed(undo):
                apply_fix(draft, f)

        self.session.run_command("一键修正格式问题", do, revert)
        self.refresh_live()
        self.statusBar().showMessage(f"已修正 {len(undo)} 处格式问题（可用 Ctrl+Z 撤销）。", 6000)

    def _update_stats(self) -> None:
        total = self.session.report_chars()
        pages = estimate_pages(self.blocks) if self.blocks else 1
        key = self.current_key()
        prefix = ""
        if key.startswith("section:"):
            with contextlib.suppress(KeyError):
                index = self.session.section_index(key[8:])
                prefix = f"本部分 {section_chars(self.session.draft.sections[index])} 字 · "
        self.stats.setText(f"{prefix}全文 {total} 字 · 约 {pages} 页（每页 22 行×28 字）")

    # ------------------------------------------------------------------ steps

    def _rebuild_steps(self) -> None:
        current = self.current_key() if self.step_keys else "info"
        keys = ["info", "preamble", *(f"section:{s.id}" for s in self.session.draft.sections), "generate"]
        labels = ["基本信息", "导语"]
        labels += [
            f"{heading_number(1, i)}{s.heading or '（未命名）'}" for i, s in enumerate(self.session.draft.sections, 1)
        ]
        labels.append("检查与生成")
        self.step_keys = keys
        self.steps.blockSignals(True)
        self.steps.clear()
        for label in labels:
            item = QListWidgetItem(label)
            item.setToolTip(label)
            self.steps.addItem(item)
        row = keys.index(current) if current in keys else 0
        self.steps.setCurrentRow(row)
        self.steps.blockSignals(False)
        self._update_step_icons()
        if current not in keys:
            self.go_to(min(row, len(keys) - 1))

    def _update_step_icons(self, findings: list[Finding] | None = None) -> None:
        """Each step's mark; `findings` as last found, since the checks run only after a pause in typing."""
        s = self.session
        if findings is not None:
            self._warned_steps = {f.step for f in findings if f.severity == "warning"}
        warned = self._warned_steps
        for row, key in enumerate(self.step_keys):
            item = self.steps.item(row)
            if item is None:
                continue
            if key == "info":
                status = s.info_status()
            elif key == "preamble":
                status = s.preamble_status()
            elif key == "generate":
                status = "findings" if warned else "complete"
            else:
                status = s.section_status(s.section_index(key[8:]))
                if status != "empty" and key[8:] in warned:
                    status = "findings"
            if key == "info" and status == "complete" and "info" in warned:
                status = "findings"
            item.setIcon(status_icon(status))
            item.setData(USER_ROLE, status)
            item.setToolTip(f"{item.text()}（{STATUS_TEXT[status]}）")

    def current_key(self) -> str:
        row = self.steps.currentRow()
        return self.step_keys[row] if 0 <= row < len(self.step_keys) else "info"

    def _step_clicked(self, row: int) -> None:
        if row >= 0:
            self.go_to(row)

    def go_to_key(self, key: str | None) -> None:
        if key in self.step_keys:
            self.go_to(self.step_keys.index(key))

    def go_to(self, row: int) -> None:
        row = max(0, min(row, len(self.step_keys) - 1))
        self._commit_focused_edit()
        self.autosave()  # every step change is a natural moment to secure the work
        self.steps.blockSignals(True)
        self.steps.setCurrentRow(row)
        self.steps.blockSignals(False)
        self._refresh_page()
        self.back.setEnabled(row > 0)
        self.next.setEnabled(row < len(self.step_keys) - 1)
        self._update_stats()

    def _refresh_page(self) -> None:
        key = self.current_key()
        if self.phrases is not None and not key.startswith("section:"):
            self.phrases.set_context(None, "", "", preamble=key == "preamble")
        if key == "info":
            self.stack.setCurrentWidget(self.info_page)
            self.info_page.refresh()
        elif key == "preamble":
            self.stack.setCurrentWidget(self.preamble_page)
            self.preamble_page.refresh()
        elif key == "generate":
            self.stack.setCurrentWidget(self.generate_page)
            found = self.findings()
            self._update_step_icons(found)
            self.generate_page.refresh(
                self.session.report_chars(), estimate_pages(self.blocks) if self.blocks else 1, found
            )
        else:
            index = self.session.section_index(key[8:])
            self.stack.setCurrentWidget(self.section_page)
            self.section_page.bind(index)
            heading = f"{heading_number(1, index + 1)}{self.session.draft.sections[index].heading}"
            self.preview.scroll_to_text(heading)

    def _commit_focused_edit(self) -> None:
        # A section heading is committed on editingFinished; leaving the step must not lose it.
        page = self._section_page
        if page is not None and page.heading.hasFocus():
            page.heading.clearFocus()

    def next_step(self) -> None:
        self.go_to(self.steps.currentRow() + 1)

    def previous_step(self) -> None:
        self.go_to(self.steps.currentRow() - 1)

    # ------------------------------------------------------------------ sections

    def add_other_section(self) -> None:
        section = self.session.add_section(SectionKind.OTHER, OTHER_HEADING)
        self.go_to_key(f"section:{section.id}")

    def add_custom_section(self) -> None:
        heading, ok = QtWidgets.QInputDialog.getText(self, "添加自定义部分", "新部分的标题（不含编号）：")
        if not ok or not heading.strip():
            return
        sections = self.session.draft.sections
        key = self.current_key()
        if key.startswith("section:"):
            at = self.session.section_index(key[8:]) + 1
        else:
            others = [i for i, s in enumerate(sections) if s.kind is SectionKind.OTHER]
            at = others[0] if others else len(sections)
        section = self.session.add_section(SectionKind.CUSTOM, heading, at)
        self.go_to_key(f"section:{section.id}")

    def remove_section(self, index: int) -> None:
        if not 0 <= index < len(self.session.draft.sections):
            return
        section = self.session.draft.sections[index]
        if section_chars(section) > len(section.heading):
            answer = QtWidgets.QMessageBox.question(
                self, "删除部分", f"“{section.heading}”中已有内容，确定删除这一部分吗？（可用 Ctrl+Z 撤销）"
            )
            if answer != QtWidgets.QMessageBox.StandardButton.Yes:
                return
        self.session.remove_section(index)
        self.statusBar().showMessage(f"已删除“{section.heading}”（可用 Ctrl+Z 撤销）。", 6000)

    def move_section(self, index: int, delta: int) -> None:
        sid = self.session.draft.sections[index].id
        self.session.move_section(index, delta)
        self.go_to_key(f"section:{sid}")

    # ------------------------------------------------------------------ undo

    def _focused_text_editor(self):
        w = self.focusWidget()
        return w if isinstance(w, QPlainTextEdit | QLineEdit) and not w.isReadOnly() else None

    def undo(self) -> None:
        """Typing is undone by the focused editor; structural edits (and typing elsewhere) by the session."""
        editor = self._focused_text_editor()
        if editor is not None and _editor_can(editor, redo=False):
            editor.undo()
        elif not self.session.undo():
            self.statusBar().showMessage("没有可以撤销的操作。", 3000)

    def redo(self) -> None:
        editor = self._focused_text_editor()
        if editor is not None and _editor_can(editor, redo=True):
            editor.redo()
        elif not self.session.redo():
            self.statusBar().showMessage("没有可以重做的操作。", 3000)

    # ------------------------------------------------------------------ find

    def focus_find(self) -> None:
        self.find_box.setFocus()
        self.find_box.selectAll()

    def _reset_find(self) -> None:
        self._find_hits = []
        self._find_at = -1

    def find_next(self) -> None:
        needle = self.find_box.text().strip()
        if not needle:
            self.focus_find()
            return
        if not self._find_hits:
            self._find_hits = self.session.find_all(needle)
            self._find_at = -1
        if not self._find_hits:
            self.statusBar().showMessage(f"全文中没有找到“{needle}”。", 5000)
            return
        self._find_at = (self._find_at + 1) % len(self._find_hits)
        where, index, path = self._find_hits[self._find_at]
        if where in ("preamble", "closing"):
            self.go_to_key("preamble")
            editor = self.preamble_page.editor if where == "preamble" else self.preamble_page.closing
        else:
            self.go_to_key(f"section:{self.session.draft.sections[index].id}")
            page = self.section_page
            page._current = self.session.item(index, path) if path else None
            page.refresh()
            editor = page.editor
        cursor = editor.textCursor()
        cursor.movePosition(cursor.MoveOperation.Start)
        editor.setTextCursor(cursor)
        if editor.find(needle):
            editor.setFocus()
        self.statusBar().showMessage(f"第 {self._find_at + 1} 处，共 {len(self._find_hits)} 处。", 5000)

    # ------------------------------------------------------------------ files

    def _last_folder(self, key: str) -> str:
        folder = settings().value(key)
        if folder and Path(str(folder)).is_dir():
            return str(folder)
        if self.session.path is not None:
            return str(self.session.path.parent)
        return str(Path.home())

    def maybe_save(self) -> bool:
        """True when it is fine to drop the current draft: saved, or the user chose not to keep it."""
        if not self.session.dirty:
            return True
        answer = QtWidgets.QMessageBox.question(
            self,
            APP_NAME,
            f"“{self.session.display_name}”有尚未保存的修改，是否保存？",
            QtWidgets.QMessageBox.StandardButton.Save
            | QtWidgets.QMessageBox.StandardButton.Discard
            | QtWidgets.QMessageBox.StandardButton.Cancel,
            QtWidgets.QMessageBox.StandardButton.Save,
        )
        if answer == QtWidgets.QMessageBox.StandardButton.Save:
            return self.save()
        if answer == QtWidgets.QMessageBox.StandardButton.Discard:
            self.session.close()
            return True
        return False

    def new_blank(self) -> None:
        if not self.maybe_save():
            return
        meta = self.session.draft.meta
        self.session.new(
            blank_draft(
                meta.template_pack if _pack_exists(meta.template_pack) else DEFAULT_PACK, meta.unit_name, meta.self_ref
            )
        )
        self.go_to(0)

    def new_from_last_year(self) -> None:
        if not self.maybe_save():
            return
        name, _ = QtWidgets.QFileDialog.getOpenFileName(
            self, "选择去年的报告草稿", self._last_folder("open_dir"), DRAFT_FILTER
        )
        if not name:
            return
        try:
            self.session.roll_forward_from(Path(name))
        except UserError as exc:
            QtWidgets.QMessageBox.warning(self, "无法打开", exc.message)
            return
        settings().setValue("open_dir", str(Path(name).parent))
        self.statusBar().showMessage("已按去年的报告新建：年份已顺延，去年的工作安排列在“举措成效”一步供对照。", 10000)
        self.go_to(0)

    def open_dialog(self) -> None:
        if not self.maybe_save():
            return
        filters = DRAFT_FILTER
        if importer_available():
            filters = f"{DRAFT_FILTER};;已完成的报告 (*.docx *.doc *.wps *.odt *.rtf *.txt *.md);;所有文件 (*)"
        name, _ = QtWidgets.QFileDialog.getOpenFileName(self, "打开报告草稿", self._last_folder("open_dir"), filters)
        if name:
            settings().setValue("open_dir", str(Path(name).parent))
            self.open_path(Path(name), ask_first=False)

    def open_path(self, path: Path, ask_first: bool = True) -> bool:
        if ask_first and not self.maybe_save():
            return False
        if Path(path).suffix.lower() != FILE_SUFFIX and importer_available():
            return self.import_report(Path(path))
        try:
            try:
                self.session.open(path)
            except DraftLockedError as exc:
                answer = QtWidgets.QMessageBox.question(
                    self, "草稿已被打开", f"{exc.message}\n仍要在这里打开吗？（两处同时修改会互相覆盖）"
                )
                if answer != QtWidgets.QMessageBox.StandardButton.Yes:
                    return False
                self.session.open(path, take_over=True)
        except UserError as exc:
            QtWidgets.QMessageBox.warning(self, "无法打开", exc.message)
            self.recent.remove(str(Path(path).resolve()))
            self._store_recent()
            return False
        self.recent.add(path)
        self._store_recent()
        self.go_to(0)
        return True

    def import_report(self, path: Path) -> bool:
        """A finished report (.docx/.txt) becomes an unsaved draft; the original file is never written."""
        from app.importer import import_report
        from app.ui.revision_import_dialog import busy, show_import_notes

        try:
            with busy():
                imported = import_report(path)
        except UserError as exc:
            QtWidgets.QMessageBox.warning(self, "无法导入", exc.message)
            return False
        self.session.adopt(imported.draft)
        self.go_to(0)
        self.statusBar().showMessage(f"已导入“{path.name}”，请核对后另存为草稿。", 10000)
        show_import_notes(self, path.name, imported.notes)
        return True

    def import_revised(self) -> None:
        """导入修改稿: a leader's edited copy of this draft, taken back part by part."""
        from app.ui.revision_import_dialog import import_revised_document

        if import_revised_document(self, self.session):
            self.statusBar().showMessage("已导入修改稿中的修改；可用“撤销”恢复。", 10000)

    def new_from_library(self) -> None:
        if not self.maybe_save():
            return
        from app.library.first_draft import draft_from_library

        meta = self.session.draft.meta
        try:
            pack = load_pack(meta.template_pack)
            library = self.phrases.library if self.phrases is not None else None
            phrases = library.phrases() if library is not None else []
            draft = draft_from_library(
                phrases,
                unit_name=meta.unit_name,
                self_ref=meta.self_ref,
                year=meta.year,
                pack=pack,
                addressee=meta.addressee,
                date=meta.date,
            )
        except UserError as exc:
            QtWidgets.QMessageBox.warning(self, "无法起草", exc.message)
            return
        self.session.adopt(draft)
        self.go_to(0)
        self.statusBar().showMessage("已用常用语库起草初稿：黄色标出的是示例数字，请逐一改成本单位的实际情况。", 15000)

    def insert_phrase(self, paragraph, mode: str) -> None:
        current = self.stack.currentWidget()
        if current is self._section_page is not None:
            self.section_page.insert_phrase(paragraph, mode)
        elif current is self._preamble_page is not None:
            editor = self.preamble_page.editor
            cursor = editor.textCursor()
            cursor.insertText(paragraph.text)
            self.session.attach_source(None, None, paragraph.text, paragraph.source)
        else:
            self.statusBar().showMessage("请先在左侧选择要写的部分，再插入常用语。", 5000)

    def use_heading(self, heading: str) -> None:
        if self.stack.currentWidget() is self._section_page is not None:
            self.section_page.use_heading(heading)
        else:
            self.statusBar().showMessage("请先在左侧选择要写的部分，再添加小项。", 5000)

    def save(self) -> bool:
        if self.session.path is None:
            return self.save_as()
        self._commit_focused_edit()
        try:
            try:
                self.session.save()
            except DraftChangedOnDiskError as exc:
                answer = QtWidgets.QMessageBox.question(self, "文件已被修改", f"{exc.message}\n要用这里的内容覆盖吗？")
                if answer != QtWidgets.QMessageBox.StandardButton.Yes:
                    return False
                self.session.save(overwrite_changes=True)
        except UserError as exc:
            QtWidgets.QMessageBox.warning(self, "保存失败", exc.message + "\n您的修改仍在程序中，没有丢失。")
            return False
        self._saved()
        return True

    def save_as(self) -> bool:
        self._commit_focused_edit()
        meta = self.session.draft.meta
        suggested = (
            self.session.path.name
            if self.session.path
            else f"{meta.unit_name or '法治政府建设'}{meta.year}年度报告{FILE_SUFFIX}"
        )
        name, _ = QtWidgets.QFileDialog.getSaveFileName(
            self, "另存为", str(Path(self._last_folder("save_dir")) / suggested), DRAFT_FILTER
        )
        if not name:
            return False
        try:
            self.session.save(Path(name))
        except UserError as exc:
            QtWidgets.QMessageBox.warning(self, "保存失败", exc.message + "\n您的修改仍在程序中，没有丢失。")
            return False
        settings().setValue("save_dir", str(Path(name).parent))
        self._saved()
        return True

    def _saved(self) -> None:
        if self.session.path is not None:
            self.recent.add(self.session.path)
            self._store_recent()
        self.statusBar().showMessage(f"已保存到 {self.session.path}", 5000)

    def _store_recent(self) -> None:
        settings().setValue("recent_files", self.recent.paths)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        paths = self.recent.existing()
        if not paths:
            self.recent_menu.addAction("（没有最近打开的文件）").setEnabled(False)
            return
        for n, path in enumerate(paths, 1):
            action = self.recent_menu.addAction(f"&{n % 10} {path.name}")
            action.setToolTip(str(path))
            action.triggered.connect(lambda _=False, p=path: self.open_path(p))

    def autosave(self) -> None:
        try:
            if self.session.autosave() is not None:
                self.statusBar().showMessage("已自动保存。", 2000)
        except UserError as exc:
            self.statusBar().showMessage(f"自动保存失败：{exc.message}", 10000)

    def offer_recovery(self) -> bool:
        """On start: autosaved work left by a crash is offered back. True when it was recovered."""
        found = find_recoveries(self.session.base_dir, exclude=self.session.key)
        if not found:
            return False
        latest = found[0]
        box = QtWidgets.QMessageBox(self)
        box.setIcon(QtWidgets.QMessageBox.Icon.Question)
        box.setWindowTitle("恢复未保存的工作")
        box.setText(f"上次程序没有正常退出，找到自动保存的内容：\n{latest.description}\n要恢复吗？")
        recover = box.addButton("恢复", QtWidgets.QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton("丢弃", QtWidgets.QMessageBox.ButtonRole.DestructiveRole)
        box.addButton("以后再说", QtWidgets.QMessageBox.ButtonRole.RejectRole)
        box.exec()
        clicked = box.clickedButton()
        if clicked is recover:
            if not self.maybe_save():
                return False
            try:
                self.session.recover(latest)
            except UserError as exc:
                QtWidgets.QMessageBox.warning(self, "无法恢复", exc.message)
                return False
            self.go_to(0)
            self.statusBar().showMessage("已恢复自动保存的内容，请尽快保存。", 10000)
            return True
        if clicked is discard:
            from app.core.session import discard_recovery

            discard_recovery(latest)
        return False

    # ------------------------------------------------------------------ generate

    def export_docx(self) -> Path | None:
        self._commit_focused_edit()
        meta = self.session.draft.meta
        stem = self.session.path.stem if self.session.path else f"{meta.unit_name or '法治政府建设'}{meta.year}年度报告"
        name, _ = QtWidgets.QFileDialog.getSaveFileName(
            self, "导出 DOCX", str(Path(self._last_folder("export_dir")) / f"{stem}.docx"), "Word 文档 (*.docx)"
        )
        if not name:
            return None
        target = Path(name)
        if target.suffix.lower() != ".docx":
            target = target.with_name(target.name + ".docx")
        try:
            from app.render.docx_writer import render_docx
        except ImportError:
            QtWidgets.QMessageBox.warning(self, "导出失败", "本程序缺少 DOCX 生成组件，请安装完整版本后再导出。")
            return None
        try:
            render_docx(self.session.draft, target)
        except UserError as exc:
            QtWidgets.QMessageBox.warning(self, "导出失败", exc.message + "\n草稿没有受影响。")
            return None
        except OSError as exc:
            from app.core.atomic import explain_os_error

            QtWidgets.QMessageBox.warning(self, "导出失败", explain_os_error(exc, target) + "\n草稿没有受影响。")
            return None
        settings().setValue("export_dir", str(target.parent))
        self.last_export = target
        if self._generate_page is not None:
            self._generate_page.set_exported(target)
        box = QtWidgets.QMessageBox(self)
        box.setIcon(QtWidgets.QMessageBox.Icon.Information)
        box.setWindowTitle("导出完成")
        box.setText(f"已导出：{target}")
        open_file = box.addButton("打开文件", QtWidgets.QMessageBox.ButtonRole.AcceptRole)
        open_folder = box.addButton("打开所在文件夹", QtWidgets.QMessageBox.ButtonRole.ActionRole)
        box.addButton("关闭", QtWidgets.QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if box.clickedButton() is open_file:
            self._open_url(target)
        elif box.clickedButton() is open_folder:
            self._open_url(target.parent)
        return target

    def _open_url(self, path: Path | None) -> None:
        if path is not None and not QtGui.QDesktopServices.openUrl(QtCore.QUrl.fromLocalFile(str(path))):
            QtWidgets.QMessageBox.information(self, APP_NAME, f"无法自动打开，请手动打开：{path}")

    # Printing, preview and PDF go through the GB/T 9704 page layout of app.render.page_layout, built from the
    # same document blocks as the DOCX, so what prints here matches what Word/WPS prints from the DOCX.

    def print_preview(self) -> None:
        from app.ui import printing

        self._commit_focused_edit()
        printing.print_preview(self, self.session.draft)

    def print_report(self) -> None:
        from app.ui import printing

        self._commit_focused_edit()
        try:
            printing.print_draft(self, self.session.draft, settings())
        except UserError as exc:
            QtWidgets.QMessageBox.warning(self, "打印失败", exc.message)

    def print_to(self, printer) -> int:
        """Prints the report on `printer` (already set up); returns the number of pages printed."""
        from app.render.compose import compose
        from app.render.page_layout import PageLayout
        from app.ui import printing

        self._commit_focused_edit()
        return printing.paint_on_printer(printer, PageLayout(compose(self.session.draft)))

    def export_pdf(self) -> Path | None:
        from app.ui import printing

        self._commit_focused_edit()
        target = printing.export_pdf(self, self.session.draft, Path(self._last_folder("export_dir")))
        if target is not None:
            settings().setValue("export_dir", str(target.parent))
        return target

    def open_in_word(self) -> None:
        """用 Word/WPS 打开: the last exported DOCX (exporting first if there is none) in the system's program."""
        from app.ui import printing

        target = self.last_export if self.last_export and self.last_export.exists() else self.export_docx()
        if target is not None and not printing.open_with_default_app(target):
            QtWidgets.QMessageBox.information(self, APP_NAME, f"本机没有可打开 DOCX 的程序，请手动打开：{target}")

    def _phrase_library(self):
        """The loaded phrase library, or None after saying why it cannot be had."""
        if self.phrases is None:
            return None
        try:
            return self.phrases.library
        except (UserError, OSError) as exc:
            QtWidgets.QMessageBox.warning(self, "常用语库无法打开", getattr(exc, "message", str(exc)))
            return None

    def export_my_phrases(self) -> Path | None:
        """The phrases the clerk added or imported, as a file to hand to a colleague."""
        from app.library.exchange import export_phrases

        library = self._phrase_library()
        if library is None:
            return None
        start = Path(self._last_folder("phrases_dir")) / "我的常用语.json"
        name, _ = QtWidgets.QFileDialog.getSaveFileName(self, "导出我的常用语", str(start), "常用语文件 (*.json)")
        if not name:
            return None
        target = Path(name)
        try:
            count = export_phrases(library.user, target)
        except UserError as exc:
            QtWidgets.QMessageBox.warning(self, "导出失败", exc.message)
            return None
        settings().setValue("phrases_dir", str(target.parent))
        self.statusBar().showMessage(f"已导出 {count} 条常用语：{target}（可交给同事用“导入同事的常用语”导入）", 10000)
        return target

    def import_colleague_phrases(self) -> int | None:
        library = self._phrase_library()
        if library is None:
            return None
        folder = self._last_folder("phrases_dir")
        name, _ = QtWidgets.QFileDialog.getOpenFileName(self, "导入同事的常用语", folder, "常用语文件 (*.json)")
        if not name:
            return None
        try:
            new = library.import_phrases_file(Path(name))
        except UserError as exc:
            QtWidgets.QMessageBox.warning(self, "导入失败", exc.message)
            return None
        settings().setValue("phrases_dir", str(Path(name).parent))
        self.statusBar().showMessage(f"已加入 {new} 条新常用语。", 8000)
        self.phrases.run_search()
        return new

    def about(self) -> None:
        QtWidgets.QMessageBox.about(
            self,
            f"关于{APP_NAME}",
            f"{APP_NAME}：逐步起草年度法治政府建设情况报告，并生成符合 GB/T 9704《党政机关公文格式》的 DOCX。",
        )

    # ------------------------------------------------------------------ window

    def _restore_geometry(self) -> None:
        geometry = settings().value("geometry")
        if isinstance(geometry, QByteArray | bytes) and self.restoreGeometry(geometry):
            return
        self.resize(1280, 720)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._commit_focused_edit()
        if not self.maybe_save():
            event.ignore()
            return
        settings().setValue("geometry", self.saveGeometry())
        self._store_recent()
        self.autosave_timer.stop()
        if self._checks is not None:
            self._checks.stop()
        self.session.close()
        event.accept()


class StepList(QListWidget):
    """The step list; Ctrl+PgUp/PgDn walk the steps here too instead of jumping a page of the list."""

    walk = Signal(int)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        from PySide6.QtCore import Qt  # not before the window is up (app/ui/binding.py)

        if event.modifiers() & Qt.KeyboardModifier.ControlModifier and event.key() in (
            Qt.Key.Key_PageUp,
            Qt.Key.Key_PageDown,
        ):
            self.walk.emit(1 if event.key() == Qt.Key.Key_PageDown else -1)
            return
        super().keyPressEvent(event)


def importer_available() -> bool:
    return importlib.util.find_spec("app.importer") is not None


def _editor_can(editor: QPlainTextEdit | QLineEdit, redo: bool) -> bool:
    if isinstance(editor, QPlainTextEdit):
        doc = editor.document()
        return doc.isRedoAvailable() if redo else doc.isUndoAvailable()
    return editor.isRedoAvailable() if redo else editor.isUndoAvailable()


def _pack_exists(pack_id: str) -> bool:
    try:
        load_pack(pack_id)
    except UserError:
        return False
    return True


def quit_after_show() -> bool:
    return os.environ.get("FZBG_QUIT_AFTER_SHOW") == "1"

"""The wizard: steps beside the page, the page, and the live preview. It shows a `Session` and forwards
what the user does to it; every rule about files, undo and autosave lives in the session.

The window assembles its parts: the menus (`main_menu`, which only name requests), the step list
(`step_list`), the checks (`checks_controller`), and the actions on files, exports and edits
(`file_actions`, `export_actions`, `edit_actions`). Places in the draft are `app.core.location`
Locations, and `reveal` is the one way to show one.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import UserError
from app.core.location import Location, Part, Step, StepKind, step_of
from app.core.model import Paragraph
from app.core.session import APP_NAME, Change, Session, section_chars
from app.render.blocks import Block
from app.render.gbt9704 import CHARS_PER_LINE, LINES_PER_PAGE
from app.render.measure import estimate_pages
from app.render.numbering import heading_number
from app.ui.checks_controller import ChecksController
from app.ui.common import muted
from app.ui.edit_actions import EditActions
from app.ui.export_actions import ExportActions
from app.ui.file_actions import FileActions, blank_draft
from app.ui.find_actions import FindActions
from app.ui.first_paint import FirstPaint
from app.ui.info_page import InfoPage
from app.ui.main_menu import MainMenu, Request
from app.ui.phrase_panel import PhrasePanel
from app.ui.preview import PreviewPane
from app.ui.settings import Settings
from app.ui.step_list import StepList

if TYPE_CHECKING:
    from app.checks import Finding
    from app.library import PhraseLibrary
    from app.ui.generate_page import GeneratePage
    from app.ui.preamble_page import PreamblePage
    from app.ui.section_page import SectionPage

AUTOSAVE_MS = 30_000
PREVIEW_DEBOUNCE_MS = 400
FIRST_PREVIEW_MS = 30


class MainWindow(QMainWindow):
    # The window has been painted and the phrase library is loaded: the wizard is fully there.
    ready = Signal()

    def __init__(
        self, session: Session | None = None, library_factory: Callable[[], PhraseLibrary] | None = None
    ) -> None:
        """`library_factory` makes the phrase library (tests and benchmarks give their own; default: the user's)."""
        super().__init__()
        self._library_factory = library_factory
        self.session = session or Session()
        if session is None:
            self.session.new(blank_draft())
        self.settings = Settings()
        self.blocks: list[Block] = []
        self.files = FileActions(self, self)
        self.exports = ExportActions(self, self)
        self.edits = EditActions(self, self)
        self.checks = ChecksController(self.session, self)
        self.checks.status_message.connect(self.say)
        self.checks.found_changed.connect(self._show_findings)
        self.checks.fixed.connect(self._fixed)

        self._build_pages()
        self._build_layout()
        self.menu = MainMenu(self, with_library=True)
        self.menu.requested.connect(self._on_request)
        self.menu.recent_about_to_show.connect(lambda: self.menu.fill_recent(self.files.recent.existing()))
        self.menu.recent_chosen.connect(self.files.open_path)
        self.finder = FindActions(self, self.menu.find_box)
        self.menu.find_text_changed.connect(self.finder.reset)
        self.exports.exported.connect(self._exported)

        self.preview_timer = QTimer(self)
        self.preview_timer.setSingleShot(True)
        self.preview_timer.setInterval(PREVIEW_DEBOUNCE_MS)
        self.preview_timer.timeout.connect(self.refresh_live)
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(AUTOSAVE_MS)
        self.autosave_timer.timeout.connect(self.files.autosave)
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
        self.info_page.add_other_requested.connect(self.edits.add_other_section)
        self.info_page.add_custom_requested.connect(self.edits.add_custom_section)
        self.info_page.remove_section_requested.connect(self.edits.remove_section)
        self._preamble_page: PreamblePage | None = None
        self._section_page: SectionPage | None = None
        self._generate_page: GeneratePage | None = None

    @property
    def preamble_page(self) -> PreamblePage:
        if self._preamble_page is None:
            from app.ui import preamble_page  # each later page on its first visit (tests/test_startup.py)

            self._preamble_page = preamble_page.PreamblePage(self.session)
            self.stack.addWidget(self._preamble_page)
        return self._preamble_page

    @property
    def section_page(self) -> SectionPage:
        if self._section_page is None:
            from app.ui import section_page  # each later page on its first visit (tests/test_startup.py)

            page = self._section_page = section_page.SectionPage(self.session)
            self.stack.addWidget(page)
            page.status_message.connect(lambda m: self.say(m, 6000))
            page.move_section_requested.connect(self.edits.move_section)
            page.remove_section_requested.connect(self.edits.remove_section)
            page.context_changed.connect(self.phrases.set_context)
        return self._section_page

    @property
    def generate_page(self) -> GeneratePage:
        if self._generate_page is None:
            from app.ui import generate_page  # each later page on its first visit (tests/test_startup.py)

            page = self._generate_page = generate_page.GeneratePage(self.session)
            self.stack.addWidget(page)
            page.go_to_finding.connect(self.go_to_finding)
            page.fix_requested.connect(self.checks.apply_fix)
            page.fix_all_requested.connect(self.checks.fix_all)
            page.export_requested.connect(self.exports.export_docx)
            page.open_file_requested.connect(lambda: self.exports.open_url(self.exports.last_export))
            page.open_folder_requested.connect(
                lambda: self.exports.open_url(self.exports.last_export.parent if self.exports.last_export else None)
            )
            page.set_exported(self.exports.last_export)
        return self._generate_page

    def _build_layout(self) -> None:
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(6, 6, 0, 6)
        ll.addWidget(QLabel("步骤"))
        self.steps = StepList(self.session)
        self.steps.walk.connect(lambda d: self.go_to(self.steps.currentRow() + d))
        left.setMinimumWidth(200)
        self.steps.chosen.connect(self.go_to)
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
        self.back.clicked.connect(lambda: self.go_to(self.steps.currentRow() - 1))
        self.next.clicked.connect(lambda: self.go_to(self.steps.currentRow() + 1))
        cl.addLayout(nav)

        self.preview = PreviewPane()
        self.side_tabs = QTabWidget()
        self.side_tabs.addTab(self.preview, "预览")
        self.phrases = PhrasePanel(lambda: self.session.draft.meta, self._library_factory)
        self.side_tabs.addTab(self.phrases, "常用语")
        self.phrases.insert_requested.connect(self.insert_phrase)
        self.phrases.new_item_requested.connect(self.use_heading)
        self.phrases.status_message.connect(lambda m: self.say(m, 4000))
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
            self.phrases.preload()
        finally:  # whatever the library does, the window goes on: recovery is offered, the preview composed
            self.is_ready = True
            self.ready.emit()
            QTimer.singleShot(FIRST_PREVIEW_MS, self._compose_first_preview)

    def _compose_first_preview(self) -> None:
        from app.ui.preview_document import missing_faces  # with the preview's first blocks (tests/test_startup.py)

        self.refresh_live()
        missing = missing_faces()
        if missing:
            self.say(f"本机缺少字体：{'、'.join(missing)}，预览用相近字体代替；导出的 DOCX 仍指定标准字体。", 15000)

    def _on_request(self, request: Request) -> None:
        handlers: dict[Request, Callable[[], object]] = {
            Request.NEW_BLANK: self.files.new_blank,
            Request.NEW_FROM_LAST_YEAR: self.files.new_from_last_year,
            Request.NEW_FROM_LIBRARY: self.files.new_from_library,
            Request.OPEN: self.files.open_dialog,
            Request.IMPORT_REVISED: self.files.import_revised,
            Request.SAVE: self.files.save,
            Request.SAVE_AS: self.files.save_as,
            Request.EXPORT_DOCX: self.exports.export_docx,
            Request.PRINT_PREVIEW: self.exports.print_preview,
            Request.PRINT: self.exports.print_report,
            Request.EXPORT_PDF: self.exports.export_pdf,
            Request.OPEN_IN_WORD: self.exports.open_in_word,
            Request.EXPORT_MY_PHRASES: self.exports.export_my_phrases,
            Request.IMPORT_COLLEAGUE_PHRASES: self.exports.import_colleague_phrases,
            Request.QUIT: self.close,
            Request.UNDO: self.edits.undo,
            Request.REDO: self.edits.redo,
            Request.FIND: self.finder.focus,
            Request.FIND_NEXT: self.finder.find_next,
            Request.ADD_OTHER_SECTION: self.edits.add_other_section,
            Request.ADD_CUSTOM_SECTION: self.edits.add_custom_section,
            Request.PREVIOUS_STEP: lambda: self.go_to(self.steps.currentRow() - 1),
            Request.NEXT_STEP: lambda: self.go_to(self.steps.currentRow() + 1),
            Request.ABOUT: lambda: _about(self),
        }
        handlers[request]()

    def _exported(self, path: Path) -> None:
        if self._generate_page is not None:
            self._generate_page.set_exported(path)

    def say(self, message: str, ms: int) -> None:
        self.statusBar().showMessage(message, ms)

    # ------------------------------------------------------------------ session events

    def _session_changed(self, change: Change) -> None:
        if change is Change.FILE:
            self._file_changed()
        elif change is Change.STRUCTURE:
            self._rebuild_steps()
            self._refresh_page()
            self.menu.set_undo_labels(self.session.undo_label, self.session.redo_label)
            self.preview_timer.start()
        else:
            self.preview_timer.start()

    def _file_changed(self) -> None:
        self.setWindowTitle(self.session.window_title())
        self.menu.set_undo_labels(self.session.undo_label, self.session.redo_label)

    def refresh_live(self) -> None:
        """After a pause in typing: preview, counts and step marks; the checks follow from a worker thread."""
        from app.render.compose import compose  # Jinja loads after the first paint, not before it

        self.setWindowTitle(self.session.window_title())
        try:
            self.blocks = compose(self.session.draft)
        except UserError as exc:
            self.say(exc.message, 10000)
            return
        self.preview.show_blocks(self.blocks)
        self._update_stats()
        self.checks.request()
        self._show_findings()

    def _show_findings(self) -> None:
        """Step marks and the 检查与生成 list: the wizard's own findings and the checks' last ones."""
        found = self.checks.all_found()
        self._mark_steps(found)
        if self._generate_page is not None and self.stack.currentWidget() is self._generate_page:
            self._generate_page.refresh(self.session.report_chars(), estimate_pages(self.blocks), found)

    def _mark_steps(self, found: list[Finding]) -> None:
        from app.checks.wizard import finding_step, marks_step  # loaded with the checks, after the first paint

        self.steps.update_marks({finding_step(self.session.draft, f) for f in found if marks_step(f)})

    def go_to_finding(self, finding: Finding) -> None:
        from app.checks.wizard import finding_step  # loaded with the checks, after the first paint

        if finding.location is None:
            self.go_to_step(finding_step(self.session.draft, finding))
        else:
            self.reveal(finding.location.ref, finding.location.start, finding.location.end)

    def _fixed(self, said: str) -> None:
        self.refresh_live()
        self.say(said, 6000)

    def _update_stats(self) -> None:
        total = self.session.report_chars()
        pages = estimate_pages(self.blocks) if self.blocks else 1
        step = self.current_step()
        prefix = ""
        if step.kind is StepKind.SECTION:
            index = self.session.section_index(step.section_id)
            prefix = f"本部分 {section_chars(self.session.draft.sections[index])} 字 · "
        self.stats.setText(f"{prefix}全文 {total} 字 · 约 {pages} 页（每页 {LINES_PER_PAGE} 行×{CHARS_PER_LINE} 字）")

    # ------------------------------------------------------------------ steps and places

    def _rebuild_steps(self) -> None:
        if not self.steps.rebuild():
            self.go_to(min(self.steps.currentRow(), len(self.steps.steps) - 1))

    def current_step(self) -> Step:
        return self.steps.current()

    def go_to_step(self, step: Step) -> None:
        row = self.steps.row_of(step)
        if row is not None:
            self.go_to(row)

    def go_to(self, row: int) -> None:
        row = max(0, min(row, len(self.steps.steps) - 1))
        self.commit_focused_edit()
        self.files.autosave()  # every step change is a natural moment to secure the work
        self.steps.select_quietly(row)
        self._refresh_page()
        self.back.setEnabled(row > 0)
        self.next.setEnabled(row < len(self.steps.steps) - 1)
        self._update_stats()

    def _refresh_page(self) -> None:
        step = self.current_step()
        if step.kind is not StepKind.SECTION:
            self.phrases.set_context(None, "", "", preamble=step.kind is StepKind.PREAMBLE)
        if step.kind is StepKind.INFO:
            self.stack.setCurrentWidget(self.info_page)
            self.info_page.refresh()
        elif step.kind is StepKind.PREAMBLE:
            self.stack.setCurrentWidget(self.preamble_page)
            self.preamble_page.refresh()
        elif step.kind is StepKind.GENERATE:
            self.stack.setCurrentWidget(self.generate_page)
            found = self.checks.run_now()
            self._mark_steps(found)
            self.generate_page.refresh(
                self.session.report_chars(), estimate_pages(self.blocks) if self.blocks else 1, found
            )
        else:
            index = self.session.section_index(step.section_id)
            self.stack.setCurrentWidget(self.section_page)
            self.section_page.bind(index)
            heading = f"{heading_number(1, index + 1)}{self.session.draft.sections[index].heading}"
            self.preview.scroll_to_text(heading)

    def reveal(self, location: Location, start: int = 0, end: int = 0) -> None:
        """Shows the step and the field holding `location`, characters [start, end) of it selected."""
        self.go_to_step(step_of(self.session.draft, location))
        draft, part = self.session.draft, location.part
        if part in (Part.PREAMBLE, Part.CLOSING):
            page = self.preamble_page
            editor = page.editor if part is Part.PREAMBLE else page.closing
            _select_span(editor, draft.preamble if part is Part.PREAMBLE else draft.closing, location, start, end)
        elif part is Part.UNIT_NAME:
            self.info_page.unit.setFocus()
        elif location.section is not None:
            section_page = self.section_page
            if part is Part.SECTION_HEADING:
                _select_in_line(section_page.heading, start, end)
                return
            section_page.show_item(location.item)
            if part is Part.ITEM_HEADING:
                _select_in_line(section_page.item_heading, start, end)
                return
            owner = self.session.item(location.section, location.item) if location.item else None
            paragraphs = owner.paragraphs if owner else draft.sections[location.section].preamble
            _select_span(section_page.editor, paragraphs, location, start, end)

    def commit_focused_edit(self) -> None:
        # A section heading is committed on editingFinished; leaving the step must not lose it.
        page = self._section_page
        if page is not None and page.heading.hasFocus():
            page.heading.clearFocus()

    # ------------------------------------------------------------------ phrases

    def insert_phrase(self, paragraph: Paragraph, mode: str) -> None:
        current = self.stack.currentWidget()
        if current is self._section_page is not None:
            self.section_page.insert_phrase(paragraph, mode)
        elif current is self._preamble_page is not None:
            self.preamble_page.editor.textCursor().insertText(paragraph.text)
            self.session.attach_source(None, None, paragraph.text, paragraph.source)
        else:
            self.say("请先在左侧选择要写的部分，再插入常用语。", 5000)

    def use_heading(self, heading: str) -> None:
        if self.stack.currentWidget() is self._section_page is not None:
            self.section_page.use_heading(heading)
        else:
            self.say("请先在左侧选择要写的部分，再添加小项。", 5000)

    # ------------------------------------------------------------------ window

    def _restore_geometry(self) -> None:
        geometry = self.settings.geometry
        if geometry is not None and self.restoreGeometry(geometry):
            return
        self.resize(1280, 720)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.commit_focused_edit()
        if not self.files.maybe_save():
            event.ignore()
            return
        self.settings.geometry = self.saveGeometry()
        self.files.store_recent()
        self.autosave_timer.stop()
        self.checks.stop()
        self.session.close()
        event.accept()


def _about(parent: QWidget) -> None:
    from PySide6 import QtWidgets  # the dialog's type is made on its first use, not at start-up

    QtWidgets.QMessageBox.about(
        parent,
        f"关于{APP_NAME}",
        f"{APP_NAME}：逐步起草年度法治政府建设情况报告，并生成符合 GB/T 9704《党政机关公文格式》的 DOCX。",
    )


def _select_span(editor: QPlainTextEdit, paragraphs: list[Paragraph], location: Location, start: int, end: int) -> None:
    """Selects characters [start, end) of the paragraph at `location` in an editor showing one paragraph a line."""
    index = location.paragraph
    if index is None:
        return
    offset = sum(len(p.text) + 1 for p in paragraphs[:index] if p.table is None)
    length = len(editor.toPlainText())
    cursor = editor.textCursor()
    cursor.setPosition(min(offset + start, length))
    cursor.setPosition(min(offset + end, length), cursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    editor.setFocus()


def _select_in_line(line: QLineEdit, start: int, end: int) -> None:
    line.setFocus()
    line.setSelection(start, end - start)


def quit_after_show() -> bool:
    return os.environ.get("FZBG_QUIT_AFTER_SHOW") == "1"

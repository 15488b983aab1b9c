"""The phrase panel beside the editor: suggestions for the section and item being written (debounced, so
typing never waits for a search), a search box, filters, the source of each phrase on hover, insert at the
cursor / as a new paragraph / as a new item, star and hide; typical item headings as one-click new items.

The library (`app.library`) is imported on first use, so the window opens as fast without it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import UserError
from app.core.model import Meta, Paragraph, SectionKind
from app.ui.binding import USER_ROLE
from app.ui.common import muted

if TYPE_CHECKING:
    # the library's modules (~85 ms) load after the first paint, with the library (preload)
    from app.library import PhraseLibrary

# Long enough to take a burst of key events (or an IME commit) as one, short enough that the list follows
# the typing: a search over 50,000 phrases takes a few milliseconds.
SEARCH_DEBOUNCE_MS = 30
RESULTS = 40
TYPICAL_HEADINGS = 6
ROLE_HIT = USER_ROLE


def provenance_text(phrase) -> str:
    """Where a phrase was read: report, section and item headings, one source a line."""
    lines = []
    for s in phrase.sources[:5]:
        where = " › ".join(part for part in (s.section, s.item) if part)
        lines.append(f"出自 {s.report}" + (f"：{where}" if where else ""))
    if len(phrase.sources) > 5:
        lines.append(f"……共 {len(phrase.sources)} 份报告用过这一写法")
    if not phrase.shipped:
        lines.append("（我的常用语库）")
    return "\n".join(lines) or "（来源不详）"


class PhrasePanel(QWidget):
    # (paragraph, mode): mode is "cursor", "paragraph" or "item"; headings come as new_item_requested
    insert_requested = Signal(object, str)
    new_item_requested = Signal(str)
    status_message = Signal(str)
    suggestions_shown = Signal()  # the list shows what fits the latest context

    def __init__(self, meta: Callable[[], Meta], library_factory: Callable[[], PhraseLibrary] | None = None) -> None:
        super().__init__()
        self._meta = meta
        self._factory = library_factory
        self._library: PhraseLibrary | None = None
        self.section: SectionKind | None = None
        self.item_heading = ""
        self.typed = ""  # the sentence being typed in the editor
        self.preamble = False
        self.hits: list = []

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.context = QLabel()
        self.context.setWordWrap(True)
        muted(self.context)
        layout.addWidget(self.context)
        self.search = QLineEdit()
        self.search.setPlaceholderText("搜索常用语（不填则按正在写的内容推荐）")
        self.search.setClearButtonEnabled(True)
        layout.addWidget(self.search)
        filters = QHBoxLayout()
        self.kind = QComboBox()
        self.kind.addItem("全部类型", None)
        self.topic = QComboBox()
        self.topic.addItem("全部主题", None)
        self.starred_only = QCheckBox("收藏")
        self.mine_only = QCheckBox("我的库")
        filters.addWidget(self.kind, 1)
        filters.addWidget(self.topic, 1)
        filters.addWidget(self.starred_only)
        filters.addWidget(self.mine_only)
        layout.addLayout(filters)

        self.typical_label = QLabel("常见小标题（点击即新增小项）：")
        layout.addWidget(self.typical_label)
        self.typical_box = QWidget()
        self.typical = QGridLayout(self.typical_box)
        self.typical.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.typical_box)

        self.results = QListWidget()
        self.results.setWordWrap(True)
        self.results.setAlternatingRowColors(True)
        self.results.setMouseTracking(True)
        layout.addWidget(self.results, 1)
        row = QGridLayout()
        self.at_cursor = QPushButton("插入到光标处")
        self.as_paragraph = QPushButton("作为新段落")
        self.as_item = QPushButton("作为新小项")
        self.star = QPushButton("收藏")
        self.hide_btn = QPushButton("不再推荐")
        row.addWidget(self.at_cursor, 0, 0)
        row.addWidget(self.as_paragraph, 0, 1)
        row.addWidget(self.as_item, 0, 2)
        row.addWidget(self.star, 1, 0)
        row.addWidget(self.hide_btn, 1, 1)
        layout.addLayout(row)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SEARCH_DEBOUNCE_MS)
        self.timer.timeout.connect(self._search_if_shown)
        self.search.textChanged.connect(lambda _: self.timer.start())
        for combo in (self.kind, self.topic):
            combo.currentIndexChanged.connect(lambda _: self.timer.start())
        for box in (self.starred_only, self.mine_only):
            box.toggled.connect(lambda _: self.timer.start())
        self.results.currentRowChanged.connect(lambda _: self._update_buttons())
        self.results.itemDoubleClicked.connect(lambda _: self._insert("cursor"))
        self.at_cursor.clicked.connect(lambda: self._insert("cursor"))
        self.as_paragraph.clicked.connect(lambda: self._insert("paragraph"))
        self.as_item.clicked.connect(lambda: self._insert("item"))
        self.star.clicked.connect(self._toggle_star)
        self.hide_btn.clicked.connect(self._hide)
        self._update_buttons()

    # -- the library, loaded once the window is up (or on first use)

    def preload(self) -> None:
        """Loads the library and its search index now, so the first suggestion does not wait for them."""
        try:
            library = self.library
            if hasattr(library, "index") and library.index().built and hasattr(library, "save_index"):
                # Kept for the next start off the UI thread (it ends with an fsync); marshal holds the
                # GIL while it copies the index, so the searches that follow cannot change it meanwhile.
                threading.Thread(target=library.save_index, name="phrase-index-cache").start()
        except (UserError, OSError) as exc:
            self.context.setText(f"常用语库无法打开：{getattr(exc, 'message', exc)}")

    @property
    def loaded(self) -> bool:
        return self._library is not None

    @property
    def library(self) -> PhraseLibrary:
        if self._library is None:
            if self._factory is not None:
                self._library = self._factory()
            else:
                # the library's modules (~85 ms) load after the first paint, with the library (preload)
                from app.library import PhraseLibrary
                from app.library.index_cache import default_path

                self._library = PhraseLibrary(index_cache=default_path())
            self._fill_filters(self._library)
        return self._library

    def _fill_filters(self, library: PhraseLibrary) -> None:
        # the library's modules (~85 ms) load after the first paint, with the library (preload)
        from app.library import PhraseKind

        self.kind.blockSignals(True)
        self.topic.blockSignals(True)
        for kind in PhraseKind:
            self.kind.addItem(kind.label, kind)
        topics = sorted({t for p in library.phrases() for t in p.topics})
        for t in topics:
            self.topic.addItem(t, t)
        self.kind.blockSignals(False)
        self.topic.blockSignals(False)

    # -- context from the editor

    def set_context(self, section: SectionKind | None, item_heading: str, typed: str, preamble: bool = False) -> None:
        """Called as the user types or moves; the search runs once typing pauses. `preamble`: the 导语 step,
        where opening paragraphs and formulas are what fits."""
        if (section, item_heading, typed, preamble) == (self.section, self.item_heading, self.typed, self.preamble):
            return
        self.section, self.item_heading, self.typed, self.preamble = section, item_heading, typed, preamble
        label = section.label if section else ("导语" if preamble else "全文")
        self.context.setText(f"按“{label}”{f' · {item_heading}' if item_heading else ''}推荐")
        self.timer.start()

    # -- searching

    def _search_if_shown(self) -> None:
        # Nobody is looking at a hidden panel; showing its tab starts the timer again.
        if self.isVisible():
            self.run_search()

    def run_search(self) -> None:
        try:
            lib = self.library
        except (UserError, OSError) as exc:
            self.context.setText(f"常用语库无法打开：{getattr(exc, 'message', exc)}")
            return
        query = self.search.text().strip() or self.typed
        # the library's modules (~85 ms) load after the first paint, with the library (preload)
        from app.library import PhraseKind

        kind = self.kind.currentData()
        kinds = (kind,) if kind else ((PhraseKind.PREAMBLE, PhraseKind.FORMULA) if self.preamble else None)
        hits = lib.search(query, section=self.section, item_heading=self.item_heading, limit=RESULTS * 2, kinds=kinds)
        if not hits and not self.search.text().strip() and query:
            hits = lib.search("", section=self.section, item_heading=self.item_heading, limit=RESULTS * 2, kinds=kinds)
        topic = self.topic.currentData()
        hits = [
            h
            for h in hits
            if (not topic or topic in h.phrase.topics)
            and (not self.starred_only.isChecked() or h.starred)
            and (not self.mine_only.isChecked() or not h.phrase.shipped)
        ][:RESULTS]
        self.show_hits(hits)
        self._fill_typical()
        self.suggestions_shown.emit()

    def show_hits(self, hits: list) -> None:
        # the library's modules (~85 ms) load after the first paint, with the library (preload)
        from app.library import fill_placeholders

        meta = self._meta()
        self.hits = hits
        self.results.clear()
        for hit in hits:
            text, _spans = fill_placeholders(hit.phrase, meta)
            label = f"{'★ ' if hit.starred else ''}〔{hit.phrase.kind.label}〕{text}"
            item = QListWidgetItem(label)
            item.setToolTip(provenance_text(hit.phrase))
            item.setData(ROLE_HIT, hit.phrase.id)
            self.results.addItem(item)
        if not hits:
            self.results.addItem(QListWidgetItem("没有找到合适的常用语。换个说法试试，或清除筛选条件。"))
        self._update_buttons()

    def _fill_typical(self) -> None:
        # the library's modules (~85 ms) load after the first paint, with the library (preload)
        from app.library import PhraseKind, fill_placeholders

        while self.typical.count():
            taken = self.typical.takeAt(0)
            w = taken.widget() if taken is not None else None
            if w is not None:
                w.deleteLater()
        if self.section is None:
            self.typical_label.hide()
            return
        hits = self.library.search("", section=self.section, limit=TYPICAL_HEADINGS, kinds=(PhraseKind.HEADING,))
        hits = [h for h in hits if h.phrase.level != 1][:TYPICAL_HEADINGS]
        self.typical_label.setVisible(bool(hits))
        meta = self._meta()
        for n, hit in enumerate(hits):
            text = fill_placeholders(hit.phrase, meta)[0].rstrip("。")
            button = QPushButton(text if len(text) <= 12 else text[:11] + "…")
            button.setToolTip(f"{text}\n{provenance_text(hit.phrase)}")
            button.clicked.connect(lambda _=False, t=text: self.new_item_requested.emit(t))
            self.typical.addWidget(button, n // 2, n % 2)

    # -- acting on a phrase

    def current_hit(self):
        row = self.results.currentRow()
        return self.hits[row] if 0 <= row < len(self.hits) else None

    def _update_buttons(self) -> None:
        hit = self.current_hit()
        for b in (self.at_cursor, self.as_paragraph, self.as_item, self.star, self.hide_btn):
            b.setEnabled(hit is not None)
        self.star.setText("取消收藏" if hit is not None and hit.starred else "收藏")

    def _insert(self, mode: str) -> None:
        hit = self.current_hit()
        if hit is None:
            return
        # the library's modules (~85 ms) load after the first paint, with the library (preload)
        from app.library import PhraseKind

        paragraph: Paragraph = self.library.insert(hit.phrase, self._meta())
        if hit.phrase.kind is PhraseKind.HEADING:
            self.new_item_requested.emit(paragraph.text.strip().rstrip("。"))
        else:
            self.insert_requested.emit(paragraph, mode)

    def _toggle_star(self) -> None:
        hit = self.current_hit()
        if hit is None:
            return
        self.library.star(hit.phrase.id, not hit.starred)
        self.status_message.emit("已收藏。" if not hit.starred else "已取消收藏。")
        self.run_search()

    def _hide(self) -> None:
        hit = self.current_hit()
        if hit is None:
            return
        self.library.hide(hit.phrase.id, True)
        self.status_message.emit("这条常用语不再推荐。")
        self.run_search()

"""A section step: its heading, an item tree (（一） → 1. → （1）) and the editor of the selected item.

One widget serves every section; `bind(index)` points it at a section. The tree mirrors the model:
after any structural change it is rebuilt from the draft and the selected item is found again.
"""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtGui import QDropEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import UserError
from app.core.model import MAX_ITEM_DEPTH, Item, Paragraph, SectionKind
from app.core.session import ItemPath, Session, editor_text, standing_examples
from app.render.numbering import heading_number
from app.render.pack import load_pack
from app.render.pack_text import render_pack_string
from app.ui.common import PageHeader
from app.ui.editor import ParagraphEditor

ROLE_ITEM = Qt.ItemDataRole.UserRole
OPENING = 0  # key of the tree row that stands for the section's opening paragraphs


class ItemTree(QTreeWidget):
    """Drag to reorder or nest; Alt+↑/↓ move, Alt+→/← nest under the item above / move out."""

    dropped = Signal()
    key_move = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.setHeaderHidden(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setIndentation(16)

    def dropEvent(self, event: QDropEvent) -> None:
        super().dropEvent(event)
        self.dropped.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.modifiers() == Qt.KeyboardModifier.AltModifier:
            moves: dict[int, str] = {
                Qt.Key.Key_Up: "up",
                Qt.Key.Key_Down: "down",
                Qt.Key.Key_Right: "in",
                Qt.Key.Key_Left: "out",
            }
            if event.key() in moves:
                self.key_move.emit(moves[event.key()])
                return
        super().keyPressEvent(event)


class SectionPage(QWidget):
    status_message = Signal(str)
    context_changed = Signal(object, str, str)  # section kind, item heading, the sentence being typed
    move_section_requested = Signal(int, int)
    remove_section_requested = Signal(int)

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.index = 0
        self._items: dict[int, Item] = {}
        self._current: Item | None = None  # None: the section's opening paragraphs
        layout = QVBoxLayout(self)
        self.header = PageHeader()
        layout.addWidget(self.header)

        row = QHBoxLayout()
        row.addWidget(QLabel("本部分标题："))
        self.heading = QLineEdit()
        self.heading.setPlaceholderText("标题不含编号，编号按顺序自动生成")
        row.addWidget(self.heading, 1)
        self.section_up = QPushButton("前移")
        self.section_down = QPushButton("后移")
        self.section_remove = QPushButton("删除本部分")
        row.addWidget(QLabel("类别："))
        self.kind = QComboBox()
        self.kind.setToolTip("这一部分属于哪一类：决定它的检查项和常用语；导入的报告分错了可在此改正")
        for kind in SectionKind:
            self.kind.addItem(kind.label, kind.value)
        row.addWidget(self.kind)
        for b in (self.section_up, self.section_down, self.section_remove):
            row.addWidget(b)
        layout.addLayout(row)

        self.checklist_box = QGroupBox("去年的工作安排：写今年的举措成效时逐项对照，写到了就打勾")
        cl = QVBoxLayout(self.checklist_box)
        self.checklist = QListWidget()
        cl.addWidget(self.checklist)
        layout.addWidget(self.checklist_box)

        split = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(QLabel("小项（拖动或 Alt+方向键调整）："))
        self.tree = ItemTree()
        ll.addWidget(self.tree, 1)
        grid = QHBoxLayout()
        self.add_btn = QPushButton("新增小项")
        self.add_child_btn = QPushButton("新增下级")
        self.remove_btn = QPushButton("删除")
        grid.addWidget(self.add_btn)
        grid.addWidget(self.add_child_btn)
        grid.addWidget(self.remove_btn)
        ll.addLayout(grid)
        grid2 = QHBoxLayout()
        self.up_btn = QPushButton("上移")
        self.down_btn = QPushButton("下移")
        self.in_btn = QPushButton("降级")
        self.out_btn = QPushButton("升级")
        for b in (self.up_btn, self.down_btn, self.in_btn, self.out_btn):
            grid2.addWidget(b)
        ll.addLayout(grid2)
        split.addWidget(left)

        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        hrow = QHBoxLayout()
        self.item_heading_label = QLabel("小标题：")
        hrow.addWidget(self.item_heading_label)
        self.item_heading = QLineEdit()
        self.item_heading.setPlaceholderText("如 强化学法普法，不含编号")
        hrow.addWidget(self.item_heading, 1)
        rl.addLayout(hrow)
        self.run_in = QCheckBox("标题接排（标题后紧接正文）")
        self.run_in.setToolTip("如“（一）强化组织领导。全年……”：小标题以句号结尾，正文接在同一段")
        rl.addWidget(self.run_in)
        self.body_label = QLabel("正文（每行一段）：")
        rl.addWidget(self.body_label)
        self.editor = ParagraphEditor("在这里写正文，回车另起一段。")
        rl.addWidget(self.editor, 1)
        split.addWidget(right)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setSizes([260, 420])
        layout.addWidget(split, 1)

        self.heading.editingFinished.connect(self._rename_section)
        self.kind.activated.connect(
            lambda i: self.session.set_section_kind(self.index, SectionKind(self.kind.itemData(i)))
        )
        self.section_up.clicked.connect(lambda: self.move_section_requested.emit(self.index, -1))
        self.section_down.clicked.connect(lambda: self.move_section_requested.emit(self.index, 1))
        self.section_remove.clicked.connect(lambda: self.remove_section_requested.emit(self.index))
        self.checklist.itemChanged.connect(self._checklist_ticked)
        self.tree.currentItemChanged.connect(lambda cur, _prev: self._select(cur))
        self.tree.dropped.connect(self._dropped)
        self.tree.key_move.connect(self._key_move)
        self.add_btn.clicked.connect(lambda: self.add_item(child=False))
        self.add_child_btn.clicked.connect(lambda: self.add_item(child=True))
        self.remove_btn.clicked.connect(self.remove_item)
        self.up_btn.clicked.connect(lambda: self._key_move("up"))
        self.down_btn.clicked.connect(lambda: self._key_move("down"))
        self.in_btn.clicked.connect(lambda: self._key_move("in"))
        self.out_btn.clicked.connect(lambda: self._key_move("out"))
        self.item_heading.textEdited.connect(self._heading_typed)
        self.run_in.toggled.connect(self._run_in_toggled)
        self.editor.textChanged.connect(self._body_typed)
        self.editor.cursorPositionChanged.connect(self._emit_context)

    # -- binding

    def bind(self, index: int) -> None:
        if index != self.index:
            self._current = None
        self.index = index
        self.refresh()

    def show_item(self, path: ItemPath) -> None:
        """Shows the item at `path`, or the section's opening paragraphs for ()."""
        self._current = self.session.item(self.index, path) if path else None
        self.refresh()

    @property
    def section(self):
        return self.session.draft.sections[self.index]

    def refresh(self) -> None:
        """Rebuilds everything from the model (after binding, undo, a drop or any structural edit)."""
        if not 0 <= self.index < len(self.session.draft.sections):
            return
        section = self.section
        meta = self.session.draft.meta
        prompt = help_text = ""
        required = False
        try:
            pack = load_pack(meta.template_pack)
            ps = pack.section_for(section.kind)
            if ps is not None:
                prompt, help_text, required = ps.prompt, render_pack_string(ps.help, meta), ps.required
        except UserError as exc:
            help_text = exc.message
        if section.kind is SectionKind.CUSTOM and not prompt:
            prompt = "本单位自行增加的部分，如学习贯彻党的二十大精神、习近平法治思想情况。"
        self.header.set_texts(f"{heading_number(1, self.index + 1)}{section.heading}", prompt, help_text)
        if not self.heading.hasFocus() and self.heading.text() != section.heading:
            self.heading.setText(section.heading)
        with QSignalBlocker(self.kind):
            self.kind.setCurrentIndex(self.kind.findData(section.kind.value))
        n = len(self.session.draft.sections)
        self.section_up.setEnabled(self.index > 0)
        self.section_down.setEnabled(self.index < n - 1)
        required_kinds = {section.kind} if required else set()
        self.section_remove.setEnabled(self.session.can_remove_section(self.index, required_kinds))
        self.section_remove.setToolTip("" if self.section_remove.isEnabled() else "模板要求必须有这一部分，不能删除")
        self._fill_checklist()
        self._fill_tree()

    def _fill_checklist(self) -> None:
        show = self.section.kind is SectionKind.MEASURES and bool(self.session.checklist)
        self.checklist_box.setVisible(show)
        if not show:
            return
        with QSignalBlocker(self.checklist):
            self.checklist.clear()
            for entry in self.session.checklist:
                item = QListWidgetItem(entry.text, self.checklist)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked if entry.done else Qt.CheckState.Unchecked)
        rows = min(len(self.session.checklist), 4)
        self.checklist.setFixedHeight(rows * self.checklist.sizeHintForRow(0) + 2 * self.checklist.frameWidth() + 2)

    def _checklist_ticked(self, item: QListWidgetItem) -> None:
        self.session.mark_checklist(self.checklist.row(item), item.checkState() == Qt.CheckState.Checked)

    def _fill_tree(self) -> None:
        self._items = {}
        with QSignalBlocker(self.tree):
            self.tree.clear()
            opening = QTreeWidgetItem(["（本部分开头的段落）"])
            opening.setData(0, ROLE_ITEM, OPENING)
            opening.setFlags(opening.flags() & ~Qt.ItemFlag.ItemIsDragEnabled & ~Qt.ItemFlag.ItemIsDropEnabled)
            opening.setForeground(0, Qt.GlobalColor.darkGray)
            self.tree.addTopLevelItem(opening)
            target = opening

            def add(parent: QTreeWidgetItem | None, items: list[Item], depth: int) -> None:
                nonlocal target
                for n, item in enumerate(items, 1):
                    node = QTreeWidgetItem([self._label(item, depth, n)])
                    self._items[id(item)] = item
                    node.setData(0, ROLE_ITEM, id(item))
                    if parent is None:
                        self.tree.addTopLevelItem(node)
                    else:
                        parent.addChild(node)
                    if item is self._current:
                        target = node
                    add(node, item.children, depth + 1)

            add(None, self.section.items, 1)
            self.tree.expandAll()
            self.tree.setCurrentItem(target)
        self._select(target)

    @staticmethod
    def _label(item: Item, depth: int, n: int) -> str:
        return f"{heading_number(depth + 1, n)}{item.heading or '（未命名小项）'}"

    # -- selection and editing

    def _node_item(self, node: QTreeWidgetItem | None) -> Item | None:
        if node is None:
            return None
        return self._items.get(node.data(0, ROLE_ITEM))

    def current_path(self) -> ItemPath | None:
        return None if self._current is None else self.session.path_of(self.index, self._current)

    def _select(self, node: QTreeWidgetItem | None) -> None:
        item = self._node_item(node)
        self._current = item
        is_item = item is not None
        for w in (self.item_heading, self.item_heading_label, self.run_in):
            w.setVisible(is_item)
        with QSignalBlocker(self.item_heading), QSignalBlocker(self.run_in):
            self.item_heading.setText(item.heading if item else "")
            self.run_in.setChecked(bool(item and item.run_in))
        paragraphs = item.paragraphs if item else self.section.preamble
        self.body_label.setText("正文（每行一段）：" if is_item else "本部分开头的段落（可不写，每行一段）：")
        self.editor.set_text_quietly(editor_text(paragraphs))
        self.editor.highlighter.set_examples([e for p in paragraphs for e in standing_examples(p)])
        path = self.current_path()
        depth = len(path) if path else 0
        self.remove_btn.setEnabled(is_item)
        self.add_child_btn.setEnabled(is_item and depth < MAX_ITEM_DEPTH)
        siblings = self.session.siblings(self.index, path) if path else []
        at = path[-1] if path else -1  # the item's place among its siblings
        self.up_btn.setEnabled(at > 0)
        self.down_btn.setEnabled(0 <= at < len(siblings) - 1)
        self.in_btn.setEnabled(at > 0 and depth < MAX_ITEM_DEPTH)
        self.out_btn.setEnabled(depth > 1)
        self._emit_context()

    def _heading_typed(self, text: str) -> None:
        path = self.current_path()
        if path is None:
            return
        self.session.set_item_heading(self.index, path, text)
        node = self.tree.currentItem()
        if node is not None:
            node.setText(0, self._label(self._current, len(path), path[-1] + 1))  # type: ignore[arg-type]

    def _body_typed(self) -> None:
        text = self.editor.toPlainText()
        path = self.current_path()
        if path is None:
            self.session.set_section_preamble(self.index, text)
        else:
            self.session.set_item_text(self.index, path, text)
        self._highlight_examples()

    def _emit_context(self) -> None:
        if not 0 <= self.index < len(self.session.draft.sections):
            return
        cursor = self.editor.textCursor()
        before = cursor.block().text()[: cursor.positionInBlock()]
        for mark in "。；！？":
            before = before.rsplit(mark, 1)[-1]
        heading = self._current.heading if self._current is not None else ""
        self.context_changed.emit(self.section.kind, heading, before[-12:])

    # -- phrases from the library

    def insert_phrase(self, paragraph: Paragraph, mode: str) -> None:
        """A library phrase at the cursor, as a new paragraph of the item, or as a new item."""
        if mode == "item":
            self.add_item(item=Item(paragraphs=[paragraph]))
            self.editor.setFocus()
            return
        cursor = self.editor.textCursor()
        cursor.beginEditBlock()  # one Ctrl+Z in the editor takes the whole phrase out again
        if mode == "paragraph":
            cursor.movePosition(cursor.MoveOperation.End)
            if self.editor.toPlainText().strip():
                cursor.insertText("\n")
        cursor.insertText(paragraph.text)
        cursor.endEditBlock()
        self.editor.setTextCursor(cursor)
        self.session.attach_source(self.index, self.current_path(), paragraph.text, paragraph.source)
        self._highlight_examples()
        self.editor.setFocus()

    def use_heading(self, heading: str) -> None:
        """A typical item heading: fills the selected item's empty heading, or starts a new item with it."""
        path = self.current_path()
        if path is not None and not self.session.item(self.index, path).heading.strip():
            self.session.set_item_heading(self.index, path, heading)
            self.refresh()
        else:
            self.add_item(item=Item(heading=heading))
        self.editor.setFocus()

    def _highlight_examples(self) -> None:
        path = self.current_path()
        paragraphs = self.section.preamble if path is None else self.session.item(self.index, path).paragraphs
        self.editor.highlighter.set_examples([e for p in paragraphs for e in standing_examples(p)])

    def _run_in_toggled(self, on: bool) -> None:
        path = self.current_path()
        if path is not None:
            self.session.set_run_in(self.index, path, on)

    def _rename_section(self) -> None:
        if 0 <= self.index < len(self.session.draft.sections):
            self.session.rename_section(self.index, self.heading.text())

    # -- structure

    def add_item(self, child: bool = False, item: Item | None = None) -> None:
        path = self.current_path()
        try:
            if child and path is not None:
                new_item = item or Item()
                self.session.add_item(self.index, path, item=new_item)
            else:
                parent = path[:-1] if path else ()
                at = path[-1] + 1 if path else None
                new_item = item or Item()
                self.session.add_item(self.index, parent, at, new_item)
        except UserError as exc:
            self.status_message.emit(exc.message)
            return
        self._current = new_item
        self.refresh()
        self.item_heading.setFocus()

    def remove_item(self) -> None:
        path = self.current_path()
        if path is None:
            return
        siblings = self.session.siblings(self.index, path)
        after = siblings[path[-1] + 1] if path[-1] + 1 < len(siblings) else None
        before = siblings[path[-1] - 1] if path[-1] > 0 else None
        parent = self.session.item(self.index, path[:-1]) if len(path) > 1 else None
        self.session.remove_item(self.index, path)
        self._current = after or before or parent
        self.refresh()
        self.status_message.emit("已删除小项（可用 Ctrl+Z 撤销）。")

    def _key_move(self, how: str) -> None:
        path = self.current_path()
        if path is None:
            return
        try:
            if how == "up":
                self.session.move_item(self.index, path, -1)
            elif how == "down":
                self.session.move_item(self.index, path, 1)
            elif how == "in":
                self.session.indent_item(self.index, path)
            elif how == "out":
                self.session.outdent_item(self.index, path)
        except UserError as exc:
            self.status_message.emit(exc.message)
        self.refresh()
        self.tree.setFocus()

    def _dropped(self) -> None:
        """Reads the tree the drop produced and hands it to the session as one undoable step."""

        def shape(parent: QTreeWidgetItem | None) -> list[tuple[Item, list]]:
            count = self.tree.topLevelItemCount() if parent is None else parent.childCount()
            out = []
            for i in range(count):
                node = self.tree.topLevelItem(i) if parent is None else parent.child(i)
                item = self._node_item(node)
                if item is not None:
                    out.append((item, shape(node)))
                elif node is not None and node.childCount():  # dropped onto the opening row: keep it at the top
                    out.extend(shape(node))
            return out

        try:
            self.session.set_items(self.index, shape(None), "拖动小项")
        except UserError as exc:
            self.status_message.emit(exc.message)
        self.refresh()

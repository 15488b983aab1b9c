"""The step list beside the page: one row per wizard step, each marked empty, partial, complete or with findings."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QListWidget, QListWidgetItem

from app.core.location import GENERATE, INFO, PREAMBLE, Step, StepKind
from app.core.session import Session
from app.render.numbering import heading_number
from app.ui.binding import USER_ROLE, set_by_name
from app.ui.icons import STATUS_TEXT, status_icon


class StepList(QListWidget):
    """The steps of the session's draft; Ctrl+PgUp/PgDn walk the steps here too instead of jumping a page."""

    walk = Signal(int)  # Ctrl+PgDn (+1) or Ctrl+PgUp (-1)
    chosen = Signal(int)  # the user selected this row

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.steps: list[Step] = []
        self._warned: set[Step] = set()  # steps whose findings mark them, as last found
        self.setObjectName("steps")
        self.setWordWrap(False)
        self.setSpacing(2)
        set_by_name(self, "horizontalScrollBarPolicy", "ScrollBarAlwaysOff")  # long names are elided
        self.currentRowChanged.connect(self._row_changed)

    def _row_changed(self, row: int) -> None:
        if row >= 0:
            self.chosen.emit(row)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        from PySide6.QtCore import Qt  # not before the window is up (app/ui/binding.py)

        if event.modifiers() & Qt.KeyboardModifier.ControlModifier and event.key() in (
            Qt.Key.Key_PageUp,
            Qt.Key.Key_PageDown,
        ):
            self.walk.emit(1 if event.key() == Qt.Key.Key_PageDown else -1)
            return
        super().keyPressEvent(event)

    def current(self) -> Step:
        row = self.currentRow()
        return self.steps[row] if 0 <= row < len(self.steps) else INFO

    def row_of(self, step: Step) -> int | None:
        return self.steps.index(step) if step in self.steps else None

    def select_quietly(self, row: int) -> None:
        self.blockSignals(True)
        self.setCurrentRow(row)
        self.blockSignals(False)

    def rebuild(self) -> bool:
        """The rows for the draft as it is now, the current step kept; False when that step is gone."""
        current = self.current() if self.steps else INFO
        sections = self.session.draft.sections
        self.steps = [INFO, PREAMBLE, *(Step.section(s.id) for s in sections), GENERATE]
        labels = ["基本信息", "导语"]
        labels += [f"{heading_number(1, i)}{s.heading or '（未命名）'}" for i, s in enumerate(sections, 1)]
        labels.append("检查与生成")
        self.blockSignals(True)
        self.clear()
        for label in labels:
            item = QListWidgetItem(label)
            item.setToolTip(label)
            self.addItem(item)
        row = self.row_of(current)
        self.setCurrentRow(row if row is not None else 0)
        self.blockSignals(False)
        self.update_marks()
        return row is not None

    def update_marks(self, warned: set[Step] | None = None) -> None:
        """Each step's mark; `warned` as last found, since the checks run only after a pause in typing."""
        s = self.session
        if warned is not None:
            self._warned = warned
        for row, step in enumerate(self.steps):
            item = self.item(row)
            if item is None:
                continue
            if step.kind is StepKind.INFO:
                status = s.info_status()
                if status == "complete" and step in self._warned:
                    status = "findings"
            elif step.kind is StepKind.PREAMBLE:
                status = s.preamble_status()
            elif step.kind is StepKind.GENERATE:
                status = "findings" if self._warned else "complete"
            else:
                status = s.section_status(s.section_index(step.section_id))
                if status != "empty" and step in self._warned:
                    status = "findings"
            item.setIcon(status_icon(status))
            item.setData(USER_ROLE, status)
            item.setToolTip(f"{item.text()}（{STATUS_TEXT[status]}）")

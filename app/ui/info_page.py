"""Step 基本信息: who reports, for which year, to whom, and in which template and section order."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QSignalBlocker, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import UserError
from app.core.session import Session
from app.render.numbering import heading_number
from app.render.pack import TemplatePack, list_packs, load_pack
from app.ui.binding import set_by_name
from app.ui.common import PageHeader, muted

SELF_REFS = ["我局", "我办", "本局", "本办", "我委", "我中心"]


class InfoPage(QWidget):
    add_other_requested = Signal()
    add_custom_requested = Signal()
    remove_section_requested = Signal(int)

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.packs: list[TemplatePack] = list_packs()
        layout = QVBoxLayout(self)
        self.header = PageHeader()
        self.header.set_texts(
            "基本信息",
            "报告的单位、年度、主送机关、署名和成文日期。",
            "年度指报告所写的年份（通常是上一年）；改动年度时，各部分标题中的年份随之调整。",
        )
        layout.addWidget(self.header)

        form = QFormLayout()
        self.unit = QLineEdit()
        self.unit.setPlaceholderText("单位全称，如 晋城市信访局")
        self.self_ref = QComboBox()
        self.self_ref.setEditable(True)
        self.self_ref.addItems(SELF_REFS)
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.title = QLineEdit()
        self.addressee = QLineEdit()
        self.addressee.setPlaceholderText("如 中共XX县委、XX县人民政府（不含冒号；不写则不列主送机关）")
        self.signature = QLineEdit()
        self.has_date = QCheckBox("填写成文日期")
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy年M月d日")
        date_row = QHBoxLayout()
        date_row.addWidget(self.has_date)
        date_row.addWidget(self.date, 1)
        self.pack = QComboBox()
        for pack in self.packs:
            self.pack.addItem(pack.name, pack.id)
        self.pack_help = QLabel()
        self.pack_help.setWordWrap(True)
        muted(self.pack_help)
        form.addRow("单位全称：", self.unit)
        form.addRow("单位自称：", self.self_ref)
        form.addRow("报告年度：", self.year)
        form.addRow("标题：", self.title)
        form.addRow("主送机关：", self.addressee)
        form.addRow("署名：", self.signature)
        form.addRow("成文日期：", date_row)
        form.addRow("模板：", self.pack)
        form.addRow("", self.pack_help)
        layout.addLayout(form)

        layout.addWidget(QLabel("各部分的顺序（编号随顺序自动调整）："))
        row = QHBoxLayout()
        self.sections = QListWidget()
        self.sections.setMaximumHeight(170)
        set_by_name(self.sections, "textElideMode", "ElideMiddle")
        set_by_name(self.sections, "horizontalScrollBarPolicy", "ScrollBarAlwaysOff")
        row.addWidget(self.sections, 1)
        buttons = QVBoxLayout()
        self.up = QPushButton("上移")
        self.down = QPushButton("下移")
        self.add_other = QPushButton("添加“其他需要报告的情况”")
        self.add_custom = QPushButton("添加自定义部分…")
        self.remove = QPushButton("删除所选部分")
        for b in (self.up, self.down, self.add_other, self.add_custom, self.remove):
            buttons.addWidget(b)
        buttons.addStretch(1)
        row.addLayout(buttons)
        layout.addLayout(row)
        layout.addStretch(1)

        self.unit.textEdited.connect(lambda t: self._set(unit_name=t.strip()))
        self.self_ref.currentTextChanged.connect(lambda t: self._set(self_ref=t.strip() or "我局"))
        self.year.valueChanged.connect(lambda v: self._set(year=int(v)))
        self.title.textEdited.connect(lambda t: self._set(title=t.strip()))
        self.addressee.textEdited.connect(lambda t: self._set(addressee=t.strip().rstrip("：:")))
        self.signature.textEdited.connect(lambda t: self._set(signature=t.strip()))
        self.has_date.toggled.connect(self._date_changed)
        self.date.dateChanged.connect(self._date_changed)
        self.pack.activated.connect(self._pack_chosen)
        self.up.clicked.connect(lambda: self._move(-1))
        self.down.clicked.connect(lambda: self._move(1))
        self.add_other.clicked.connect(self.add_other_requested)
        self.add_custom.clicked.connect(self.add_custom_requested)
        self.remove.clicked.connect(lambda: self.remove_section_requested.emit(self.sections.currentRow()))
        self.sections.currentRowChanged.connect(lambda _: self._update_buttons())

    def _set(self, **changes: object) -> None:
        self.session.set_meta(**changes)
        self._placeholders()

    def _date_changed(self, *_: object) -> None:
        self.date.setEnabled(self.has_date.isChecked())
        q = self.date.date()
        self._set(date=dt.date(q.year(), q.month(), q.day()) if self.has_date.isChecked() else None)

    def _pack_chosen(self, index: int) -> None:
        pack_id = self.pack.itemData(index)
        if pack_id == self.session.draft.meta.template_pack:
            return
        pack = load_pack(pack_id)
        self.session.set_pack(pack.id, [s.kind for s in pack.sections])

    def _move(self, delta: int) -> None:
        row = self.sections.currentRow()
        if row < 0:
            return
        to = self.session.move_section(row, delta)
        self.sections.setCurrentRow(to)

    def current_pack(self) -> TemplatePack | None:
        try:
            return load_pack(self.session.draft.meta.template_pack)
        except UserError:
            return None

    def _placeholders(self) -> None:
        meta = self.session.draft.meta
        pack = self.current_pack()
        try:
            placeholder = pack.default_title(meta) if pack else ""
        except UserError:  # a pack's title that fails or goes beyond the limits: the preview says why
            placeholder = ""
        self.title.setPlaceholderText(placeholder)
        self.signature.setPlaceholderText(meta.unit_name or "不填则用单位全称")

    def _update_buttons(self) -> None:
        row = self.sections.currentRow()
        n = self.sections.count()
        self.up.setEnabled(row > 0)
        self.down.setEnabled(0 <= row < n - 1)
        pack = self.current_pack()
        required = {s.kind for s in pack.sections if s.required} if pack else set()
        self.remove.setEnabled(row >= 0 and self.session.can_remove_section(row, required))

    def refresh(self) -> None:
        """Shows the session's draft (after opening, undo, or a change made elsewhere)."""
        meta = self.session.draft.meta
        blockers = [
            QSignalBlocker(w)
            for w in (self.unit, self.self_ref, self.year, self.title, self.addressee, self.signature, self.has_date)
        ]
        blockers += [QSignalBlocker(self.date), QSignalBlocker(self.pack)]
        if self.unit.text() != meta.unit_name:
            self.unit.setText(meta.unit_name)
        self.self_ref.setCurrentText(meta.self_ref)
        self.year.setValue(meta.year)
        if self.title.text() != meta.title:
            self.title.setText(meta.title)
        if self.addressee.text() != meta.addressee:
            self.addressee.setText(meta.addressee)
        if self.signature.text() != meta.signature:
            self.signature.setText(meta.signature)
        self.has_date.setChecked(meta.date is not None)
        d = meta.date or dt.date.today()
        self.date.setDate(QDate(d.year, d.month, d.day))
        self.date.setEnabled(meta.date is not None)
        index = self.pack.findData(meta.template_pack)
        if index >= 0:
            self.pack.setCurrentIndex(index)
        del blockers
        pack = self.current_pack()
        self.pack_help.setText(pack.description if pack else f"找不到模板“{meta.template_pack}”。")
        row = self.sections.currentRow()
        with QSignalBlocker(self.sections):
            self.sections.clear()
            for i, s in enumerate(self.session.draft.sections, 1):
                text = f"{heading_number(1, i)}{s.heading or '（未命名）'}　〔{s.kind.label}〕"
                self.sections.addItem(text)
                self.sections.item(i - 1).setToolTip(text)
            self.sections.setCurrentRow(min(row, self.sections.count() - 1))
        self._placeholders()
        self._update_buttons()

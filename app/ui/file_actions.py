"""The 文件 menu's draft actions: new, open (drafts and finished reports), save, recent files, autosave and
recovery. Every rule about files lives in the session; this asks the user and reports what happened."""

from __future__ import annotations

from pathlib import Path

# Dialogs are reached through their module: PySide6 makes a class's Python type on first use, 3 ms for
# those, which the window's first paint does not need.
from PySide6 import QtWidgets
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from app.core.draft_file import FILE_SUFFIX, DraftChangedOnDiskError
from app.core.errors import UserError
from app.core.lock import DraftLockedError
from app.core.model import Draft
from app.core.session import APP_NAME, RecentFiles, discard_recovery, find_recoveries
from app.render.pack import DEFAULT_PACK, load_pack
from app.ui.common import ask
from app.ui.settings import Folder
from app.ui.window_host import WindowHost

DRAFT_FILTER = f"报告草稿 (*{FILE_SUFFIX})"
REPORT_FILTER = f"{DRAFT_FILTER};;已完成的报告 (*.docx *.doc *.wps *.odt *.rtf *.txt *.md);;所有文件 (*)"
Button = QtWidgets.QMessageBox.StandardButton


def blank_draft(pack_id: str = DEFAULT_PACK, unit_name: str = "", self_ref: str = "我局") -> Draft:
    return load_pack(pack_id).new_draft(unit_name, self_ref)


class FileActions(QObject):
    def __init__(self, host: WindowHost, parent: QWidget) -> None:
        super().__init__(parent)
        self.host = host
        self.session = host.session
        self.parent_widget = parent
        self.recent = RecentFiles(host.settings.recent_files)

    def _folder(self, which: Folder) -> str:
        return str(self.host.settings.start_folder(which, self.session.path))

    def maybe_save(self) -> bool:
        """True when it is fine to drop the current draft: saved, or the user chose not to keep it."""
        if not self.session.dirty:
            return True
        answer = QtWidgets.QMessageBox.question(
            self.parent_widget,
            APP_NAME,
            f"“{self.session.display_name}”有尚未保存的修改，是否保存？",
            Button.Save | Button.Discard | Button.Cancel,
            Button.Save,
        )
        if answer == Button.Save:
            return self.save()
        if answer == Button.Discard:
            self.session.close()
            return True
        return False

    def new_blank(self) -> None:
        if not self.maybe_save():
            return
        meta = self.session.draft.meta
        pack = meta.template_pack if _pack_exists(meta.template_pack) else DEFAULT_PACK
        self.session.new(blank_draft(pack, meta.unit_name, meta.self_ref))
        self.host.go_to(0)

    def new_from_last_year(self) -> None:
        if not self.maybe_save():
            return
        name, _ = QtWidgets.QFileDialog.getOpenFileName(
            self.parent_widget, "选择去年的报告草稿", self._folder(Folder.OPEN), DRAFT_FILTER
        )
        if not name:
            return
        try:
            self.session.roll_forward_from(Path(name))
        except UserError as exc:
            QtWidgets.QMessageBox.warning(self.parent_widget, "无法打开", exc.message)
            return
        self.host.settings.set_folder(Folder.OPEN, Path(name).parent)
        self.host.say("已按去年的报告新建：年份已顺延，去年的工作安排列在“举措成效”一步供对照。", 10000)
        self.host.go_to(0)

    def new_from_library(self) -> None:
        if not self.maybe_save():
            return
        from app.library.first_draft import draft_from_library  # the menu's first use, not start-up

        meta = self.session.draft.meta
        try:
            pack = load_pack(meta.template_pack)
            draft = draft_from_library(
                self.host.phrases.library.phrases(),
                unit_name=meta.unit_name,
                self_ref=meta.self_ref,
                year=meta.year,
                pack=pack,
                addressee=meta.addressee,
                date=meta.date,
            )
        except UserError as exc:
            QtWidgets.QMessageBox.warning(self.parent_widget, "无法起草", exc.message)
            return
        self.session.adopt(draft)
        self.host.go_to(0)
        self.host.say("已用常用语库起草初稿：黄色标出的是示例数字，请逐一改成本单位的实际情况。", 15000)

    def open_dialog(self) -> None:
        if not self.maybe_save():
            return
        name, _ = QtWidgets.QFileDialog.getOpenFileName(
            self.parent_widget, "打开报告草稿", self._folder(Folder.OPEN), REPORT_FILTER
        )
        if name:
            self.host.settings.set_folder(Folder.OPEN, Path(name).parent)
            self.open_path(Path(name), ask_first=False)

    def open_path(self, path: Path, ask_first: bool = True) -> bool:
        if ask_first and not self.maybe_save():
            return False
        if Path(path).suffix.lower() != FILE_SUFFIX:
            return self.import_report(Path(path))
        try:
            try:
                self.session.open(path)
            except DraftLockedError as exc:
                answer = QtWidgets.QMessageBox.question(
                    self.parent_widget, "草稿已被打开", f"{exc.message}\n仍要在这里打开吗？（两处同时修改会互相覆盖）"
                )
                if answer != Button.Yes:
                    return False
                self.session.open(path, take_over=True)
        except UserError as exc:
            QtWidgets.QMessageBox.warning(self.parent_widget, "无法打开", exc.message)
            self.recent.remove(str(Path(path).resolve()))
            self.store_recent()
            return False
        self.recent.add(path)
        self.store_recent()
        self.host.go_to(0)
        return True

    def import_report(self, path: Path) -> bool:
        """A finished report (.docx/.txt) becomes an unsaved draft; the original file is never written."""
        # python-docx, the importer and the revision dialog load when a report is opened, not at start-up
        from app.importer import import_report
        from app.ui.revision_import_dialog import busy, show_import_notes

        try:
            with busy():
                imported = import_report(path)
        except UserError as exc:
            QtWidgets.QMessageBox.warning(self.parent_widget, "无法导入", exc.message)
            return False
        self.session.adopt(imported.draft)
        self.host.go_to(0)
        self.host.say(f"已导入“{path.name}”，请核对后另存为草稿。", 10000)
        show_import_notes(self.parent_widget, path.name, imported.notes)
        return True

    def import_revised(self) -> None:
        """导入修改稿: a leader's edited copy of this draft, taken back part by part."""
        # the revision dialog and the comparison load with the menu command, not at start-up
        from app.ui.revision_import_dialog import import_revised_document

        if import_revised_document(self.parent_widget, self.session):
            self.host.say("已导入修改稿中的修改；可用“撤销”恢复。", 10000)

    def save(self) -> bool:
        if self.session.path is None:
            return self.save_as()
        self.host.commit_focused_edit()
        try:
            try:
                self.session.save()
            except DraftChangedOnDiskError as exc:
                answer = QtWidgets.QMessageBox.question(
                    self.parent_widget, "文件已被修改", f"{exc.message}\n要用这里的内容覆盖吗？"
                )
                if answer != Button.Yes:
                    return False
                self.session.save(overwrite_changes=True)
        except UserError as exc:
            QtWidgets.QMessageBox.warning(
                self.parent_widget, "保存失败", exc.message + "\n您的修改仍在程序中，没有丢失。"
            )
            return False
        self._saved()
        return True

    def save_as(self) -> bool:
        self.host.commit_focused_edit()
        meta = self.session.draft.meta
        suggested = (
            self.session.path.name
            if self.session.path
            else f"{meta.unit_name or '法治政府建设'}{meta.year}年度报告{FILE_SUFFIX}"
        )
        name, _ = QtWidgets.QFileDialog.getSaveFileName(
            self.parent_widget, "另存为", str(Path(self._folder(Folder.SAVE)) / suggested), DRAFT_FILTER
        )
        if not name:
            return False
        try:
            self.session.save(Path(name))
        except UserError as exc:
            QtWidgets.QMessageBox.warning(
                self.parent_widget, "保存失败", exc.message + "\n您的修改仍在程序中，没有丢失。"
            )
            return False
        self.host.settings.set_folder(Folder.SAVE, Path(name).parent)
        self._saved()
        return True

    def _saved(self) -> None:
        if self.session.path is not None:
            self.recent.add(self.session.path)
            self.store_recent()
        self.host.say(f"已保存到 {self.session.path}", 5000)

    def store_recent(self) -> None:
        self.host.settings.recent_files = self.recent.paths

    def autosave(self) -> None:
        try:
            if self.session.autosave() is not None:
                self.host.say("已自动保存。", 2000)
        except UserError as exc:
            self.host.say(f"自动保存失败：{exc.message}", 10000)

    def offer_recovery(self) -> bool:
        """On start: autosaved work left by a crash is offered back. True when it was recovered."""
        found = find_recoveries(self.session.base_dir, exclude=self.session.key)
        if not found:
            return False
        latest = found[0]
        clicked = ask(
            self.parent_widget,
            "恢复未保存的工作",
            f"上次程序没有正常退出，找到自动保存的内容：\n{latest.description}\n要恢复吗？",
            ["恢复", "丢弃", "以后再说"],
        )
        if clicked == 0:
            if not self.maybe_save():
                return False
            try:
                self.session.recover(latest)
            except UserError as exc:
                QtWidgets.QMessageBox.warning(self.parent_widget, "无法恢复", exc.message)
                return False
            self.host.go_to(0)
            self.host.say("已恢复自动保存的内容，请尽快保存。", 10000)
            return True
        if clicked == 1:
            discard_recovery(latest)
        return False


def _pack_exists(pack_id: str) -> bool:
    try:
        load_pack(pack_id)
    except UserError:
        return False
    return True

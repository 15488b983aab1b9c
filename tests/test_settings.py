"""The window's remembered state: one typed property per key of the one settings file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from app.ui.settings import Folder, Settings


def settings_in(tmp_path: Path) -> Settings:
    return Settings(QSettings(str(tmp_path / "fzbg.ini"), QSettings.Format.IniFormat))


def test_each_key_reads_back_what_was_written_after_a_restart(tmp_path: Path) -> None:
    first = settings_in(tmp_path)
    first.recent_files = [str(tmp_path / "甲.fzbg")]  # one path: QSettings gives a lone string back
    first.geometry = QByteArray(b"\x01\x02")
    first.printer = "办公室打印机"
    first.set_folder(Folder.EXPORT, tmp_path)
    first.store.sync()
    again = settings_in(tmp_path)
    assert again.recent_files == [str(tmp_path / "甲.fzbg")]
    assert again.geometry == QByteArray(b"\x01\x02")
    assert again.printer == "办公室打印机"
    assert again.folder(Folder.EXPORT) == tmp_path
    assert again.folder(Folder.OPEN) is None


def test_a_dialog_starts_in_its_last_folder_then_the_drafts_then_home(tmp_path: Path) -> None:
    settings = settings_in(tmp_path)
    draft = tmp_path / "报告" / "2025.fzbg"
    gone = tmp_path / "已删除"
    gone.mkdir()
    settings.set_folder(Folder.SAVE, gone)
    gone.rmdir()
    assert settings.start_folder(Folder.SAVE, draft) == draft.parent
    assert settings.start_folder(Folder.SAVE, None) == Path.home()
    settings.set_folder(Folder.SAVE, tmp_path)
    assert settings.start_folder(Folder.SAVE, draft) == tmp_path


def test_an_empty_file_has_no_recent_files_no_geometry_and_no_printer(tmp_path: Path) -> None:
    settings = settings_in(tmp_path)
    assert (settings.recent_files, settings.geometry, settings.printer) == ([], None, "")

"""The window's remembered state in one QSettings file, one typed property per key.

Every key the program keeps is named here and nowhere else: geometry, recent files, the last folder of
each file dialog, and the printer used last.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path

from platformdirs import user_config_path
from PySide6.QtCore import QByteArray, QSettings


class Folder(Enum):
    """The file dialogs that start in the folder used last time, and the key each one keeps it under."""

    OPEN = "open_dir"  # 打开, 以去年报告为基础
    SAVE = "save_dir"  # 另存为
    EXPORT = "export_dir"  # 导出 DOCX, 导出 PDF
    PHRASES = "phrases_dir"  # 导出/导入常用语


GEOMETRY_KEY = "geometry"
RECENT_KEY = "recent_files"
PRINTER_KEY = "print/printer"


def settings_store() -> QSettings:
    # An explicit INI path under the user's config folder, so the same rules (and the tests' isolated
    # HOME) apply on every platform instead of the Windows registry.
    path = user_config_path("fzbg", appauthor=False) / "fzbg.ini"
    return QSettings(str(path), QSettings.Format.IniFormat)


def string_list(value: object) -> list[str]:
    """QSettings returns a str for a one-element list and None for none."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value else []
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    return []


class Settings:
    """Typed access to the settings file (or to `store`, which tests give)."""

    def __init__(self, store: QSettings | None = None) -> None:
        self.store = store if store is not None else settings_store()

    @property
    def geometry(self) -> QByteArray | None:
        value = self.store.value(GEOMETRY_KEY)
        return value if isinstance(value, QByteArray) else QByteArray(value) if isinstance(value, bytes) else None

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self.store.setValue(GEOMETRY_KEY, value)

    @property
    def recent_files(self) -> list[str]:
        return string_list(self.store.value(RECENT_KEY))

    @recent_files.setter
    def recent_files(self, paths: list[str]) -> None:
        self.store.setValue(RECENT_KEY, paths)

    @property
    def printer(self) -> str:
        return str(self.store.value(PRINTER_KEY, "") or "")

    @printer.setter
    def printer(self, name: str) -> None:
        self.store.setValue(PRINTER_KEY, name)

    def folder(self, which: Folder) -> Path | None:
        """The folder that dialog used last, while it still exists."""
        value = self.store.value(which.value)
        if value and Path(str(value)).is_dir():
            return Path(str(value))
        return None

    def start_folder(self, which: Folder, draft_path: Path | None) -> Path:
        """Where that dialog opens: the folder it used last, else the draft's folder, else home."""
        return self.folder(which) or (draft_path.parent if draft_path is not None else Path.home())

    def set_folder(self, which: Folder, folder: Path) -> None:
        self.store.setValue(which.value, str(folder))

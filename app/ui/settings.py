"""The window's remembered state (geometry, recent files, export folder) in one QSettings file."""

from __future__ import annotations

from platformdirs import user_config_path
from PySide6.QtCore import QSettings


def settings() -> QSettings:
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
    return [str(v) for v in value]  # type: ignore[union-attr]

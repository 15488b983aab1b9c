"""Where the session keeps what is not the draft: autosaves and roll-forward checklists."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_path


def data_dir() -> Path:
    return user_data_path("fzbg", appauthor=False)


def autosave_dir(base: Path | None = None) -> Path:
    return (base or data_dir()) / "autosave"

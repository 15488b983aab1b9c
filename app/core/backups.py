"""Backups kept on every save: `name.fzbg.bak` beside the draft (the previous version), and rolling
timestamped copies in the user data folder, so a bad save or a bad edit can always be walked back."""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path

from platformdirs import user_data_path

from app.core.atomic import write_bytes_atomic
from app.core.errors import UserError

KEEP_ROLLING = 30  # per draft; a week of hourly saves would be more than a clerk ever walks back


def backups_root() -> Path:
    return user_data_path("fzbg", appauthor=False) / "backups"


def side_backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


def rolling_folder(path: Path) -> Path:
    """One folder per draft path: the stem for people, a short hash of the full path for uniqueness."""
    import hashlib  # OpenSSL loads when a draft is saved, not when the window opens

    digest = hashlib.sha1(str(Path(path).resolve()).encode("utf-8")).hexdigest()[:10]
    return backups_root() / f"{Path(path).stem}-{digest}"


def keep_previous(path: Path, new_data: bytes) -> bytes | None:
    """Before `path` is replaced by `new_data`: its current content becomes `name.bak` and a rolling copy.

    Nothing is kept when the content would not change. A failure to write the rolling copy (a full
    user folder) must not stop the save itself, so only the side backup can raise. Returns the content
    kept, if any.
    """
    try:
        old = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError:
        return None  # unreadable old file: the save itself will report the real problem
    if old == new_data:
        return None
    write_bytes_atomic(side_backup_path(path), old)
    with contextlib.suppress(OSError, UserError):
        add_rolling(path, old)
    return old


def add_rolling(path: Path, data: bytes) -> Path:
    folder = rolling_folder(path)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{stamp}.fzbg"
    write_bytes_atomic(target, data)
    for stale in list_rolling(path)[KEEP_ROLLING:]:
        stale.unlink(missing_ok=True)
    return target


def list_rolling(path: Path) -> list[Path]:
    """Rolling backups of the draft at `path`, newest first."""
    folder = rolling_folder(path)
    if not folder.is_dir():
        return []
    return sorted(folder.glob("*.fzbg"), reverse=True)

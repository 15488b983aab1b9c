"""The recently opened drafts."""

from __future__ import annotations

import contextlib
from pathlib import Path

MAX_RECENT = 10


class RecentFiles:
    """Most recently used drafts, newest first, without duplicates. Persisting them is the caller's job."""

    def __init__(self, paths: list[str] | None = None, limit: int = MAX_RECENT) -> None:
        self.limit = limit
        self.paths: list[str] = []
        for p in paths or []:
            if p and p not in self.paths:
                self.paths.append(p)
        del self.paths[limit:]

    def add(self, path: Path) -> None:
        key = str(Path(path).resolve())
        if key in self.paths:
            self.paths.remove(key)
        self.paths.insert(0, key)
        del self.paths[self.limit :]

    def remove(self, path: Path | str) -> None:
        with contextlib.suppress(ValueError):
            self.paths.remove(str(path))

    def existing(self) -> list[Path]:
        return [Path(p) for p in self.paths if Path(p).is_file()]

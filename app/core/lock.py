"""A lock file beside an open draft (`name.fzbg.lock`), so that a second window or a second instance on
the same draft — or a colleague on a shared folder — is told who has it open instead of overwriting.

The lock is taken only after the draft opened successfully, and a lock whose process is gone on this
computer is stale and taken over.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

from app.core.errors import UserError
from app.core.process import process_alive


def _host_name() -> str:
    # os.uname() is what gethostname() reads on POSIX, without loading the socket module at start-up.
    if hasattr(os, "uname"):
        return os.uname().nodename
    # Windows only (no os.uname)
    import socket

    return socket.gethostname()


class DraftLockedError(UserError):
    """The draft is open in another window or program."""

    def __init__(self, message: str, owner: dict[str, object]) -> None:
        super().__init__(message)
        self.owner = owner


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


def read_owner(path: Path) -> dict[str, object] | None:
    try:
        raw = json.loads(lock_path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return raw if isinstance(raw, dict) else None


def _is_stale(owner: dict[str, object]) -> bool:
    pid = owner.get("pid")
    if owner.get("host") != _host_name():
        return False  # another computer: cannot tell, so respect it
    return not (isinstance(pid, int) and process_alive(pid))


@dataclass
class DraftLock:
    """A lock file beside a draft, held by this process (`token` tells its own lock from another's)."""

    path: Path
    token: str

    @classmethod
    def acquire(cls, path: Path, *, take_over: bool = False) -> DraftLock:
        """Takes the lock or raises DraftLockedError naming who holds it. `take_over` ignores a live lock
        (the user said 仍然打开)."""
        path = Path(path)
        target = lock_path(path)
        token = f"{os.getpid()}-{time.time_ns()}"
        owner = {"pid": os.getpid(), "host": _host_name(), "since": time.time(), "token": token}
        data = json.dumps(owner).encode("utf-8")
        for _ in range(2):
            try:
                fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            except FileExistsError:
                current = read_owner(path)
                if take_over or current is None or _is_stale(current):
                    target.unlink(missing_ok=True)
                    continue
                if current.get("pid") == os.getpid() and current.get("host") == _host_name():
                    raise DraftLockedError(f"“{path.name}”已在本程序的另一个窗口中打开。", current) from None
                raise DraftLockedError(
                    f"“{path.name}”正被计算机“{current.get('host')}”上的另一个程序打开（进程 {current.get('pid')}）。"
                    "同时编辑会互相覆盖；请先在那里关闭它。",
                    current,
                ) from None
            except OSError:
                # A read-only or vanished folder: editing still works, only the warning is lost.
                return cls(path, "")
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            return cls(path, token)
        raise DraftLockedError(f"无法锁定“{path.name}”。", {})

    def release(self) -> None:
        if not self.token:
            return
        owner = read_owner(self.path)
        if owner is not None and owner.get("token") == self.token:
            lock_path(self.path).unlink(missing_ok=True)
        self.token = ""

"""Durable file writes: a temporary file in the target's folder, flushed and fsynced, then renamed over it.

A reader (or a power cut) therefore sees either the old file or the new one, never half of one.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from app.core.errors import UserError
from app.core.process import process_alive


def write_bytes_atomic(target: Path, data: bytes) -> None:
    with open_atomic(target) as fh:
        fh.write(data)


def write_with_atomic(target: Path, writer: Callable[[BinaryIO], None]) -> None:
    """Lets `writer` fill a temporary file, which then replaces `target`."""
    with open_atomic(target) as fh:
        writer(fh)


@contextlib.contextmanager
def open_atomic(target: Path) -> Iterator[BinaryIO]:
    target = Path(target)
    folder = target.parent if str(target.parent) else Path(".")
    _sweep_orphans(folder, target.name)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise UserError(explain_os_error(exc, target)) from exc
    tmp = Path(tmp_name)
    with contextlib.suppress(OSError):
        # mkstemp makes 0600 files; the result should have the target's mode, or what any new file gets.
        os.chmod(tmp, _mode_for(target))
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise UserError(explain_os_error(exc, target)) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_folder(folder)


def _mode_for(target: Path) -> int:
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        return 0o666 & ~_umask()


def _umask() -> int:
    # Read, not set-and-restore: os.umask() would change it for every thread for a moment.
    with contextlib.suppress(OSError, ValueError, StopIteration), open("/proc/self/status", encoding="ascii") as fh:
        return int(next(line for line in fh if line.startswith("Umask:")).split()[1], 8)
    return 0o022


ORPHAN_AGE_S = 5.0  # a write takes milliseconds; an older temporary file of a dead process is an orphan


def _sweep_orphans(folder: Path, name: str) -> None:
    """Removes temporary files of `name` left by a process that died mid-write (power cut, kill).

    The writer's pid is in the name; only files of processes no longer running here, and not touched for a
    few seconds, go, so a write in progress (here or from another PC on a shared folder) is never disturbed.
    """
    prefix = f".{name}."
    now = time.time()
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            if not (entry.name.startswith(prefix) and entry.name.endswith(".tmp")):
                continue
            pid_text = entry.name[len(prefix) :].split(".", 1)[0]
            if not pid_text.isdigit() or process_alive(int(pid_text)):
                continue
            with contextlib.suppress(OSError):
                if now - entry.stat().st_mtime > ORPHAN_AGE_S:
                    os.unlink(entry.path)


def _fsync_folder(folder: Path) -> None:
    # Makes the rename itself durable; folders cannot be opened this way on Windows.
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


# A network drive that went away: errors of Linux/macOS mounts (SMB, NFS) and of Windows shares.
_NETWORK_ERRNOS = {
    getattr(errno, name)
    for name in ("EIO", "ESTALE", "ENOTCONN", "EHOSTDOWN", "EHOSTUNREACH", "ENETDOWN", "ENETUNREACH", "ENETRESET")
    if hasattr(errno, name)
}
_NETWORK_WINERRORS = {53, 59, 64, 67, 1231}  # bad net path / unexpected net error / net name deleted / …
_FULL_ERRNOS = {errno.ENOSPC, *(e for e in (getattr(errno, "EDQUOT", None), getattr(errno, "EFBIG", None)) if e)}


def explain_os_error(exc: OSError, target: Path) -> str:
    """One Chinese sentence saying what went wrong with `target` and what to do."""
    name = str(target)
    if isinstance(exc, PermissionError):
        return f"无法写入“{name}”：文件可能正在 Word/WPS 中打开，或该文件夹只读。请关闭该文件或换一个文件夹后重试。"
    if exc.errno in _FULL_ERRNOS:
        return f"无法写入“{name}”：磁盘空间不足。请清理磁盘或保存到其他位置。"
    if isinstance(exc, (FileNotFoundError, NotADirectoryError)):
        return f"无法写入“{name}”：文件夹不存在或网络驱动器已断开。请检查路径后重试。"
    if exc.errno in _NETWORK_ERRNOS or getattr(exc, "winerror", None) in _NETWORK_WINERRORS:
        return f"无法写入“{name}”：存储设备或网络驱动器无法访问（可能已断开）。请检查网络连接，或先保存到本机其他位置。"
    if exc.errno == errno.EROFS:
        return f"无法写入“{name}”：该位置只读。请保存到其他位置。"
    return f"无法写入“{name}”：{exc.strerror or exc}。请换一个位置保存后重试。"

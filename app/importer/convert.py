"""Old and other word-processor formats (.doc, .wps, .odt, .rtf) → .docx through LibreOffice, when installed.

Most past reports on an office PC are .doc or WPS files. LibreOffice converts them headless; each
conversion runs with its own profile (`-env:UserInstallation`) in a private temporary folder, so it
neither waits for nor disturbs a LibreOffice the user has open, and it is stopped after a time limit.
The .docx it writes then goes through the normal importer and is deleted with the folder.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from app.importer.reader import ReportFormatError

CONVERT_TIMEOUT_S = 180  # a 30-page .doc takes a few seconds; a first start of LibreOffice up to a minute
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class ConversionError(ReportFormatError):
    """A file LibreOffice could not turn into a .docx (or no LibreOffice to try)."""


def find_soffice() -> str | None:
    """LibreOffice's program: `FZBG_SOFFICE`, then PATH, then where its installers put it on Windows and macOS."""
    configured = os.environ.get("FZBG_SOFFICE")
    if configured:
        return configured if Path(configured).is_file() else None
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    candidates: list[Path] = []
    if sys.platform == "win32":
        for var in ("PROGRAMFILES", "PROGRAMFILES(X86)", "PROGRAMW6432"):
            base = os.environ.get(var)
            if base:
                candidates.append(Path(base) / "LibreOffice" / "program" / "soffice.exe")
    elif sys.platform == "darwin":
        candidates.append(Path("/Applications/LibreOffice.app/Contents/MacOS/soffice"))
    return next((str(c) for c in candidates if c.is_file()), None)


def _save_as_docx_hint(path: Path) -> str:
    return f"请在 Word 或 WPS 中打开“{path.name}”，另存为 .docx 后再导入。"


@contextmanager
def converted_to_docx(path: Path, timeout_s: float | None = None) -> Iterator[Path]:
    """A .docx LibreOffice made of `path`, alive for the `with` block (`timeout_s`: CONVERT_TIMEOUT_S)."""
    timeout_s = CONVERT_TIMEOUT_S if timeout_s is None else timeout_s
    soffice = find_soffice()
    if soffice is None:
        raise ConversionError(
            f"读取 {path.suffix.lower()} 文件需要 LibreOffice，本机没有安装。" + _save_as_docx_hint(path)
        )
    with tempfile.TemporaryDirectory(prefix="fzbg-convert-") as tmp:
        folder = Path(tmp)
        suffix = path.suffix.lower()
        if suffix == ".wps" and path.read_bytes()[:8] == _OLE_MAGIC:
            # WPS Writer's .wps is a Word 97 file under another name; LibreOffice picks its filter by
            # name first and would try Microsoft Works on it.
            suffix = ".doc"
        source = folder / f"report{suffix}"  # a plain name: the user's may hold characters a shell mangles
        shutil.copyfile(path, source)
        out = folder / "out"
        command = [
            soffice,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(out),
            str(source),
        ]
        _run(command, timeout_s, path)
        target = out / "report.docx"
        if not target.is_file():
            raise ConversionError(
                f"LibreOffice 无法转换“{path.name}”（文件可能已损坏、加密，或不是文字处理文档）。"
                + _save_as_docx_hint(path)
            )
        yield target


def _run(command: list[str], timeout_s: float, path: Path) -> None:
    posix = os.name == "posix"
    try:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=posix,  # its own process group: a timeout stops soffice.bin too
        )
    except OSError as exc:
        raise ConversionError(f"无法启动 LibreOffice：{exc.strerror or exc}。" + _save_as_docx_hint(path)) from exc
    try:
        process.wait(timeout=timeout_s)
    except subprocess.TimeoutExpired:
        if posix:
            os.killpg(process.pid, signal.SIGKILL)
        else:
            process.kill()
        process.wait()
        raise ConversionError(
            f"LibreOffice 转换“{path.name}”超过 {timeout_s:g} 秒仍未完成，已停止。" + _save_as_docx_hint(path)
        ) from None

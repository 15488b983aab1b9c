from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from tests.support.fontconfig import chosen_configuration, write_fontconfig

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parents[1]
SHARED_SAMPLES = REPO.parent / "shared" / "samples"


def pytest_configure(config: pytest.Config) -> None:
    """The suite's own fonts, before any test starts Qt or LibreOffice (tests/support/fontconfig.py)."""
    name = chosen_configuration()
    folder = Path(tempfile.mkdtemp(prefix="fzbg-fonts-"))
    config.add_cleanup(lambda: shutil.rmtree(folder, ignore_errors=True))
    try:
        os.environ["FONTCONFIG_FILE"] = str(write_fontconfig(name, folder))
    except FileNotFoundError as missing:
        pytest.exit(str(missing), returncode=2)
    os.environ["FZBG_TEST_FONTS"] = name  # children (LibreOffice, the app in a process of its own) see the same


def pytest_report_header() -> str:
    return f"fonts: {os.environ.get('FZBG_TEST_FONTS')} ({os.environ.get('FONTCONFIG_FILE')})"


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads or writes the real user's data folder."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / ".local" / "state"))


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


@pytest.fixture(scope="session")
def soffice() -> str:
    """LibreOffice headless: skipped locally without it, a failure in CI (FZBG_REQUIRE_LIBREOFFICE=1)."""
    path = _soffice()
    if path is None:
        if os.environ.get("FZBG_REQUIRE_LIBREOFFICE") == "1":
            pytest.fail("LibreOffice (soffice) is required here but not installed")
        pytest.skip("LibreOffice not installed")
    return path


@pytest.fixture(scope="session")
def lo_profile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("lo-profile")


def convert_to_pdf(soffice: str, profile: Path, *docx_files: Path) -> list[Path]:
    """Converts DOCX files of one folder to PDFs beside them, in one LibreOffice run (it is slow to start)."""
    (folder,) = {docx.parent for docx in docx_files}
    command = [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf"]
    command += ["--outdir", str(folder), *(str(docx) for docx in docx_files)]
    subprocess.run(command, check=True, capture_output=True, timeout=600)
    pdfs = [docx.with_suffix(".pdf") for docx in docx_files]
    missing = [pdf.name for pdf in pdfs if not pdf.is_file()]
    assert not missing, f"LibreOffice did not write {missing}"
    return pdfs


@pytest.fixture(scope="session")
def to_pdf(soffice: str, lo_profile: Path):
    """Converts a DOCX to PDF with LibreOffice headless; returns the PDF's path."""

    def convert(docx: Path) -> Path:
        return convert_to_pdf(soffice, lo_profile, docx)[0]

    return convert


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Fails any attempt to open a network connection (the program is offline by construction).

    Returns the list of attempts, so a test can also assert it stayed empty after swallowed errors.
    """
    import socket

    attempts: list[str] = []

    def refuse(what: str):
        def _refuse(*args: object, **kwargs: object) -> None:
            attempts.append(f"{what}{args[1:] if what.startswith('socket.') else args}")
            raise AssertionError(f"network access attempted: {what} {args!r}")

        return _refuse

    monkeypatch.setattr(socket.socket, "connect", refuse("socket.connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", refuse("socket.connect_ex"))
    monkeypatch.setattr(socket, "create_connection", refuse("create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
    return attempts

""".doc, .wps, .odt and .rtf reports import through LibreOffice: files LibreOffice itself writes from a
DOCX import as that DOCX does. A WPS Writer .wps is a Word 97 file under another name (LibreOffice has no
.wps export filter; it reads Microsoft Works .wps through libwps), so a .doc renamed .wps is the test."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import tempfile
from pathlib import Path

import pytest

from app.cli.main import main
from app.core.draft_file import load_draft
from app.importer import ReportFormatError, convert, format_outline, import_report
from app.render.docx_writer import render_docx
from tests.test_import_samples import normalise

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "nanan-xinfangban-2024.fzbg"


@pytest.fixture(scope="module")
def written_by_libreoffice(soffice: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("legacy")
    source = folder / "南岸区报告.docx"
    render_docx(load_draft(EXAMPLE), source)
    profile = tmp_path_factory.mktemp("lo-legacy-profile")
    files = {"docx": source}
    for fmt in ("doc", "odt", "rtf"):
        command = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", fmt]
        subprocess.run([*command, "--outdir", str(folder), str(source)], check=True, capture_output=True, timeout=600)
        files[fmt] = source.with_suffix("." + fmt)
        assert files[fmt].is_file(), f"LibreOffice wrote no .{fmt}"
    files["wps"] = folder / "南岸区报告（WPS）.wps"
    shutil.copyfile(files["doc"], files["wps"])
    return files


def _text(imported) -> str:
    return normalise("\n".join(p.text for p in imported.draft.all_paragraphs()))


@pytest.mark.parametrize("fmt", ["doc", "wps", "odt", "rtf"])
def test_a_file_libreoffice_wrote_imports_like_its_docx(written_by_libreoffice: dict[str, Path], fmt: str) -> None:
    reference = import_report(written_by_libreoffice["docx"])
    imported = import_report(written_by_libreoffice[fmt])
    assert format_outline(imported.outline) == format_outline(reference.outline)
    assert _text(imported) == _text(reference)
    assert imported.draft.meta.year == reference.draft.meta.year == 2024
    assert all(p.source.ref == written_by_libreoffice[fmt].name for p in imported.draft.all_paragraphs())


def test_no_libreoffice_is_one_sentence_saying_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("FZBG_SOFFICE", str(tmp_path / "no-such-soffice"))
    report = tmp_path / "去年的报告.doc"
    report.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    with pytest.raises(ReportFormatError, match="需要 LibreOffice"):
        import_report(report)
    assert main(["import", str(report), "--outline"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "另存为 .docx" in err and "Traceback" not in err


def test_a_file_libreoffice_cannot_convert_is_refused(soffice: str, tmp_path: Path) -> None:
    report = tmp_path / "坏文件.doc"
    report.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + os.urandom(4096))
    with pytest.raises(ReportFormatError, match=r"另存为 \.docx"):
        import_report(report)


def test_a_conversion_that_hangs_is_stopped_with_its_children(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A stand-in soffice that never finishes (and has a child, as soffice has soffice.bin)."""
    if os.name != "posix":
        pytest.skip("the stand-in is a shell script")
    child_pid = tmp_path / "child.pid"
    fake = tmp_path / "soffice"
    fake.write_text(f"#!/bin/sh\nsleep 1000 &\necho $! > {child_pid}\nwait\n")
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("FZBG_SOFFICE", str(fake))
    monkeypatch.setattr(convert, "CONVERT_TIMEOUT_S", 0.2)  # the stand-in never ends: no race on speed
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    report = tmp_path / "old.rtf"
    report.write_text("{\\rtf1 一、主要举措和成效}")
    with pytest.raises(ReportFormatError, match="已停止"):
        import_report(report)
    pid = int(child_pid.read_text())
    status = Path(f"/proc/{pid}/stat")
    for _ in range(10_000):  # SIGKILL is delivered asynchronously; wait for it, not for a time
        if not status.exists() or status.read_text().split(") ", 1)[1].startswith("Z"):
            break
        os.sched_yield()
    else:
        raise AssertionError("the stand-in's child survived the time limit")
    assert not list(tmp_path.glob("fzbg-convert-*")), "the private folder is removed"

"""`fzbg pdf`: the print layout headless, in a fresh process without a display."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

pytestmark = pytest.mark.fonts


REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "xiamen-xinfangju-2022.fzbg"


def fzbg(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    return subprocess.run(
        [sys.executable, "-m", "app", *args], capture_output=True, text=True, cwd=REPO, env=env, timeout=120
    )


def test_pdf_writes_an_a4_pdf_with_its_fonts_embedded(tmp_path: Path) -> None:
    out = tmp_path / "报告.pdf"
    result = fzbg("pdf", str(EXAMPLE), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "4 页" in result.stdout
    reader = PdfReader(out)
    assert len(reader.pages) == 4
    box = reader.pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (210, 297)
    fonts = [obj.get_object() for obj in reader.pages[0]["/Resources"]["/Font"].values()]
    assert fonts and all(f["/DescendantFonts"][0].get_object()["/FontDescriptor"].get("/FontFile2") for f in fonts)
    assert [p.name for p in tmp_path.iterdir()] == ["报告.pdf"]  # no temporary file left behind


def test_pdf_refuses_a_broken_draft_in_one_chinese_sentence_and_writes_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "坏.fzbg"
    bad.write_text('{"format_version": 1, "meta": ', encoding="utf-8")
    out = tmp_path / "out.pdf"
    result = fzbg("pdf", str(bad), "-o", str(out))
    assert result.returncode == 2
    assert result.stderr.startswith("fzbg: ") and "Traceback" not in result.stderr
    assert not out.exists()


def test_pdf_refuses_an_output_that_is_not_a_pdf_or_cannot_be_written(tmp_path: Path) -> None:
    result = fzbg("pdf", str(EXAMPLE), "-o", str(tmp_path / "out.docx"))
    assert result.returncode == 2 and ".pdf" in result.stderr
    result = fzbg("pdf", str(EXAMPLE), "-o", str(tmp_path / "没有的文件夹" / "out.pdf"))
    assert result.returncode == 2 and "无法写入" in result.stderr and "Traceback" not in result.stderr


def test_an_existing_pdf_is_replaced_whole(tmp_path: Path) -> None:
    out = tmp_path / "out.pdf"
    out.write_bytes(b"old")
    assert fzbg("pdf", str(EXAMPLE), "-o", str(out)).returncode == 0
    assert out.read_bytes().startswith(b"%PDF") and len(PdfReader(out).pages) == 4


def test_fonts_lists_every_standard_face_and_what_stands_in_for_it() -> None:
    from app.render.fonts import Face

    result = fzbg("fonts")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert [line.split("：", 1)[0] for line in lines] == [face.value for face in Face]
    assert all("已安装" in line or "本机缺少" in line for line in lines)

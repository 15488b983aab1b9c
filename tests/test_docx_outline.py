"""Every heading, run-in ones included, is in the DOCX's outline: what Word's and WPS's navigation pane
(导航窗格) lists. Read back through LibreOffice: its ODT export marks each outline paragraph as a text:h with
its level, which is also what its navigator shows."""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import pytest

from app.core.draft_file import load_draft
from app.render.blocks import HEADING_ROLES, Block, Role
from app.render.compose import compose
from app.render.docx_writer import render_docx

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((REPO / "examples").glob("*.fzbg"))


def _outline(blocks: list[Block]) -> list[tuple[int, str]]:
    """(level, text) of every heading in reading order: stand-alone headings and body paragraphs opening with one."""
    return [(block.outline_level, block.text) for block in blocks if block.outline_level is not None]


def _odt_headings(odt: Path) -> list[tuple[int, str]]:
    with zipfile.ZipFile(odt) as z:
        content = z.read("content.xml").decode("utf-8")
    found = re.finditer(r"<text:h\b[^>]*text:outline-level=\"(\d+)\"[^>]*>(.*?)</text:h>", content, re.S)
    return [(int(m.group(1)), re.sub(r"<[^>]+>", "", m.group(2))) for m in found]


@pytest.mark.libreoffice
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_libreoffice_finds_every_heading_with_its_level(path: Path, tmp_path: Path, soffice, lo_profile) -> None:
    draft = load_draft(path)
    blocks = compose(draft)
    expected = _outline(blocks)
    run_ins = [b for b in blocks if b.role is Role.BODY and b.runs and b.runs[0].role in HEADING_ROLES]
    assert len(expected) > len(run_ins) > 0  # stand-alone and run-in headings both
    docx = tmp_path / f"{path.stem}.docx"
    render_docx(draft, docx)
    command = [soffice, f"-env:UserInstallation=file://{lo_profile}", "--headless", "--convert-to", "odt"]
    subprocess.run([*command, "--outdir", str(tmp_path), str(docx)], check=True, capture_output=True, timeout=300)
    found = _odt_headings(docx.with_suffix(".odt"))
    assert [(level, text.replace("\n", "")) for level, text in found] == [
        (level, text.replace("\n", "")) for level, text in expected
    ]


def test_a_run_in_heading_gives_its_paragraph_the_headings_outline_level(tmp_path: Path) -> None:
    draft = load_draft(EXAMPLES[0])
    docx = tmp_path / "out.docx"
    render_docx(draft, docx)
    with zipfile.ZipFile(docx) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    run_in = re.findall(r'<w:pStyle w:val="Normal"/>(?:<w:ind[^>]*/>)?<w:outlineLvl w:val="(\d)"/>', xml)
    expected = [level for level, _ in _outline(compose(draft)) if level]
    standalone = len(re.findall(r'<w:pStyle w:val="Heading\d"/>', xml))
    assert run_in and len(run_in) + standalone == len(expected)

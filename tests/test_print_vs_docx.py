"""The print layout against LibreOffice's rendering of the DOCX made from the same draft."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from app.core.draft_file import load_draft
from app.render.pdf import render_pdf

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((REPO / "examples").glob("*.fzbg"))

pytestmark = [pytest.mark.libreoffice, pytest.mark.usefixtures("qapp"), pytest.mark.fonts]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_the_pdf_has_within_one_page_as_many_pages_as_the_docx(path: Path, tmp_path: Path, to_pdf) -> None:
    docx_writer = pytest.importorskip("app.render.docx_writer")
    draft = load_draft(path)
    docx = tmp_path / f"{path.stem}.docx"
    docx_writer.render_docx(draft, docx)
    libreoffice_pages = len(PdfReader(to_pdf(docx)).pages)
    ours = render_pdf(draft, tmp_path / "ours.pdf")
    assert abs(ours - libreoffice_pages) <= 1, (ours, libreoffice_pages)

"""The print layout against LibreOffice's rendering of the DOCX made from the same draft."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from app.core.draft_file import load_draft
from app.render.pdf import render_pdf
from tests.pdf_probe import body_lines, line_agreement

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


def _docx_and_ours(draft, folder: Path, name: str, to_pdf) -> tuple[Path, Path]:
    from app.render.docx_writer import render_docx
    from app.render.fonts import Face, chosen_faces

    if chosen_faces()[Face.LATIN].family is None:
        # The DOCX sets digits in Times New Roman; with neither it nor a metric clone installed, LibreOffice
        # and our pages substitute different faces of different widths (docs/format.md).
        pytest.skip("needs Times New Roman or a metric clone (Liberation Serif)")

    docx = folder / f"{name}.docx"
    render_docx(draft, docx)
    ours = folder / f"{name}.ours.pdf"
    render_pdf(draft, ours)
    return ours, to_pdf(docx)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_libreoffice_breaks_the_docx_into_our_lines_on_our_pages(path: Path, tmp_path: Path, to_pdf) -> None:
    ours, libreoffice = _docx_and_ours(load_draft(path), tmp_path, path.stem, to_pdf)
    assert len(body_lines(ours)) > 60
    assert line_agreement(ours, libreoffice) >= 0.98


def test_a_30_page_draft_breaks_the_same_in_the_docx_and_our_pages(tmp_path: Path, to_pdf) -> None:
    from bench.drafts import draft_of_pages

    ours, libreoffice = _docx_and_ours(draft_of_pages(30), tmp_path, "long", to_pdf)
    assert len(body_lines(ours)) > 30 * 20
    assert line_agreement(ours, libreoffice) >= 0.98

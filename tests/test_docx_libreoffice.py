"""LibreOffice, a real client, opens the DOCX and lays it out as GB/T 9704 asks: 22 lines of 28 characters,
page numbers `— N —` alternating sides, and the draft's text and nothing else."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.core.draft_file import load_draft
from app.core.model import Draft, Item, Paragraph
from app.render.blocks import Role, blocks_text
from app.render.compose import compose
from app.render.docx_writer import render_docx
from app.render.pack import load_pack
from bench.drafts import draft_of_pages
from tests.conftest import convert_to_pdf
from tests.pdf_probe import MM, full_chinese_lines, page_lines, page_texts, squeeze

pytestmark = [pytest.mark.libreoffice, pytest.mark.fonts]

REPO = Path(__file__).resolve().parents[1]
TOP, LEFT, RIGHT, BOTTOM = 37 * MM, 28 * MM, (28 + 156) * MM, (37 + 225) * MM
PITCH = 225 * MM / 22
HOSTILE = "甲 & 乙 < 丙 > \"丁\" '戊' {{ x }} {% if %} 😀\t制表\x00\x01终"


def hostile_draft() -> Draft:
    draft = load_pack("regulation").new_draft("某县信访局", "我局", 2025, date=dt.date(2026, 2, 1))
    draft.sections[0].items = [
        Item(HOSTILE, [Paragraph(HOSTILE)], run_in=True),
        Item("表", [Paragraph(table=[[HOSTILE, "2"]])]),
    ]
    return draft


def drafts() -> dict[str, Draft]:
    out = {p.stem: load_draft(p) for p in sorted((REPO / "examples").glob("*.fzbg"))}
    out["long-6-pages"] = draft_of_pages(6)
    out["hostile"] = hostile_draft()
    return out


@pytest.fixture(scope="module")
def converted(
    soffice: str, lo_profile: Path, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, tuple[Draft, Path]]:
    """Every draft rendered to DOCX and converted to PDF in one LibreOffice run (it is slow to start)."""
    folder = tmp_path_factory.mktemp("lo")
    items = drafts()
    for name, draft in items.items():
        render_docx(draft, folder / f"{name}.docx")
    convert_to_pdf(soffice, lo_profile, *(folder / f"{name}.docx" for name in items))
    return {name: (draft, folder / f"{name}.pdf") for name, draft in items.items()}


LAID_OUT = ["jincheng-xinfangju-2021", "nanan-xinfangban-2024", "xiamen-xinfangju-2022", "long-6-pages"]


@pytest.mark.parametrize("name", [*LAID_OUT, "hostile"])
def test_libreoffice_converts_it_and_shows_the_drafts_text(converted, name: str) -> None:
    draft, pdf = converted[name]
    assert pdf.is_file()
    shown = ""
    for number, text in enumerate(page_texts(pdf), 1):
        text = squeeze(text)
        number_mark = f"—{number}—"
        assert number_mark in text, f"page {number}"
        shown += text.replace(number_mark, "", 1)
    expected = squeeze(blocks_text(compose(draft)))
    assert shown == expected


def _body_lines(pdf: Path) -> list[list]:
    return [[ln for ln in page if ln.y_max < BOTTOM + 2] for page in page_lines(pdf)]


def _slot(line) -> int:
    return math.floor((line.y_centre - TOP) / PITCH)


@pytest.mark.parametrize("name", LAID_OUT)
def test_a_full_page_holds_22_lines_on_the_grid(converted, name: str) -> None:
    _draft, pdf = converted[name]
    pages = _body_lines(pdf)
    for number, lines in enumerate(pages, 1):
        slots = [_slot(ln) for ln in lines]
        assert len(slots) == len(set(slots)) and all(0 <= s < 22 for s in slots), f"page {number}: {slots}"
        for ln in lines:
            # The glyph box sits a little below the middle of its grid line (CJK faces descend less than they rise).
            assert ln.y_centre - TOP == pytest.approx((_slot(ln) + 0.5) * PITCH, abs=0.15 * PITCH)
            # w:overflowPunct="1" (which LibreOffice reads inverted) keeps every mark inside the margin here.
            assert ln.x_min >= LEFT - 1 and ln.x_max <= RIGHT + 1, ln.text
    full_pages = [len(lines) for lines in pages[1:-1]]
    if full_pages:
        assert max(full_pages) == 22
        # A heading kept with its text may move to the next page and leave one line free.
        assert min(full_pages) >= 20


@pytest.mark.parametrize("name", LAID_OUT)
def test_a_full_line_of_chinese_holds_28_characters(converted, name: str) -> None:
    _, pdf = converted[name]
    full = full_chinese_lines(_body_lines(pdf), LEFT, RIGHT)
    assert full
    assert max(len(t) for t in full) == 28
    assert sum(len(t) == 28 for t in full) > len(full) / 2  # the rest give way to line-breaking rules


@pytest.mark.parametrize("name", LAID_OUT)
def test_page_numbers_read_dash_n_dash_7_mm_below_the_text_alternating_sides(converted, name: str) -> None:
    _, pdf = converted[name]
    for number, lines in enumerate(page_lines(pdf), 1):
        below = [ln for ln in lines if ln.y_min > BOTTOM]
        assert [squeeze(ln.text) for ln in below] == [f"—{number}—"]
        (ln,) = below
        assert ln.y_centre - BOTTOM == pytest.approx(7 * MM, abs=1 * MM)
        if number % 2:
            assert ln.x_max == pytest.approx(RIGHT - 14, abs=3), "odd pages: right, one character in"
        else:
            assert ln.x_min == pytest.approx(LEFT + 14, abs=3), "even pages: left, one character in"


@pytest.mark.parametrize("name", LAID_OUT)
def test_the_page_count_is_in_line_with_characters_per_616(converted, name: str) -> None:
    draft, pdf = converted[name]
    chars = sum(len(b.text) for b in compose(draft) if b.role is not Role.TITLE)
    pages = len(PdfReader(pdf).pages)
    assert chars / 616 * 0.9 <= pages <= chars / 616 * 1.35 + 1, (chars, pages)

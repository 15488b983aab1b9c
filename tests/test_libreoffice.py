"""Rendered reports opened by a real client: LibreOffice headless converts them to PDF, and the PDF's
text positions (read with pypdf) show the GB/T 9704 grid: 22 lines a page, 28 characters a line,
`— N —` alternating right and left. Each DOCX is converted once per session (LibreOffice is slow)."""

from __future__ import annotations

import datetime as dt
import itertools
import math
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.core.draft_file import load_draft
from app.core.model import Draft, Item, Paragraph
from app.render import gbt9704
from app.render.blocks import blocks_text
from app.render.compose import compose
from app.render.docx_writer import render_docx
from app.render.pack import REPO_ROOT, load_pack

pytestmark = pytest.mark.libreoffice

PT_PER_MM = 72 / 25.4
PAGE_HEIGHT_PT = 297 * PT_PER_MM
LEFT_EDGE = 28 * PT_PER_MM
RIGHT_EDGE = (210 - 26) * PT_PER_MM
TEXT_BOTTOM = 35 * PT_PER_MM  # from the page's bottom edge
PAGE_NUMBER_PT = 14
HOSTILE = "甲&乙<丙>丁\"戊'己{{ x }}庚{% if %}辛😀\t壬\x00\x07\x1b癸"
_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”]")


@dataclass(frozen=True)
class Glyphs:
    """A stretch of text as the PDF places it."""

    page: int
    x: float
    y: float  # baseline, from the page's bottom edge
    size: float
    text: str


def pdf_glyphs(pdf: Path) -> list[Glyphs]:
    out: list[Glyphs] = []
    for number, page in enumerate(PdfReader(str(pdf)).pages, start=1):

        def visit(text, cm, tm, _font, size, number=number) -> None:
            if text.strip():
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                out.append(Glyphs(number, round(x, 1), round(y, 1), round(size * abs(tm[0]) or size, 1), text))

        page.extract_text(visitor_text=visit)
    return out


@dataclass
class Layout:
    pdf: Path
    glyphs: list[Glyphs]

    @property
    def pages(self) -> int:
        return len(PdfReader(str(self.pdf)).pages)

    def body(self) -> list[Glyphs]:
        return [g for g in self.glyphs if g.y > TEXT_BOTTOM - 2]

    def page_numbers(self) -> dict[int, list[Glyphs]]:
        out: dict[int, list[Glyphs]] = {}
        for g in self.glyphs:
            if g.y < TEXT_BOTTOM - 2:
                out.setdefault(g.page, []).append(g)
        return {page: sorted(items, key=lambda g: g.x) for page, items in out.items()}

    def lines(self) -> dict[int, list[list[Glyphs]]]:
        """Body lines of each page, top to bottom, each in the order LibreOffice wrote it (reading order;
        sorting by x would misplace glyphs of a fallback face such as an emoji)."""
        by_line: dict[tuple[int, float], list[Glyphs]] = {}
        for g in self.body():
            by_line.setdefault((g.page, round(g.y)), []).append(g)
        out: dict[int, list[list[Glyphs]]] = {}
        for (page, _y), items in sorted(by_line.items(), key=lambda kv: (kv[0][0], -kv[0][1])):
            out.setdefault(page, []).append(items)
        return out

    def text(self) -> str:
        return "".join("".join(g.text for g in line) for lines in self.lines().values() for line in lines)


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def grid_draft() -> Draft:
    """Several pages of body text in Chinese characters only, so every character is one em wide."""
    source = load_draft(REPO_ROOT / "examples" / "jincheng-xinfangju-2021.fzbg")
    text = "".join(_CJK.findall("".join(p.text for p in source.all_paragraphs())))
    draft = load_pack("regulation").new_draft("某某市信访局", "我局", 2025, "", dt.date(2026, 2, 20))
    draft.sections = draft.sections[:1]
    chunk = len(text) // 6
    draft.sections[0].preamble = [Paragraph(text[i * chunk : (i + 1) * chunk]) for i in range(6)]
    return draft


def hostile_draft() -> Draft:
    draft = load_pack("regulation").new_draft("某某局&<>", "我局", 2025, "中共某某县委", dt.date(2026, 2, 20))
    draft.preamble = [Paragraph(HOSTILE), Paragraph("{{ meta.__class__ }}{% for x in y %}")]
    draft.sections[0].items = [Item("😀“引号”<b>", [Paragraph(HOSTILE)], run_in=True)]
    return draft


DRAFTS = {
    "jincheng": lambda: load_draft(REPO_ROOT / "examples" / "jincheng-xinfangju-2021.fzbg"),
    "nanan": lambda: load_draft(REPO_ROOT / "examples" / "nanan-xinfangban-2024.fzbg"),
    "grid": grid_draft,
    "hostile": hostile_draft,
}


@pytest.fixture(scope="session")
def converted(to_pdf, tmp_path_factory: pytest.TempPathFactory):
    """name → (draft, Layout); each DOCX is rendered and converted on first use, once per session."""
    folder = tmp_path_factory.mktemp("lo")
    cache: dict[str, tuple[Draft, Layout]] = {}

    def get(name: str) -> tuple[Draft, Layout]:
        if name not in cache:
            draft = DRAFTS[name]()
            target = folder / f"{name}.docx"
            render_docx(draft, target)
            pdf = to_pdf(target)
            cache[name] = (draft, Layout(pdf, pdf_glyphs(pdf)))
        return cache[name]

    return get


@pytest.mark.parametrize("name", ["jincheng", "nanan", "grid"])
def test_the_pdf_says_what_the_draft_says(converted, name: str) -> None:
    draft, layout = converted(name)
    assert squeeze(layout.text()) == squeeze(blocks_text(compose(draft)))


def test_a_full_page_holds_22_lines_at_the_grid_pitch(converted) -> None:
    _draft, layout = converted("grid")
    lines = layout.lines()
    assert layout.pages >= 3
    full_pages = [page for page in lines if page not in (1, layout.pages)]
    assert full_pages and all(len(lines[page]) == 22 for page in full_pages), {p: len(v) for p, v in lines.items()}
    # Page 1: the two title lines, the blank line under the title, 19 lines of text. (A 22 pt baseline sits
    # a little lower in its 28.95 pt line than a 16 pt one, hence the tolerance.)
    assert len(lines[1]) == 21 and lines[1][2][0].y == pytest.approx(lines[1][0][0].y - 3 * 28.95, abs=2)
    for page in full_pages:
        ys = [line[0].y for line in lines[page]]
        pitches = [a - b for a, b in itertools.pairwise(ys)]
        assert all(abs(p - gbt9704.LINE_PITCH / 20) < 0.15 for p in pitches)
        # The 22 lines fill the 225 mm text area: first baseline near its top, last near its bottom.
        assert PAGE_HEIGHT_PT - 37 * PT_PER_MM - ys[0] < 28.95
        assert 0 < ys[-1] - TEXT_BOTTOM < 28.95


def test_a_full_line_holds_28_characters_from_margin_to_margin(converted) -> None:
    _draft, layout = converted("grid")
    counts: Counter[int] = Counter()
    spans = []
    for page_lines in layout.lines().values():
        for line in page_lines:
            text = "".join(g.text for g in line)
            if line[0].x < LEFT_EDGE + 5 and line[0].size == 16:  # not a paragraph's indented first line
                counts[len(text)] += 1
                spans.append((line[0].x, text))
    assert counts.most_common(1)[0][0] == 28, counts
    # Line-breaking rules (no 。 at a line's start) may pull one character down a line, rarely more.
    assert counts[28] >= 0.7 * sum(counts.values()) and max(counts) <= 29, counts
    assert all(abs(x - LEFT_EDGE) < 1.5 for x, _ in spans)


def test_the_page_count_is_in_line_with_characters_over_616(converted) -> None:
    for name in ("grid", "jincheng"):
        draft, layout = converted(name)
        chars = len(squeeze(blocks_text(compose(draft))))
        expected = chars / gbt9704.CHARS_PER_PAGE
        # Headings, short last lines and the title take room: at most a third more, plus the last page.
        assert math.ceil(expected) <= layout.pages <= math.ceil(expected * 1.34) + 1, (name, chars, layout.pages)


def test_page_numbers_read_dash_n_dash_and_alternate_right_and_left(converted) -> None:
    _draft, layout = converted("grid")
    numbers = layout.page_numbers()
    assert sorted(numbers) == list(range(1, layout.pages + 1))
    for page, items in numbers.items():
        assert "".join(g.text for g in items).replace(" ", "") == f"—{page}—"
        assert {g.size for g in items} == {PAGE_NUMBER_PT}
        start = items[0].x
        # "— " and " —" are equally wide, so the number ends that far after the last piece starts.
        end = items[-1].x + (items[1].x - items[0].x) if len(items) > 1 else None
        if page % 2:
            assert end is not None and end == pytest.approx(RIGHT_EDGE - PAGE_NUMBER_PT, abs=1.5), (page, end)
        else:
            assert start == pytest.approx(LEFT_EDGE + PAGE_NUMBER_PT, abs=1.5), (page, start)
        # The dash stands 7 mm under the text area (its middle about a third of an em above the baseline).
        dash_middle = items[0].y + PAGE_NUMBER_PT * 0.3
        assert (TEXT_BOTTOM - dash_middle) / PT_PER_MM == pytest.approx(7, abs=1)


def test_hostile_text_converts_and_prints_literally(converted) -> None:
    _draft, layout = converted("hostile")
    text = squeeze(layout.text())
    assert "甲&乙<丙>丁\"戊'己{{x}}庚{%if%}辛" in text
    assert "{{meta.__class__}}{%forxiny%}" in text
    assert "某某局&<>" in text
    # The emoji comes from a fallback face, which LibreOffice writes out of order within its run.
    assert text.count("😀") == 3
    assert "（一）“引号”<b>甲&乙" in text.replace("😀", "")

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.core.draft_file import load_draft
from app.render.blocks import Block, Role, blocks_text
from app.render.compose import compose
from app.render.fonts import Face
from app.render.page_layout import CHAR_PITCH, LINE_PITCH, PageLayout, page_number_text
from app.render.pdf import pdf_bytes
from tests.pdf_probe import MM, base_font_name, full_chinese_lines, page_lines, page_runs, page_texts, squeeze

# The session's QApplication (pytest-qt) must exist before the layout would make a bare QGuiApplication,
# or a later widget test in the same process aborts.
pytestmark = [pytest.mark.usefixtures("qapp"), pytest.mark.fonts]


REPO = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((REPO / "examples").glob("*.fzbg"))
TOP, LEFT, RIGHT, BOTTOM = 37 * MM, 28 * MM, (28 + 156) * MM, (37 + 225) * MM
PITCH = 225 * MM / 22


def _pdf(blocks: list[Block], folder: Path, name: str = "out") -> tuple[Path, PageLayout]:
    layout = PageLayout(blocks)
    path = folder / f"{name}.pdf"
    path.write_bytes(pdf_bytes(layout))
    return path, layout


@pytest.fixture(scope="module", params=EXAMPLES, ids=lambda p: p.stem)
def example(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, qapp):
    blocks = compose(load_draft(request.param))
    path, layout = _pdf(blocks, tmp_path_factory.mktemp("pdf"), request.param.stem)
    return blocks, path, layout


def _body_lines(pdf: Path) -> list[list]:
    return [[ln for ln in page if ln.y_max < BOTTOM + 2] for page in page_lines(pdf)]


def _is_latin_text(text: str) -> bool:
    return bool(re.fullmatch(r"[0-9A-Za-z]+", text))


def _slot(line) -> int:
    return math.floor((line.y_centre - TOP) / PITCH)


def test_the_grid_is_gbt_9704_a4_with_22_lines_of_28_characters() -> None:
    assert pytest.approx(225 / 25.4 * 720) == LINE_PITCH * 22
    assert pytest.approx(156 / 25.4 * 720) == CHAR_PITCH * 28


def test_the_pdf_says_what_the_draft_says(example) -> None:
    blocks, pdf, layout = example
    texts = page_texts(pdf)
    assert len(texts) == layout.page_count
    shown = ""
    for number, text in enumerate(texts, 1):
        assert squeeze(page_number_text(number)) in squeeze(text)
        shown += squeeze(text).replace(squeeze(page_number_text(number)), "", 1)
    assert shown == squeeze(blocks_text(blocks))


def test_every_page_but_the_last_is_filled_to_its_22nd_line(example) -> None:
    blocks, pdf, _ = example
    pages = _body_lines(pdf)
    title_lines = sum(b.text.count("\n") + 1 for b in blocks if b.role is Role.TITLE)
    assert len(pages) > 1
    for number, lines in enumerate(pages[:-1], 1):
        slots = [_slot(ln) for ln in lines]
        blank_under_title = {title_lines} if number == 1 else set()
        assert sorted(slots) == sorted(set(range(22)) - blank_under_title), f"page {number}"
    assert all(0 <= _slot(ln) < 22 for ln in pages[-1])


def test_lines_sit_on_the_grid_inside_the_text_area(example) -> None:
    _, pdf, _ = example
    for lines in _body_lines(pdf):
        for ln in lines:
            # pdftotext measures a line by the face of its first character: a line opening with digits set in
            # the Latin face gets that face's box, which sits differently on the shared baseline (next test).
            if not _is_latin_text(ln.text[:1]):
                assert ln.y_centre - TOP == pytest.approx((_slot(ln) + 0.5) * PITCH, abs=1.5), ln.text
            assert ln.x_min >= LEFT - 0.5 and ln.x_max <= RIGHT + 0.5, ln.text


def test_digits_and_latin_letters_share_their_lines_baseline_and_every_face_keeps_one_place_on_the_grid(
    example,
) -> None:
    _, pdf, _ = example
    place_in_line: dict[tuple[str, float], set[float]] = {}
    for runs in page_runs(pdf):
        by_line: dict[int, list] = {}
        for run in (r for r in runs if r.baseline < BOTTOM):
            by_line.setdefault(math.floor((run.baseline - TOP) / PITCH), []).append(run)
        for slot, line in by_line.items():
            assert max(r.baseline for r in line) - min(r.baseline for r in line) < 0.05, [r.text for r in line]
            for run in line:
                place_in_line.setdefault((run.font, run.size), set()).add(round(run.baseline - TOP - slot * PITCH, 1))
    assert all(len(places) == 1 for places in place_in_line.values()), place_in_line


def test_a_full_line_of_chinese_holds_28_characters(example) -> None:
    _, pdf, _ = example
    full = full_chinese_lines(_body_lines(pdf), LEFT, RIGHT)
    assert full
    assert max(len(t) for t in full) == 28
    assert sum(len(t) == 28 for t in full) > len(full) / 2  # the rest give way to line-breaking rules


def test_page_numbers_read_dash_n_dash_and_alternate_sides(example) -> None:
    _, pdf, _ = example
    for number, lines in enumerate(page_lines(pdf), 1):
        below = [ln for ln in lines if ln.y_min > BOTTOM]
        assert [squeeze(ln.text) for ln in below] == [f"—{number}—"]
        (ln,) = below
        assert ln.y_min == pytest.approx(BOTTOM + 7 * MM, abs=2.5)
        one_char = 14
        if number % 2:
            assert ln.x_max == pytest.approx(RIGHT - one_char, abs=1.5)
        else:
            assert ln.x_min == pytest.approx(LEFT + one_char, abs=1.5)


def test_the_signature_and_date_keep_their_right_indents_below_one_blank_line(example) -> None:
    blocks, pdf, _ = example
    signature = next(b for b in blocks if b.role is Role.SIGNATURE)
    lines = [ln for page in _body_lines(pdf) for ln in page]
    index = next(i for i, ln in enumerate(lines) if squeeze(ln.text) == squeeze(signature.text))
    sig = lines[index]
    assert sig.x_max == pytest.approx(RIGHT - signature.indent_right * 156 * MM / 28, abs=1.5)
    before = lines[index - 1]
    if _slot(sig) > 0 and _slot(before) < _slot(sig):
        assert _slot(sig) - _slot(before) == 2  # one blank grid line between body and signature


def test_every_face_used_is_embedded_once(example) -> None:
    blocks, pdf, layout = example
    # 小标宋, 仿宋, 黑体, 楷体 and 宋体 stand-ins (some are one face), and the Latin face where one is installed.
    used = {(c.family, c.bold) for f, c in layout.choices.items() if f is not Face.LATIN}
    latin = layout.choices[Face.LATIN].family
    if latin is not None and any(_is_latin_text(ch) for ch in blocks_text(blocks)):
        used.add((latin, False))
    objects = {
        font.idnum: base_font_name(font.get_object())
        for page in PdfReader(pdf).pages
        for font in page["/Resources"]["/Font"].values()
    }
    embedded = sorted(objects.values())
    assert len(embedded) == len(set(embedded)) == len(used), embedded
    if latin is not None:
        assert any(name.startswith(latin.replace(" ", "")) for name in embedded), embedded


def test_a_30_page_report_fills_every_page_and_keeps_all_its_text(tmp_path: Path) -> None:
    from bench.drafts import draft_of_pages

    blocks = compose(draft_of_pages(30))
    pdf, layout = _pdf(blocks, tmp_path)
    assert 30 <= layout.page_count <= 40  # the bench sizes by characters; headings and indents add lines
    pages = _body_lines(pdf)
    assert len(pages) == layout.page_count
    for number, lines in enumerate(pages[1:-1], 2):
        # Filled from the top; a heading kept with its text (w:keepNext) may leave the last line or two blank.
        slots = sorted(_slot(ln) for ln in lines)
        assert slots == list(range(len(slots))) and len(slots) >= 20, f"page {number}"
    shown = "".join(squeeze(t).replace(squeeze(page_number_text(n)), "", 1) for n, t in enumerate(page_texts(pdf), 1))
    assert shown == squeeze(blocks_text(blocks))


def test_a_table_row_is_drawn_in_cells_on_the_grid(tmp_path: Path) -> None:
    from app.render.blocks import Run

    blocks = [
        Block(Role.BODY, (Run("统计如下：", Role.BODY),)),
        Block(Role.TABLE, rows=(("项目", "件数"), ("来信", "120"), ("来访", "86"))),
    ]
    pdf, layout = _pdf(blocks, tmp_path)
    assert layout.page_count == 1
    assert len(layout.pages[0].cells) == 6
    (lines,) = _body_lines(pdf)
    assert [_slot(ln) for ln in lines] == [0, 1, 2, 3]
    assert squeeze("".join(page_texts(pdf))) == squeeze("统计如下：项目件数来信120来访86—1—")


def test_awkward_text_is_laid_out_whole_and_inside_the_margins(tmp_path: Path) -> None:
    from app.render.blocks import Run

    awkward = [
        "https://www.example.gov.cn/" + "a" * 300,
        "数字1234567890和English words mixed with 中文、“引号”与——破折号；<&>",
        "一" * 200,
    ]
    blocks = [Block(Role.TITLE, (Run("标题\n第二行", Role.TITLE),))]
    blocks += [Block(Role.BODY, (Run(text, Role.BODY),)) for text in awkward]
    pdf, _ = _pdf(blocks, tmp_path)
    shown = "".join(squeeze(t).replace(squeeze(page_number_text(n)), "", 1) for n, t in enumerate(page_texts(pdf), 1))
    assert shown == squeeze(blocks_text(blocks))
    for lines in _body_lines(pdf):
        for ln in lines:
            assert ln.x_min >= LEFT - 0.5 and ln.x_max <= RIGHT + 0.5, ln.text

"""The rendered DOCX carries the GB/T 9704 numbers in its XML, as Word and WPS will read them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from app.core.draft_file import load_draft
from app.core.errors import TemplateError, UserError
from app.core.model import Item, Paragraph
from app.render import gbt9704 as g
from app.render.compose import compose
from app.render.docx_writer import render_docx, write_docx
from app.render.pack import load_pack

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "xiamen-xinfangju-2022.fzbg"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> docx.document.Document:
    target = tmp_path_factory.mktemp("docx") / "厦门 2022.docx"
    render_docx(load_draft(EXAMPLE), target)
    return docx.Document(str(target))


def style_fonts(document, style_id: str) -> dict[str, str]:
    style = next(s for s in document.styles.element.findall(qn("w:style")) if s.get(qn("w:styleId")) == style_id)
    fonts = style.find(qn("w:rPr")).find(qn("w:rFonts"))
    return {k: fonts.get(qn(f"w:{k}")) for k in ("ascii", "hAnsi", "eastAsia")}


def effective_size(style) -> float | None:
    while style is not None:
        if style.font.size is not None:
            return style.font.size.pt
        style = style.base_style
    return None


def mm(twips: int) -> float:
    return twips / g.TWIPS_PER_MM


def test_the_page_is_a4_with_the_standard_margins(rendered) -> None:
    section = rendered.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    assert round(section.top_margin.mm) == 37 and round(section.bottom_margin.mm) == 35
    assert round(section.left_margin.mm) == 28 and round(section.right_margin.mm) == 26


def test_the_line_grid_puts_22_lines_in_the_text_area(rendered) -> None:
    grid = rendered.sections[0]._sectPr.find(qn("w:docGrid"))
    pitch = int(grid.get(qn("w:linePitch")))
    assert pitch * 22 <= g.TEXT_HEIGHT < pitch * 23
    normal = rendered.styles["Normal"]
    assert normal.paragraph_format.line_spacing.twips == pitch


def test_28_condensed_characters_fill_a_line(rendered) -> None:
    spacing = rendered.styles["Normal"].element.rPr.find(qn("w:spacing"))
    pitch = 16 * 20 + int(spacing.get(qn("w:val")))
    assert pitch * 28 <= g.TEXT_WIDTH < pitch * 29


@pytest.mark.parametrize(
    ("style", "east_asia", "size"),
    [
        ("Title", "方正小标宋简体", 22),
        ("Normal", "仿宋_GB2312", 16),
        ("Heading1", "黑体", 16),
        ("Heading2", "楷体_GB2312", 16),
        ("Heading3", "仿宋_GB2312", 16),
        ("Heading4", "仿宋_GB2312", 16),
        ("Heading2Char", "楷体_GB2312", None),
        ("FzbgSignature", "仿宋_GB2312", None),
    ],
)
def test_each_element_names_its_standard_face_with_times_new_roman_for_latin(rendered, style, east_asia, size) -> None:
    fonts = style_fonts(rendered, style)
    assert fonts == {"ascii": "Times New Roman", "hAnsi": "Times New Roman", "eastAsia": east_asia}
    if size is not None:
        assert rendered.styles[rendered.styles.element.get_by_id(style).name_val].font.size.pt == size


def test_chinese_is_the_documents_east_asian_language(rendered) -> None:
    lang = rendered.settings.element.find(qn("w:themeFontLang"))
    assert lang.get(qn("w:eastAsia")) == "zh-CN"


def test_the_body_has_a_two_character_indent_and_never_hangs_text_off_a_justified_line(rendered) -> None:
    fmt = rendered.styles["Normal"].paragraph_format
    spacing = rendered.styles["Normal"].element.rPr.find(qn("w:spacing"))
    assert fmt.first_line_indent.twips == 2 * (16 * 20 + int(spacing.get(qn("w:val"))))
    # Justified lines make LibreOffice drop hanging punctuation; the character grid fills lines instead.
    assert rendered.styles["Normal"].element.pPr.find(qn("w:jc")).get(qn("w:val")) == "left"


def test_page_numbers_are_dashed_page_fields_odd_right_even_left(rendered) -> None:
    assert rendered.settings.odd_and_even_pages_header_footer
    section = rendered.sections[0]
    for footer, side in ((section.footer, "right"), (section.even_page_footer, "left")):
        p = footer.paragraphs[0]
        assert p.text.replace("1", "N") == "— N —"
        assert "PAGE" in "".join(t.text for t in p._p.iter(qn("w:instrText")))
        style = p.style
        assert style.element.pPr.find(qn("w:jc")).get(qn("w:val")) == side
        indent = style.element.pPr.find(qn("w:ind")).get(qn(f"w:{side}"))
        assert int(indent) == 14 * 20  # one 4号 character from the edge
        assert effective_size(style) == 14  # 4号


def test_the_page_number_sits_about_7_mm_below_the_text_area(rendered) -> None:
    footer_distance = rendered.sections[0].footer_distance.twips
    line_middle_from_bottom = footer_distance + 14 * 20 / 2
    gap = mm(g.MARGIN_BOTTOM - line_middle_from_bottom)
    assert 6 <= gap <= 8


def test_headings_use_the_heading_styles_and_run_in_headings_their_character_style(rendered) -> None:
    paragraphs = rendered.paragraphs
    first = next(p for p in paragraphs if p.text.startswith("一、"))
    assert first.style.name == "Heading 1"
    run_in = next(p for p in paragraphs if p.text.startswith("（一）强化组织领导"))
    assert run_in.style.name == "Normal"
    assert run_in.runs[0].style.name == "标题 2 字符" and run_in.runs[1].style.name == "Default Paragraph Font"


def test_the_text_is_the_drafts_text(rendered) -> None:
    blocks = compose(load_draft(EXAMPLE))
    assert [p.text for p in rendered.paragraphs] == [b.text for b in blocks]


def test_document_properties_name_title_and_unit(rendered) -> None:
    assert rendered.core_properties.author == "厦门市人民政府信访局"
    assert rendered.core_properties.title == "厦门市人民政府信访局关于2022年法治政府建设情况的报告"


HOSTILE = "甲 & 乙 < 丙 > \"丁\" '戊' {{ x }} {% if %} 😀\t制表\x00\x01\x1b终"


def test_hostile_text_renders_literally_and_the_file_opens(tmp_path: Path) -> None:
    draft = load_pack("regulation").new_draft(HOSTILE[:10], "我局", 2025, date=dt.date(2026, 2, 1))
    draft.sections[0].items = [
        Item(HOSTILE, [Paragraph(HOSTILE)], run_in=True),
        Item("表", [Paragraph(table=[[HOSTILE, "2"]])]),
    ]
    target = tmp_path / "hostile.docx"
    render_docx(draft, target)
    text = "\n".join(p.text for p in docx.Document(str(target)).paragraphs)
    assert "甲 & 乙 < 丙 > \"丁\" '戊' {{ x }} {% if %} 😀\t制表终" in text
    assert docx.Document(str(target)).tables[0].cell(0, 1).text == "2"


def test_a_failed_render_leaves_the_previous_file_untouched(tmp_path: Path) -> None:
    target = tmp_path / "报告.docx"
    target.write_bytes(b"previous")
    blocks = compose(load_draft(EXAMPLE))
    with pytest.raises(TemplateError):
        write_docx(blocks, target, tmp_path / "missing-reference.docx", title="t", author="a")
    bad = tmp_path / "bad-reference.docx"
    bad.write_bytes(b"not a docx")
    with pytest.raises(TemplateError, match="已损坏"):
        write_docx(blocks, target, bad, title="t", author="a")
    assert target.read_bytes() == b"previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad-reference.docx", "报告.docx"]


def test_a_locked_target_is_explained_and_nothing_is_left_behind(tmp_path: Path, monkeypatch) -> None:
    import os

    def locked(*args: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(UserError, match="Word/WPS"):
        render_docx(load_draft(EXAMPLE), tmp_path / "a.docx")
    assert list(tmp_path.iterdir()) == []

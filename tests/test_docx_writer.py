"""The DOCX writer and the reference.docx style sheets, read back from the XML with python-docx."""

from __future__ import annotations

import datetime as dt
import importlib.util
import io
import shutil
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from app.core.errors import TemplateError, UserError
from app.core.model import Item, Paragraph
from app.render import docx_writer, gbt9704
from app.render.blocks import Role
from app.render.compose import compose, text_width
from app.render.docx_writer import render_docx, write_docx
from app.render.pack import REPO_ROOT, list_packs, load_pack

TNR = "Times New Roman"
HOSTILE = "甲&乙<丙>丁\"戊'己{{ x }}庚{% if %}辛😀\t壬\x00\x07\x1b癸"
HOSTILE_CLEAN = "甲&乙<丙>丁\"戊'己{{ x }}庚{% if %}辛😀\t壬癸"


def sample_draft(pack: str = "regulation"):
    draft = load_pack(pack).new_draft(
        "某某市某某区信访局", "我局", 2025, "中共某某区委、某某区人民政府", dt.date(2026, 2, 20)
    )
    draft.preamble = [Paragraph("2025年，区信访局坚持依法行政。现将有关情况报告如下：")]
    draft.sections[0].items = [
        Item("学法普法", [Paragraph("全年组织学习9次。")]),
        Item(
            "依法决策",
            [Paragraph("坚持集体研究。"), Paragraph(table=[["项目", "件数"], ["信访事项", "120"]])],
            children=[Item("健全制度。", [Paragraph("修订3项。")], run_in=True)],
        ),
    ]
    draft.sections[1].preamble = [Paragraph(HOSTILE)]
    draft.closing = [Paragraph("特此报告。")]
    return draft


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> docx.document.Document:
    target = tmp_path_factory.mktemp("docx") / "报告.docx"
    render_docx(sample_draft(), target)
    return docx.Document(str(target))


def style_of(document, name: str):
    return document.styles[name]


def rfonts(style) -> dict[str, str]:
    el = style.element.rPr.find(qn("w:rFonts"))
    return {k: el.get(qn(f"w:{k}")) for k in ("ascii", "hAnsi", "eastAsia", "hint")}


# --- the page -----------------------------------------------------------------------------------


def test_the_page_is_a4_with_the_gbt9704_margins(rendered) -> None:
    section = rendered.sections[0]
    mm = 36000  # EMU
    assert (round(section.page_width / mm), round(section.page_height / mm)) == (210, 297)
    margins = [section.top_margin, section.bottom_margin, section.left_margin, section.right_margin]
    assert [round(m / mm) for m in margins] == [37, 35, 28, 26]
    assert (section.page_width - section.left_margin - section.right_margin) / mm == pytest.approx(156, abs=0.1)
    assert (section.page_height - section.top_margin - section.bottom_margin) / mm == pytest.approx(225, abs=0.1)


def test_the_line_grid_gives_22_lines_and_the_condensed_pitch_28_characters(rendered) -> None:
    grid = rendered.sections[0]._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "lines"
    assert int(grid.get(qn("w:linePitch"))) == gbt9704.LINE_PITCH == 579
    assert 22 * 579 <= gbt9704.TEXT_HEIGHT < 23 * 579
    normal = style_of(rendered, "Normal").element
    spacing = normal.pPr.find(qn("w:spacing"))
    assert (spacing.get(qn("w:line")), spacing.get(qn("w:lineRule"))) == ("579", "exact")
    condense = int(normal.rPr.find(qn("w:spacing")).get(qn("w:val")))
    pitch = 16 * 20 + condense
    assert 28 * pitch <= gbt9704.TEXT_WIDTH < 29 * pitch


def test_footers_number_pages_with_dashes_right_on_odd_and_left_on_even_pages(rendered) -> None:
    assert rendered.settings.odd_and_even_pages_header_footer
    section = rendered.sections[0]
    for footer, side, indent in ((section.footer, "right", "right"), (section.even_page_footer, "left", "left")):
        paragraph = footer.paragraphs[0]
        xml = paragraph._p.xml
        assert "PAGE" in "".join(t.text for t in paragraph._p.iter(qn("w:instrText")))
        assert xml.count('w:fldCharType="begin"') == 1 and xml.count('w:fldCharType="end"') == 1
        assert paragraph.text.replace("1", "N") == "— N —"
        style = paragraph.style
        assert style.paragraph_format.alignment.name.lower() == side
        ind = style.element.pPr.find(qn("w:ind"))
        assert int(ind.get(qn(f"w:{indent}"))) == 280  # one 4号 character
        assert style.base_style.name == "Footer"
        assert style.base_style.font.size.pt == 14
        assert rfonts(style.base_style)["ascii"] == rfonts(style.base_style)["eastAsia"] == "宋体"


def test_the_page_number_sits_7mm_below_the_text_area(rendered) -> None:
    section = rendered.sections[0]
    footer_twips = round(section.footer_distance / 635)
    line = gbt9704.PAGE_NUMBER_LINE
    # The dash is in the middle of the footer line, whose bottom is footer_distance above the page edge.
    dash_below_text_area = gbt9704.MARGIN_BOTTOM - footer_twips - line / 2
    assert dash_below_text_area / gbt9704.TWIPS_PER_MM == pytest.approx(7, abs=0.1)


# --- fonts and styles ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "east_asia", "size"),
    [
        ("Normal", "仿宋_GB2312", 16),
        ("Title", "方正小标宋简体", 22),
        ("Heading 1", "黑体", 16),
        ("Heading 2", "楷体_GB2312", 16),
        ("Heading 3", "仿宋_GB2312", 16),
        ("Heading 4", "仿宋_GB2312", 16),
        ("主送机关", "仿宋_GB2312", None),
        ("发文机关署名", "仿宋_GB2312", None),
        ("成文日期", "仿宋_GB2312", None),
    ],
)
def test_each_style_names_latin_and_chinese_faces_apart(rendered, name: str, east_asia: str, size: int | None) -> None:
    style = style_of(rendered, name)
    assert rfonts(style) == {"ascii": TNR, "hAnsi": TNR, "eastAsia": east_asia, "hint": "eastAsia"}
    assert style.font.size == (docx.shared.Pt(size) if size else None)
    assert style.font.bold is False
    assert style.element.rPr.find(qn("w:color")).get(qn("w:val")) == "000000"


def test_headings_keep_their_outline_levels_and_the_body_indent(rendered) -> None:
    for level in range(1, 5):
        style = style_of(rendered, f"Heading {level}")
        assert style.element.pPr.find(qn("w:outlineLvl")).get(qn("w:val")) == str(level - 1)
        assert style.base_style.name == "Normal"
        assert style.element.pPr.find(qn("w:spacing")) is None  # no space before or after: the body's line
        linked = style.element.find(qn("w:link")).get(qn("w:val"))
        run_style = rendered.styles.element.get_by_id(linked)
        assert run_style.type == 2  # character
    normal = style_of(rendered, "Normal")
    assert normal.paragraph_format.first_line_indent == 2 * gbt9704.CHAR_PITCH * 635
    assert normal.paragraph_format.alignment.name == "JUSTIFY"


def test_unset_chinese_text_never_falls_back_to_a_japanese_face(rendered) -> None:
    settings = rendered.settings.element
    lang = settings.find(qn("w:themeFontLang"))
    assert lang.get(qn("w:eastAsia")) == "zh-CN"
    defaults = rendered.styles.element.find(qn("w:docDefaults"))
    fonts = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}")
    assert fonts.get(qn("w:eastAsia")) == "仿宋_GB2312" and fonts.get(qn("w:eastAsiaTheme")) is None
    lang = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    assert lang.get(qn("w:eastAsia")) == "zh-CN"
    for style in rendered.styles.element.findall(qn("w:style")):
        rpr_fonts = style.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
        if rpr_fonts is not None:
            assert rpr_fonts.get(qn("w:eastAsia")), style.get(qn("w:styleId"))


def test_no_part_of_the_reference_mentions_japanese(tmp_path: Path) -> None:
    for pack in list_packs():
        with zipfile.ZipFile(pack.reference_path) as z:
            for name in z.namelist():
                data = z.read(name).decode("utf-8", "replace")
                if name != "word/theme/theme1.xml":  # the theme lists a face per script, Jpan among them
                    assert "ja-JP" not in data and "ＭＳ" not in data, name


def test_the_committed_style_sheets_are_what_the_script_builds() -> None:
    spec = importlib.util.spec_from_file_location("build_reference", REPO_ROOT / "scripts" / "build_reference.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    built = zipfile.ZipFile(io.BytesIO(module.build_reference()))
    for pack in ("regulation", "responsibility-first"):
        committed = zipfile.ZipFile(load_pack(pack).reference_path)
        assert sorted(committed.namelist()) == sorted(built.namelist())
        for name in built.namelist():
            if name != "docProps/core.xml":  # carries the build time
                assert committed.read(name) == built.read(name), f"{pack}: {name} is stale; run the script"


# --- the content --------------------------------------------------------------------------------


def test_every_block_becomes_one_paragraph_in_its_roles_style(rendered) -> None:
    blocks = [b for b in compose(sample_draft()) if b.role is not Role.TABLE]
    paragraphs = rendered.paragraphs
    assert len(paragraphs) == len(blocks)
    names = {
        Role.TITLE: "Title",
        Role.ADDRESSEE: "主送机关",
        Role.BODY: "Normal",
        Role.HEADING1: "Heading 1",
        Role.HEADING2: "Heading 2",
        Role.HEADING3: "Heading 3",
        Role.SIGNATURE: "发文机关署名",
        Role.DATE: "成文日期",
    }
    for block, paragraph in zip(blocks, paragraphs, strict=True):
        assert paragraph.style.name == names[block.role]
        assert paragraph.text == block.text
        for run in paragraph.runs:  # styles, not direct formatting
            assert run._r.rPr is None or [c.tag for c in run._r.rPr] == [qn("w:rStyle")]


def test_a_long_title_breaks_inside_one_centred_paragraph(rendered) -> None:
    title = rendered.paragraphs[0]
    assert title.style.name == "Title"
    assert len(title._p.findall(f".//{qn('w:br')}")) == 1
    assert title.text.replace("\n", "") == "某某市某某区信访局关于2025年法治政府建设情况的报告"


def test_a_run_in_heading_takes_the_headings_character_style(rendered) -> None:
    paragraph = next(p for p in rendered.paragraphs if p.text.startswith("1.健全制度"))
    assert paragraph.style.name == "Normal"
    first, rest = paragraph.runs
    assert first.text == "1.健全制度。" and first.style.name == "标题 3 字符"
    assert rest.text == "修订3项。" and rest._r.rPr is None


def test_signature_and_date_stand_right_a_blank_line_under_the_body(rendered) -> None:
    signature, date = rendered.paragraphs[-2:]
    assert signature.text == "某某市某某区信访局" and date.text == "2026年2月20日"
    assert signature.style.paragraph_format.space_before == 579 * 635
    assert signature.style.paragraph_format.alignment.name == "RIGHT"
    sig_right = round(signature.paragraph_format.right_indent / 635)
    date_right = round(date.paragraph_format.right_indent / 635)
    assert sig_right == 2 * gbt9704.CHAR_PITCH  # two characters in
    # The date starts two characters right of the signature's first character (§7.3.5.2).
    sig_start = -(sig_right + text_width(signature.text) * gbt9704.CHAR_PITCH)
    date_start = -(date_right + text_width(date.text) * gbt9704.CHAR_PITCH)
    assert date_start - sig_start == pytest.approx(2 * gbt9704.CHAR_PITCH, abs=2)


def test_a_table_is_a_real_table_in_the_body_face(rendered) -> None:
    (table,) = rendered.tables
    assert [[c.text for c in row.cells] for row in table.rows] == [["项目", "件数"], ["信访事项", "120"]]
    assert table.style.name == "Table Grid"
    assert table.rows[0].cells[0].paragraphs[0].style.name == "表格文字"
    assert rfonts(rendered.styles["表格文字"])["eastAsia"] == "仿宋_GB2312"
    assert rendered.styles["表格文字"].base_style.name == "Normal"


def test_document_properties_carry_the_title_and_the_unit(rendered) -> None:
    core = rendered.core_properties
    assert core.title == "某某市某某区信访局关于2025年法治政府建设情况的报告"
    assert core.author == "某某市某某区信访局" and core.last_modified_by == "某某市某某区信访局"
    assert core.created.year >= 2025


def test_hostile_text_arrives_literally_with_control_characters_dropped(rendered) -> None:
    paragraph = next(p for p in rendered.paragraphs if p.text.startswith("甲&"))
    assert paragraph.text == HOSTILE_CLEAN
    assert len(paragraph._p.findall(f".//{qn('w:tab')}")) == 1


# --- the reference file and failures ------------------------------------------------------------


def test_styles_are_found_by_name_so_a_restyled_reference_is_followed(tmp_path: Path) -> None:
    reference = tmp_path / "reference.docx"
    shutil.copy(load_pack("regulation").reference_path, reference)
    sheet = docx.Document(str(reference))
    sheet.styles["Heading 1"].element.set(qn("w:styleId"), "1")  # as Chinese Word renames built-in ids
    sheet.styles["Normal"].font.size = docx.shared.Pt(15)
    sheet.save(str(reference))
    target = tmp_path / "out.docx"
    write_docx(compose(sample_draft()), target, reference, title="题", author="单位")
    out = docx.Document(str(target))
    heading = next(p for p in out.paragraphs if p.text.startswith("一、"))
    assert heading._p.pPr.find(qn("w:pStyle")).get(qn("w:val")) == "1"
    assert heading.style.name == "Heading 1"
    assert out.styles["Normal"].font.size.pt == 15


@pytest.mark.parametrize("broken", [None, b"not a zip", b"PK\x03\x04broken"])
def test_a_missing_or_broken_reference_is_a_template_error_in_chinese(tmp_path: Path, broken: bytes | None) -> None:
    reference = tmp_path / "reference.docx"
    if broken is not None:
        reference.write_bytes(broken)
    target = tmp_path / "out.docx"
    with pytest.raises(TemplateError, match="模板样式文件"):
        write_docx(compose(sample_draft()), target, reference, title="题", author="单位")
    assert not target.exists()


def test_a_reference_without_the_body_styles_is_refused_by_name(tmp_path: Path) -> None:
    reference = tmp_path / "reference.docx"
    plain = docx.Document()
    plain.save(str(reference))
    with pytest.raises(TemplateError, match="主送机关"):
        write_docx(compose(sample_draft()), tmp_path / "out.docx", reference, title="题", author="单位")


def test_a_failed_render_leaves_the_old_file_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "报告.docx"
    target.write_bytes(b"the old report")

    def half_save(self, stream) -> None:
        stream.write(b"PK half a file")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(docx.document.Document, "save", half_save)
    with pytest.raises(UserError, match="磁盘空间不足"):
        render_docx(sample_draft(), target)
    assert target.read_bytes() == b"the old report"
    assert [p.name for p in tmp_path.iterdir()] == ["报告.docx"]


def test_rendering_twice_reads_the_reference_file_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    docx_writer._reference_bytes.cache_clear()
    reads: list[Path] = []
    original = Path.read_bytes

    def counting(self: Path) -> bytes:
        reads.append(self)
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", counting)
    render_docx(sample_draft(), tmp_path / "a.docx")
    render_docx(sample_draft(), tmp_path / "b.docx")
    assert [p.name for p in reads].count("reference.docx") == 1


def test_a_body_that_is_not_well_formed_is_one_sentence_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import app.render.docx_writer as docx_writer
    from app.core.errors import RenderError

    target = tmp_path / "报告.docx"
    target.write_bytes(b"the old report")
    monkeypatch.setattr(docx_writer, "_body_xml", lambda blocks, styles: b"<w:body><w:p>")
    with pytest.raises(RenderError, match="文档无法生成"):
        render_docx(sample_draft(), target)
    assert target.read_bytes() == b"the old report"
    assert list(tmp_path.glob("*.tmp")) == []


# --- what Word reads before it shows a page ---------------------------------------------------------


def test_word_opens_it_as_a_current_document_named_after_this_program(tmp_path: Path) -> None:
    target = tmp_path / "report.docx"
    render_docx(sample_draft(), target)
    with zipfile.ZipFile(target) as z:
        settings_xml = z.read("word/settings.xml").decode()
        app_xml = z.read("docProps/app.xml").decode()
        names = z.namelist()
    assert 'w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"' in settings_xml
    assert "<Application>法治报告助手 " in app_xml and "Microsoft" not in app_xml
    assert "<Pages>" not in app_xml and "<Words>" not in app_xml  # no statistics nobody counted
    assert "word/numbering.xml" not in names  # the default template's lists pointed at deleted styles
    core = docx.Document(str(target)).core_properties
    assert core.author == sample_draft().meta.unit_name and core.title and core.created is not None

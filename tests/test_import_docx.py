"""Importing .docx reports: Word's automatic heading numbering, Heading styles, tables and soft breaks;
and refusing files that are not what they claim to be."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from app.cli.main import main
from app.importer import ReportFormatError, format_outline, import_report

NUMBERING = f"""
<w:abstractNum {nsdecls("w")} w:abstractNumId="90">
  <w:multiLevelType w:val="multilevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
</w:abstractNum>
"""


def _numbered_heading_document(path: Path) -> None:
    """A report the way Word keeps it: heading numbers as automatic numbering of the Heading styles."""
    document = docx.Document()
    numbering = document.part.numbering_part.element
    abstract = parse_xml(NUMBERING)
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    for level, style_name in enumerate(("Heading 1", "Heading 2", "Heading 3")):
        ppr = document.styles[style_name].element.get_or_add_pPr()
        ppr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'))
    document.add_paragraph("晋城市示例局关于2025年法治政府建设情况的报告")
    document.add_paragraph("2025年，我局坚持依法行政。现将有关情况报告如下：")
    document.add_paragraph("2025年推进法治政府建设的主要举措和成效", style="Heading 1")
    document.add_paragraph("强化组织领导", style="Heading 2")
    document.add_paragraph("全年召开党组会议研究法治建设。")
    document.add_paragraph("加强学法普法", style="Heading 2")
    document.add_paragraph("组织干部集中学法。")
    document.add_paragraph("开展宪法宣传周活动", style="Heading 3")
    paragraph = document.add_paragraph("第一行")
    paragraph.add_run().add_break()  # a soft break: Shift+Enter
    paragraph.add_run("第二行")
    table = document.add_table(rows=2, cols=2)
    for r, row in enumerate((("项目", "数量"), ("来访", "12件"))):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.add_paragraph("存在的不足和原因", style="Heading 1")
    document.add_paragraph("学法不够系统。")
    document.add_paragraph("2026年工作计划", style="Heading 1")
    document.add_paragraph("继续加强学习。")
    document.add_paragraph("晋城市示例局")
    document.add_paragraph("2026年2月20日")
    document.save(str(path))


def test_a_docx_with_automatic_heading_numbering_imports_with_its_numbers(tmp_path: Path) -> None:
    path = tmp_path / "numbered.docx"
    _numbered_heading_document(path)
    imported = import_report(path)
    assert format_outline(imported.outline) == "\n".join(
        [
            "1\t举措成效\t一、2025年推进法治政府建设的主要举措和成效",
            "2\t-\t（一）强化组织领导",
            "2\t-\t（二）加强学法普法",
            "3\t-\t1.开展宪法宣传周活动",
            "1\t不足原因\t二、存在的不足和原因",
            "1\t下年安排\t三、2026年工作计划",
        ]
    )
    draft = imported.draft
    assert [s.heading for s in draft.sections] == [
        "2025年推进法治政府建设的主要举措和成效",
        "存在的不足和原因",
        "2026年工作计划",
    ]
    assert draft.meta.signature == "晋城市示例局" and draft.meta.date.isoformat() == "2026-02-20"


def test_a_table_and_a_soft_break_survive_the_import(tmp_path: Path) -> None:
    path = tmp_path / "numbered.docx"
    _numbered_heading_document(path)
    item = import_report(path).draft.sections[0].items[1].children[0]
    texts = [p.text for p in item.paragraphs if p.table is None]
    assert texts == ["第一行", "第二行"]
    tables = [p.table for p in item.paragraphs if p.table is not None]
    assert tables == [[["项目", "数量"], ["来访", "12件"]]]


def test_heading_styles_without_numbers_are_level_hints(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("某县信访局2024年法治政府建设情况报告")
    document.add_paragraph("主要做法", style="Heading 1")
    document.add_paragraph("今年我们做了很多工作。")
    document.add_paragraph("下一步打算", style="Heading 1")
    document.add_paragraph("明年继续努力。")
    path = tmp_path / "styled.docx"
    document.save(str(path))
    outline = import_report(path).outline
    assert [(e.level, e.kind.label if e.kind else None, e.text) for e in outline] == [
        (1, "举措成效", "主要做法"),
        (1, "下年安排", "下一步打算"),
    ]


def _expect_refusal(path: Path, capsys: pytest.CaptureFixture[str], *words: str) -> None:
    with pytest.raises(ReportFormatError):
        import_report(path)
    assert main(["import", str(path), "--outline"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("fzbg: ") and "\n" not in err and "Traceback" not in err
    for word in words:
        assert word in err


def test_a_docx_that_is_not_a_zip_is_refused_in_one_sentence(tmp_path: Path, capsys) -> None:
    path = tmp_path / "fake.docx"
    path.write_text("这不是 Word 文档", encoding="utf-8")
    _expect_refusal(path, capsys, "不是有效的 .docx")


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path: Path, capsys) -> None:
    path = tmp_path / "bomb.docx"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", b"<" + b" " * (64 * 1024 * 1024) + b"/>")
    path.write_bytes(buf.getvalue())
    assert path.stat().st_size < 1024 * 1024
    _expect_refusal(path, capsys, "拒绝导入")


def test_a_zip_without_a_document_part_is_refused(tmp_path: Path, capsys) -> None:
    path = tmp_path / "empty.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("hello.txt", "hi")
    _expect_refusal(path, capsys, "不是 Word 文档")


def test_a_binary_file_named_txt_is_refused(tmp_path: Path, capsys) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    _expect_refusal(path, capsys, "不是文本文件")


def test_a_legacy_gb18030_text_report_is_read(tmp_path: Path) -> None:
    path = tmp_path / "legacy.txt"
    text = "某区信访局关于2023年法治政府建设情况的报告\n一、主要举措和成效\n全年依法办理信访事项。\n二、下一步工作打算\n继续努力。\n"
    path.write_bytes(text.encode("gb18030"))
    imported = import_report(path)
    assert imported.draft.meta.title == "某区信访局关于2023年法治政府建设情况的报告"
    assert [s.kind.label for s in imported.draft.sections] == ["举措成效", "下年安排"]


def test_text_in_no_known_encoding_is_refused(tmp_path: Path, capsys) -> None:
    path = tmp_path / "garbled.txt"
    path.write_bytes("报告".encode() + b"\x80\x81\x20" * 20)
    _expect_refusal(path, capsys, "编码无法识别")


def test_a_doc_file_is_refused_with_advice_to_save_as_docx(tmp_path: Path, capsys) -> None:
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 100)
    _expect_refusal(path, capsys, ".docx")


def test_a_missing_file_is_refused(tmp_path: Path, capsys) -> None:
    _expect_refusal(tmp_path / "nowhere.txt", capsys, "找不到")


def test_a_heading_style_numbered_1_dot_by_word_stays_a_level_one_heading(tmp_path: Path) -> None:
    document = docx.Document()
    numbering = document.part.numbering_part.element
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="91"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        '<w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
    )
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="91"><w:abstractNumId w:val="91"/></w:num>'))
    document.add_paragraph("某局2024年法治政府建设情况报告")
    for text, body in (("主要举措和成效", "做了工作。"), ("存在的不足", "还有不足。")):
        paragraph = document.add_paragraph(text, style="Heading 1")
        paragraph._p.get_or_add_pPr().append(
            parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="91"/></w:numPr>')
        )
        document.add_paragraph(body)
    path = tmp_path / "decimal.docx"
    document.save(str(path))
    assert format_outline(import_report(path).outline) == "1\t举措成效\t1.主要举措和成效\n1\t不足原因\t2.存在的不足"


def test_a_utf16_text_report_from_notepad_is_read(tmp_path: Path) -> None:
    path = tmp_path / "notepad.txt"
    path.write_bytes("某局关于2023年法治政府建设情况的报告\r\n一、主要举措和成效\r\n做了工作。\r\n".encode("utf-16"))
    imported = import_report(path)
    assert imported.draft.meta.title == "某局关于2023年法治政府建设情况的报告"
    assert imported.outline[0].text == "一、主要举措和成效"


def test_entities_declared_in_a_docx_are_not_expanded(tmp_path: Path, capsys) -> None:
    plain = tmp_path / "plain.docx"
    document = docx.Document()
    document.add_paragraph("一、主要举措和成效")
    document.save(str(plain))
    lol = "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
    xml = (
        f'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY lol0 "lol">{lol}]>'
        f"<w:document {nsdecls('w')}><w:body><w:p><w:r><w:t>一、主要举措和成效</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
    )
    bomb = tmp_path / "laughs.docx"
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(bomb, "w") as dst:
        for item in src.infolist():
            data = xml.encode() if item.filename == "word/document.xml" else src.read(item.filename)
            dst.writestr(item, data)
    try:
        imported = import_report(bomb)
    except ReportFormatError:
        return  # refused is fine too
    text = "".join(p.text for p in imported.draft.all_paragraphs())
    assert "lollol" not in text


@pytest.mark.parametrize(
    "name", ["jincheng-xinfangju-2021.txt", "nanan-xinfangban-2024.txt", "xiamen-xinfangju-2022.txt"]
)
def test_a_sample_saved_as_docx_imports_to_the_same_outline(name: str, tmp_path: Path) -> None:
    from app.importer import cleaned_text

    source = Path(__file__).resolve().parents[1] / "resources" / "samples" / name
    txt = import_report(source)
    document = docx.Document()
    for line in cleaned_text(txt.cleaned).splitlines():
        style = "Heading 1" if re.match("^[一二三四五六七八九十]、", line) else None
        document.add_paragraph(line, style=style)
    path = tmp_path / (source.stem + ".docx")
    document.save(str(path))
    imported = import_report(path)
    assert format_outline(imported.outline) == format_outline(txt.outline)
    assert cleaned_text(imported.cleaned) == cleaned_text(txt.cleaned)


def test_a_title_styled_as_heading_1_is_still_the_title(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("某县信访局关于2024年法治政府建设情况的报告", style="Heading 1")
    document.add_paragraph("2024年，我局依法行政。现将有关情况报告如下：")
    document.add_paragraph("一、主要举措和成效", style="Heading 1")
    document.add_paragraph("做了工作。")
    path = tmp_path / "titled.docx"
    document.save(str(path))
    imported = import_report(path)
    assert imported.draft.meta.title == "某县信访局关于2024年法治政府建设情况的报告"
    assert format_outline(imported.outline) == "1\t举措成效\t一、主要举措和成效"

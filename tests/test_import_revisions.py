"""Importing a DOCX a leader edited with 修订 on: pending revisions, moves, fields, comments and text boxes,
in the XML Word writes for them (ECMA-376 Part 1, §17.13 revisions, §17.16 fields, §17.13.4 comments)."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml

from app.cli.main import main
from app.importer import RevisionState, format_outline, import_report

NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"'
)
WHO = 'w:author="张局长" w:date="2026-02-21T09:30:00Z"'


def _p(inner: str, ppr: str = "") -> object:
    return parse_xml(f"<w:p {NS}>{ppr}{inner}</w:p>")


def _r(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def _del(text: str, rid: int) -> str:
    return f'<w:del w:id="{rid}" {WHO}><w:r><w:delText xml:space="preserve">{text}</w:delText></w:r></w:del>'


def _ins(text: str, rid: int) -> str:
    return f'<w:ins w:id="{rid}" {WHO}>{_r(text)}</w:ins>'


TEXTBOX = f"""<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>
  <wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" behindDoc="0" locked="0"
   layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column">
   <wp:posOffset>0</wp:posOffset></wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset>
   </wp:positionV><wp:extent cx="1828800" cy="457200"/><wp:wrapSquare wrapText="bothSides"/>
   <wp:docPr id="1" name="文本框 1"/><a:graphic><a:graphicData
   uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:cNvSpPr txBox="1"/>
   <wps:spPr/><wps:txbx><w:txbxContent><w:p>{_r("专栏：全年化解信访积案36件")}</w:p></w:txbxContent></wps:txbx>
   <wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>
  <mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent><w:p>{_r("专栏：全年化解信访积案36件")}</w:p>
  </w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"""


def _revised_report(path: Path) -> None:
    """A short report after a leader's pass in Word with 修订 on, a comment, fields and a text box."""
    document = docx.Document()
    body = document.element.body
    sect = body[-1]
    paragraphs = [
        _p(_r("示例县信访局关于2025年法治政府建设情况的报告")),
        _p(_r("2025年，我局坚持依法行政。现将有关情况报告如下：")),
        _p(_r("一、主要举措和成效")),
        # A figure replaced: the example of issue #16.
        _p(
            _r("（一）依法分类处理。全年受理信访事项") + _del("1000件", 1) + _ins("1200件", 2) + _r("，按期办结率98%。")
        ),
        # A sentence moved from here …
        _p(
            _r("（二）加强普法宣传。")
            + '<w:moveFromRangeStart w:id="10" w:name="move1" '
            + WHO
            + "/>"
            + f'<w:moveFrom w:id="11" {WHO}>{_r("开展宪法宣传周活动。")}</w:moveFrom>'
            + '<w:moveFromRangeEnd w:id="10"/>'
            + _r("组织干部集中学法。")
        ),
        # … to here; a field whose result is the page number Word shows, a simple field too.
        _p(
            _r("（三）规范执法。")
            + '<w:moveToRangeStart w:id="12" w:name="move1" '
            + WHO
            + "/>"
            + f'<w:moveTo w:id="13" {WHO}>{_r("开展宪法宣传周活动。")}</w:moveTo>'
            + '<w:moveToRangeEnd w:id="12"/>'
            + _r("详见第")
            + '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGEREF _Toc1 \\h </w:instrText></w:r>'
            + '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            + _r("3")
            + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
            + _r("页，共")
            + '<w:fldSimple w:instr=" NUMPAGES "><w:r><w:t>5</w:t></w:r></w:fldSimple>'
            + _r("页。")
        ),
        # A whole item deleted, paragraph mark included: Word's way of deleting a paragraph.
        _p(_del("（四）旧的一项。这一段被删除。", 20), f'<w:pPr><w:rPr><w:del w:id="21" {WHO}/></w:rPr></w:pPr>'),
        # A new paragraph inserted, mark included.
        _p(_ins("全年未发生行政复议被纠错案件。", 22), f'<w:pPr><w:rPr><w:ins w:id="23" {WHO}/></w:rPr></w:pPr>'),
        _p(_r("二、存在的不足和原因")),
        _p(_r("基层法治力量仍需加强。") + TEXTBOX),
        _p(_r("三、2026年工作打算")),
        _p(_r("持续推进信访工作法治化。")),
        _p(_r("示例县信访局")),
        _p(_r("2026年2月20日")),
    ]
    for paragraph in paragraphs:
        sect.addprevious(paragraph)
    # A comment as Word anchors it (commentRangeStart … End and a reference run), on the figure's sentence.
    target = document.paragraphs[3]
    document.add_comment(target.runs[0], text="请核实办结率口径", author="李科长", initials="LK")
    document.save(str(path))


@pytest.fixture
def revised(tmp_path: Path) -> Path:
    path = tmp_path / "修改稿.docx"
    _revised_report(path)
    return path


def _section_texts(imported) -> list[str]:
    return [p.text for p in imported.draft.all_paragraphs()]


def test_pending_revisions_import_in_the_accepted_state(revised: Path) -> None:
    imported = import_report(revised)
    texts = _section_texts(imported)
    assert "全年受理信访事项1200件，按期办结率98%。" in texts
    assert "组织干部集中学法。" in texts  # moved-from text gone …
    assert "开展宪法宣传周活动。详见第3页，共5页。" in texts  # … moved-to text kept; field results kept
    assert "全年未发生行政复议被纠错案件。" in texts
    assert not any("旧的一项" in t or "1000件" in t or "PAGEREF" in t for t in texts)
    items = [item.heading for item in imported.draft.sections[0].items]
    assert items == ["依法分类处理。", "加强普法宣传。", "规范执法。"]
    notes = imported.notes
    assert notes.state is RevisionState.ACCEPTED
    assert (notes.revisions.insertions, notes.revisions.deletions, notes.revisions.moves) == (3, 3, 1)


def test_the_original_state_can_be_asked_for(revised: Path) -> None:
    imported = import_report(revised, RevisionState.ORIGINAL)
    texts = _section_texts(imported)
    assert "全年受理信访事项1000件，按期办结率98%。" in texts
    assert "开展宪法宣传周活动。组织干部集中学法。" in texts
    assert "详见第3页，共5页。" in texts
    assert not any("1200件" in t or "行政复议被纠错" in t for t in texts)
    assert [item.heading for item in imported.draft.sections[0].items][-1] == "旧的一项。"


def test_comments_and_text_boxes_are_told_not_dropped(revised: Path) -> None:
    notes = import_report(revised).notes
    (comment,) = notes.comments
    assert (comment.author, comment.text) == ("李科长", "请核实办结率口径")
    assert "（一）依法分类处理。" in comment.anchor
    lines = "\n".join(notes.lines())
    assert "请核实办结率口径" in lines
    assert "文本框" in lines and "全年化解信访积案36件" in lines
    assert lines.count("全年化解信访积案36件") == 1  # the VML fallback copy is not a second text box
    assert "接受全部修订后的文字" in lines


def test_the_command_line_says_the_document_had_revisions(revised: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", str(revised), "--outline"]) == 0
    out, err = capsys.readouterr()
    assert "文档中有未处理的修订（插入 3 处、删除 3 处、移动 1 处）" in err
    assert "已按“接受全部修订后的文字”导入" in err
    assert "批注 李科长：请核实办结率口径" in err
    assert "文本框" in err
    assert format_outline(import_report(revised).outline) == out.strip()
    assert main(["import", str(revised), "--outline", "--revisions", "original"]) == 0
    out, err = capsys.readouterr()
    assert "拒绝全部修订" in err
    assert "旧的一项" in out


def test_a_document_without_revisions_says_nothing_about_them(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("一、主要举措和成效")
    document.add_paragraph("全年受理信访事项1200件。")
    path = tmp_path / "plain.docx"
    document.save(str(path))
    assert import_report(path).notes.lines() == []


def test_a_run_in_heading_kept_in_its_own_paragraph_by_a_style_separator_reads_as_one(tmp_path: Path) -> None:
    """Word's style separator (a hidden paragraph mark, w:specVanish) prints a Heading-styled paragraph
    and the body paragraph after it on one line; the importer reads them as the one run-in paragraph."""
    document = docx.Document()
    document.add_paragraph("一、主要举措和成效", style="Heading 1")
    heading = document.add_paragraph("（一）强化组织领导。", style="Heading 2")
    heading._p.get_or_add_pPr().append(parse_xml(f"<w:rPr {NS}><w:vanish/><w:specVanish/></w:rPr>"))
    document.add_paragraph("全年召开党组会议4次。")
    path = tmp_path / "separator.docx"
    document.save(str(path))
    item = import_report(path).draft.sections[0].items[0]
    assert (item.heading, item.run_in, [p.text for p in item.paragraphs]) == (
        "强化组织领导。",
        True,
        ["全年召开党组会议4次。"],
    )

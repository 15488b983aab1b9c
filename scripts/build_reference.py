"""Builds `templates/<pack>/reference.docx`, the GB/T 9704 style sheet the DOCX writer fills.

    uv run python scripts/build_reference.py            # every pack in templates/
    uv run python scripts/build_reference.py regulation  # one pack

Starts from python-docx's default template and replaces what would go wrong in a Chinese 公文: the
Japanese theme language and theme fonts (unset Chinese text would fall back to a Japanese face), the
Letter page, the body and heading styles. Every number comes from `app.render.gbt9704`; docs/format.md
says where each one lands in the file. A bureau may restyle the result in Word or WPS: the writer looks
styles up by name, so what it changes in a style carries into every report rendered with it.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.core.atomic import write_bytes_atomic
from app.render import gbt9704 as g
from app.render.docx_writer import set_extended_properties
from app.render.pack import BUILTIN_PACKS

LATIN = "Times New Roman"
FANGSONG = "仿宋_GB2312"
KAITI = "楷体_GB2312"
HEITI = "黑体"
SONGTI = "宋体"
TITLE_FACE = "方正小标宋简体"

# Style ids and names the writer relies on (it finds them by name, see app/render/docx_writer.py).
STYLE_NAMES = {
    "title": "Title",
    "addressee": "主送机关",
    "body": "Normal",
    "heading1": "heading 1",
    "heading2": "heading 2",
    "heading3": "heading 3",
    "heading4": "heading 4",
    "signature": "发文机关署名",
    "date": "成文日期",
    "table": "表格文字",
}
KEEP_STYLE_IDS = {"DefaultParagraphFont", "TableNormal", "NoList", "TableGrid"}


def fonts(east_asia: str, latin: str = LATIN) -> str:
    # hint=eastAsia: quotes and dashes that Unicode shares between scripts (“ ” — …) take the CJK face,
    # full width, as Chinese typesetting expects, instead of Times New Roman's narrow glyphs.
    return f'<w:rFonts w:ascii="{latin}" w:hAnsi="{latin}" w:eastAsia="{east_asia}" w:cs="{latin}" w:hint="eastAsia"/>'


def run_props(
    east_asia: str, size_pt: float | None, latin: str = LATIN, *, snap: bool = True, condense: int | None = None
) -> str:
    size = f'<w:sz w:val="{round(size_pt * 2)}"/><w:szCs w:val="{round(size_pt * 2)}"/>' if size_pt else ""
    no_snap = "" if snap else '<w:snapToGrid w:val="0"/>'
    spacing = f'<w:spacing w:val="{condense}"/>' if condense is not None else ""
    return (
        f'<w:rPr>{fonts(east_asia, latin)}<w:b w:val="0"/><w:bCs w:val="0"/><w:i w:val="0"/><w:iCs w:val="0"/>'
        f'{no_snap}<w:color w:val="000000"/>{spacing}{size}</w:rPr>'
    )


def exact_spacing(line: int, before: int = 0, after: int = 0) -> str:
    return f'<w:spacing w:before="{before}" w:after="{after}" w:line="{line}" w:lineRule="exact"/>'


NO_INDENT = '<w:ind w:left="0" w:right="0" w:firstLine="0"/>'
# In twips on the condensed pitch, not w:firstLineChars: Word would count those characters at the full
# 16 pt, and the first line would then hold only 27.
BODY_INDENT = f'<w:ind w:firstLine="{g.chars_to_twips(2)}"/>'


@dataclass(frozen=True)
class StyleDef:
    style_id: str
    name: str
    kind: str  # paragraph / character
    ppr: str = ""
    rpr: str = ""
    based_on: str | None = "Normal"
    next: str | None = None
    link: str | None = None
    ui_priority: int | None = None

    def xml(self) -> str:
        parts = [f'<w:name w:val="{self.name}"/>']
        if self.based_on:
            parts.append(f'<w:basedOn w:val="{self.based_on}"/>')
        if self.next:
            parts.append(f'<w:next w:val="{self.next}"/>')
        if self.link:
            parts.append(f'<w:link w:val="{self.link}"/>')
        if self.ui_priority is not None:
            parts.append(f'<w:uiPriority w:val="{self.ui_priority}"/>')
        parts.append("<w:qFormat/>")
        if self.ppr:
            parts.append(f"<w:pPr>{self.ppr}</w:pPr>")
        parts.append(self.rpr)
        default = ' w:default="1"' if self.style_id == "Normal" else ""
        return f'<w:style {nsdecls("w")} w:type="{self.kind}"{default} w:styleId="{self.style_id}">{"".join(parts)}</w:style>'


HEADING_FACES = (HEITI, KAITI, FANGSONG, FANGSONG)  # 一、 （一） 1. （1）


def style_defs() -> list[StyleDef]:
    pitch = g.LINE_PITCH
    styles = [
        StyleDef(
            "Normal",
            "Normal",
            "paragraph",
            # No widow/orphan control: it would pull lines to the next page and break the 22-line grid.
            # Hanging punctuation: LibreOffice 7.4 drops a comma it hangs in the margin of a full line (it is
            # missing from the PDF) and reads w:overflowPunct inverted (writerfilter: hanging = val == 0). So
            # val=1 is written: Word's own default (may hang, and prints it), LibreOffice without hanging.
            # The automatic space between 汉字 and Latin letters or digits stays on (autoSpaceDE/DN, Word's
            # default): LibreOffice's DOCX import ignores both settings and always adds it, so only with it on
            # do Word, LibreOffice and the print layout (which adds it too) break the same lines.
            ppr=f'<w:widowControl w:val="0"/><w:overflowPunct w:val="1"/><w:autoSpaceDE w:val="1"/>'
            f'<w:autoSpaceDN w:val="1"/>{exact_spacing(pitch)}{BODY_INDENT}'
            '<w:jc w:val="both"/>',
            # Condensed by a quarter point a character, so that 28 fit the line (see app/render/gbt9704.py).
            rpr=run_props(FANGSONG, g.BODY_PT, condense=g.CHAR_CONDENSE),
            based_on=None,
            ui_priority=0,
        ),
        StyleDef(
            "Title",
            "Title",
            "paragraph",
            # Not snapped to the character grid: 22 pt characters would each take two 16 pt cells.
            # One blank line below, before the addressee (§7.3.3/§7.3.4).
            ppr=f'<w:keepNext/><w:snapToGrid w:val="0"/>{exact_spacing(pitch, after=pitch)}{NO_INDENT}'
            '<w:jc w:val="center"/>',
            rpr=run_props(TITLE_FACE, g.TITLE_PT, condense=0),
            next="FzbgAddressee",
            ui_priority=10,
        ),
        StyleDef(
            "FzbgAddressee",
            STYLE_NAMES["addressee"],
            "paragraph",
            ppr=f'{NO_INDENT}<w:jc w:val="left"/>',
            rpr=run_props(FANGSONG, None),
            next="Normal",
        ),
        StyleDef(
            "FzbgSignature",
            STYLE_NAMES["signature"],
            "paragraph",
            # §7.3.5.2: one blank line under the body, then the signature; it stays with the date.
            ppr=f'<w:keepNext/>{exact_spacing(pitch, before=pitch)}{NO_INDENT}<w:jc w:val="right"/>',
            rpr=run_props(FANGSONG, None),
            next="FzbgDate",
        ),
        StyleDef(
            "FzbgDate",
            STYLE_NAMES["date"],
            "paragraph",
            ppr=f'{NO_INDENT}<w:jc w:val="right"/>',
            rpr=run_props(FANGSONG, None),
            next="Normal",
        ),
        StyleDef(
            "FzbgTableText",
            STYLE_NAMES["table"],
            "paragraph",
            ppr=f'<w:snapToGrid w:val="0"/>{exact_spacing(pitch)}{NO_INDENT}<w:jc w:val="left"/>',
            rpr=run_props(FANGSONG, None),
        ),
        StyleDef(
            "Header",
            "header",
            "paragraph",
            ppr=f'<w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>{NO_INDENT}',
            rpr=run_props(SONGTI, 9, condense=0),
            ui_priority=99,
        ),
        StyleDef(
            "Footer",
            "footer",
            "paragraph",
            # Page numbers: 4号 half-width 宋体 digits (§7.5), off the grid so "— 1 —" keeps its own widths.
            ppr=f'<w:snapToGrid w:val="0"/>{exact_spacing(g.PAGE_NUMBER_LINE)}{NO_INDENT}',
            rpr=run_props(SONGTI, g.PAGE_NUMBER_PT, latin=SONGTI, snap=False, condense=0),
            ui_priority=99,
        ),
        StyleDef(
            "FzbgPageNumberOdd",
            "页码（单页）",
            "paragraph",
            ppr=f'<w:ind w:left="0" w:right="{g.PAGE_NUMBER_INDENT}" w:firstLine="0"/><w:jc w:val="right"/>',
            based_on="Footer",
        ),
        StyleDef(
            "FzbgPageNumberEven",
            "页码（双页）",
            "paragraph",
            ppr=f'<w:ind w:left="{g.PAGE_NUMBER_INDENT}" w:right="0" w:firstLine="0"/><w:jc w:val="left"/>',
            based_on="Footer",
        ),
    ]
    for level, face in enumerate(HEADING_FACES, start=1):
        styles.append(
            StyleDef(
                f"Heading{level}",
                f"heading {level}",
                "paragraph",
                # Same line, indent and size as the body; keepNext so a heading never ends a page;
                # the outline level feeds Word's navigation pane.
                ppr=f'<w:keepNext/><w:outlineLvl w:val="{level - 1}"/>',
                rpr=run_props(face, g.BODY_PT),
                next="Normal",
                link=f"Heading{level}Char",
                ui_priority=9,
            )
        )
        styles.append(
            StyleDef(
                f"Heading{level}Char",
                f"标题 {level} 字符",
                "character",
                # A run-in heading (（一）强化组织领导。全年…): the heading's face inside a body paragraph.
                # Linked to the paragraph style, so restyling 标题 N in Word restyles this too.
                rpr=run_props(face, None),
                based_on="DefaultParagraphFont",
                link=f"Heading{level}",
                ui_priority=9,
            )
        )
    return styles


def _fix_styles(document: docx.document.Document) -> None:
    root = document.styles.element
    doc_defaults = root.find(qn("w:docDefaults"))
    doc_defaults.getparent().replace(
        doc_defaults,
        parse_xml(
            f"<w:docDefaults {nsdecls('w')}><w:rPrDefault><w:rPr>{fonts(FANGSONG)}"
            f'<w:kern w:val="0"/><w:sz w:val="{g.BODY_PT * 2}"/><w:szCs w:val="{g.BODY_PT * 2}"/>'
            '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
            '<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault>'
            "</w:docDefaults>"
        ),
    )
    for style in root.findall(qn("w:style")):
        if style.get(qn("w:styleId")) not in KEEP_STYLE_IDS:
            root.remove(style)
    for definition in style_defs():
        root.append(parse_xml(definition.xml()))


def _fix_settings(document: docx.document.Document) -> None:
    document.settings.odd_and_even_pages_header_footer = True
    settings = document.settings.element
    lang = settings.find(qn("w:themeFontLang"))
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    # Word-specific noise of the default template that has no business in a bureau's file.
    for tag in ("w:rsids", "w:attachedTemplate"):
        for el in settings.findall(qn(tag)):
            settings.remove(el)
    # The schema requires a percentage beside bestFit; 100 is what Word falls back to.
    settings.find(qn("w:zoom")).set(qn("w:percent"), "100")
    # Word 2013 and later layout: without it Word opens every report in 兼容模式.
    for setting in settings.find(qn("w:compat")).findall(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), "15")


def _fix_theme(document: docx.document.Document) -> None:
    theme = document.part.part_related_by(RT.THEME)
    xml = theme.blob.decode("utf-8")
    # The theme's East Asian faces are what text set to "+正文/+标题" resolves to.
    minor, major = xml.index("<a:minorFont>"), xml.index("<a:majorFont>")
    assert major < minor
    head, body = xml[:minor], xml[minor:]
    head = head.replace('<a:ea typeface=""/>', f'<a:ea typeface="{HEITI}"/>', 1)
    head = head.replace('<a:font script="Hans" typeface="宋体"/>', f'<a:font script="Hans" typeface="{HEITI}"/>')
    body = body.replace('<a:ea typeface=""/>', f'<a:ea typeface="{FANGSONG}"/>', 1)
    body = body.replace('<a:font script="Hans" typeface="宋体"/>', f'<a:font script="Hans" typeface="{FANGSONG}"/>')
    body = re.sub(r'<a:latin typeface="[^"]*"/>', f'<a:latin typeface="{LATIN}"/>', body, count=1)
    head = re.sub(r'(<a:majorFont>\s*)<a:latin typeface="[^"]*"/>', rf'\1<a:latin typeface="{LATIN}"/>', head, count=1)
    theme._blob = (head + body).encode("utf-8")


# The standard faces are missing on many PCs; altName lets Word fall back to the face every Chinese
# Windows has (仿宋_GB2312 → 仿宋 …), charset 86 = GB2312.
FONT_TABLE = (
    (FANGSONG, "仿宋", "02010609030101010101", "modern", "fixed"),
    (KAITI, "楷体", "02010609030101010101", "modern", "fixed"),
    (TITLE_FACE, "宋体", "02000000000000000000", "auto", "variable"),
    (HEITI, "SimHei", "02010609060101010101", "modern", "fixed"),
    (SONGTI, "SimSun", "02010600030101010101", "auto", "variable"),
    ("仿宋", "FangSong", "02010609060101010101", "modern", "fixed"),
    ("楷体", "KaiTi", "02010609060101010101", "modern", "fixed"),
)


def _fix_font_table(document: docx.document.Document) -> None:
    part = document.part.part_related_by(RT.FONT_TABLE)
    root = parse_xml(part.blob)
    for font in root.findall(qn("w:font")):
        if font.get(qn("w:name")) not in (LATIN, "Symbol"):
            root.remove(font)
    for name, alt, panose, family, pitch in FONT_TABLE:
        root.append(
            parse_xml(
                f'<w:font {nsdecls("w")} w:name="{name}"><w:altName w:val="{alt}"/>'
                f'<w:panose1 w:val="{panose}"/><w:charset w:val="86"/><w:family w:val="{family}"/>'
                f'<w:pitch w:val="{pitch}"/></w:font>'
            )
        )
    from lxml import etree

    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _drop_extras(document: docx.document.Document) -> None:
    """Parts of the default template a 公文 does not need: Word 2010 style copy, sample bibliography, thumbnail."""
    for rels in (document.part.rels, document.part.package.rels):
        for r_id, rel in list(rels.items()):
            name = rel.reltype.rsplit("/", 1)[-1]
            # numbering: the default template's nine lists, whose styles are gone (headings number as text).
            if name in ("stylesWithEffects", "customXml", "thumbnail", "numbering"):
                rels.pop(r_id)


def _page_number(paragraph) -> None:
    """`— N —` with a PAGE field for N."""
    p = paragraph._p
    p.append(parse_xml(f'<w:r {nsdecls("w")}><w:t xml:space="preserve">— </w:t></w:r>'))
    p.append(parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="begin"/></w:r>'))
    p.append(parse_xml(f'<w:r {nsdecls("w")}><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'))
    p.append(parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="separate"/></w:r>'))
    p.append(parse_xml(f"<w:r {nsdecls('w')}><w:t>1</w:t></w:r>"))
    p.append(parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="end"/></w:r>'))
    p.append(parse_xml(f'<w:r {nsdecls("w")}><w:t xml:space="preserve"> —</w:t></w:r>'))


def _fix_section(document: docx.document.Document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = g.PAGE_WIDTH * 635, g.PAGE_HEIGHT * 635  # EMU per twip
    section.top_margin = g.MARGIN_TOP * 635
    section.bottom_margin = g.MARGIN_BOTTOM * 635
    section.left_margin = g.MARGIN_LEFT * 635
    section.right_margin = g.MARGIN_RIGHT * 635
    section.header_distance = g.mm_to_twips(15) * 635
    section.footer_distance = g.FOOTER_DISTANCE * 635
    section.gutter = 0
    sect_pr = section._sectPr
    for attr in ("w:rsidR", "w:rsidRPr", "w:rsidSect"):
        sect_pr.attrib.pop(qn(attr), None)
    grid = sect_pr.find(qn("w:docGrid"))
    # A line grid only: see app/render/gbt9704.py for why the character grid is left to w:spacing.
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(g.LINE_PITCH))

    odd = section.footer.paragraphs[0]
    odd.style = document.styles["页码（单页）"]
    _page_number(odd)
    even = section.even_page_footer.paragraphs[0]
    even.style = document.styles["页码（双页）"]
    _page_number(even)


SAMPLE = (
    ("title", "XX局关于20XX年法治政府建设\n情况的报告"),
    ("addressee", "中共XX县委、XX县人民政府："),
    ("body", "本样式表由法治报告助手生成，按GB/T 9704-2012排版。可在Word或WPS中修改各样式，生成的报告随之改变。"),
    ("heading1", "一、一级标题（黑体）"),
    ("heading2", "（一）二级标题（楷体）"),
    ("heading3", "1.三级标题（仿宋）"),
    ("heading4", "（1）四级标题（仿宋）"),
    ("body", "正文每页22行，每行28字。"),
    ("signature", "XX局"),
    ("date", "20XX年X月X日"),
)


def _sample_body(document: docx.document.Document) -> None:
    """A page showing every style, for whoever opens the style sheet itself; the writer replaces it."""
    for role, text in SAMPLE:
        paragraph = document.add_paragraph(style=document.styles[STYLE_NAMES[role]])
        lines = text.split("\n")
        for i, line in enumerate(lines):
            run = paragraph.add_run(line)
            if i < len(lines) - 1:
                run.add_break()
    document.paragraphs[-2].paragraph_format.right_indent = g.chars_to_twips(2) * 635
    document.paragraphs[-1].paragraph_format.right_indent = g.chars_to_twips(2) * 635


def _fix_core(document: docx.document.Document) -> None:
    core = document.core_properties
    core.title = "公文样式表（GB/T 9704-2012）"
    core.author = "法治报告助手"
    core.last_modified_by = "法治报告助手"
    now = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)
    core.created = core.modified = now  # not python-docx's template date (2013)
    for attr in ("subject", "keywords", "comments", "category"):
        setattr(core, attr, "")
    core.revision = 1


def build_reference() -> bytes:
    document = docx.Document()
    _drop_extras(document)
    _fix_styles(document)
    _fix_settings(document)
    _fix_theme(document)
    _fix_font_table(document)
    _fix_section(document)
    _sample_body(document)
    _fix_core(document)
    set_extended_properties(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def main(argv: list[str]) -> int:
    data = build_reference()
    packs = argv or sorted(p.name for p in BUILTIN_PACKS.iterdir() if (p / "manifest.toml").is_file())
    for pack in packs:
        target = BUILTIN_PACKS / pack / "reference.docx"
        write_bytes_atomic(target, data)
        print(target.relative_to(BUILTIN_PACKS.parent))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

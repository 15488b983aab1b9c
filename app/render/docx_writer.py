"""Document blocks → DOCX, on the template pack's reference.docx (its page set-up, footers and styles).

Every block becomes one paragraph in the style of its role; the styles are looked up by name, so a
bureau that restyles the reference in Word or WPS gets its styles in every report. Direct formatting is
used only for geometry that depends on the text: the right indents of signature and date.
"""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import io
import zipfile
from functools import lru_cache
from pathlib import Path

import docx
from docx.document import Document
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from lxml import etree

from app.core.atomic import write_with_atomic
from app.core.errors import RenderError, TemplateError
from app.core.model import Draft
from app.core.text import clean_text
from app.render import gbt9704
from app.render.blocks import HEADING_ROLES, Block, Role
from app.render.compose import compose
from app.render.limits import check_reference_archive
from app.render.pack import TemplatePack, load_pack

# Paragraph style of each role, by the name Word shows (built-in names are stored in English).
PARAGRAPH_STYLES: dict[Role, str] = {
    Role.TITLE: "Title",
    Role.ADDRESSEE: "主送机关",
    Role.BODY: "Normal",
    Role.HEADING1: "heading 1",
    Role.HEADING2: "heading 2",
    Role.HEADING3: "heading 3",
    Role.HEADING4: "heading 4",
    Role.SIGNATURE: "发文机关署名",
    Role.DATE: "成文日期",
    Role.TABLE: "表格文字",
}
TABLE_STYLE = "Table Grid"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def render_docx(draft: Draft, target: Path, pack: TemplatePack | None = None) -> None:
    """The draft as a GB/T 9704 DOCX at `target`; on any failure `target` is left as it was."""
    pack = pack or load_pack(draft.meta.template_pack)
    blocks = compose(draft, pack)
    title = next((b.text for b in blocks if b.role is Role.TITLE), "")
    write_docx(blocks, target, pack.reference_path, title=title.replace("\n", ""), author=draft.meta.unit_name)


def write_docx(blocks: list[Block], target: Path, reference: Path, *, title: str, author: str) -> None:
    document, styles = _open_reference(Path(reference))
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    sect_pr = body.find(qn("w:sectPr"))
    if sect_pr is not None:
        body.remove(sect_pr)  # the section properties stay the body's last child
    try:
        body.extend(list(etree.fromstring(_body_xml(blocks, styles))))
    except etree.XMLSyntaxError as exc:  # only text clean_text let through could cause it
        raise RenderError(f"文档无法生成：{exc}") from exc
    if sect_pr is not None:
        body.append(sect_pr)
    _set_properties(document, clean_text(title), clean_text(author))
    set_extended_properties(document)
    try:
        write_with_atomic(Path(target), document.save)
    except ValueError as exc:  # python-docx refusing text it cannot store
        raise RenderError(f"文档无法生成：{exc}") from exc


# --- reference ----------------------------------------------------------------------------------


def _open_reference(reference: Path) -> tuple[Document, dict[str, str]]:
    """A fresh Document from the reference (bytes cached per file version) and its style ids by role."""
    try:
        stat = reference.stat()
    except OSError as exc:
        raise TemplateError(
            f"找不到模板样式文件“{reference}”，请重新安装模板或运行 scripts/build_reference.py。"
        ) from exc
    data = _reference_bytes(reference, stat.st_mtime_ns, stat.st_size)
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as exc:
        raise TemplateError(f"模板样式文件“{reference}”已损坏或不是 Word 文档（.docx）。") from exc
    return document, _style_ids(reference, stat.st_mtime_ns, stat.st_size, document)


@lru_cache(maxsize=8)
def _reference_bytes(reference: Path, mtime_ns: int, size: int) -> bytes:
    try:
        data = reference.read_bytes()
    except OSError as exc:
        raise TemplateError(f"模板样式文件“{reference}”无法读取。") from exc
    check_reference_archive(data, reference)  # a zip bomb is refused before python-docx inflates it
    return data


_STYLE_ID_CACHE: dict[tuple[Path, int, int], dict[str, str]] = {}


def _style_ids(reference: Path, mtime_ns: int, size: int, document: Document) -> dict[str, str]:
    key = (reference, mtime_ns, size)
    cached = _STYLE_ID_CACHE.get(key)
    if cached is not None:
        return cached
    by_name: dict[str, tuple[str, str]] = {}
    for style in document.styles.element.findall(qn("w:style")):
        name = style.find(qn("w:name"))
        if name is not None:
            by_name[name.get(qn("w:val"))] = (style.get(qn("w:type")), style.get(qn("w:styleId")))
    ids: dict[str, str] = {}
    for role, name in PARAGRAPH_STYLES.items():
        kind, style_id = by_name.get(name, (None, None))
        if kind != "paragraph" or style_id is None:
            raise TemplateError(f"模板样式文件“{reference.name}”缺少段落样式“{name}”。")
        ids[role.value] = style_id
    for role in HEADING_ROLES:
        # The character style Word links to the heading: the heading's face inside a body paragraph.
        linked = _linked_character_style(document, ids[role.value])
        ids[f"{role.value}-run"] = linked or ""
    ids["table-style"] = by_name.get(TABLE_STYLE, ("", ""))[1]
    _STYLE_ID_CACHE.clear()
    _STYLE_ID_CACHE[key] = ids
    return ids


def _linked_character_style(document: Document, paragraph_style_id: str) -> str | None:
    root = document.styles.element
    for style in root.findall(qn("w:style")):
        if style.get(qn("w:styleId")) == paragraph_style_id:
            link = style.find(qn("w:link"))
            if link is None:
                return None
            linked_id = link.get(qn("w:val"))
            for other in root.findall(qn("w:style")):
                if other.get(qn("w:styleId")) == linked_id and other.get(qn("w:type")) == "character":
                    return linked_id
    return None


# --- content ------------------------------------------------------------------------------------

# The body is written as WordprocessingML text and parsed once by lxml: one C-speed parse instead of a
# Python call per element (python-docx's OxmlElement also parses a namespace map for every element).
# Text is cleaned of what XML cannot hold and escaped here, in one place.
_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attr(value: str) -> str:
    return _esc(value).replace('"', "&quot;")


def _body_xml(blocks: list[Block], styles: dict[str, str]) -> bytes:
    out: list[str] = [f'<w:body xmlns:w="{_W_NS}">']
    for block in blocks:
        if block.role is Role.TABLE:
            _table(out, block, styles)
        else:
            _paragraph(out, block, styles)
    out.append("</w:body>")
    return "".join(out).encode("utf-8")


def _paragraph(out: list[str], block: Block, styles: dict[str, str]) -> None:
    out.append(f'<w:p><w:pPr><w:pStyle w:val="{_attr(styles[block.role.value])}"/>')
    if block.indent_right is not None:
        out.append(f'<w:ind w:right="{gbt9704.chars_to_twips(block.indent_right)}"/>')
    run_in = block.outline_level if block.role is Role.BODY else None
    if run_in is not None:
        # A run-in heading（（一）标题。正文…）: the paragraph takes the heading's outline level, so Word's and
        # WPS's navigation pane list it. Not a style separator (w:specVanish): LibreOffice prints such a
        # heading on a line of its own, and the DOCX would no longer break where our pages do (docs/format.md).
        out.append(f'<w:outlineLvl w:val="{run_in - 1}"/>')
    out.append("</w:pPr>")
    for run in block.runs:
        run_style = styles.get(f"{run.role.value}-run") if run.role is not block.role else None
        _run(out, run.text, run_style)
    out.append("</w:p>")


def _run(out: list[str], text: str, run_style: str | None) -> None:
    out.append("<w:r>")
    if run_style:
        out.append(f'<w:rPr><w:rStyle w:val="{_attr(run_style)}"/></w:rPr>')
    # Tabs and line breaks are elements of their own in WordprocessingML, not characters of w:t.
    for i, line in enumerate(clean_text(text).split("\n")):
        if i:
            out.append("<w:br/>")
        for j, piece in enumerate(line.split("\t")):
            if j:
                out.append("<w:tab/>")
            if piece:
                space = ' xml:space="preserve"' if piece != piece.strip() else ""
                out.append(f"<w:t{space}>{_esc(piece)}</w:t>")
    out.append("</w:r>")


def _table(out: list[str], block: Block, styles: dict[str, str]) -> None:
    columns = max((len(row) for row in block.rows), default=1) or 1
    width = gbt9704.TEXT_WIDTH // columns
    out.append("<w:tbl><w:tblPr>")
    if styles.get("table-style"):
        out.append(f'<w:tblStyle w:val="{_attr(styles["table-style"])}"/>')
    # In the schema's order (CT_TblPr): width, alignment, borders, layout.
    out.append(f'<w:tblW w:w="{width * columns}" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders>')
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        out.append(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>')
    out.append('</w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>')
    out.append(f'<w:gridCol w:w="{width}"/>' * columns)
    out.append("</w:tblGrid>")
    cell_style = _attr(styles[Role.TABLE.value])
    for row in block.rows:
        out.append("<w:tr>")
        for i in range(columns):
            out.append(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>')
            out.append(f'<w:p><w:pPr><w:pStyle w:val="{cell_style}"/></w:pPr>')
            _run(out, row[i] if i < len(row) else "", None)
            out.append("</w:p></w:tc>")
        out.append("</w:tr>")
    out.append("</w:tbl>")


def _set_properties(document: Document, title: str, author: str) -> None:
    core = document.core_properties
    now = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)
    core.title = title
    core.author = author
    core.last_modified_by = author
    core.created = now
    core.modified = now
    core.revision = 1
    for attr in ("subject", "keywords", "comments", "category"):
        setattr(core, attr, "")


APP_NAME = "法治报告助手"
_EXTENDED_PROPERTIES_PART = "/docProps/app.xml"


def app_version() -> str | None:
    try:
        return importlib.metadata.version("fzbg")
    except importlib.metadata.PackageNotFoundError:  # a frozen build without the package's metadata
        return None


def set_extended_properties(document: Document) -> None:
    """docProps/app.xml names this program and its version, and claims no statistics (pages, words):
    they would be guesses until Word or WPS counts them itself."""
    version = app_version()
    application = f"{APP_NAME} {version}" if version else APP_NAME
    xml = (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
        f"<Application>{_esc(application)}</Application><DocSecurity>0</DocSecurity></Properties>"
    ).encode()
    for part in document.part.package.iter_parts():
        if part.partname == _EXTENDED_PROPERTIES_PART:
            part._blob = xml
            return
